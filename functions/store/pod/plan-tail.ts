import { versionIdentity } from '../../domain/event-order.js';
import type { PodIdentity, PodObservation } from '../../domain/observation.js';
import { absorb, addVanish, startAggregate, withEntries } from '../../domain/pod-aggregate.js';
import type { VanishRef } from '../../domain/sync-reconciliation.js';
import { type DeriveContext, diffItems, podItems } from '../items/index-items.js';
import type { HeadState } from '../items/pod-items.js';
import { FIRST_PAGE, type PodKey, TAIL_SEGMENTS } from '../schema/keys.js';
import type { Item } from '../table/table-client.js';
import { type Keyed, keyed, mergeInto, segment } from './layout.js';
import { affectedKeys, contributions, pageItem } from './plan-effects.js';

/**
 * Planning one change to one pod, purely: from what was read (head, and in full mode every page)
 * and what arrived, decide the new head, the page items and the derived index items to write. The
 * writer (pod-writer.ts) only sequences these writes; all decisions are here and testable.
 *
 * Two modes. *Tail mode* (the common case: observations at or after the tail's first key) touches
 * the head alone, plus the pages it closes. *Full mode* (a late observation belonging to an older
 * page, an inbox left by an interrupted writer, or a change of the pod's first observation) reads
 * and re-lays out the whole pod; its page writes follow a first commit that records the change in the
 * inbox, so a page never holds an observation the head has not committed.
 */
export type Outcome = 'new' | 'earlier' | 'same';

export type Mutation =
  | {
      readonly kind: 'observe';
      readonly items: readonly Keyed[];
      readonly identities: ReadonlyMap<string, PodIdentity>;
    }
  | { readonly kind: 'vanish'; readonly ref: VanishRef };

export interface LoadedPage {
  readonly start: string;
  readonly pv: number;
  readonly dead: boolean;
  readonly obs: readonly PodObservation[];
}

export interface PodPlan {
  readonly outcomes: readonly Outcome[];
  readonly changed: boolean;
  /** Tail mode: closed pages of committed observations, written before the commit (pv = read version). */
  readonly pagesBefore: readonly Item[];
  readonly head: HeadState;
  /** Full mode: rewritten pages, written after the first commit (pv = its version). */
  readonly pagesAfter: readonly Item[];
  readonly derived: readonly Item[];
  /** The head still holds closable pages (they held new observations): run again to close them. */
  readonly settle: boolean;
}

export interface PlanContext extends DeriveContext {
  readonly pod: PodKey;
  /** Version of the head read (0: none). */
  readonly version: number;
}

export function needsFullMode(state: HeadState | undefined, mutation: Mutation): boolean {
  if (state === undefined) return false;
  if (state.inbox.length > 0) return true;
  if (mutation.kind !== 'observe') return false;
  const tailRvs = new Set(state.tail.map((o) => o.rv));
  const first = state.tail[0] === undefined ? undefined : keyed(state.tail[0]).key;
  return mutation.items.some(
    (item) =>
      item.key < state.tailKey ||
      (state.tailKey !== FIRST_PAGE && item.key === first) ||
      (!item.key.startsWith('n') && !tailRvs.has(item.obs.rv)),
  );
}

export function planTail(ctx: PlanContext, state: HeadState | undefined, mutation: Mutation): PodPlan {
  const oldTail = state === undefined ? [] : state.tail.map(keyed);
  const tailKey = state?.tailKey ?? FIRST_PAGE;
  const incoming = mutation.kind === 'observe' ? mutation.items : [];
  const merged = mergeInto(oldTail, incoming);
  let agg = state?.agg;
  for (const item of merged.items) {
    if (!merged.changed.has(item.key) || mutation.kind !== 'observe') continue;
    const identity = mutation.identities.get(item.key) ?? agg?.identity;
    if (identity === undefined) continue;
    const isNew = !oldTail.some((o) => versionIdentity(o.obs.rv) === versionIdentity(item.obs.rv));
    agg =
      agg === undefined
        ? startAggregate(identity, item.key, item.obs)
        : absorb(agg, identity, item.key, item.obs, isNew);
  }
  if (agg === undefined) throw new Error('a pod without observations cannot be planned');
  if (mutation.kind === 'vanish') agg = addVanish(agg, mutation.ref);
  const identityChanged =
    state !== undefined && JSON.stringify(state.agg.identity) !== JSON.stringify(agg.identity);
  const affected = identityChanged
    ? new Set(merged.items.map((i) => i.key))
    : affectedKeys(merged.items, merged.changed);
  const before = contributions(ctx, state?.agg, oldTail, affected);
  const after = contributions(ctx, agg, merged.items, affected);
  agg = withEntries(agg, after.entries - before.entries);

  // A segment becomes a page once it is no longer one of the last TAIL_SEGMENTS, but only when its
  // content and its end (the next segment's first key) were both committed: then every writer that
  // read this head version closes exactly the same page, byte for byte.
  const segments = segment(ctx.pod.uid, merged.items, tailKey);
  const committed = (key: string) => !merged.changed.has(key);
  let closed = 0;
  while (
    closed < segments.length - TAIL_SEGMENTS &&
    (segments[closed]?.items ?? []).every((i) => committed(i.key)) &&
    committed(segments[closed + 1]?.start ?? '')
  )
    closed++;
  const remaining = segments.slice(closed);
  const derived = diffItems(
    [...before.items, ...(state === undefined ? [] : podItems(ctx, state.agg))],
    [...after.items, ...podItems(ctx, agg)],
  );
  const head: HeadState = {
    agg,
    tailKey: remaining[0]?.start ?? tailKey,
    tail: remaining.flatMap((s) => s.items.map((i) => i.obs)),
    inbox: [],
    pending: derived,
  };
  const changed = merged.changed.size > 0 || closed > 0 || JSON.stringify(agg) !== JSON.stringify(state?.agg);
  return {
    outcomes: merged.outcomes,
    changed,
    pagesBefore: segments.slice(0, closed).map((s) => pageItem(ctx, s, ctx.version)),
    head,
    pagesAfter: [],
    derived,
    settle: remaining.length > TAIL_SEGMENTS,
  };
}

export { headExpiry } from './plan-effects.js';
export { planFull } from './plan-full.js';
