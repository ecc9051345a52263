import { type Keyed, keyed, mergeInto, sortKeyed } from '../../domain/observation-set.js';
import type { HeadState, StoredPage } from '../items/pod-items.js';
import { FIRST_PAGE, SEGMENT_LIMIT_BYTES, startsPage, TAIL_SEGMENTS } from '../schema/keys.js';

/**
 * How one pod's observations are laid out, as a pure function of the set: ordered by order key and
 * cut into pages where an observation's hash says so (content-defined, like rsync's chunking), so the
 * layout is the same whatever order or batches the observations came in. The last two segments live
 * in the pod head (the *tail*, see TAIL_SEGMENTS); the others are page items.
 */
export interface Segment {
  /** FIRST_PAGE or the key of the observation that starts it. */
  readonly start: string;
  readonly items: readonly Keyed[];
}

/**
 * Cut an ordered run of observations into segments; the first keeps `firstStart`. An observation
 * also starts a segment when the current one would otherwise pass SEGMENT_LIMIT_BYTES: still a
 * function of the content alone (sizes count from each segment's start), and it bounds every page
 * and the head's tail however large a pod's observations are.
 */
export function segment(uid: string, items: readonly Keyed[], firstStart: string): Segment[] {
  const segments: { start: string; items: Keyed[]; bytes: number }[] = [];
  for (const item of items) {
    const bytes = Buffer.byteLength(JSON.stringify(item.obs));
    const current = segments.at(-1);
    if (current === undefined) segments.push({ start: firstStart, items: [item], bytes });
    else if (
      item.key > current.start &&
      (startsPage(uid, item.key) || current.bytes + bytes > SEGMENT_LIMIT_BYTES)
    )
      segments.push({ start: item.key, items: [item], bytes });
    else {
      current.items.push(item);
      current.bytes += bytes;
    }
  }
  return segments.map(({ start, items }) => ({ start, items }));
}

/** The canonical layout of a whole pod: pages, then the tail (the last segment). */
export function layout(
  uid: string,
  items: readonly Keyed[],
): { pages: Segment[]; tailKey: string; tail: Keyed[] } {
  const segments = segment(uid, sortKeyed(items), FIRST_PAGE);
  const tail = segments.splice(Math.max(0, segments.length - TAIL_SEGMENTS));
  return { pages: segments, tailKey: tail[0]?.start ?? FIRST_PAGE, tail: tail.flatMap((s) => [...s.items]) };
}

/**
 * A pod's committed observations: its live pages before the tail, then the tail, then the inbox
 * (committed observations whose pages are not rewritten yet). `pages`: as read, expired ones
 * already dropped by the caller.
 */
export function storedObservations(state: HeadState, pages: readonly StoredPage[]): Keyed[] {
  const paged = pages
    .filter((p) => !p.removed && p.start < state.tailKey)
    .flatMap((p) => p.observations.map(keyed));
  return mergeInto(mergeInto(paged, state.tail.map(keyed)).items, state.inbox.map(keyed)).items;
}
