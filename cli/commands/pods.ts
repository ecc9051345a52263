import { timestampSince } from '../../functions/domain/human-duration.js';
import type { PodSummary } from '../../functions/domain/model.js';
import { STATUS_VALUE } from '../../functions/domain/names.js';
import { formatRestarts } from '../../functions/domain/pod-row.js';
import { toSecond } from '../../functions/domain/timeline-rows.js';
import { parseOutputFormat } from '../flags.js';
import { type Command, UsageError, writeLine } from '../io.js';
import { selectByLabels, selectorFlag } from '../pod-labels.js';
import { getPages } from '../query-client.js';
import { emptyHint } from '../query-hints.js';
import {
  CONNECTION_USAGE,
  connect,
  flag,
  limitFlag,
  namespaceFlag,
  parseReportLine,
  text,
  type Values,
  WINDOW_USAGE,
  windowFlags,
  workloadFlag,
} from '../query-options.js';
import { fleetCluster, podScope, requireCluster } from '../query-scope.js';
import { fieldAt, parseFieldPath, pathText, sortByField } from '../sort-by.js';
import { formatTable } from '../table.js';
import { listEntered, print, where } from './pods-entered.js';

/** The --sort-by fields a pod listing knows, as paths of the v1 Pod they come from. */
const SORT_FIELDS = [
  '.metadata.name',
  '.metadata.namespace',
  '.metadata.uid',
  '.metadata.creationTimestamp',
  '.spec.nodeName',
  '.status.phase',
  '.status.podIP',
] as const;

const usage = `List the pods seen in a time window, with their last recorded row and how they ended.

Usage:
  podtrail pods [-n NAMESPACE | -A] [--cluster NAME] [--workload [KIND/]NAME] [-l SELECTOR]
                [--sort-by FIELD] [--since 2h] [--until T] [-o table|wide|name|json|yaml]
  podtrail pods --status CrashLoopBackOff [-n NAMESPACE | -A] [--cluster NAME] [--since 7d]

A pod is listed when its life overlaps the window. READY, STATUS and RESTARTS are its last recorded
row; AGE is its age now (at its end, for pods that are gone); ENDED says whether it was
deleted or vanished (deleted while the agent was not watching), and when.
With --status, lists the pods that entered that STATUS in the window instead (across all clusters
unless a cluster is named: --cluster, $PODTRAIL_CLUSTER or --context).

Options:
  -n, --namespace NS    only this namespace (default: the kubeconfig context's namespace, else
                        "default", as kubectl)
  -A, --all-namespaces  every namespace (adds a NAMESPACE column)
      --workload W      only pods of this workload, e.g. Deployment/web or web (needs -n)
      --status STATUS   pods that entered STATUS (CrashLoopBackOff, OOMKilled, ImagePullBackOff, …)
  -l, --selector SEL    only pods whose labels (as last recorded) match, as kubectl -l: a=b, a!=b,
                        a in (x,y), a notin (x,y), a, !a, a>1, a<9, comma-separated. Listings carry
                        no labels, so this reads each listed pod's record: one request more per pod
      --sort-by FIELD   sort as kubectl --sort-by does, by a field a listing records:
                        ${SORT_FIELDS.slice(0, 4).join(', ')},
                        ${SORT_FIELDS.slice(4).join(', ')}
${WINDOW_USAGE}
  -o, --output FORMAT   table (default), wide (adds IP, NODE, WORKLOAD, UID), name (pod/NAME), json
                        or yaml
      --no-headers      omit the header row
      --limit N         read at most N pods (default 500); -l filters those

Every flag also takes kubectl's forms -o=wide, --output=wide, -owide, -n=shop.

${CONNECTION_USAGE}`;

const LIMIT = { min: 1, max: 100_000, default: 500 } as const;

/** A listed pod as the v1 Pod fields --sort-by names (only those a listing records). */
function asPod(pod: PodSummary): unknown {
  return {
    metadata: { name: pod.name, namespace: pod.namespace, uid: pod.uid, creationTimestamp: pod.createdAt },
    spec: { nodeName: pod.last.node || undefined },
    status: { phase: pod.last.phase || undefined, podIP: pod.last.ip || undefined },
  };
}

