import type { PodAggregate } from '../../domain/pod-aggregate.js';
import type { RejectedEvent } from '../../domain/wire-format.js';
import type { IngestBatch, IngestOutcome } from '../port.js';
import { inParallel } from '../table/in-parallel.js';
import { ItemTooLargeError } from '../table/item-size.js';
import type { TableClient } from '../table/table-client.js';
import { listCluster, type RegistryMarks, touchRegistry } from './cluster-registry.js';
import { recordEvents } from './event-writer.js';
import { groupBatch, type PodGroup, renameRejection, singleEvents } from './group-batch.js';
import type { HeadCache } from './head-cache.js';
import { applyToPod, type PodWriteResult } from './pod-writer.js';
import { checkSyncs, processSync } from './sync-writer.js';
import type { WriteContext } from './write-context.js';

/** Pods written at once per batch: enough to hide latency, few enough to stay polite to the table. */
const PARALLEL_PODS = 16;

/** What lives as long as the store object: per-process caches that save requests, never decide. */
export interface WriterState {
  readonly retentionDays: number;
  readonly now: () => number;
  readonly marks: RegistryMarks;
  /** How often at most the registry entry of a cluster is written (default REGISTRY_INTERVAL_MS). */
  readonly registryIntervalMs?: number;
  /** Clusters this process knows are on the registry's cluster list. */
  readonly listed: Set<string>;
  readonly heads?: HeadCache;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

/**
 * One validated batch, in order: drop stale events and group the rest (group-batch.ts); write every
 * pod (one optimistic round each, pod-writer.ts), refusing renamed uids; start the registry writes
 * with what was accepted; write the Event versions (event-writer.ts); check the SYNCs for pods that became live; then the batch's SYNCs. Every step is
 * idempotent, so a retried or duplicated batch converges to the same state. One batch may write a
 * pod more than once: its settle round, and a vanish from checkSyncs.
 */
export async function recordBatch(
  table: TableClient,
  state: WriterState,
  batch: IngestBatch,
): Promise<IngestOutcome> {
  const ctx: WriteContext = {
    cluster: batch.cluster,
    retentionDays: state.retentionDays,
    sleep: state.sleep,
    random: state.random,
    ...(state.heads === undefined ? {} : { heads: state.heads }),
  };
  const grouped = groupBatch(batch, state.retentionDays, state.now());
  // The registry hears only of what is accepted: a refused event (a renamed uid) never moves it.
  const acceptedTimes = [
    ...grouped.syncs.map((s) => s.observedAt),
    ...grouped.events.map((e) => e.observedAt),
  ];

  const rejected: RejectedEvent[] = [];
  let accepted = 0;
  let unchanged = 0;
  const becameLive: { agg: PodAggregate }[] = [];
  await inParallel(grouped.pods, PARALLEL_PODS, async (groups) => {
    // One name per uid is recorded: the stored one, else the one of the earliest event here; the
    // writer refuses the others (PodWriteResult.recordedAs), so their order does not matter.
    for (const group of groups) {
      const { pod, indexes } = group;
      const result = await applyFitting(table, ctx, group, rejected);
      if (result === undefined) continue;
      const recordedAs = result.recordedAs;
      if (recordedAs !== undefined) {
        for (const index of indexes) rejected.push(renameRejection(index, pod.uid, recordedAs));
        continue;
      }
      for (const item of result.items) acceptedTimes.push(item.obs.observedAt);
      for (const outcome of result.outcomes) {
        if (outcome === 'same') unchanged++;
        else accepted++;
      }
      // A repeated event may be the retry of a writer that died before its SYNC check: check again.
      const retried = result.outcomes.includes('same');
      if (result.agg !== undefined && (result.liveWritten || retried)) becameLive.push({ agg: result.agg });
    }
  });
  const registry = Promise.all([
    touchRegistry(table, ctx, batch.agent, acceptedTimes, state.marks, state.registryIntervalMs),
    acceptedTimes.length === 0 ? undefined : listCluster(table, ctx, state.listed),
  ]);
  // Awaited below, after the events; observed now so that a failed event write cannot leave it
  // rejecting unhandled (which would take a Lambda or `podtrail serve` down).
  registry.catch(() => undefined);
  const recorded = await recordEvents(table, ctx, grouped.events);
  accepted += recorded.accepted;
  unchanged += recorded.unchanged;
  await registry;
  await checkSyncs(table, ctx, becameLive);
  for (const sync of grouped.syncs) {
    if ((await processSync(table, ctx, sync)) === 'accepted') accepted++;
    else unchanged++;
  }
  return { accepted, unchanged, stale: grouped.stale, rejected: rejected.sort((a, b) => a.index - b.index) };
}

/**
 * Writes one pod's events of this batch. When their commit would not fit DynamoDB's item limit, each
 * event is written alone and those that still do not fit are refused with the reason (issue 17: an
 * event that cannot be stored costs only itself, never a 5xx, and nothing of it is written).
 * Returns the merged result with the observations that were stored, undefined when none was.
 */
async function applyFitting(
  table: TableClient,
  ctx: WriteContext,
  group: PodGroup,
  rejected: RejectedEvent[],
): Promise<(PodWriteResult & { items: PodGroup['items'] }) | undefined> {
  const { pod, items, identities, parts } = group;
  try {
    const result = await applyToPod(table, ctx, pod, { kind: 'observe', items, identities, parts });
    return { ...result, items };
  } catch (error) {
    if (!(error instanceof ItemTooLargeError)) throw error;
    if (items.length === 1) {
      rejected.push({
        index: group.indexes[0] ?? -1,
        issues: [`events[${group.indexes[0]}].pod: ${error.message}; this event cannot be stored`],
      });
      return undefined;
    }
  }
  let merged: (PodWriteResult & { items: PodGroup['items'] }) | undefined;
  for (const single of singleEvents(group)) {
    const result = await applyFitting(table, ctx, single, rejected);
    if (result === undefined) continue;
    merged =
      merged === undefined
        ? result
        : {
            ...result,
            outcomes: [...merged.outcomes, ...result.outcomes],
            liveWritten: merged.liveWritten || result.liveWritten,
            items: [...merged.items, ...result.items],
          };
    if (result.recordedAs !== undefined) return merged;
  }
  return merged;
}
