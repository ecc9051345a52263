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
 * How often, at most, a cluster's registry entry is written: one write per cluster per minute, so
 * `podtrail clusters` knows the newest event to the minute while a busy cluster's thousands of
 * events a minute cost one registry write (a 10-minute interval made a cluster whose SYNC came 21 s
 * ago look stale; docs/benchmarks.md, "Cluster freshness", has the cost of both).
 */
export const REGISTRY_INTERVAL_MS = 60_000;

/**
 * The cluster registry keeps the newest accepted event's time (SYNCs included) and the agent that
 * sent it. It is written when the stored time is older than the start of the interval the batch's
 * newest event falls in, so it is a maximum to within one interval: order-free between intervals,
 * and within one the first batch to write wins (the stored time is a real event's, at most one
 * interval older than the newest). Not even tried when this process already wrote or saw a time
 * in that interval (a failed conditional write costs a write unit too). `marks`: per cluster, the
 * newest mark this process knows is stored.
 */
export type RegistryMarks = Map<string, string>;

export async function touchRegistry(
  table: TableClient,
  ctx: WriteContext,
  agent: IngestBatch['agent'],
  times: readonly string[],
  marks: RegistryMarks,
  intervalMs: number = REGISTRY_INTERVAL_MS,
): Promise<void> {
  const newest = [...times].sort().at(-1);
  if (newest === undefined) return;
  const newestMs = Date.parse(newest);
  const intervalStart = new Date(newestMs - (newestMs % intervalMs)).toISOString();
  // The mark sorts by time first: any time in this interval (with its agent) is >= its start.
  if ((marks.get(ctx.cluster) ?? '') >= intervalStart) return;
  const lastEventAt = new Date(newestMs).toISOString();
  const mark = `${lastEventAt}#${agent.id}#${agent.version}`;
  const written = await table.put(
    encodeRegistryEntry(
      { cluster: ctx.cluster, mark, lastEventAt, agent },
      expiresAt(lastEventAt, ctx.retentionDays),
    ),
    ifMarkOlderThan(intervalStart),
  );
  marks.set(ctx.cluster, written === 'written' ? mark : intervalStart);
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
