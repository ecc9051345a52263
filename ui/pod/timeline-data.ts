import type { PodSummary, TimelineEntry } from '../../functions/domain/model.js';
import type { RecordedEvent } from '../../functions/domain/pod-event.js';
import { type TimelinePage, timelineMerger } from '../../functions/domain/timeline-pages.js';
import { apiGet } from '../api.js';

/** One incarnation as the pod page holds it after merging pages (as `podtrail timeline` does). */
export interface Incarnation {
  readonly pod: PodSummary;
  readonly entries: readonly TimelineEntry[];
  readonly events: readonly RecordedEvent[];
}

export interface PodTimeline {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  /** Oldest first, as the CLI prints them. */
  readonly incarnations: readonly Incarnation[];
  /** True when more entries are recorded than MAX_ENTRIES. */
  readonly truncated: boolean;
}

/** The CLI's default --limit: the page reads at most this many entries. */
export const MAX_ENTRIES = 10_000;
const PAGE = 5000;

export interface PodQuery {
  readonly cluster: string;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly uid: string | undefined;
}

/** Reads every page of /v1/timeline, merging an incarnation split across pages (same uid). */
export async function loadTimeline(q: PodQuery): Promise<PodTimeline> {
  const merged = timelineMerger();
  let cursor: string | undefined;
  let read = 0;
  let namespace = q.namespace ?? 'default';
  let name = q.name ?? '';
  for (;;) {
    const page = await apiGet<TimelinePage>('/v1/timeline', {
      cluster: q.cluster,
      ...(q.name === undefined ? {} : { namespace: q.namespace ?? 'default', name: q.name }),
      // A name shows every incarnation (the page selects one); a uid alone finds its name.
      uid: q.name === undefined ? q.uid : undefined,
      limit: String(Math.min(PAGE, MAX_ENTRIES - read)),
      cursor,
    });
    namespace = page.namespace;
    name = page.name;
    read += merged.add(page);
    cursor = page.next;
    const incarnations = merged
      .incarnations()
      .sort((a, b) => (a.pod.firstSeenAt < b.pod.firstSeenAt ? -1 : 1));
    if (cursor === undefined) return { cluster: q.cluster, namespace, name, incarnations, truncated: false };
    if (read >= MAX_ENTRIES) return { cluster: q.cluster, namespace, name, incarnations, truncated: true };
  }
}

/** The index of the row in effect at `at`: the last entry observed at or before it (0 before the first). */
export function rowAt(entries: readonly TimelineEntry[], at: number): number {
  let lo = 0;
  let hi = entries.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (Date.parse(entries[mid]!.observedAt) <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The index of the entry observed nearest to `at`. */
export function nearestRow(entries: readonly TimelineEntry[], at: number): number {
  const i = rowAt(entries, at);
  const next = entries[i + 1];
  if (next === undefined) return i;
  const here = Math.abs(Date.parse(entries[i]!.observedAt) - at);
  return Math.abs(Date.parse(next.observedAt) - at) < here ? i + 1 : i;
}
