import { stringify } from 'yaml';
import type { StatusEntered } from '../../functions/domain/model.js';
import { toSecond } from '../../functions/domain/timeline-rows.js';
import type { CliIo } from '../io.js';
import { writeLine } from '../io.js';
import type { LabelSelector } from '../label-selector.js';
import { selectByLabels } from '../pod-labels.js';
import { getPages } from '../query-client.js';
import { emptyHint } from '../query-hints.js';
import { connect, flag, type Values } from '../query-options.js';
import { type ClusterChoice, clusterText } from '../query-scope.js';
import { type FieldPath, fieldAt, sortByField } from '../sort-by.js';
import { formatTable } from '../table.js';

/** `podtrail pods --status STATUS`: the pods that entered a STATUS in the window, oldest first. */
export async function listEntered(
  values: Values,
  io: CliIo,
  q: {
    status: string;
    cluster: ClusterChoice | undefined;
    namespace: string | undefined;
    window: { since: string; until: string };
    limit: number;
    format: string;
    selector: LabelSelector | undefined;
    sortBy: FieldPath | undefined;
  },
): Promise<number> {
  const client = connect(values, io);
  const cluster = q.cluster;
  const listed = await getPages<StatusEntered>(
    client,
    '/v1/status-entered',
    {
      status: q.status,
      cluster: cluster?.name,
      namespace: q.namespace,
      ...q.window,
      limit: Math.min(q.limit, 1000),
    },
    'entered',
    q.limit,
  );
  let items = await selectByLabels(client, listed.items, q.selector);
  if (items.length === 0) {
    writeLine(
      io.stderr,
      `No pod entered ${q.status} in ${where(cluster, q.namespace)} from ${toSecond(q.window.since)} to ${toSecond(q.window.until)}.`,
    );
    writeLine(io.stderr, await emptyHint(client, cluster?.name, ['namespace', 'window']));
    return 0;
  }
  const sortBy = q.sortBy;
  if (sortBy !== undefined)
    items = sortByField(items, sortBy, (e) =>
      fieldAt({ metadata: { name: e.name, namespace: e.namespace, uid: e.uid } }, sortBy),
    );
  if (q.format === 'name') {
    // -o name lists pods, as kubectl does: a pod that entered the STATUS several times once.
    const pods = new Map(items.map((e) => [e.uid, e.name]));
    io.stdout.write([...pods.values()].map((name) => `pod/${name}\n`).join(''));
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

export function print(io: CliIo, format: string, value: unknown): void {
  io.stdout.write(format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : stringify(value));
}

export function where(cluster: ClusterChoice | undefined, namespace: string | undefined): string {
  const ns = namespace === undefined ? 'any namespace' : `namespace "${namespace}"`;
  return cluster === undefined ? `${ns} of any cluster` : `${ns} of ${clusterText(cluster)}`;
}
