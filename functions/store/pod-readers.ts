import type { PodSummary, TimelineEntry } from '../domain/model.js';
import { buildTimeline } from '../domain/pod-timeline.js';
import type { SyncMark } from '../domain/sync-reconciliation.js';
import * as k from './keys.js';
import { decodeHead } from './pod-head.js';
import { keyed, mergeInto } from './pod-pages.js';
import { parsePage } from './pod-writer.js';
import type { Page, PageRequest, StoreCursor } from './port.js';
import { type ReadContext, type Stats, summaries } from './read-heads.js';
import { isExpired } from './retention.js';
import { readSharded } from './sharded-read.js';
import { markOf } from './sync-writer.js';
import type { Item } from './table-client.js';

export const DEFAULT_LIMIT = 100;

/** Access pattern 1a: incarnations by name, newest creation first. */
export async function findPods(
  ctx: ReadContext,
  q: { cluster: string; namespace: string; name: string; uid?: string } & PageRequest,
): Promise<Page<PodSummary>> {
  const stats: Stats = { requests: 0, itemsRead: 0 };
  const limit = q.limit ?? DEFAULT_LIMIT;
  const after = afterOf(q.cursor);
  const found: Item[] = [];
  let last: string | undefined = after;
  let more = false;
  const now = ctx.now();
  do {
    const page = await ctx.table.query({
      pk: k.namePk(q.cluster, q.namespace, q.name),
      forward: false,
      consistent: false,
      limit: limit - found.length,
      ...(last === undefined ? {} : { after: last }),
    });
    stats.requests++;
    stats.itemsRead += page.items.length;
    for (const item of page.items) {
      if (item.dead === true || isExpired(item.x, now)) continue;
      if (q.uid !== undefined && item.u !== q.uid) continue;
      found.push(item);
    }
    last = page.last;
    more = page.last !== undefined;
  } while (more && found.length < limit);
  const items = await summaries(
    ctx,
    found.map((i) => ({ cluster: q.cluster, uid: String(i.u) })),
    stats,
  );
  return { items, ...(more && last !== undefined ? { next: { after: last } } : {}), stats };
}

/** Access pattern 1b: one incarnation's timeline, oldest first: one Query for the pod, one for gaps. */
export async function getTimeline(
  ctx: ReadContext,
  q: { cluster: string; uid: string } & PageRequest,
): Promise<Page<TimelineEntry>> {
  const stats: Stats = { requests: 0, itemsRead: 0 };
  const [podItems, clusterItems] = await Promise.all([
    queryAll(ctx, k.podPk(q.cluster, q.uid), undefined, stats),
    queryAll(ctx, k.clusterPk(q.cluster), { from: k.syncSk(''), to: k.syncSk(k.KEY_MAX) }, stats),
  ]);
  const now = ctx.now();
  const headItem = podItems.find((i) => i.sk === k.HEAD_SK);
  const head = headItem === undefined || isExpired(headItem.x, now) ? undefined : decodeHead(headItem);
  if (head === undefined) return { items: [], stats };
  const { state } = head;
  const paged = podItems
    .filter((i) => String(i.sk).startsWith(k.PAGE_PREFIX) && !isExpired(i.x, now))
    .map(parsePage)
    .filter((p) => !p.dead && p.start < state.tailKey);
  const stored = paged.flatMap((p) => p.obs.map(keyed));
  const observations = mergeInto(
    mergeInto(stored, state.tail.map(keyed)).items,
    state.inbox.map(keyed),
  ).items;
  const gaps: SyncMark[] = clusterItems
    .filter((i) => typeof i.gs === 'string' && !isExpired(i.x, now))
    .map(markOf);
  const entries = buildTimeline({
    cluster: q.cluster,
    identity: state.agg.identity,
    observations: observations.map((o) => ({ key: o.key, observation: o.obs })),
    ...(state.agg.vanish === undefined ? {} : { vanish: state.agg.vanish }),
    gaps,
  });
  const offset = offsetOf(q.cursor);
  const limit = q.limit ?? entries.length;
  const items = entries.slice(offset, offset + limit);
  const next = offset + limit < entries.length ? { o: offset + limit } : undefined;
  return { items, ...(next === undefined ? {} : { next }), stats };
}

/** Access pattern 3: live pods (not deleted, not vanished) of a cluster. */
export async function listLivePods(
  ctx: ReadContext,
  q: { cluster: string } & PageRequest,
): Promise<Page<PodSummary>> {
  const now = ctx.now();
  const page = await readSharded(ctx.table, {
    groups: [Array.from({ length: k.CLUSTER_SHARDS }, (_, s) => k.livePk(q.cluster, s))],
    from: '',
    to: k.KEY_MAX,
    keep: (i) => i.dead !== true && i.vr === undefined && !isExpired(i.x, now),
    limit: q.limit ?? DEFAULT_LIMIT,
    ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
  });
  const stats = { ...page.stats };
  const pods = await summaries(
    ctx,
    page.items.map((i) => ({ cluster: q.cluster, uid: String(i.u) })),
    stats,
  );
  return {
    items: pods.filter((p) => p.endedAt === undefined),
    ...(page.next === undefined ? {} : { next: page.next }),
    stats,
  };
}

async function queryAll(
  ctx: ReadContext,
  pk: string,
  range: { from: string; to: string } | undefined,
  stats: Stats,
): Promise<Item[]> {
  const items: Item[] = [];
  let after: string | undefined;
  do {
    const page = await ctx.table.query({
      pk,
      forward: true,
      consistent: false,
      ...(range ?? {}),
      ...(after === undefined ? {} : { after }),
    });
    stats.requests++;
    stats.itemsRead += page.items.length;
    items.push(...page.items);
    after = page.last;
  } while (after !== undefined);
  return items;
}

function afterOf(cursor: StoreCursor | undefined): string | undefined {
  const after = (cursor as { after?: unknown } | undefined)?.after;
  return typeof after === 'string' ? after : undefined;
}

function offsetOf(cursor: StoreCursor | undefined): number {
  const o = (cursor as { o?: unknown } | undefined)?.o;
  return typeof o === 'number' && Number.isInteger(o) && o >= 0 ? o : 0;
}
