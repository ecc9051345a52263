import { maxTime } from '../../domain/event-order.js';
import type { PodSummary } from '../../domain/model.js';
import type { PodAggregate } from '../../domain/pod-aggregate.js';
import { matchesWorkload } from '../../domain/workload.js';
import { decodeLive, decodeSeen, podRefOf } from '../items/index-items.js';
import type { Page, PageRequest, StoreCursor, TimeWindow } from '../port.js';
import { ATTR } from '../schema/attributes.js';
import * as k from '../schema/keys.js';
import { isExpired } from '../schema/retention.js';
import type { Item } from '../table/table-client.js';
import { readMerged, windowDays } from './merged-read.js';
import { DEFAULT_LIMIT } from './pod-readers.js';
import { type ReadContext, readPods, type Stats } from './read-heads.js';

/** The two phases of the read (the cursor's `p`): the window's seen-per-day partitions, then live pods heard of before it. */
const SEEN_DAYS = 1;
const LIVE_BEFORE = 2;
type Phase = typeof SEEN_DAYS | typeof LIVE_BEFORE;

/** A window longer than the retention reads nothing more: there is nothing older. */
const MAX_DAYS = 400;

/**
 * Access pattern 2: pods whose life overlaps [since, until). The SEEN_DAYS phase reads the per-day
 * "seen" partitions (a pod is listed once, on the first window day it was seen); the LIVE_BEFORE
 * phase adds live pods last heard of before the window, which have no "seen" item in it. One call
 * continues from the first phase into the second while the page has room; the cursor says where to
 * resume.
 */
export async function listPodsSeen(ctx: ReadContext, q: SeenQuery): Promise<Page<PodSummary>> {
  const page = await seenPods(ctx, q);
  return { ...page, items: page.items.map((p) => p.summary) };
}

export type SeenQuery = { cluster: string; namespace?: string; workload?: string } & TimeWindow & PageRequest;

/** listPodsSeen with each pod's aggregate, for readers that need more than the summary. */
export async function seenPods(
  ctx: ReadContext,
  q: SeenQuery,
): Promise<Page<{ summary: PodSummary; agg: PodAggregate }>> {
  const now = ctx.now();
  const days = windowDays(q.since, q.until, MAX_DAYS);
  const sinceDay = days[0] ?? q.since.slice(0, 10);
  const limit = q.limit ?? DEFAULT_LIMIT;
  const start = (q.cursor ?? {}) as { p?: unknown; c?: StoreCursor };
  const stats: Stats = { requests: 0, itemsRead: 0 };
  const items: { summary: PodSummary; agg: PodAggregate }[] = [];
  let phase: Phase = start.p === LIVE_BEFORE ? LIVE_BEFORE : SEEN_DAYS;
  let cursor = start.c;
  for (;;) {
    const page = await readMerged(ctx.table, {
      groups:
        phase === SEEN_DAYS
          ? days.map((day) => Array.from({ length: k.CLUSTER_SHARDS }, (_, s) => k.seenPk(q.cluster, day, s)))
          : [Array.from({ length: k.CLUSTER_SHARDS }, (_, s) => k.livePk(q.cluster, s))],
      ...(phase === SEEN_DAYS && q.namespace !== undefined
        ? { from: `${q.namespace}#`, to: `${q.namespace}#${k.KEY_MAX}` }
        : { from: '', to: k.KEY_MAX }),
      keep: (i: Item) =>
        i[ATTR.removed] !== true &&
        !isExpired(i[ATTR.expires], now) &&
        (phase === SEEN_DAYS ? listedOnFirstWindowDay(i) : stillLiveInNamespace(i)),
      limit: limit - items.length,
      ...(cursor === undefined ? {} : { cursor }),
    });
    stats.requests += page.stats.requests;
    stats.itemsRead += page.stats.itemsRead;
    const pods = await readPods(
      ctx,
      page.items.map((i) => podRefOf(q.cluster, i)),
      stats,
    );
    for (const pod of pods) {
      const p = pod.summary;
      if (p.firstSeenAt >= q.until) continue;
      if (phase === SEEN_DAYS ? p.endedAt === undefined || p.endedAt >= q.since : heardOfBeforeWindow(p))
        items.push(pod);
    }
    if (page.next !== undefined) return { items, next: { p: phase, c: page.next }, stats };
    if (phase === LIVE_BEFORE) return { items, stats };
    phase = LIVE_BEFORE;
    cursor = undefined;
    if (items.length >= limit) return { items, next: { p: LIVE_BEFORE }, stats };
  }

  /**
   * A pod seen on several window days is listed once: under the first window day it was seen on,
   * i.e. the later of its first day and the window's first day.
   */
  function listedOnFirstWindowDay(i: Item): boolean {
    const seen = decodeSeen(i);
    const firstWindowDay = maxTime(seen.firstDay, sinceDay);
    return matchesWorkload(seen.workload, q.workload) && seen.day === firstWindowDay;
  }

  /** Live pods (not gone, not vanished) of the namespace asked for. */
  function stillLiveInNamespace(i: Item): boolean {
    const live = decodeLive(i);
    return (
      live !== undefined &&
      !live.gone &&
      live.vanishedBy === undefined &&
      (q.namespace === undefined || live.namespace === q.namespace)
    );
  }

  // Live pods last heard of on a window day were listed in the SEEN_DAYS phase already.
  function heardOfBeforeWindow(p: PodSummary): boolean {
    return (
      matchesWorkload(p.workload, q.workload) &&
      p.endedAt === undefined &&
      p.lastSeenAt.slice(0, 10) < sinceDay
    );
  }
}
