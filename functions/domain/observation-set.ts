import { orderKey, versionIdentity } from './event-order.js';
import type { PodObservation } from './observation.js';

/**
 * The set of one pod's observations, keyed by order key (event-order.ts `orderKey`: decimal
 * resourceVersion zero-padded, else time), and the rule that merges deliveries into it. The stored
 * state is a function of this set, whatever order, duplication or batching the events came in.
 */
export interface Keyed {
  readonly key: string;
  readonly obs: PodObservation;
}

export function keyed(obs: PodObservation): Keyed {
  return { key: orderKey(obs.rv, obs.observedAt), obs };
}

export function sortKeyed(items: readonly Keyed[]): Keyed[] {
  return [...items].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
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
