import type { PodEventType } from '../../functions/domain/wire-format.js';
import { createGapRecord, type QueueGap } from './queue-gap.js';

/**
 * The bounded outbound queue between the watch and the ingest. Pushing never blocks and never
 * fails: the watch must keep reading whatever the ingest does.
 *
 * Bounds (design.md §8): below `maxEvents` it is a plain FIFO. Once `maxEvents` are waiting, a new
 * state of a pod that already has a queued state replaces it in place (per-pod order holds: a pod
 * has at most one queued entry then, and it keeps its position); DELETED wins over anything, and a
 * replaced ADDED keeps the entry an ADDED. If the queued bytes still exceed `maxBytes`, the whole
 * queue is coalesced per pod, and as a last resort the oldest pod states are dropped. Everything
 * replaced or dropped is remembered as a gap (queue-gap.ts), which the forwarder reports to the
 * ingest in a SYNC; a SYNC from a re-list absorbs the gap directly.
 * SYNCs are never dropped; a newer SYNC replaces an older unsent one (keeping the earlier gapSince).
 */

export interface QueuedPod {
  readonly kind: 'pod';
  readonly uid: string;
  type: PodEventType;
  observedAtMs: number;
  /** The earliest time this state can have been committed: min(observedAt, managedFields time). */
  changedAtMs: number;
  podJson: string;
  bytes: number;
}

export interface QueuedSync {
  readonly kind: 'sync';
  readonly observedAtMs: number;
  readonly resourceVersion: string;
  readonly uids: readonly string[];
  gapSinceMs: number | null;
  readonly bytes: number;
}

export type QueuedEvent = QueuedPod | QueuedSync;

export interface EventQueue {
  pushPod(type: PodEventType, uid: string, podJson: string, observedAtMs: number, changedAtMs?: number): void;
  pushSync(sync: Omit<QueuedSync, 'kind' | 'bytes'>): void;
  /** Removes and returns the oldest events, up to `maxBytes` (at least one when not empty). */
  take(maxBytes: number): QueuedEvent[];
  depth(): number;
  bytes(): number;
  oldestObservedAtMs(): number | undefined;
  /** The unreported gap, cleared by this call. */
  takeGap(): QueueGap | undefined;
  gapPending(): boolean;
  /** Puts a taken gap back (it could not be reported yet). */
  restoreGap(gap: QueueGap): void;
  /** Records that states committed from `changedAtMs` on were lost after leaving the queue (a refused batch). */
  markLost(changedAtMs: number): void;
  /** Resolves at the next push (or at once when not empty). */
  whenNotEmpty(): Promise<void>;
  /** Resolves once the queued bytes are at most `bytes` (at once if they already are). */
  whenBytesAtMost(bytes: number): Promise<void>;
}

export interface EventQueueOptions {
  readonly maxEvents: number;
  readonly maxBytes: number;
  readonly onCoalesced?: (count: number) => void;
  readonly onDropped?: (count: number) => void;
  /** Gaps are dated this much before the lost observation (see GAP_MARGIN_MS). */
  readonly gapMarginMs?: number;
}

/** Envelope overhead of a pod event on the wire: {"type":"MODIFIED","observedAt":"…","pod":…}. */
const POD_EVENT_OVERHEAD = 70;

