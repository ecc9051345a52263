import { compareText } from './compare-text.js';
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

/**
 * The timeline with each entry's position: a string that sorts like the entries and stays put when
 * other entries come or go (a late event, an expired page), so a reader can resume "after this
 * entry". An observation's entry takes its order key; a gap, the key of the state before it plus
 * the gap's SYNC key; "vanished" sorts last.
 */
export interface KeyedEntry {
  readonly position: string;
  readonly entry: TimelineEntry;
}

export function buildKeyedTimeline(input: TimelineInput): KeyedEntry[] {
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

  const entries: KeyedEntry[] = [];
  let prev: PodObservation | undefined;
  let prevKey = '';
  let gapIndex = 0;
  const sortedGaps = [...gaps].sort(
    (a, b) => compareText(a.gapSince ?? '', b.gapSince ?? '') || compareText(a.key, b.key),
  );
  const gapAt = (gap: SyncMark) => `${prevKey}\u0001${gap.gapSince ?? ''}\u0001${gap.key}`;
  for (const { key, observation } of observations) {
    // A gap goes just before the first state observed after it began, never before the first sighting.
    while (prev !== undefined && observation.observedAt > (sortedGaps[gapIndex]?.gapSince ?? '\uffff')) {
      const gap = sortedGaps[gapIndex++];
      if (gap !== undefined)
        entries.push({ position: gapAt(gap), entry: gapEntry(cluster, identity, prev, gap) });
    }
    const entry = entryFor(cluster, identity, prev, observation);
    if (entry !== undefined) entries.push({ position: key, entry });
    prev = observation;
    prevKey = key;
  }
  for (const gap of sortedGaps.slice(gapIndex))
    entries.push({ position: gapAt(gap), entry: gapEntry(cluster, identity, last.observation, gap) });
  if (vanished !== undefined) {
    entries.push({
      position: '\uffff',
      entry: {
        ...base(cluster, identity, last.observation),
        kind: 'vanished',
        observedAt: vanished.observedAt,
      },
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
