import { stringify } from 'yaml';
import type { RestartGroup, RestartGroupKey, RestartReport } from '../../functions/domain/report-restarts.js';
import { RESTART_GROUP_KEYS } from '../../functions/domain/report-restarts.js';
import { toSecond } from '../../functions/domain/timeline-rows.js';
import { parseOutputFormat } from '../flags.js';
import { type CliIo, type Command, UsageError, writeLine } from '../io.js';
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
  type Values,
  WINDOW_USAGE,
  windowFlags,
  workloadFlag,
} from '../query-options.js';
import { fleetCluster } from '../query-scope.js';
import { formatCsv } from '../render-csv.js';
import { formatTable } from '../table.js';

const usage = `Audit container restarts across the fleet: grouped, ranked, with OOMKilled and exit codes.

Usage:
  podtrail restarts [--since 7d] [--until T] [--cluster NAME] [-n NAMESPACE] [--group-by KEYS] [--limit N]
                    [-o table|wide|json|yaml|csv]

Counts come from the restart ledger: one record per container restart; when restartCount jumped
by k between two observations, the k−1 restarts in between are counted too, as UNOBSERVED (their
reason and exit code are unknown; the record's reason is that of the last one). Totals under the
table cover every group, not only the top N.

Fleet report: every cluster and every namespace unless --cluster (or --context) and -n narrow it.

With -o wide, json or yaml, each group also gets WARNINGS: the three most frequent reasons of the
Warning events its restarted pods recorded in the 10 minutes before a restart (occurrences, from
the events' counts; an event about one container counts before that container's restarts only).
That reads two requests per restarted pod of the groups shown.

Options:
      --group-by KEYS   comma-separated, any of cluster,namespace,workload,container,reason,exitCode
                        (default cluster,namespace,workload)
      --limit N         the N groups with most restarts (default 20, at most 1000); --top N is an
                        old spelling of it, still accepted (with a note on stderr)
  -n, --namespace NS    one namespace (default: every namespace, as -A)
  -A, --all-namespaces  every namespace (the default here)
      --workload W      one workload, e.g. Deployment/web
      --container NAME  one container name
      --reason REASON   one termination reason, e.g. OOMKilled
${WINDOW_USAGE}
  -o, --output FORMAT   table (default), wide (adds RECORDS, REASONS and WARNINGS), json or yaml (with
                        the warnings), or csv
      --no-headers      omit the header row and the totals line

Every flag also takes kubectl's forms -o=wide, --output=wide, -owide, -n=shop.

${FLEET_CONNECTION_USAGE}`;

const GROUPS = { min: 1, max: 1000, default: 20 } as const;

const DEFAULT_GROUP_BY: readonly RestartGroupKey[] = ['cluster', 'namespace', 'workload'];

const HEADERS: Readonly<Record<RestartGroupKey, string>> = {
  cluster: 'CLUSTER',
  namespace: 'NAMESPACE',
  workload: 'WORKLOAD',
  container: 'CONTAINER',
  reason: 'REASON',
  exitCode: 'EXIT CODE',
};

