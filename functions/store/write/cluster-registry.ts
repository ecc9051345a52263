import {
  CLUSTER_LIST_KEY,
  decodeClusterList,
  encodeClusterList,
  encodeRegistryEntry,
} from '../items/registry-items.js';
import type { IngestBatch } from '../port.js';
import { createOrIfVersionIs, ifMarkOlderThan } from '../schema/conditions.js';
import { expiresAt } from '../schema/retention.js';
import { StoreConflictError, type TableClient } from '../table/table-client.js';
import { conflictBackoff, type WriteContext } from './write-context.js';

/**
 * The cluster registry keeps the newest event's 10-minute mark and the agent that sent it: a
 * maximum, so order-free, written at most once per mark and cluster — and not even tried when this
 * process already wrote or saw a mark at least as new (a failed conditional write costs a write
 * unit too). `marks`: per cluster, the newest mark this process knows is stored.
 */
export type RegistryMarks = Map<string, string>;

export async function touchRegistry(
  table: TableClient,
  ctx: WriteContext,
  agent: IngestBatch['agent'],
  times: readonly string[],
  marks: RegistryMarks,
): Promise<void> {
  const newest = [...times].sort().at(-1);
  if (newest === undefined) return;
  const minute = `${newest.slice(0, 15)}0:00.000Z`;
  const mark = `${minute}#${agent.id}#${agent.version}`;
  if ((marks.get(ctx.cluster) ?? '') >= mark) return;
  await table.put(
    encodeRegistryEntry(
      { cluster: ctx.cluster, mark, lastEventAt: minute, agent },
      expiresAt(minute, ctx.retentionDays),
    ),
    ifMarkOlderThan(mark),
  );
  marks.set(ctx.cluster, mark);
}

/** Attempts at adding a cluster to the list against other writers doing the same (~5 s at most). */
const LIST_ATTEMPTS = 12;

/**
 * Fleet-wide queries read one index partition per cluster, so they need every cluster's name: the
 * registry keeps them in one list item (no TTL; names are only added). Checked once per process
 * and cluster, usually one read; a write only when a cluster is new. `listed`: the clusters this
 * process knows are on the list.
 */
export async function listCluster(table: TableClient, ctx: WriteContext, listed: Set<string>): Promise<void> {
  const { cluster } = ctx;
  if (listed.has(cluster)) return;
  for (let attempt = 0; attempt < LIST_ATTEMPTS; attempt++) {
    const list = decodeClusterList(await table.get(CLUSTER_LIST_KEY, true));
    if (list?.names.includes(cluster)) {
      listed.add(cluster);
      return;
    }
    const written = await table.put(
      encodeClusterList({ names: [...(list?.names ?? []), cluster], version: (list?.version ?? 0) + 1 }),
      createOrIfVersionIs(list?.version),
    );
    if (written === 'written') {
      listed.add(cluster);
      return;
    }
    // Another cluster was added at the same moment (a fleet of agents starting together): back off.
    await conflictBackoff(ctx, attempt);
  }
  throw new StoreConflictError(
    `cluster list: too many concurrent writers adding ${cluster}, retry the batch`,
  );
}
