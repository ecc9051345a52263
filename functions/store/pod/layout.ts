import { orderKey, versionIdentity } from '../../domain/event-order.js';
import type { PodObservation } from '../../domain/observation.js';
import { FIRST_PAGE, startsPage, TAIL_SEGMENTS } from '../schema/keys.js';

/**
 * How one pod's observations are laid out, as a pure function of the set: ordered by order key and
 * cut into pages where an observation's hash says so (content-defined, like rsync's chunking), so the
 * layout is the same whatever order or batches the observations came in. The last two segments live
 * in the pod head (the *tail*, see TAIL_SEGMENTS); the others are page items.
 */
export interface Keyed {
  readonly key: string;
  readonly obs: PodObservation;
}

export interface Segment {
  /** FIRST_PAGE or the key of the observation that starts it. */
  readonly start: string;
  readonly items: readonly Keyed[];
}

export function keyed(obs: PodObservation): Keyed {
  return { key: orderKey(obs.rv, obs.observedAt), obs };
}

export function sortKeyed(items: readonly Keyed[]): Keyed[] {
  return [...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
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
 * Merge another delivery of observations into a keyed set: for one (uid, resourceVersion) the
 * earliest observedAt wins (ties: the smaller JSON, so the choice is deterministic), and DELETED is
 * kept once seen. Returns the merged set and which keys changed.
 */
export function mergeInto(
  existing: readonly Keyed[],
  incoming: readonly Keyed[],
): { items: Keyed[]; changed: Set<string>; outcomes: ('new' | 'earlier' | 'same')[] } {
  const byIdentity = new Map<string, Keyed>();
  for (const item of existing) byIdentity.set(versionIdentity(item.obs.rv), item);
  const changed = new Set<string>();
  const outcomes: ('new' | 'earlier' | 'same')[] = [];
  for (const item of incoming) {
    const identity = versionIdentity(item.obs.rv);
    const current = byIdentity.get(identity);
    if (current === undefined) {
      byIdentity.set(identity, item);
      changed.add(item.key);
      outcomes.push('new');
      continue;
    }
    const merged = mergeSame(current.obs, item.obs);
    if (JSON.stringify(merged) === JSON.stringify(current.obs)) {
      outcomes.push('same');
      continue;
    }
    const next = keyed(merged);
    if (next.key !== current.key) changed.add(current.key);
    byIdentity.set(identity, next);
    changed.add(next.key);
    outcomes.push('earlier');
  }
  return { items: sortKeyed([...byIdentity.values()]), changed, outcomes };
}

function mergeSame(a: PodObservation, b: PodObservation): PodObservation {
  const { rv, observedAt, deleted: _drop, ...body } = earlier(a, b);
  // Rebuilt in observePod's key order, so equal states stay equal JSON.
  const deleted = a.deleted === true || b.deleted === true ? { deleted: true as const } : {};
  return { rv, observedAt, ...deleted, ...body };
}

function earlier(a: PodObservation, b: PodObservation): PodObservation {
  if (a.observedAt !== b.observedAt) return a.observedAt < b.observedAt ? a : b;
  return contentOf(a) <= contentOf(b) ? a : b;
}

function contentOf(obs: PodObservation): string {
  const { deleted: _drop, ...rest } = obs;
  return JSON.stringify(rest);
}
