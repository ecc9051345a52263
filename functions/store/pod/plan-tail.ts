import { isTimeOrderedKey, versionIdentity } from '../../domain/event-order.js';
import { keyed, mergeInto } from '../../domain/observation-set.js';
import { absorb, addVanish, startAggregate, withEntries } from '../../domain/pod-aggregate.js';
import type { HeadState } from '../items/pod-items.js';
import { FIRST_PAGE, TAIL_SEGMENTS } from '../schema/keys.js';
import { segment } from './layout.js';
import {
  affectedKeys,
  contributions,
  describePartItems,
  diffItems,
  pageItem,
  podItems,
} from './plan-effects.js';
import type { Mutation, PlanContext, PodPlan } from './plan-types.js';

/**
 * Planning one change to one pod, purely: from what was read (head, and in full mode every page)
 * and what arrived, decide the new head, the page items and the derived index items to write. What
 * to write is decided here and only here; the writer (write/pod-writer.ts) decides how to get a
 * consistent read, and write/pod-commit.ts in which order the writes go.
 *
 * Two modes. *Tail mode* (the common case: observations at or after the tail's first key) touches
 * the head alone, plus the pages it closes. *Full mode* (a late observation belonging to an older
 * page, an inbox left by an interrupted writer, or a change of the pod's first observation) reads
 * and re-lays out the whole pod; its page writes follow a first commit that records the change in the
 * inbox, so a page never holds an observation the head has not committed.
 */
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
      (isTimeOrderedKey(item.key) && !tailRvs.has(item.obs.rv)),
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
    parts: describePartItems(
      ctx,
      merged.items,
      merged.changed,
      mutation.kind === 'observe' ? mutation.parts : undefined,
    ),
    pagesBefore: segments.slice(0, closed).map((s) => pageItem(ctx, s, ctx.version)),
    head,
    pagesAfter: [],
    derived,
    settle: remaining.length > TAIL_SEGMENTS,
  };
}