function sortFlag(values: Values, known: readonly string[]) {
  const value = text(values, 'sort-by');
  if (value === undefined) return undefined;
  const path = parseFieldPath(value);
  const written = pathText(path).slice(1, -1);
  if (!known.includes(written))
    throw new UsageError(
      `--sort-by: podtrail does not record "${value}" for a pod listing; use one of ${known.join(', ')}`,
    );
  return path;
}

export const podsCommand: Command = {
  name: 'pods',
  usage,
  async run(argv, io) {
    const values = parseReportLine(argv, {
      workload: { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string' },
      selector: { type: 'string', short: 'l' },
      'sort-by': { type: 'string' },
    });
    const format = parseOutputFormat(text(values, 'output'), ['table', 'wide', 'name', 'json', 'yaml']);
    const window = windowFlags(values, io.now());
    const limit = limitFlag(values, LIMIT);
    const selector = selectorFlag(text(values, 'selector'));
    const status = text(values, 'status');
    if (status !== undefined) {
      if (!STATUS_VALUE.test(status)) throw new UsageError(`--status: "${status}" is not a STATUS value`);
      const sortBy = sortFlag(values, SORT_FIELDS.slice(0, 3));
      const cluster = await fleetCluster(values, io);
      const namespace = namespaceFlag(values, 'default');
      return listEntered(values, io, { status, cluster, namespace, window, limit, format, selector, sortBy });
    }
    const sortBy = sortFlag(values, SORT_FIELDS);
    const scope = await podScope(values, io);
    const namespace = namespaceFlag(values, scope.defaultNamespace);
    const workload = workloadFlag(values);
    if (workload !== undefined && namespace === undefined)
      throw new UsageError('--workload needs -n NAMESPACE');
    const client = connect(values, io);
    const cluster = await requireCluster(scope, client);
    const listed = await getPages<PodSummary>(
      client,
      '/v1/pods',
      { cluster: cluster.name, namespace, workload, ...window, limit: Math.min(limit, 1000) },
      'pods',
      limit,
    );
    let items = await selectByLabels(client, listed.items, selector);
    if (items.length === 0) {
      writeLine(
        io.stderr,
        `No pods${selector === undefined ? '' : ` matching -l ${text(values, 'selector')}`} seen in ${where(cluster, namespace)} from ${toSecond(window.since)} to ${toSecond(window.until)}.`,
      );
      writeLine(io.stderr, await emptyHint(client, cluster.name, ['namespace', 'window']));
      return 0;
    }
    if (sortBy !== undefined) items = sortByField(items, sortBy, (pod) => fieldAt(asPod(pod), sortBy));
    if (format === 'name') {
      io.stdout.write(items.map((pod) => `pod/${pod.name}\n`).join(''));
      return 0;
    }
    if (format === 'json' || format === 'yaml') {
      print(io, format, { cluster: cluster.name, window, pods: items });
      return 0;
    }
    const wide = format === 'wide';
    const header = [
      ...(namespace === undefined ? ['NAMESPACE'] : []),
      'NAME',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
      'ENDED',
      ...(wide ? ['IP', 'NODE', 'WORKLOAD', 'UID'] : []),
    ];
    const now = io.now();
    const rows = items.map((pod) => {
      const at = pod.endedAt === undefined ? now : Date.parse(pod.endedAt);
      const lastRestart =
        pod.last.lastRestartAt === undefined ? undefined : Date.parse(pod.last.lastRestartAt);
      return [
        ...(namespace === undefined ? [pod.namespace] : []),
        pod.name,
        pod.last.ready,
        pod.last.status,
        formatRestarts(pod.last.restarts, lastRestart, at),
        timestampSince(pod.createdAt === undefined ? undefined : Date.parse(pod.createdAt), at),
        pod.endedAt === undefined ? '-' : `${capitalise(pod.endedBy ?? 'ended')} ${toSecond(pod.endedAt)}`,
        ...(wide
          ? [
              pod.last.ip || '<none>',
              pod.last.node || '<none>',
              `${pod.workload.kind}/${pod.workload.name}`,
              pod.uid,
            ]
          : []),
      ];
    });
    io.stdout.write(formatTable(flag(values, 'no-headers') ? rows : [header, ...rows]));
    return 0;
  },
};

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
