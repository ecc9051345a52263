import { dayOf, daysBetween, maxTime } from '../../domain/event-order.js';
import type { RestartRecord, StatusEntered } from '../../domain/model.js';
import type { PodIdentity, PodObservation } from '../../domain/observation.js';
import { endOf, type PodAggregate } from '../../domain/pod-aggregate.js';
import { detectRestarts, restartTime } from '../../domain/restart-ledger.js';
import { isRoutineStatus, statusEntered } from '../../domain/transitions.js';
import * as k from '../schema/keys.js';
import { expiresAfterDay, expiresAt } from '../schema/retention.js';
import type { Item } from '../table/table-client.js';
import type { HeadCache } from '../write/head-cache.js';

/**
 * The index items a pod's state implies (key schema: dynamodb-store.ts), as pure functions of that
 * state, so the writer can diff "before" and "after" and write only what changed. Every derived item
 * is written with the head version that produced it (`v`) and only over an older one; removal is a
 * tombstone (`dead`), so a slow writer can never resurrect what a newer one removed.
 */
export interface DeriveContext {
  readonly cluster: string;
  readonly retentionDays: number;
  /** Heads this process last saw (head-cache.ts): lets a writer skip the read before planning. */
  readonly heads?: HeadCache;
}

/** Items one observation contributes given the observation before it: statuses entered, restarts. */
export function pairItems(
  ctx: DeriveContext,
  identity: PodIdentity,
  key: string,
  prev: PodObservation | undefined,
  next: PodObservation,
): Item[] {
  const items: Item[] = [];
  const entered = statusEntered(ctx.cluster, identity, prev, next);
  if (entered !== undefined && !isRoutineStatus(entered.status)) items.push(statusItem(ctx, entered, key));
  for (const record of detectRestarts(ctx.cluster, identity, prev, next))
    items.push(restartItem(ctx, record));
  return items.map(withoutUndefined);
}

function statusItem(ctx: DeriveContext, e: StatusEntered, key: string): Item {
  return {
    pk: k.statusPk(e.cluster, e.status),
    sk: k.statusSk(e.at, e.uid, key),
    x: expiresAt(e.at, ctx.retentionDays),
    c: e.cluster,
    ns: e.namespace,
    n: e.name,
    u: e.uid,
    wk: e.workload.kind,
    w: e.workload.name,
    st: e.status,
    at: e.at,
    rv: e.resourceVersion,
  };
}

function restartItem(ctx: DeriveContext, r: RestartRecord): Item {
  const at = restartTime(r);
  return {
    pk: k.restartPk(r.cluster),
    sk: k.restartSk(at, r.uid, r.init, r.container, r.restartCount),
    x: expiresAt(r.observedAt, ctx.retentionDays),
    c: r.cluster,
    ns: r.namespace,
    n: r.name,
    u: r.uid,
    wk: r.workload.kind,
    w: r.workload.name,
    ct: r.container,
    i: r.init,
    rc: r.restartCount,
    r: r.reason,
    ec: r.exitCode,
    sg: r.signal,
    sa: r.startedAt,
    fa: r.finishedAt,
    m: r.message,
    oa: r.observedAt,
    uo: r.unobserved,
  };
}

/** When the pod was last heard of (last observation, or when it vanished). */
export function lastHeard(agg: PodAggregate): string {
  return maxTime(agg.lastSeenAt, endOf(agg)?.endedAt) ?? agg.lastSeenAt;
}

/** The pod head and its per-pod index items expire together, a retention after the last day heard of. */
export function podExpiry(ctx: DeriveContext, agg: PodAggregate): number {
  return expiresAfterDay(lastHeard(agg), ctx.retentionDays);
}

/**
 * Per-pod index items: live (kept, marked gone, once the pod is deleted: it also maps the uid to
 * its name), seen per day, created per day. Pods are found by name through their own partition.
 */
export function podItems(ctx: DeriveContext, agg: PodAggregate): Item[] {
  const { identity } = agg;
  const x = podExpiry(ctx, agg);
  const who = { u: identity.uid, ns: identity.namespace, n: identity.name };
  const workload = { wk: identity.workload.kind, w: identity.workload.name };
  const items: Item[] = [
    {
      pk: k.livePk(ctx.cluster, k.shardOf(identity.uid, k.CLUSTER_SHARDS)),
      sk: identity.uid,
      x,
      ...who,
      ...(agg.deleted === undefined ? { vr: agg.vanish?.key } : { gone: true }),
    },
  ];
  const firstDay = dayOf(agg.firstSeenAt);
  for (const day of daysBetween(agg.firstSeenAt, lastHeard(agg), ctx.retentionDays + 2)) {
    items.push({
      pk: k.seenPk(ctx.cluster, day, k.shardOf(identity.uid, k.CLUSTER_SHARDS)),
      sk: k.seenSk(identity.namespace, identity.uid),
      x: expiresAfterDay(`${day}T00:00:00.000Z`, ctx.retentionDays),
      ...who,
      ...workload,
      f: firstDay,
    });
  }
  if (identity.createdAt !== undefined) {
    items.push({
      pk: k.startupPk(ctx.cluster),
      sk: k.startupSk(identity.createdAt, identity.uid),
      x,
      c: ctx.cluster,
      ...who,
      ...workload,
      ca: identity.createdAt,
    });
  }
  return items.map(withoutUndefined);
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
  for (const [id, item] of old) {
    if (!now.has(id)) writes.push({ pk: item.pk, sk: item.sk, x: item.x, dead: true });
  }
  return writes;
}

export function itemId(item: Item): string {
  return `${String(item.pk)}\u0000${String(item.sk)}`;
}

function stable(item: Item): string {
  return JSON.stringify(
    Object.keys(item)
      .sort()
      .map((key) => [key, item[key]]),
  );
}

function withoutUndefined(item: Item): Item {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)) as Item;
}
