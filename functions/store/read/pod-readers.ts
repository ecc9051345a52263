import { compareText } from '../../domain/compare-text.js';
import type { PodSummary, TimelineEntry } from '../../domain/model.js';
import { summarize } from '../../domain/pod-aggregate.js';
import {
  groupEventVersions,
  type RecordedEvent,
  type RecordedEventVersion,
  versionTime,
} from '../../domain/pod-event.js';
import { buildKeyedTimeline } from '../../domain/pod-timeline.js';
import type { SyncMark } from '../../domain/sync-reconciliation.js';
import { decodeEventVersion } from '../items/event-items.js';
import { decodeLive, isLiveRecord, podRefOf } from '../items/index-items.js';
import { decodeHead, decodePage, type HeadState } from '../items/pod-items.js';
import { hasGap, markOf } from '../items/sync-items.js';
import { storedObservations } from '../pod/layout.js';
import type { Page, PageRequest, PodHistory, StoreCursor } from '../port.js';
import { ATTR } from '../schema/attributes.js';
import * as k from '../schema/keys.js';
import { isExpired } from '../schema/retention.js';
import type { Item } from '../table/table-client.js';
import { readMerged } from './merged-read.js';
import { type ReadContext, readPartition, type Stats, summaries } from './read-heads.js';

export const DEFAULT_LIMIT = 100;

type NameQuery = { cluster: string; namespace: string; name: string; uid?: string } & PageRequest;

/**
 * Access pattern 1: every incarnation of cluster/namespace/name (or one uid), newest first, each
 * with its timeline. Two Queries, made at once: the name's partition (heads and pages of every
 * incarnation) and the cluster's SYNC reports (for gaps). `limit` bounds the entries per page; an
 * incarnation cut by it continues on the next page (same uid, `complete: false` until its end).
 */
export async function getPodHistory(ctx: ReadContext, q: NameQuery): Promise<Page<PodHistory>> {
  const stats: Stats = { requests: 0, itemsRead: 0 };
  const [incarnations, clusterItems] = await Promise.all([
    readIncarnations(ctx, q, stats),
    readPartition(ctx, k.clusterPk(q.cluster), k.SYNC_RANGE, stats),
  ]);
  const now = ctx.now();
  const gaps: SyncMark[] = clusterItems
    .filter((i) => hasGap(i) && !isExpired(i[ATTR.expires], now))
    .map(markOf);
  const all: FullHistory[] = incarnations.map(({ pod, head, items, events }) => ({
    pod,
    ...timelineOf(q.cluster, head, items, gaps, now),
    events,
  }));
  return { ...pageHistory(all, q), stats };
}

/** An incarnation as read from its name's partition. */
export interface Incarnation {
  readonly pod: PodSummary;
  readonly head: HeadState;
  readonly items: Item[];
  readonly events: RecordedEvent[];
}

/**
 * The name's partition (or one uid's part of it, plus the events that named no uid), grouped by
 * incarnation: each unexpired head with its items, summary and events, newest incarnation first.
 * An event that named no pod uid belongs to the incarnation live at its time (attachEvent).
 */
export async function readIncarnations(ctx: ReadContext, q: NameQuery, stats: Stats): Promise<Incarnation[]> {
  const pk = k.podPk(q.cluster, q);
  const reads = [readPartition(ctx, pk, q.uid === undefined ? undefined : k.incarnationRange(q.uid), stats)];
  if (q.uid !== undefined) reads.push(readPartition(ctx, pk, k.eventRange(k.NO_POD_UID), stats));
  const now = ctx.now();
  const byUid = new Map<string, Item[]>();
  const versions = new Map<string | undefined, RecordedEventVersion[]>();
  for (const item of (await Promise.all(reads)).flat()) {
    const sk = String(item[ATTR.sk]);
    if (k.isEventSk(sk)) {
      if (isExpired(item[ATTR.expires], now)) continue;
      const { podUid, version } = decodeEventVersion(item);
      versions.set(podUid, [...(versions.get(podUid) ?? []), version]);
      continue;
    }
    const uid = k.uidOfPodSk(sk);
    const items = byUid.get(uid);
    if (items === undefined) byUid.set(uid, [item]);
    else items.push(item);
  }
  const found: { pod: PodSummary; head: HeadState; items: Item[] }[] = [];
  for (const [uid, items] of byUid) {
    const headItem = items.find((i) => i[ATTR.sk] === k.headSk(uid));
    const head =
      headItem === undefined || isExpired(headItem[ATTR.expires], now) ? undefined : decodeHead(headItem);
    if (head !== undefined)
      found.push({ pod: summarize(q.cluster, head.state.agg), head: head.state, items });
  }
  found.sort((a, b) => compareText(newestFirst(b.pod), newestFirst(a.pod)));
  const pods = found.map((f) => f.pod);
  const unnamed = new Map<string, RecordedEventVersion[]>();
  for (const version of versions.get(undefined) ?? []) {
    const uid = attachEvent(pods, versionTime(version));
    if (uid !== undefined) unnamed.set(uid, [...(unnamed.get(uid) ?? []), version]);
  }
  return found.map((f) => ({
    ...f,
    events: groupEventVersions([...(versions.get(f.pod.uid) ?? []), ...(unnamed.get(f.pod.uid) ?? [])]),
  }));
}

