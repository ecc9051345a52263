import type { PodSummary, TimelineEntry } from './model.js';
import type { RecordedEvent } from './pod-event.js';

/**
 * The body of GET /v1/timeline: one page of a pod's incarnations. An incarnation cut by the page
 * boundary continues, same uid, on the next page (`next` is the cursor for it).
 */
export interface TimelinePage {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly incarnations: readonly {
    readonly pod: PodSummary;
    readonly entries: readonly TimelineEntry[];
    readonly events?: readonly RecordedEvent[];
  }[];
  readonly next?: string;
}

/** One incarnation with every page's entries and events joined, in page order. */
export interface MergedIncarnation {
  readonly pod: PodSummary;
  readonly entries: TimelineEntry[];
  readonly events: RecordedEvent[];
}

/**
 * Joins pages of /v1/timeline back into whole incarnations (keyed by uid, first-seen page order),
 * as `podtrail timeline` and the web UI's pod page both read them. `add` returns how many entries
 * the page carried, so a reader can stop at its limit.
 */
export function timelineMerger(): {
  add(page: TimelinePage): number;
  incarnations(): MergedIncarnation[];
} {
  const byUid = new Map<string, MergedIncarnation>();
  return {
    add(page) {
      let read = 0;
      for (const inc of page.incarnations) {
        const held = byUid.get(inc.pod.uid);
        if (held === undefined)
          byUid.set(inc.pod.uid, {
            pod: inc.pod,
            entries: [...inc.entries],
            events: [...(inc.events ?? [])],
          });
        else {
          held.entries.push(...inc.entries);
          held.events.push(...(inc.events ?? []));
        }
        read += inc.entries.length;
      }
      return read;
    },
    incarnations: () => [...byUid.values()],
  };
}
