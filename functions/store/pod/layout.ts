import { type Keyed, keyed, mergeInto, sortKeyed } from '../../domain/observation-set.js';
import type { HeadState, StoredPage } from '../items/pod-items.js';
import { FIRST_PAGE, startsPage, TAIL_SEGMENTS } from '../schema/keys.js';

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

/** Cut an ordered run of observations into segments; the first keeps `firstStart`. */
export function segment(uid: string, items: readonly Keyed[], firstStart: string): Segment[] {
  const segments: { start: string; items: Keyed[] }[] = [];
  for (const item of items) {
    const current = segments.at(-1);
    if (current === undefined) segments.push({ start: firstStart, items: [item] });
    else if (startsPage(uid, item.key) && item.key > current.start)
      segments.push({ start: item.key, items: [item] });
    else current.items.push(item);
  }
  return segments;
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
