import type { PodAggregate } from '../../domain/pod-aggregate.js';
import { type DeriveContext, itemId } from '../items/index-items.js';
import { decodeHead, encodeHead, type Head } from '../items/pod-items.js';
import {
  headExpiry,
  type LoadedPage,
  type Mutation,
  needsFullMode,
  type Outcome,
  type PodPlan,
  planFull,
  planTail,
} from '../pod/plan-tail.js';
import { decodeBody } from '../schema/body-codec.js';
import {
  CLUSTER_SHARDS,
  headSk,
  KEY_MAX,
  LIVE_PREFIX,
  livePk,
  type PodKey,
  pagePrefix,
  podPk,
  shardOf,
} from '../schema/keys.js';
import { type Item, queryAll, StoreUnavailableError, type TableClient } from '../table/table-client.js';

/**
 * Applies one mutation to one pod with optimistic concurrency on the pod head:
 *   read head → verify the previous commit's derived writes → plan → (tail mode) write closed pages →
 *   commit head if its version is unchanged → write derived items → (full mode) write pages, then
 *   clear the inbox.
 * A lost race re-reads and re-plans. Any crash leaves a state the next writer (or the retry) repairs:
 * closed pages are rewritten identically, the inbox is re-placed, pending derived items re-verified.
 */
export class StoreConflictError extends StoreUnavailableError {
  override readonly name = 'StoreConflictError';
}

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

export async function applyToPod(
  table: TableClient,
  ctx: DeriveContext,
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
    const head =
      cached ?? decodeHead(await table.get({ pk: podPk(ctx.cluster, pod), sk: headSk(uid) }, true));
    if (head === undefined && current.kind !== 'observe')
      return { outcomes: outcomes ?? [], agg: undefined, liveWritten };
    const recordedAs = head === undefined ? await recordedName(table, ctx, pod) : head.state.agg.identity;
    if (recordedAs !== undefined && (recordedAs.namespace !== pod.namespace || recordedAs.name !== pod.name))
      return { outcomes: [], agg: undefined, liveWritten, recordedAs };
    if (head !== undefined && (await verifyPending(table, head))) liveWritten = true;
    const planCtx = { ...ctx, pod, version: head?.version ?? 0 };
    const plan =
      head !== undefined && needsFullMode(head.state, current)
        ? planFull(planCtx, head.state, await loadPages(table, ctx.cluster, pod), current)
        : planTail(planCtx, head?.state, current);
    if (!settling) outcomes = plan.outcomes;
    if (!plan.changed) {
      if (head !== undefined) ctx.heads?.set(cacheKey, head);
      return { outcomes: outcomes ?? [], agg: head?.state.agg, liveWritten };
    }
    const committed = await execute(table, ctx, head, plan);
    if (committed === undefined) {
      ctx.heads?.delete(cacheKey);
      trustCache = false;
      continue;
    }
    trustCache = true;
    ctx.heads?.set(cacheKey, committed);
    if (plan.derived.some(isLiveItem)) liveWritten = true;
    if (!plan.settle && plan.pagesAfter.length === 0)
      return { outcomes: outcomes ?? [], agg: plan.head.agg, liveWritten };
    // Observations just committed may now be moved into pages: run once more with nothing new.
    current = { kind: 'observe', items: [], identities: new Map() };
    settling = true;
  }
  throw new StoreConflictError(`pod ${uid}: too many concurrent writers, retry the batch`);
}