export function createEventQueue(options: EventQueueOptions): EventQueue {
  let entries: (QueuedEvent | undefined)[] = [];
  let head = 0;
  let count = 0;
  let totalBytes = 0;
  const latest = new Map<string, QueuedPod>();
  let waiters: (() => void)[] = [];
  let drainWaiters: { bytes: number; resolve: () => void }[] = [];

  const gaps = createGapRecord({
    marginMs: options.gapMarginMs ?? 0,
    onCoalesced: options.onCoalesced,
    onDropped: options.onDropped,
  });

  const wake = () => {
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };

  const removeAt = (i: number) => {
    const entry = entries[i];
    if (entry === undefined) return;
    entries[i] = undefined;
    count--;
    totalBytes -= entry.bytes;
    if (entry.kind === 'pod' && latest.get(entry.uid) === entry) latest.delete(entry.uid);
  };

  /** Folds an older state of the same pod into the newer entry that replaces it. */
  const foldOlderType = (target: QueuedPod, olderType: PodEventType) => {
    if (target.type !== 'DELETED' && olderType === 'ADDED') target.type = 'ADDED';
  };

  const coalesceAll = () => {
    let coalesced = 0;
    let since = Number.POSITIVE_INFINITY;
    for (let i = head; i < entries.length; i++) {
      const entry = entries[i];
      if (entry?.kind !== 'pod') continue;
      const newest = latest.get(entry.uid);
      if (newest === undefined || newest === entry) continue;
      foldOlderType(newest, entry.type);
      since = Math.min(since, entry.changedAtMs);
      removeAt(i);
      coalesced++;
    }
    if (coalesced > 0) gaps.note(since, coalesced, 0);
  };

  const dropOldest = () => {
    let dropped = 0;
    let since = Number.POSITIVE_INFINITY;
    const target = options.maxBytes * 0.9;
    for (let i = head; i < entries.length && totalBytes > target; i++) {
      const entry = entries[i];
      if (entry?.kind !== 'pod') continue;
      since = Math.min(since, entry.changedAtMs);
      removeAt(i);
      dropped++;
    }
    if (dropped > 0) gaps.note(since, 0, dropped);
  };

  const compactStorage = () => {
    if (head > 1024 && head > entries.length / 2) {
      entries = entries.slice(head);
      head = 0;
    }
  };

  const append = (entry: QueuedEvent) => {
    entries.push(entry);
    count++;
    totalBytes += entry.bytes;
  };

  return {
    pushPod(type, uid, podJson, observedAtMs, changedAt) {
      const bytes = podJson.length + POD_EVENT_OVERHEAD;
      const changedAtMs = Math.min(observedAtMs, changedAt ?? observedAtMs);
      const queued = latest.get(uid);
      if (count >= options.maxEvents && queued !== undefined) {
        gaps.note(queued.changedAtMs, 1, 0);
        const olderType = queued.type;
        totalBytes += bytes - queued.bytes;
        queued.type = type;
        queued.podJson = podJson;
        queued.observedAtMs = observedAtMs;
        queued.changedAtMs = changedAtMs;
        queued.bytes = bytes;
        foldOlderType(queued, olderType);
      } else {
        const entry: QueuedPod = { kind: 'pod', uid, type, observedAtMs, changedAtMs, podJson, bytes };
        append(entry);
        latest.set(uid, entry);
      }
      if (totalBytes > options.maxBytes) {
        coalesceAll();
        if (totalBytes > options.maxBytes) dropOldest();
      }
      wake();
    },
    pushSync(sync) {
      let gapSinceMs = sync.gapSinceMs;
      for (let i = head; i < entries.length; i++) {
        const entry = entries[i];
        if (entry?.kind !== 'sync') continue;
        gapSinceMs = earliest(gapSinceMs, entry.gapSinceMs);
        removeAt(i);
      }
      const pending = gaps.take();
      if (pending !== undefined) gapSinceMs = earliest(gapSinceMs, pending.sinceMs);
      const bytes = 120 + sync.resourceVersion.length + sync.uids.reduce((n, uid) => n + uid.length + 3, 0);
      append({ kind: 'sync', ...sync, gapSinceMs, bytes });
      wake();
    },
    take(maxBytes) {
      const out: QueuedEvent[] = [];
      let size = 0;
      while (head < entries.length) {
        const entry = entries[head];
        if (entry === undefined) {
          head++;
          continue;
        }
        if (out.length > 0 && size + entry.bytes > maxBytes) break;
        out.push(entry);
        size += entry.bytes;
        removeAt(head);
        head++;
      }
      compactStorage();
      if (drainWaiters.length > 0) {
        const waiting = drainWaiters;
        drainWaiters = [];
        for (const waiter of waiting) {
          if (totalBytes <= waiter.bytes) waiter.resolve();
          else drainWaiters.push(waiter);
        }
      }
      return out;
    },
    depth: () => count,
    bytes: () => totalBytes,
    oldestObservedAtMs() {
      for (let i = head; i < entries.length; i++) {
        const entry = entries[i];
        if (entry !== undefined) return entry.observedAtMs;
      }
      return undefined;
    },
    takeGap: gaps.take,
    gapPending: gaps.pending,
    restoreGap: gaps.restore,
    markLost(changedAtMs) {
      gaps.note(changedAtMs, 0, 0);
    },
    whenBytesAtMost(bytes) {
      if (totalBytes <= bytes) return Promise.resolve();
      return new Promise<void>((resolve) => drainWaiters.push({ bytes, resolve }));
    },
    whenNotEmpty() {
      if (count > 0) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
