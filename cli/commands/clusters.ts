import { stringify } from 'yaml';
import { timestampSince } from '../../functions/domain/human-duration.js';
import type { ClusterSummary } from '../../functions/domain/model.js';
import { toSecond } from '../../functions/domain/timeline-rows.js';
import { parseOutputFormat } from '../flags.js';
import { type Command, UsageError, writeLine } from '../io.js';
import {
  CONNECTION_OPTIONS,
  connect,
  ENDPOINT_ONLY_USAGE,
  flag,
  NAMESPACE_OPTIONS,
  parseCommandLine,
  text,
  WINDOW_OPTIONS,
} from '../query-options.js';
import { formatTable } from '../table.js';

const usage = `List the clusters being recorded and how fresh their records are.

Usage:
  podtrail clusters [-o table|wide|json|yaml] [--no-headers]

LAST EVENT (the newest pod change, event or SYNC recorded, exact to the minute) and LAST SYNC are
ages (SYNC follows every full list by the agent); GAPS counts the periods the agent reported it may
have missed events; STATE is Stale when nothing has arrived for 10 minutes (an agent down, or a
cluster with no pod activity at all).

Options:
  -o, --output FORMAT   table (default), wide (adds the newest gap and the SYNC resourceVersion),
                        json or yaml
      --no-headers      omit the header row

It lists every cluster recorded, now: --cluster, --context, -n, -A, --since and --until do not
apply and are refused (exit 2).

${ENDPOINT_ONLY_USAGE}`;

/** Flags of the other query commands that mean nothing here: refused with a message, not ignored. */
const NOT_HERE = {
  ...NAMESPACE_OPTIONS,
  ...WINDOW_OPTIONS,
  limit: { type: 'string' },
} as const;

type ClusterView = ClusterSummary & { stale: boolean };

export const clustersCommand: Command = {
  name: 'clusters',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommandLine(argv, { ...CONNECTION_OPTIONS, ...NOT_HERE });
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const ignored = ['cluster', 'context', 'kubeconfig', ...Object.keys(NOT_HERE)].filter(
      (name) => values[name] !== undefined,
    );
    if (ignored.length > 0) {
      throw new UsageError(
        `--${ignored[0]} does not apply to "podtrail clusters", which lists every cluster recorded ` +
          '(for one cluster: podtrail pods --cluster NAME, or -o json)',
      );
    }
    const format = parseOutputFormat(text(values, 'output'));
    const client = connect(values, io);
    const body = await client.get<{ clusters: ClusterView[]; retentionDays: number }>('/v1/clusters');
    if (format === 'json' || format === 'yaml') {
      io.stdout.write(format === 'json' ? `${JSON.stringify(body, null, 2)}\n` : stringify(body));
      return 0;
    }
    if (body.clusters.length === 0) {
      writeLine(io.stderr, `No cluster has reported to ${client.endpoint.origin} yet.`);
      writeLine(
        io.stderr,
        'Is an agent running and pointed at the ingest URL? Its logs say why it cannot post (403: principal not allowed for that cluster name).',
      );
      return 0;
    }
    const wide = format === 'wide';
    const now = io.now();
    const age = (t: string | undefined) =>
      t === undefined ? '<none>' : `${timestampSince(Date.parse(t), now)} ago`;
    const header = [
      'CLUSTER',
      'AGENT',
      'VERSION',
      'LAST EVENT',
      'LAST SYNC',
      'LIVE PODS',
      'GAPS',
      'STATE',
      ...(wide ? ['NEWEST GAP', 'SYNC RV'] : []),
    ];
    const rows = body.clusters.map((c) => {
      const newest = c.gaps[0];
      return [
        c.cluster,
        c.agent?.id ?? '<unknown>',
        c.agent?.version ?? '<unknown>',
        age(c.lastEventAt),
        age(c.lastSyncAt),
        String(c.livePods),
        String(c.gaps.length),
        c.stale ? 'Stale' : 'Recording',
        ...(wide
          ? [
              newest === undefined ? '<none>' : `since ${toSecond(newest.since)}`,
              c.lastSyncResourceVersion ?? '<none>',
            ]
          : []),
      ];
    });
    io.stdout.write(formatTable(flag(values, 'no-headers') ? rows : [header, ...rows]));
    return 0;
  },
};