/** How long after its end an incarnation still takes events that name no pod uid. */
const UNNAMED_EVENT_GRACE_MS = 60_000;

/**
 * The incarnation an event that named no pod uid belongs to: the newest one live at the event's
 * time (created, or first seen, at or before it; not ended more than a minute before it). Decided
 * by each incarnation's own span, so reading one uid attaches exactly what reading the whole name
 * attaches to it. `pods`: newest first.
 */
export function attachEvent(pods: readonly PodSummary[], at: string): string | undefined {
  const t = Date.parse(at);
  return pods.find(
    (p) =>
      Date.parse(p.createdAt ?? p.firstSeenAt) <= t &&
      (p.endedAt === undefined || t <= Date.parse(p.endedAt) + UNNAMED_EVENT_GRACE_MS),
  )?.uid;
}

/** One incarnation with its whole timeline, and each entry's position (pod-timeline.ts). */
export interface FullHistory {
  readonly pod: PodSummary;
  readonly entries: readonly TimelineEntry[];
  /** Sorts like `entries`; without it, an entry's index stands in (fixed data, as in tests). */
  readonly positions?: readonly string[];
  /** The incarnation's pod Events, every recorded version. */
  readonly events?: readonly RecordedEvent[];
}

/**
 * Cuts incarnations (newest first, every entry) into a page of at most `limit` entries. The cursor
 * names the incarnation to continue (by its sort key) and the position of the last entry handed
 * out, so entries that come or go before it between two pages (a late event, an expired page)
 * neither repeat nor go missing.
 */
export function pageHistory(
  all: readonly FullHistory[],
  request: PageRequest,
): { items: PodHistory[]; next?: StoreCursor } {
  const cursor = (request.cursor ?? {}) as { k?: unknown; p?: unknown };
  // Resume at the incarnation the cursor names, or — if it has gone since (expired) — at the next
  // older one: incarnations come in descending key order.
  const startAt =
    typeof cursor.k === 'string' ? all.findIndex((h) => newestFirst(h.pod) <= String(cursor.k)) : 0;
  const at = all[startAt];
  const after =
    at !== undefined && newestFirst(at.pod) === cursor.k && typeof cursor.p === 'string'
      ? cursor.p
      : undefined;
  let budget = request.limit ?? Number.POSITIVE_INFINITY;
  const items: PodHistory[] = [];
  for (let i = startAt < 0 ? all.length : startAt; i < all.length; i++) {
    const history = all[i] as FullHistory;
    const { pod, entries } = history;
    if (budget <= 0) return { items, next: { k: newestFirst(pod) } };
    const positionOf = (n: number) => history.positions?.[n] ?? String(n).padStart(10, '0');
    let offset = 0;
    if (i === startAt && after !== undefined)
      while (offset < entries.length && positionOf(offset) <= after) offset++;
    const taken = entries.slice(offset, offset + budget);
    budget -= taken.length;
    const end = offset + taken.length;
    // An incarnation's events travel with its first page.
    const events = offset === 0 ? { events: history.events ?? [] } : {};
    items.push({ pod, entries: taken, complete: end >= entries.length, ...events });
    if (end < entries.length) return { items, next: { k: newestFirst(pod), p: positionOf(end - 1) } };
  }
  return { items };
}

