import { dayOf, daysBetween, maxTime } from '../../domain/event-order.js';
import type { PodIdentity, PodObservation } from '../../domain/observation.js';
import type { Keyed } from '../../domain/observation-set.js';
import { endOf, type PodAggregate } from '../../domain/pod-aggregate.js';
import { detectRestarts } from '../../domain/restart-ledger.js';
import { entryFor, isRoutineStatus, statusEntered } from '../../domain/transitions.js';
import { encodeDescribePart } from '../items/describe-items.js';
import {
  encodeCreated,
  encodeLive,
  encodeRemoved,
  encodeRestart,
  encodeSeen,
  encodeStatusEntered,
  itemId,
} from '../items/index-items.js';
import { encodePage } from '../items/pod-items.js';
import { ATTR } from '../schema/attributes.js';
import { expiresAfterDay, expiresAt } from '../schema/retention.js';
import type { Item } from '../table/table-client.js';
import type { Segment } from './layout.js';
import type { ClusterContext, DescribePayloads, PlanContext } from './plan-types.js';

/**
 * What a pod's state implies for the indexes, as pure functions of that state, so both planning
 * modes can compute "before" and "after" and write only the difference. A new index is an encoder
 * in items/ and a line here.
 */

/** When the pod was last heard of (last observation, or when it vanished). */
export function lastHeard(agg: PodAggregate): string {
  return maxTime(agg.lastSeenAt, endOf(agg)?.endedAt) ?? agg.lastSeenAt;
}

/** The pod head and its per-pod index items expire together, a retention after the last day heard of. */
export function podExpiry(ctx: ClusterContext, agg: PodAggregate): number {
  return expiresAfterDay(lastHeard(agg), ctx.retentionDays);
}

/**
 * Per-pod index items: live (kept, marked gone, once the pod is deleted: it also maps the uid to
 * its name), seen per day, created. Pods are found by name through their own partition.
 */
export function podItems(ctx: ClusterContext, agg: PodAggregate): Item[] {
  const { identity } = agg;
  const expires = podExpiry(ctx, agg);
  const items: Item[] = [
    encodeLive(
      ctx.cluster,
      identity,
      expires,
      agg.deleted === undefined ? { vanishedBy: agg.vanish?.key } : { gone: true },
    ),
  ];
  const firstDay = dayOf(agg.firstSeenAt);
  for (const day of daysBetween(agg.firstSeenAt, lastHeard(agg), ctx.retentionDays + 2)) {
    const dayExpires = expiresAfterDay(`${day}T00:00:00.000Z`, ctx.retentionDays);
    items.push(encodeSeen(ctx.cluster, identity, day, firstDay, dayExpires));
  }
  const { createdAt } = identity;
  if (createdAt !== undefined) items.push(encodeCreated(ctx.cluster, { ...identity, createdAt }, expires));
  return items;
}

/** Items one observation contributes given the observation before it: statuses entered, restarts. */
export function pairItems(
  ctx: ClusterContext,
  identity: PodIdentity,
  key: string,
  prev: PodObservation | undefined,
  next: PodObservation,
): Item[] {
  const items: Item[] = [];
  const entered = statusEntered(ctx.cluster, identity, prev, next);
  if (entered !== undefined && !isRoutineStatus(entered.status))
    items.push(encodeStatusEntered(entered, key, expiresAt(entered.at, ctx.retentionDays)));
  for (const record of detectRestarts(ctx.cluster, identity, prev, next))
    items.push(encodeRestart(record, expiresAt(record.observedAt, ctx.retentionDays)));
  return items;
}

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
  ctx: ClusterContext,
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

/** What to write to get from `before` to `after`: changed or new items, and tombstones for the rest. */
export function diffItems(before: readonly Item[], after: readonly Item[]): Item[] {
  const old = new Map(before.map((i) => [itemId(i), i]));
  const now = new Map(after.map((i) => [itemId(i), i]));
  const writes: Item[] = [];
  for (const [id, item] of now) {
    const prior = old.get(id);
    if (prior === undefined || stable(prior) !== stable(item)) writes.push(item);
  }
  for (const [id, item] of old) if (!now.has(id)) writes.push(encodeRemoved(item));
  return writes;
}

/** A closed segment as a page item, expiring a retention after its newest observation. */
export function pageItem(ctx: PlanContext, s: Segment, version: number): Item {
  const newest =
    s.items
      .map((i) => i.obs.observedAt)
      .sort()
      .at(-1) ?? '';
  return encodePage(ctx.cluster, ctx.pod, {
    start: s.start,
    version,
    expires: expiresAt(newest, ctx.retentionDays),
    observations: s.items.map((i) => i.obs),
  });
}

function stable(item: Item): string {
  return JSON.stringify(
    Object.keys(item)
      .sort()
      .map((key) => [key, item[key]]),
  );
}

/**
 * The describe parts to write for the observations that changed: an observation's card (or
 * extras) is written when it differs from its predecessor's, or is on another UTC day (which
 * extends its expiry to a retention after that day), or its predecessor is not in `items` (tail
 * mode). So a part costs a write per change and per day, not per transition, and what is stored
 * is a function of the set of observations: every part any of them names, expiring a retention
 * after the last day one names it (writes keep the latest expiry).
 */
export function describePartItems(
  ctx: PlanContext,
  items: readonly Keyed[],
  changed: ReadonlySet<string>,
  payloads: DescribePayloads | undefined,
): Item[] {
  if (payloads === undefined) return [];
  const out = new Map<string, Item>();
  items.forEach((item, i) => {
    if (!changed.has(item.key)) return;
    const prev = items[i - 1]?.obs;
    const sameDay = prev !== undefined && dayOf(prev.observedAt) === dayOf(item.obs.observedAt);
    for (const kind of ['card', 'extras'] as const) {
      const hash = item.obs[kind];
      const body = hash === undefined ? undefined : payloads[kind].get(hash);
      if (hash === undefined || body === undefined || (sameDay && prev?.[kind] === hash)) continue;
      const expires = expiresAfterDay(item.obs.observedAt, ctx.retentionDays);
      const part = encodeDescribePart(ctx.cluster, ctx.pod, { kind, hash, body, expires });
      const id = `${kind}#${hash}`;
      if (Number(out.get(id)?.[ATTR.expires] ?? 0) < expires) out.set(id, part);
    }
  });
  return [...out.values()];
}
