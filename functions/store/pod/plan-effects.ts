import type { PodAggregate } from '../../domain/pod-aggregate.js';
import { entryFor } from '../../domain/transitions.js';
import { type DeriveContext, pairItems, podExpiry } from '../items/index-items.js';
import type { HeadState } from '../items/pod-items.js';
import { encodeBody } from '../schema/body-codec.js';
import { pageSk, podPk } from '../schema/keys.js';
import { expiresAt } from '../schema/retention.js';
import type { Item } from '../table/table-client.js';
import type { Keyed, Segment } from './layout.js';
import type { PlanContext } from './plan-tail.js';

/** Pieces both planning modes share: what a change affects, what it contributes, page items. */
/** Keys whose contributions may differ: the changed observations and the one after each. */
export function affectedKeys(items: readonly Keyed[], changed: ReadonlySet<string>): Set<string> {
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
export function contributions(
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

export function pageItem(ctx: PlanContext, s: Segment, pv: number): Item {
  const newest =
    s.items
      .map((i) => i.obs.observedAt)
      .sort()
      .at(-1) ?? '';
  return {
    pk: podPk(ctx.cluster, ctx.pod),
    sk: pageSk(ctx.pod.uid, s.start),
    pv,
    x: expiresAt(newest, ctx.retentionDays),
    d: encodeBody(s.items.map((i) => i.obs)),
  };
}

export function headExpiry(ctx: DeriveContext, state: HeadState): number {
  return podExpiry(ctx, state.agg);
}