function timelineOf(
  cluster: string,
  state: HeadState,
  items: readonly Item[],
  gaps: readonly SyncMark[],
  now: number,
): { entries: TimelineEntry[]; positions: string[] } {
  const pages = items
    .filter((i) => k.isPageSk(String(i[ATTR.sk])) && !isExpired(i[ATTR.expires], now))
    .map(decodePage);
  const observations = storedObservations(state, pages);
  const timeline = buildKeyedTimeline({
    cluster,
    identity: state.agg.identity,
    observations: observations.map((o) => ({ key: o.key, observation: o.obs })),
    ...(state.agg.vanish === undefined ? {} : { vanish: state.agg.vanish }),
    gaps,
  });
  return { entries: timeline.map((k) => k.entry), positions: timeline.map((k) => k.position) };
}

/** The key incarnations of one name are ordered by, descending: creation, then uid. */
export function newestFirst(pod: PodSummary): string {
  return `${pod.createdAt ?? pod.firstSeenAt}#${pod.uid}`;
}

/** Incarnations by name, newest creation first: their heads only, no timelines, no gaps. */
export async function findPods(ctx: ReadContext, q: NameQuery): Promise<Page<PodSummary>> {
  const stats: Stats = { requests: 0, itemsRead: 0 };
  const pods = (await readIncarnations(ctx, q, stats)).map(({ pod }) => pod);
  const offset = offsetOf(q.cursor);
  const end = offset + (q.limit ?? DEFAULT_LIMIT);
  return { items: pods.slice(offset, end), ...(end < pods.length ? { next: { o: end } } : {}), stats };
}

/**
 * Where a uid's pod lives: its live-pods item (kept after the pod is gone) names it. One GetItem.
 */
export async function locatePod(
  ctx: ReadContext,
  q: { cluster: string; uid: string },
  stats: Stats = { requests: 0, itemsRead: 0 },
): Promise<{ namespace: string; name: string } | undefined> {
  const item = await ctx.table.get(
    { pk: k.livePk(q.cluster, k.shardOf(q.uid, k.CLUSTER_SHARDS)), sk: q.uid },
    false,
  );
  stats.requests++;
  if (item === undefined) return undefined;
  stats.itemsRead++;
  const live = decodeLive(item);
  if (isExpired(item[ATTR.expires], ctx.now()) || live === undefined) return undefined;
  return { namespace: live.namespace, name: live.name };
}

/** One incarnation's timeline by uid, oldest first: locate it, then read it. */
export async function getTimeline(
  ctx: ReadContext,
  q: { cluster: string; uid: string } & PageRequest,
): Promise<Page<TimelineEntry>> {
  const stats: Stats = { requests: 0, itemsRead: 0 };
  const where = await locatePod(ctx, q, stats);
  if (where === undefined) return { items: [], stats };
  const history = await getPodHistory(ctx, { cluster: q.cluster, ...where, uid: q.uid });
  stats.requests += history.stats.requests;
  stats.itemsRead += history.stats.itemsRead;
  const entries = history.items[0]?.entries ?? [];
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
  const page = await readMerged(ctx.table, {
    groups: [Array.from({ length: k.CLUSTER_SHARDS }, (_, s) => k.livePk(q.cluster, s))],
    from: '',
    to: k.KEY_MAX,
    keep: (i) => isLive(i, now),
    limit: q.limit ?? DEFAULT_LIMIT,
    ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
  });
  const stats = { ...page.stats };
  const pods = await summaries(
    ctx,
    page.items.map((i) => podRefOf(q.cluster, i)),
    stats,
  );
  return {
    items: pods.filter((p) => p.endedAt === undefined),
    ...(page.next === undefined ? {} : { next: page.next }),
    stats,
  };
}

/** A live-pods item of a pod still live: not gone, not vanished, not expired. */
export function isLive(item: Item, now: number): boolean {
  return isLiveRecord(item) && !isExpired(item[ATTR.expires], now);
}

function offsetOf(cursor: StoreCursor | undefined): number {
  const o = (cursor as { o?: unknown } | undefined)?.o;
  return typeof o === 'number' && Number.isInteger(o) && o >= 0 ? o : 0;
}