async function execute(
  table: TableClient,
  ctx: DeriveContext,
  head: Head | undefined,
  plan: PodPlan,
): Promise<Head | undefined> {
  const version = (head?.version ?? 0) + 1;
  // A newer closer may already have written a page: then our head is stale and the commit fails.
  await Promise.all(
    plan.pagesBefore.map((page) =>
      table.put(page, { ifAbsent: true, attr: 'pv', op: '<=', value: Number(page.pv) }),
    ),
  );
  const pending = plan.derived.map((item) => ({ ...item, v: version }));
  const state = { ...plan.head, pending };
  const committed = await table.put(
    encodeHead(ctx.cluster, version, headExpiry(ctx, state), state),
    head === undefined ? { ifAbsent: true } : { ifAbsent: false, attr: 'v', op: '=', value: head.version },
  );
  if (committed === 'condition-failed') return undefined;
  await writeDerived(table, pending, version);
  if (plan.pagesAfter.length > 0) {
    const results = await Promise.all(
      plan.pagesAfter.map((page) =>
        table.put(page, { ifAbsent: true, attr: 'pv', op: '<=', value: version }),
      ),
    );
    // Only a writer whose pages all landed may clear the inbox; otherwise a newer one will.
    if (results.every((r) => r === 'written')) {
      const settled = { ...state, inbox: [], pending: [] };
      const cleared = await table.put(
        encodeHead(ctx.cluster, version + 1, headExpiry(ctx, settled), settled),
        {
          ifAbsent: false,
          attr: 'v',
          op: '=',
          value: version,
        },
      );
      if (cleared === 'written') return { version: version + 1, state: settled };
    }
  }
  // What this writer knows: its derived writes are done, so the next one need not verify them.
  return { version, state: { ...state, pending: [] } };
}

/**
 * The name a uid is recorded under when its head is not where this event says: its live-pods item
 * (kept once the pod is gone) names it. Undefined for a uid never seen.
 */
async function recordedName(
  table: TableClient,
  ctx: DeriveContext,
  pod: PodKey,
): Promise<{ namespace: string; name: string } | undefined> {
  const live = await table.get(
    { pk: livePk(ctx.cluster, shardOf(pod.uid, CLUSTER_SHARDS)), sk: pod.uid },
    true,
  );
  if (live === undefined || typeof live.ns !== 'string' || typeof live.n !== 'string') return undefined;
  return { namespace: live.ns, name: live.n };
}

/** Conditional puts that never overwrite a newer version of an item. */
export async function writeDerived(
  table: TableClient,
  items: readonly Item[],
  version: number,
): Promise<void> {
  await Promise.all(
    items.map((item) => table.put(item, { ifAbsent: true, attr: 'v', op: '<=', value: version })),
  );
}

/**
 * The previous commit promised these writes; a crash may have lost some: redo what is missing.
 * Returns whether a live-pods item was among the repairs.
 */
async function verifyPending(table: TableClient, head: Head): Promise<boolean> {
  const pending = head.state.pending;
  if (pending.length === 0) return false;
  const found = await table.batchGet(
    pending.map((i) => ({ pk: String(i.pk), sk: String(i.sk) })),
    true,
  );
  const versions = new Map(found.map((i) => [itemId(i), Number(i.v)]));
  const missing = pending.filter((i) => !((versions.get(itemId(i)) ?? -1) >= head.version));
  await writeDerived(table, missing, head.version);
  return missing.some(isLiveItem);
}

/** A live-pods item that makes the pod live (not the record of a pod that is gone). */
function isLiveItem(item: Item): boolean {
  return String(item.pk).startsWith(LIVE_PREFIX) && item.dead !== true && item.gone !== true;
}

export async function loadPages(table: TableClient, cluster: string, pod: PodKey): Promise<LoadedPage[]> {
  const items = await queryAll(table, {
    pk: podPk(cluster, pod),
    from: pagePrefix(pod.uid),
    to: `${pagePrefix(pod.uid)}${KEY_MAX}`,
    forward: true,
    consistent: true,
  });
  return items.map(parsePage);
}

export function parsePage(item: Item): LoadedPage {
  const sk = String(item.sk);
  const start = sk.slice(sk.indexOf('#R#') + 3);
  const dead = item.dead === true;
  return {
    start,
    pv: Number(item.pv ?? 0),
    dead,
    obs: dead || !(item.d instanceof Uint8Array) ? [] : decodeBody(item.d),
  };
}
