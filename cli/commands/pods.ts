import { stringify } from 'yaml';
import { timestampSince } from '../../functions/domain/human-duration.js';
import type { PodSummary, StatusEntered } from '../../functions/domain/model.js';
import { STATUS_VALUE } from '../../functions/domain/names.js';
import { formatRestarts } from '../../functions/domain/pod-row.js';
import { toSecond } from '../../functions/domain/timeline-rows.js';
import { parseOutputFormat } from '../flags.js';
import { type CliIo, type Command, UsageError, writeLine } from '../io.js';
import { getPages } from '../query-client.js';
import { emptyHint } from '../query-hints.js';
import {
  CONNECTION_USAGE,
  clusterFlag,
  connect,
  flag,
  limitFlag,
  namespaceFlag,
  parseReportLine,
  requireCluster,
  text,
  type Values,
  WINDOW_USAGE,
  windowFlags,
  workloadFlag,
} from '../query-options.js';
import { formatTable } from '../table.js';

const usage = `List the pods seen in a time window, with their last recorded row and how they ended.

Usage:
  podtrail pods [-n NAMESPACE | -A] [--cluster NAME] [--workload [KIND/]NAME] [--since 2h] [--until T]
  podtrail pods --status CrashLoopBackOff [-n NAMESPACE | -A] [--cluster NAME] [--since 7d]

A pod is listed when its life overlaps the window. READY, STATUS and RESTARTS are its last recorded
row; AGE is its age now (at its end, for pods that are gone); ENDED says whether it was
deleted or vanished (deleted while the agent was not watching), and when.
With --status, lists the pods that entered that STATUS in the window instead (across all clusters
unless --cluster is given).

Options:
  -n, --namespace NS    only this namespace (default "default")
  -A, --all-namespaces  every namespace (adds a NAMESPACE column)
      --workload W      only pods of this workload, e.g. Deployment/web or web (needs -n)
      --status STATUS   pods that entered STATUS (CrashLoopBackOff, OOMKilled, ImagePullBackOff, …)
${WINDOW_USAGE}
  -o, --output FORMAT   table (default), wide (adds IP, NODE, WORKLOAD, UID), json or yaml
      --no-headers      omit the header row
      --limit N         at most N pods (default 500)

${CONNECTION_USAGE}`;

const LIMIT = { min: 1, max: 100_000, default: 500 } as const;

export const podsCommand: Command = {
  name: 'pods',
  usage,
  async run(argv, io) {
    const values = parseReportLine(argv, {
      workload: { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string' },
    });
    const format = parseOutputFormat(text(values, 'output'));
    const window = windowFlags(values, io.now());
    const namespace = namespaceFlag(values, 'default');
    const limit = limitFlag(values, LIMIT);
    const status = text(values, 'status');
    if (status !== undefined) {
      if (!STATUS_VALUE.test(status)) throw new UsageError(`--status: "${status}" is not a STATUS value`);
      return listEntered(values, io, { status, namespace, window, limit, format });
    }
    const workload = workloadFlag(values);
    if (workload !== undefined && namespace === undefined)
      throw new UsageError('--workload needs -n NAMESPACE');
    const client = connect(values, io);
    const cluster = await requireCluster(values, io, client);
    const { items } = await getPages<PodSummary>(
      client,
      '/v1/pods',
      { cluster, namespace, workload, ...window, limit: Math.min(limit, 1000) },
      'pods',
      limit,
    );
    if (items.length === 0) {
      writeLine(
        io.stderr,
        `No pods seen in ${where(cluster, namespace)} from ${toSecond(window.since)} to ${toSecond(window.until)}.`,
      );
      writeLine(io.stderr, await emptyHint(client, cluster, ['namespace', 'window']));
      return 0;
    }
    if (format === 'json' || format === 'yaml') {
      print(io, format, { cluster, window, pods: items });
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

async function listEntered(
  values: Values,
  io: CliIo,
  q: {
    status: string;
    namespace: string | undefined;
    window: { since: string; until: string };
    limit: number;
    format: string;
  },
): Promise<number> {
  const client = connect(values, io);
  const cluster = clusterFlag(values, io);
  const { items } = await getPages<StatusEntered>(
    client,
    '/v1/status-entered',
    { status: q.status, cluster, namespace: q.namespace, ...q.window, limit: Math.min(q.limit, 1000) },
    'entered',
    q.limit,
  );
  if (items.length === 0) {
    writeLine(
      io.stderr,
      `No pod entered ${q.status} in ${where(cluster, q.namespace)} from ${toSecond(q.window.since)} to ${toSecond(q.window.until)}.`,
    );
    writeLine(io.stderr, await emptyHint(client, cluster, ['namespace', 'window']));
    return 0;
  }
  if (q.format === 'json' || q.format === 'yaml') {
    print(io, q.format, { status: q.status, window: q.window, entered: items });
    return 0;
  }
  const wide = q.format === 'wide';
  const header = [
    'TIME',
    ...(cluster === undefined ? ['CLUSTER'] : []),
    ...(q.namespace === undefined ? ['NAMESPACE'] : []),
    'NAME',
    'STATUS',
    'WORKLOAD',
    ...(wide ? ['UID'] : []),
  ];
  const rows = items.map((e) => [
    toSecond(e.at),
    ...(cluster === undefined ? [e.cluster] : []),
    ...(q.namespace === undefined ? [e.namespace] : []),
    e.name,
    e.status,
    `${e.workload.kind}/${e.workload.name}`,
    ...(wide ? [e.uid] : []),
  ]);
  io.stdout.write(formatTable(flag(values, 'no-headers') ? rows : [header, ...rows]));
  return 0;
}

function print(io: CliIo, format: string, value: unknown): void {
  io.stdout.write(format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : stringify(value));
}

function where(cluster: string | undefined, namespace: string | undefined): string {
  const ns = namespace === undefined ? 'any namespace' : `namespace "${namespace}"`;
  return cluster === undefined ? `${ns} of any cluster` : `${ns} of cluster "${cluster}"`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
