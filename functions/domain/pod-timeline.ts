import type { TimelineEntry } from './model.js';
import type { PodIdentity, PodObservation } from './observation.js';
import {
  gapAffects,
  type PodLife,
  type SyncMark,
  type VanishRef,
  vanishApplies,
} from './sync-reconciliation.js';
import { entryFor } from './transitions.js';

/**
 * A pod's whole timeline as a pure function of what was observed: one entry per observation that
 * changed a recorded field (plus first sighting and deletion), agent-reported gaps where they fall,
 * and "vanished" last when a SYNC closed the pod. Because entries are derived, never stored, a late
 * observation corrects its neighbours' "from" by construction.
 */
export interface TimelineInput {
  readonly cluster: string;
  readonly identity: PodIdentity;
  /** Every observation, in order-key order, with their keys. */
  readonly observations: readonly { readonly key: string; readonly observation: PodObservation }[];
  readonly vanish?: VanishRef;
  /** The cluster's SYNCs that reported gaps. */
  readonly gaps: readonly SyncMark[];
}

export function buildTimeline(input: TimelineInput): TimelineEntry[] {
  const { cluster, identity, observations } = input;
  const first = observations[0];
  const last = observations.at(-1);
  if (first === undefined || last === undefined) return [];
  const deleted = observations.find((o) => o.observation.deleted === true);
  const vanished =
    input.vanish !== undefined && vanishApplies(input.vanish.key, last.key, deleted !== undefined)
      ? input.vanish
      : undefined;
  const life: PodLife = {
    firstKey: first.key,
    firstSeenAt: first.observation.observedAt,
    ...endedAt(deleted?.observation.observedAt ?? vanished?.observedAt),
  };
  const gaps = input.gaps.filter((g) => gapAffects(g, life));

  const entries: TimelineEntry[] = [];
  let prev: PodObservation | undefined;
  let gapIndex = 0;
  const sortedGaps = [...gaps].sort(
    (a, b) => compare(a.gapSince ?? '', b.gapSince ?? '') || compare(a.key, b.key),
  );
  for (const { observation } of observations) {
    // A gap goes just before the first state observed after it began, never before the first sighting.
    while (prev !== undefined && observation.observedAt > (sortedGaps[gapIndex]?.gapSince ?? '\uffff')) {
      const gap = sortedGaps[gapIndex++];
      if (gap !== undefined) entries.push(gapEntry(cluster, identity, prev, gap));
    }
    const entry = entryFor(cluster, identity, prev, observation);
    if (entry !== undefined) entries.push(entry);
    prev = observation;
  }
  for (const gap of sortedGaps.slice(gapIndex))
    entries.push(gapEntry(cluster, identity, last.observation, gap));
  if (vanished !== undefined) {
    entries.push({
      ...base(cluster, identity, last.observation),
      kind: 'vanished',
      observedAt: vanished.observedAt,
    });
  }
  return entries;
}

function gapEntry(
  cluster: string,
  identity: PodIdentity,
  prev: PodObservation,
  gap: SyncMark,
): TimelineEntry {
  return {
    ...base(cluster, identity, prev),
    kind: 'gap',
    observedAt: gap.observedAt,
    ...(gap.gapSince === undefined ? {} : { gapSince: gap.gapSince }),
  };
}

function base(cluster: string, identity: PodIdentity, prev: PodObservation): TimelineEntry {
  return {
    cluster,
    namespace: identity.namespace,
    name: identity.name,
    uid: identity.uid,
    kind: 'gap',
    resourceVersion: '',
    observedAt: prev.observedAt,
    ...(identity.createdAt === undefined ? {} : { createdAt: identity.createdAt }),
    row: prev.row,
    changes: [],
  };
}

function endedAt(value: string | undefined): { endedAt?: string } {
  return value === undefined ? {} : { endedAt: value };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
