/**
 * SYNC reconciliation rules (docs/wire-format.md), pure. A SYNC lists every live uid as of a list
 * resourceVersion; a pod missing from it whose every observation is older than the list was
 * deleted while nobody watched: it *vanished*, final state unknown. A DELETED observation always
 * wins over vanishing. When several SYNCs exclude a pod, the earliest (by order key) is when it
 * vanished. A SYNC's `gapSince` says the agent may have missed events since then; the gap shows on
 * the timeline of every pod alive during it that was known before the list.
 */

/** A SYNC as the store keeps it: its order key (event-order.ts), when it was reported, any gap. */
export interface SyncMark {
  readonly key: string;
  readonly resourceVersion: string;
  readonly observedAt: string;
  readonly gapSince?: string;
}

/** The SYNC that made a pod vanish. */
export interface VanishRef {
  readonly key: string;
  readonly observedAt: string;
}

/** Whether SYNC `syncKey`, which does not list the pod, makes it vanish. */
export function vanishApplies(syncKey: string, lastObservationKey: string, deleted: boolean): boolean {
  return !deleted && syncKey > lastObservationKey;
}

/** The earlier of two vanishing SYNCs (by key; equal keys keep the earliest report). */
export function earlierVanish(a: VanishRef | undefined, b: VanishRef | undefined): VanishRef | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a.key !== b.key) return a.key < b.key ? a : b;
  return a.observedAt <= b.observedAt ? a : b;
}

/** The life of a pod as far as gaps care. */
export interface PodLife {
  readonly firstKey: string;
  readonly firstSeenAt: string;
  readonly endedAt?: string;
}

export function gapAffects(gap: SyncMark, life: PodLife): boolean {
  if (gap.gapSince === undefined) return false;
  if (life.firstKey >= gap.key) return false;
  if (life.firstSeenAt > gap.observedAt) return false;
  return life.endedAt === undefined || life.endedAt >= gap.gapSince;
}

/** Merge two reports of the same SYNC: the earliest report wins; the earliest gap start is kept. */
export function mergeSyncMarks(a: SyncMark, b: SyncMark): SyncMark {
  const [observedAt] = [a.observedAt, b.observedAt].sort();
  const gaps = [a.gapSince, b.gapSince].filter((g): g is string => g !== undefined).sort();
  return {
    key: a.key,
    resourceVersion: a.resourceVersion,
    observedAt: observedAt ?? a.observedAt,
    ...(gaps[0] === undefined ? {} : { gapSince: gaps[0] }),
  };
}
