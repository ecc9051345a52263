import { stringify } from 'yaml';
import type { Distribution } from '../../functions/domain/percentiles.js';
import {
  STARTUP_GROUP_KEYS,
  STARTUP_PHASE_HEADERS,
  STARTUP_PULL_HEADERS,
  type StartupReport,
} from '../../functions/domain/report-startup.js';
import { toSecond } from '../../functions/domain/timeline-rows.js';
import { parseOutputFormat } from '../flags.js';
import { type Command, UsageError, writeLine } from '../io.js';
import { emptyHint } from '../query-hints.js';
import {
  connect,
  FLEET_CONNECTION_USAGE,
  flag,
  groupByFlag,
  limitFlag,
  namespaceFlag,
  parseReportLine,
  text,
  WINDOW_USAGE,
  windowFlags,
  workloadFlag,
} from '../query-options.js';
import { fleetCluster } from '../query-scope.js';
import { formatLatency } from '../render-duration.js';
import { formatTable } from '../table.js';

const usage = `Startup latency of the pods created in a window: p50/p90/p99 per group, and the slowest pods.

Usage:
  podtrail startup [--since 24h] [--until T] [--cluster NAME] [-n NAMESPACE] [--workload W]
                   [--group-by cluster,namespace,workload] [--limit N] [-o table|wide|json|yaml]

Phases, each from one milestone to the next (times as the API records them, second resolution):
  SCHEDULING   created → PodScheduled=True
  INIT         PodScheduled → Initialized=True (init containers and sidecars)
  CONTAINERS   Initialized → every regular container started (includes image pulls)
  READINESS    all containers started → Ready=True (readiness probes)
  STARTUP      SCHEDULING + CONTAINERS: the Kubernetes pod-startup SLI's span, creation to all
               containers started, without init containers; unlike the SLI it includes image pulls
               (pods do not record pull times) and ends at the kubelet's startedAt, not a watch
  TO READY     created → Ready=True, everything included
With -o wide, json or yaml, image pulls are read from the pods' Pulled events (two requests per
started pod):
  PULL         the regular containers' first pulls, summed (the kubelet pulls them one after
               another; "already present" counts 0)
  SLI          STARTUP − PULL: the pod-startup SLI, which excludes image pulls. Pods without pull
               data (their Pulled events were not recorded) are left out of it and counted
Percentiles are nearest-rank (each is a measured pod's value); cells read p50/p90/p99.

Options:
      --group-by KEYS   any of cluster,namespace,workload (default all three)
      --limit N         how many of the slowest pods to list (default 10; 0 for none)
  -n, --namespace NS    one namespace (needs a cluster: --cluster or --context; default every
                        namespace, as -A)
  -A, --all-namespaces  every namespace (the default here)
      --workload W      one workload, e.g. Deployment/web (needs -n)
${WINDOW_USAGE}
  -o, --output FORMAT   table (default), wide (adds MAX, PULL, SLI and the slowest pods' workload and
                        uid), json or yaml (both with the pulls)
      --no-headers      omit header rows

Fleet report: every cluster and every namespace unless --cluster (or --context) and -n narrow it.
Every flag also takes kubectl's forms -o=wide, --output=wide, -owide, -n=shop.

${FLEET_CONNECTION_USAGE}`;

export const startupCommand: Command = {
  name: 'startup',
  usage,
  async run(argv, io) {
    const values = parseReportLine(argv, {
      'group-by': { type: 'string' },
      workload: { type: 'string' },
      limit: { type: 'string' },
    });
    const format = parseOutputFormat(text(values, 'output'));
    const groupBy = groupByFlag(values, STARTUP_GROUP_KEYS, STARTUP_GROUP_KEYS);
    const workload = workloadFlag(values);
    const cluster = (await fleetCluster(values, io))?.name;
    const namespace = namespaceFlag(values, undefined);
    if (namespace !== undefined && cluster === undefined)
      throw new UsageError(
        '-n needs a cluster (--cluster NAME or --context NAME): namespaces are per cluster',
      );
    if (workload !== undefined && namespace === undefined)
      throw new UsageError('--workload needs -n NAMESPACE');
    const limit = limitFlag(values, { min: 0, max: 1000, default: 10 });
    const window = windowFlags(values, io.now());
    const client = connect(values, io);
    const body = await client.get<StartupReport>('/v1/startup', {
      ...window,
      cluster,
      namespace,
      workload,
      groupBy: groupBy.join(','),
      limit,
      pulls: format === 'table' ? undefined : 'true',
    });
    if (format === 'json' || format === 'yaml') {
      io.stdout.write(format === 'json' ? `${JSON.stringify(body, null, 2)}\n` : stringify(body));
      return 0;
    }
    if (body.overall.pods === 0) {
      writeLine(
        io.stderr,
        `No pods with a startup record were created from ${toSecond(window.since)} to ${toSecond(window.until)}.`,
      );
      writeLine(io.stderr, await emptyHint(client, cluster, ['window']));
      return 0;
    }
    const wide = format === 'wide';
    const noHeaders = flag(values, 'no-headers');
    const keys = body.groupBy;
    const phases = wide ? [...STARTUP_PHASE_HEADERS, ...STARTUP_PULL_HEADERS] : STARTUP_PHASE_HEADERS;
    const header = [
      ...keys.map((k) => k.toUpperCase()),
      'PODS',
      ...phases.map(([, h]) => h),
      ...(wide ? ['NO PULL DATA'] : []),
    ];
    const rows = body.groups.map((g) => [
      ...keys.map((k) => g.key[k] ?? ''),
      String(g.pods),
      ...phases.map(([phase]) => percentiles(g.phases[phase], wide)),
      ...(wide ? [String(g.noPullData ?? 0)] : []),
    ]);
    if (!noHeaders) {
      writeLine(
        io.stdout,
        `Pods created ${toSecond(body.window.since)} – ${toSecond(body.window.until)}: ${body.overall.pods}; cells are p50/p90/p99${wide ? '/max' : ''}.`,
      );
      if (wide) writeLine(io.stdout, pullNote(body.overall.noPullData ?? 0));
    }
    io.stdout.write(formatTable(noHeaders ? rows : [header, ...rows]));
    if (body.slowest.length > 0) {
      if (!noHeaders) writeLine(io.stdout, '\nSlowest pods:');
      const podHeader = [
        'CLUSTER',
        'NAMESPACE',
        'NAME',
        'CREATED',
        ...phases.map(([, h]) => h),
        ...(wide ? ['WORKLOAD', 'UID'] : []),
      ];
      const podRows = body.slowest.map((p) => [
        p.cluster,
        p.namespace,
        p.name,
        toSecond(p.milestones.createdAt),
        ...phases.map(([phase]) => formatLatency(p.durations[phase])),
        ...(wide ? [p.workload, p.uid] : []),
      ]);
      io.stdout.write(formatTable(noHeaders ? podRows : [podHeader, ...podRows]));
    }
    return 0;
  },
};

function pullNote(noPullData: number): string {
  if (noPullData === 0) return 'Image pulls are known for every started pod.';
  const pods = noPullData === 1 ? '1 started pod has' : `${noPullData} started pods have`;
  return `${pods} no pull data (no Pulled event recorded for a container): left out of PULL and SLI.`;
}

function percentiles(d: Distribution | undefined, withMax: boolean): string {
  if (d === undefined) return '-';
  const cells = [d.p50, d.p90, d.p99, ...(withMax ? [d.max] : [])].map((v) => formatLatency(v));
  return cells.join('/');
}
