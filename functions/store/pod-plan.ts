import { versionIdentity } from '../domain/event-order.js';
import type { PodIdentity, PodObservation } from '../domain/observation.js';
import {
  absorb,
  addVanish,
  type PodAggregate,
  startAggregate,
  withEntries,
  withVanish,
} from '../domain/pod-aggregate.js';
import type { VanishRef } from '../domain/sync-reconciliation.js';
import { entryFor } from '../domain/transitions.js';
import { encodeBody } from './codec.js';
import { type DeriveContext, diffItems, pairItems, podExpiry, podItems } from './derived-items.js';
import { FIRST_PAGE, PAGE_PREFIX, podPk, TAIL_SEGMENTS } from './keys.js';
import type { HeadState } from './pod-head.js';
import { type Keyed, keyed, layout, mergeInto, type Segment, segment, sortKeyed } from './pod-pages.js';
import { expiresAt } from './retention.js';
import type { Item } from './table-client.js';

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
  readonly uid: string;
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
  const segments = segment(ctx.uid, merged.items, tailKey);
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

export function planFull(
  ctx: PlanContext,
  state: HeadState,
  pages: readonly LoadedPage[],
  mutation: Mutation,
): PodPlan {
  const stored = pages.filter((p) => !p.dead && p.start < state.tailKey).flatMap((p) => p.obs.map(keyed));
  const committed = mergeInto(mergeInto(stored, state.tail.map(keyed)).items, state.inbox.map(keyed)).items;
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
  const target = layout(ctx.uid, merged.items);
  const loaded = new Map(pages.map((p) => [p.start, p]));
  const rewrites: Segment[] = target.pages.filter((s) => {
    const page = loaded.get(s.start);
    return (
      page === undefined ||
      page.dead ||
      JSON.stringify(page.obs) !== JSON.stringify(s.items.map((i) => i.obs))
    );
  });
  const starts = new Set(target.pages.map((s) => s.start));
  const removals = pages.filter((p) => !p.dead && !starts.has(p.start));
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
    pagesBefore: [],
    head,
    pagesAfter: [
      ...rewrites.map((s) => pageItem(ctx, s, version)),
      ...removals.map((p) => ({
        pk: podPk(ctx.cluster, ctx.uid),
        sk: `${PAGE_PREFIX}${p.start}`,
        pv: version,
        x: podExpiry(ctx, agg),
        dead: true,
      })),
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

/** Keys whose contributions may differ: the changed observations and the one after each. */
function affectedKeys(items: readonly Keyed[], changed: ReadonlySet<string>): Set<string> {
  const affected = new Set<string>();
  items.forEach((item, i) => {
    if (!changed.has(item.key)) return;
    affected.add(item.key);
    const next = items[i + 1];
    if (next !== undefined) affected.add(next.key);
  });
  return affected;
}

/** Derived pair items and the number of timeline entries of the given keys, in `items` order. */
function contributions(
  ctx: DeriveContext,
  agg: PodAggregate | undefined,
  items: readonly Keyed[],
  keys: ReadonlySet<string>,
): { items: Item[]; entries: number } {
  const out: Item[] = [];
  let entries = 0;
  if (agg === undefined) return { items: out, entries };
  items.forEach((item, i) => {
    if (!keys.has(item.key)) return;
    const prev = items[i - 1]?.obs;
    if (entryFor(ctx.cluster, agg.identity, prev, item.obs) !== undefined) entries++;
    out.push(...pairItems(ctx, agg.identity, item.key, prev, item.obs));
  });
  return { items: out, entries };
}

function pageItem(ctx: PlanContext, s: Segment, pv: number): Item {
  const newest =
    s.items
      .map((i) => i.obs.observedAt)
      .sort()
      .at(-1) ?? '';
  return {
    pk: podPk(ctx.cluster, ctx.uid),
    sk: `${PAGE_PREFIX}${s.start}`,
    pv,
    x: expiresAt(newest, ctx.retentionDays),
    d: encodeBody(s.items.map((i) => i.obs)),
  };
}

export function headExpiry(ctx: DeriveContext, state: HeadState): number {
  return podExpiry(ctx, state.agg);
}
