import type { PodIdentity } from '../../domain/observation.js';
import type { Keyed } from '../../domain/observation-set.js';
import { mergeInto, sortKeyed } from '../../domain/observation-set.js';
import {
  absorb,
  addVanish,
  type PodAggregate,
  startAggregate,
  withEntries,
  withVanish,
} from '../../domain/pod-aggregate.js';
import { encodePageTombstone, type HeadState, type StoredPage } from '../items/pod-items.js';
import { layout, type Segment, storedObservations } from './layout.js';
import {
  contributions,
  describePartItems,
  diffItems,
  pageItem,
  podExpiry,
  podItems,
} from './plan-effects.js';
import type { Mutation, PlanContext, PodPlan } from './plan-types.js';

/**
 * Full-mode planning (see plan-tail.ts): the whole pod is read, the change applied to the complete
 * set of observations, and the canonical layout recomputed; pages that differ are rewritten after
 * a first commit that records their observations in the head's inbox.
 */
export function planFull(
  ctx: PlanContext,
  state: HeadState,
  pages: readonly StoredPage[],
  mutation: Mutation,
): PodPlan {
  const committed = storedObservations(state, pages);
  const incoming = mutation.kind === 'observe' ? mutation.items : [];
  const merged = mergeInto(committed, incoming);
  const identities = mutation.kind === 'observe' ? mutation.identities : new Map<string, PodIdentity>();
  let agg = withVanish(rebuild(merged.items, identities, state.agg), state.agg.vanish);
  if (mutation.kind === 'vanish') agg = addVanish(agg, mutation.ref);
  const everything = new Set(merged.items.map((i) => i.key));
  const before = contributions(ctx, state.agg, committed, new Set(committed.map((i) => i.key)));
  const after = contributions(ctx, agg, merged.items, everything);
  agg = withEntries({ ...agg, entries: 0 }, after.entries);
  const derived = diffItems(
    [...before.items, ...podItems(ctx, state.agg)],
    [...after.items, ...podItems(ctx, agg)],
  );

  const version = ctx.version + 1;
  const target = layout(ctx.pod.uid, merged.items);
  const loaded = new Map(pages.map((p) => [p.start, p]));
  const rewrites: Segment[] = target.pages.filter((s) => {
    const page = loaded.get(s.start);
    return (
      page === undefined ||
      page.removed ||
      JSON.stringify(page.observations) !== JSON.stringify(s.items.map((i) => i.obs))
    );
  });
  const starts = new Set(target.pages.map((s) => s.start));
  const removals = pages.filter((p) => !p.removed && !starts.has(p.start));
  const head: HeadState = {
    agg,
    tailKey: target.tailKey,
    tail: target.tail.map((i) => i.obs),
    inbox: rewrites.flatMap((s) => s.items.map((i) => i.obs)),
    pending: derived,
  };
  const changed =
    merged.changed.size > 0 ||
    state.inbox.length > 0 ||
    rewrites.length > 0 ||
    removals.length > 0 ||
    JSON.stringify(agg) !== JSON.stringify(state.agg);
  return {
    outcomes: merged.outcomes,
    changed,
    parts: describePartItems(
      ctx,
      merged.items,
      merged.changed,
      mutation.kind === 'observe' ? mutation.parts : undefined,
    ),
    pagesBefore: [],
    head,
    pagesAfter: [
      ...rewrites.map((s) => pageItem(ctx, s, version)),
      ...removals.map((p) =>
        encodePageTombstone(ctx.cluster, ctx.pod, { start: p.start, version, expires: podExpiry(ctx, agg) }),
      ),
    ],
    derived,
    settle: false,
  };
}

function rebuild(
  items: readonly Keyed[],
  identities: ReadonlyMap<string, PodIdentity>,
  old: PodAggregate,
): PodAggregate {
  let agg: PodAggregate | undefined;
  for (const item of sortKeyed(items)) {
    // Only the first observation's identity is kept; an old first observation keeps the old identity.
    const identity = identities.get(item.key) ?? old.identity;
    agg =
      agg === undefined
        ? startAggregate(identity, item.key, item.obs)
        : absorb(agg, identity, item.key, item.obs, true);
  }
  if (agg === undefined) throw new Error('a pod without observations cannot be rebuilt');
  return agg;
}
