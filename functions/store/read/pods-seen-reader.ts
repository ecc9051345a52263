import type { PodSummary } from '../../domain/model.js';
import type { PodAggregate } from '../../domain/pod-aggregate.js';
import { matchesWorkload } from '../../domain/workload.js';
import type { Page, PageRequest, StoreCursor, TimeWindow } from '../port.js';
import * as k from '../schema/keys.js';
import { isExpired } from '../schema/retention.js';
import type { Item } from '../table/table-client.js';
import { readMerged, windowDays } from './merged-read.js';
import { DEFAULT_LIMIT, podRef } from './pod-readers.js';
import { type ReadContext, readPods, type Stats } from './read-heads.js';

/** A window longer than the retention reads nothing more: there is nothing older. */
const MAX_DAYS = 400;

/**
 * Access pattern 2: pods whose life overlaps [since, until). Phase 1 reads the per-day "seen"
 * partitions (a pod is listed once, on the first window day it was seen); phase 2 adds live pods
 * last heard of before the window, which have no "seen" item in it. One call continues from phase
 * 1 into phase 2 while the page has room; the cursor says where to resume.
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
  let phase = start.p === 2 ? 2 : 1;
  let cursor = start.c;
  for (;;) {
    const page = await readMerged(ctx.table, {
      groups:
        phase === 1
          ? days.map((day) => Array.from({ length: k.CLUSTER_SHARDS }, (_, s) => k.seenPk(q.cluster, day, s)))
          : [Array.from({ length: k.CLUSTER_SHARDS }, (_, s) => k.livePk(q.cluster, s))],
      ...(phase === 1 && q.namespace !== undefined
        ? { from: `${q.namespace}#`, to: `${q.namespace}#${k.KEY_MAX}` }
        : { from: '', to: k.KEY_MAX }),
      keep: (i: Item) =>
        i.dead !== true &&
        !isExpired(i.x, now) &&
        (phase === 1
          ? matchesWorkload({ kind: String(i.wk), name: String(i.w) }, q.workload) &&
            String(i.pk).split('#')[2] === [String(i.f), sinceDay].sort()[1]
          : i.vr === undefined && i.gone !== true && (q.namespace === undefined || i.ns === q.namespace)),
      limit: limit - items.length,
      ...(cursor === undefined ? {} : { cursor }),
    });
    stats.requests += page.stats.requests;
    stats.itemsRead += page.stats.itemsRead;
    const pods = await readPods(
      ctx,
      page.items.map((i) => podRef(q.cluster, i)),
      stats,
    );
    for (const pod of pods) {
      const p = pod.summary;
      if (p.firstSeenAt >= q.until) continue;
      if (phase === 1 ? p.endedAt === undefined || p.endedAt >= q.since : phase2(p)) items.push(pod);
    }
    if (page.next !== undefined) return { items, next: { p: phase, c: page.next }, stats };
    if (phase === 2) return { items, stats };
    phase = 2;
    cursor = undefined;
    if (items.length >= limit) return { items, next: { p: 2 }, stats };
  }

  // Live pods last heard of on a window day were listed in phase 1 already.
  function phase2(p: PodSummary): boolean {
    return (
      matchesWorkload(p.workload, q.workload) &&
      p.endedAt === undefined &&
      p.lastSeenAt.slice(0, 10) < sinceDay
    );
  }
}
