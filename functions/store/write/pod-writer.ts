import type { PodAggregate } from '../../domain/pod-aggregate.js';
import { decodeLive, isLiveWrite } from '../items/index-items.js';
import { decodeHead, type Head } from '../items/pod-items.js';
import { planFull } from '../pod/plan-full.js';
import { needsFullMode, planTail } from '../pod/plan-tail.js';
import type { Mutation, Outcome } from '../pod/plan-types.js';
import { CLUSTER_SHARDS, headSk, livePk, type PodKey, podPk, shardOf } from '../schema/keys.js';
import { ItemTooLargeError } from '../table/item-size.js';
import { StoreConflictError, type TableClient } from '../table/table-client.js';
import { commitPlan, loadPages, verifyPending } from './pod-commit.js';
import type { WriteContext } from './write-context.js';

/** Writers racing on one pod each win within a few rounds; 25 bounds a pathological storm. */
const MAX_ATTEMPTS = 25;

export interface PodWriteResult {
  readonly outcomes: readonly Outcome[];
  readonly agg: PodAggregate | undefined;
  /**
   * This call wrote (or repaired) the pod's live-pods item: the pod may have become live after a
   * SYNC that should close it, so the caller must check the SYNCs (sync-writer.ts checkSyncs).
   */
  readonly liveWritten: boolean;
  /**
   * Set when the pod's uid is already recorded under another namespace/name: nothing was written.
   * Kubernetes never renames a pod, so such events are refused rather than split across two heads.
   */
  readonly recordedAs?: { readonly namespace: string; readonly name: string };
}

/**
 * Applies one mutation to one pod with optimistic concurrency on the pod head: read the head (or
 * trust this process's cached copy), refuse a uid recorded under another name, verify the previous
 * commit's promised writes, plan (pod/: tail or full mode), commit (pod-commit.ts, which documents
 * the write order). A lost race re-reads and re-plans; after a commit that leaves closable pages in
 * the head, one more round with nothing new moves them out (the *settle* round).
 */
export async function applyToPod(
  table: TableClient,
  ctx: WriteContext,
  pod: PodKey,
  mutation: Mutation,
): Promise<PodWriteResult> {
  const { uid } = pod;
  let outcomes: readonly Outcome[] | undefined;
  let current = mutation;
  let settling = false;
  let liveWritten = false;
  const cacheKey = `${ctx.cluster}#${uid}`;
  let trustCache = true;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const cached = trustCache ? ctx.heads?.get(cacheKey) : undefined;
    const head: Head | undefined =
      cached ?? decodeHead(await table.get({ pk: podPk(ctx.cluster, pod), sk: headSk(uid) }, true));
    if (head === undefined && current.kind !== 'observe')
      return { outcomes: outcomes ?? [], agg: undefined, liveWritten };
    const recordedAs = head === undefined ? await recordedName(table, ctx, pod) : head.state.agg.identity;
    if (recordedAs !== undefined && (recordedAs.namespace !== pod.namespace || recordedAs.name !== pod.name))
      return { outcomes: [], agg: undefined, liveWritten, recordedAs };
    if (head !== undefined && (await verifyPending(table, head))) liveWritten = true;
    const planCtx = {
      cluster: ctx.cluster,
      retentionDays: ctx.retentionDays,
      pod,
      version: head?.version ?? 0,
    };
    const plan =
      head !== undefined && needsFullMode(head.state, current)
        ? planFull(planCtx, head.state, await loadPages(table, ctx.cluster, pod), current)
        : planTail(planCtx, head?.state, current);
    if (!settling) outcomes = plan.outcomes;
    if (!plan.changed) {
      if (head !== undefined) ctx.heads?.set(cacheKey, head);
      return { outcomes: outcomes ?? [], agg: head?.state.agg, liveWritten };
    }
    let committed: Head | undefined;
    try {
      committed = await commitPlan(table, ctx, head, plan);
    } catch (error) {
      // The events are committed; a settle round that cannot move them out leaves them in the head.
      if (settling && error instanceof ItemTooLargeError)
        return { outcomes: outcomes ?? [], agg: head?.state.agg, liveWritten };
      throw error;
    }
    if (committed === undefined) {
      ctx.heads?.delete(cacheKey);
      trustCache = false;
      continue;
    }
    trustCache = true;
    ctx.heads?.set(cacheKey, committed);
    if (plan.derived.some(isLiveWrite)) liveWritten = true;
    if (!plan.settle && plan.pagesAfter.length === 0)
      return { outcomes: outcomes ?? [], agg: plan.head.agg, liveWritten };
    // Observations just committed may now be moved into pages: run once more with nothing new.
    current = { kind: 'observe', items: [], identities: new Map() };
    settling = true;
  }
  throw new StoreConflictError(`pod ${uid}: too many concurrent writers, retry the batch`);
}

/**
 * The name a uid is recorded under when its head is not where this event says: its live-pods item
 * (kept once the pod is gone) names it. Undefined for a uid never seen.
 */
async function recordedName(
  table: TableClient,
  ctx: WriteContext,
  pod: PodKey,
): Promise<{ namespace: string; name: string } | undefined> {
  const item = await table.get(
    { pk: livePk(ctx.cluster, shardOf(pod.uid, CLUSTER_SHARDS)), sk: pod.uid },
    true,
  );
  const live = item === undefined ? undefined : decodeLive(item);
  return live === undefined ? undefined : { namespace: live.namespace, name: live.name };
}