export const restartsCommand: Command = {
  name: 'restarts',
  usage,
  async run(argv, io) {
    const values = parseReportLine(argv, {
      'group-by': { type: 'string' },
      limit: { type: 'string' },
      top: { type: 'string' },
      workload: { type: 'string' },
      container: { type: 'string' },
      reason: { type: 'string' },
    });
    const format = parseOutputFormat(text(values, 'output'), ['table', 'wide', 'json', 'yaml', 'csv']);
    const groupBy = groupByFlag(values, RESTART_GROUP_KEYS, DEFAULT_GROUP_BY);
    const top = topFlag(values, io);
    const workload = workloadFlag(values);
    const window = windowFlags(values, io.now());
    const cluster = (await fleetCluster(values, io))?.name;
    const namespace = namespaceFlag(values, undefined);
    const client = connect(values, io);
    const report = await client.get<RestartReport & { window: { since: string; until: string } }>(
      '/v1/restarts',
      {
        ...window,
        cluster,
        namespace,
        workload,
        container: text(values, 'container'),
        reason: text(values, 'reason'),
        groupBy: groupBy.join(','),
        top,
        warnings: format === 'wide' || format === 'json' || format === 'yaml' ? 'true' : undefined,
      },
    );
    if (format === 'json' || format === 'yaml') {
      io.stdout.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : stringify(report));
      return 0;
    }
    if (format === 'csv') {
      io.stdout.write(formatCsv(csvRows(report, !flag(values, 'no-headers'))));
      return 0;
    }
    if (report.groups.length === 0) {
      writeLine(
        io.stderr,
        `No restarts recorded from ${toSecond(window.since)} to ${toSecond(window.until)}.`,
      );
      writeLine(io.stderr, await emptyHint(client, cluster, ['window']));
      return 0;
    }
    const wide = format === 'wide';
    const header = [
      ...groupBy.map((k) => HEADERS[k]),
      'RESTARTS',
      'OOMKILLED',
      'UNOBSERVED',
      'PODS',
      'EXIT CODES',
      'LAST',
      ...(wide ? ['RECORDS', 'REASONS', 'WARNINGS'] : []),
    ];
    const rows = report.groups.map((g) => [
      ...groupBy.map((k) => g.key[k] ?? ''),
      String(g.restarts),
      String(g.oomKilled),
      String(g.unobserved),
      String(g.pods),
      counts(g.exitCodes),
      g.lastAt === undefined ? '<unknown>' : toSecond(g.lastAt),
      ...(wide ? [String(g.records), counts(g.reasons), warnings(g.warnings)] : []),
    ]);
    const noHeaders = flag(values, 'no-headers');
    io.stdout.write(formatTable(noHeaders ? rows : [header, ...rows]));
    if (!noHeaders) writeLine(io.stdout, `\n${totalsLine(report)}`);
    return 0;
  },
};

/** --limit N; --top N, its old name, still works with a note (both at once is an error). */
function topFlag(values: Values, io: CliIo): number {
  const top = text(values, 'top');
  if (top === undefined) return limitFlag(values, GROUPS);
  if (text(values, 'limit') !== undefined)
    throw new UsageError('--top is the old name of --limit: give only --limit');
  writeLine(
    io.stderr,
    'warning: --top is deprecated, use --limit (the same number, as in every podtrail command)',
  );
  return limitFlag({ limit: top }, GROUPS);
}

/** `137×5 1×2` — most frequent first, at most four, then `…`. */
function counts(map: Readonly<Record<string, number>>): string {
  const entries = Object.entries(map);
  const shown = entries.slice(0, 4).map(([value, n]) => `${value}×${n}`);
  return `${shown.join(' ')}${entries.length > 4 ? ' …' : ''}`;
}

/** `Unhealthy×12, BackOff×4`, as the route ranked them; `<none>` when no warning preceded. */
function warnings(map: Readonly<Record<string, number>> | undefined): string {
  const entries = Object.entries(map ?? {});
  return entries.length === 0 ? '<none>' : entries.map(([reason, n]) => `${reason}×${n}`).join(', ');
}

function totalsLine(report: RestartReport & { window: { since: string; until: string } }): string {
  const t = report.totals;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const shown = report.groups.length < t.groups ? `; top ${report.groups.length} of ${t.groups} groups` : '';
  return (
    `Total: ${plural(t.restarts, 'restart')} (${t.oomKilled} OOMKilled, ${t.unobserved} unobserved) in ` +
    `${plural(t.pods, 'pod')} across ${plural(t.clusters, 'cluster')}, ` +
    `${toSecond(report.window.since)} – ${toSecond(report.window.until)}${shown}.`
  );
}

function csvRows(report: RestartReport, headers: boolean): (string | number)[][] {
  const groupBy = report.groupBy;
  const rows: (string | number)[][] = report.groups.map((g: RestartGroup) => [
    ...groupBy.map((k) => g.key[k] ?? ''),
    g.restarts,
    g.oomKilled,
    g.unobserved,
    g.records,
    g.pods,
    Object.entries(g.exitCodes)
      .map(([c, n]) => `${c}:${n}`)
      .join(' '),
    Object.entries(g.reasons)
      .map(([r, n]) => `${r}:${n}`)
      .join(' '),
    g.lastAt ?? '',
  ]);
  const header = [
    ...groupBy,
    'restarts',
    'oomKilled',
    'unobserved',
    'records',
    'pods',
    'exitCodes',
    'reasons',
    'lastAt',
  ];
  return headers ? [header, ...rows] : rows;
}
