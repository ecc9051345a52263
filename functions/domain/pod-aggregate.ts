import type { PodSummary, RowState } from './model.js';
import type { PodIdentity, PodObservation } from './observation.js';
import { markStartup, NO_STARTUP_MARKS, type StartupMarks, startupBreakdown } from './startup-breakdown.js';
import { earlierVanish, type VanishRef, vanishApplies } from './sync-reconciliation.js';
import { isRoutineStatus } from './transitions.js';

/**
 * What a pod's summary needs from all of its observations, kept as an aggregate that can absorb
 * one observation at a time in any order: first/last by order key, the earliest DELETED, startup
 * minima. Re-absorbing the same observation (or an earlier report of it) changes nothing else, so
 * the aggregate depends only on the set of observations.
 */
export interface PodAggregate {
  /** From the first observation (by order key). */
  readonly identity: PodIdentity;
  readonly firstKey: string;
  readonly firstSeenAt: string;
  readonly lastKey: string;
  readonly lastSeenAt: string;
  readonly last: RowState;
  readonly deleted?: { readonly key: string; readonly observedAt: string };
  readonly startup: StartupMarks;
  /** Distinct observations stored. */
  readonly observations: number;
  /** Timeline entries derived from observations (vanished and gaps excluded). */
  readonly entries: number;
  /** The earliest SYNC known to have excluded the pod after its last observation. */
  readonly vanish?: VanishRef;
  /** Routine statuses (transitions.ts isRoutineStatus): the first observation in each, by order key. */
  readonly entered: Readonly<Record<string, EnteredAt>>;
}

export interface EnteredAt {
  readonly key: string;
  readonly at: string;
  readonly resourceVersion: string;
}

export function startAggregate(identity: PodIdentity, key: string, obs: PodObservation): PodAggregate {
  return absorb(
    {
      identity,
      firstKey: key,
      firstSeenAt: obs.observedAt,
      lastKey: key,
      lastSeenAt: obs.observedAt,
      last: obs.row,
      startup: NO_STARTUP_MARKS,
      observations: 0,
      entries: 0,
      entered: {},
    },
    identity,
    key,
    obs,
    true,
  );
}

/** Absorb one observation; `isNew` when its (uid, resourceVersion) was not stored before. */
export function absorb(
  agg: PodAggregate,
  identity: PodIdentity,
  key: string,
  obs: PodObservation,
  isNew: boolean,
): PodAggregate {
  const first = key < agg.firstKey ? { identity, firstKey: key, firstSeenAt: obs.observedAt } : undefined;
  const sameFirst = key === agg.firstKey ? { firstSeenAt: obs.observedAt } : undefined;
  const last =
    key > agg.lastKey || key === agg.lastKey
      ? { lastKey: key, lastSeenAt: obs.observedAt, last: obs.row }
      : undefined;
  let deleted = agg.deleted;
  if (obs.deleted === true && (deleted === undefined || key < deleted.key || key === deleted.key)) {
    deleted = { key, observedAt: obs.observedAt };
  }
  const next: PodAggregate = {
    ...agg,
    ...sameFirst,
    ...first,
    ...last,
    startup: markStartup(agg.startup, obs),
    observations: agg.observations + (isNew ? 1 : 0),
    entered: markEntered(agg.entered, key, obs),
  };
  const { deleted: _old, vanish: _vanish, ...rest } = next;
  return withVanish({ ...rest, ...(deleted === undefined ? {} : { deleted }) }, agg.vanish);
}

/** The first observation in a status is an entering of it; the first by key is kept (a minimum). */
function markEntered(
  entered: Readonly<Record<string, EnteredAt>>,
  key: string,
  obs: PodObservation,
): Readonly<Record<string, EnteredAt>> {
  const status = obs.row.status;
  if (!isRoutineStatus(status)) return entered;
  const current = entered[status];
  if (current !== undefined && current.key < key) return entered;
  const next = { ...entered, [status]: { key, at: obs.observedAt, resourceVersion: obs.rv } };
  return Object.fromEntries(Object.entries(next).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Keep a vanishing SYNC only while it applies: after the last observation, and never after DELETED. */
export function withVanish(agg: PodAggregate, vanish: VanishRef | undefined): PodAggregate {
  const { vanish: _old, ...rest } = agg;
  const applies = vanish !== undefined && vanishApplies(vanish.key, agg.lastKey, agg.deleted !== undefined);
  return applies ? { ...rest, vanish } : rest;
}

/** A SYNC that did not list the pod: it becomes the vanishing reference if it applies and is earlier. */
export function addVanish(agg: PodAggregate, vanish: VanishRef): PodAggregate {
  if (!vanishApplies(vanish.key, agg.lastKey, agg.deleted !== undefined)) return agg;
  return withVanish(agg, earlierVanish(agg.vanish, vanish));
}

export function withEntries(agg: PodAggregate, delta: number): PodAggregate {
  return { ...agg, entries: agg.entries + delta };
}

export function endOf(agg: PodAggregate): { endedAt: string; endedBy: 'deleted' | 'vanished' } | undefined {
  if (agg.deleted !== undefined) return { endedAt: agg.deleted.observedAt, endedBy: 'deleted' };
  if (agg.vanish !== undefined) return { endedAt: agg.vanish.observedAt, endedBy: 'vanished' };
  return undefined;
}

export function summarize(cluster: string, agg: PodAggregate): PodSummary {
  const end = endOf(agg);
  const startup = startupBreakdown(agg.identity.createdAt, agg.startup);
  return {
    cluster,
    namespace: agg.identity.namespace,
    name: agg.identity.name,
    uid: agg.identity.uid,
    workload: agg.identity.workload,
    ...(agg.identity.createdAt === undefined ? {} : { createdAt: agg.identity.createdAt }),
    firstSeenAt: agg.firstSeenAt,
    lastSeenAt: agg.lastSeenAt,
    last: agg.last,
    ...(end ?? {}),
    ...(startup === undefined ? {} : { startup }),
    entries: agg.entries + (agg.vanish === undefined ? 0 : 1),
  };
}
