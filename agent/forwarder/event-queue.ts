import type { PodEventType } from '../../functions/domain/wire-format.js';
import { createGapRecord, type QueueGap } from './queue-gap.js';
import { createQueueLane } from './queue-lane.js';

/**
 * The bounded outbound queue between the watches and the ingest. Pushing never blocks and never
 * fails: the watches must keep reading whatever the ingest does.
 *
 * Two lanes share it: pod states and SYNCs in one, Kubernetes Event versions in the other, each a
 * FIFO (queue-lane.ts). A batch takes up to half its bytes from each lane and gives what one lane
 * leaves unused to the other, so a burst of events never holds pod states back, nor the reverse.
 *
 * Bounds (docs/agent.md): below `maxEvents` in all, both lanes are plain FIFOs. Once `maxEvents`
 * are waiting, a lane holding at least half of them coalesces: a new state of a pod that already
 * has a queued state replaces it in place (per-pod order holds: a pod has at most one queued entry
 * then, and it keeps its position; DELETED wins over anything, and a replaced ADDED keeps the entry
 * an ADDED), and a new version of an event replaces its queued older version (the event's `count`
 * says what the lost version said). If the queued bytes still exceed `maxBytes`, both lanes are
 * coalesced whole, and as a last resort the oldest entries of the lane holding more bytes are
 * dropped. Lost pod states are remembered as a gap (queue-gap.ts), which the forwarder reports to
 * the ingest in a SYNC (a SYNC from a re-list absorbs it directly); a dropped event version is
 * reported through `onEventDropped`, so the agent can forward it again if a re-list still has it.
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

/** One version of a Kubernetes Event (an EVENT wire event). */
export interface QueuedKubeEvent {
  readonly kind: 'event';
  readonly uid: string;
  resourceVersion: string;
  observedAtMs: number;
  eventJson: string;
  bytes: number;
}

export type QueuedEvent = QueuedPod | QueuedSync | QueuedKubeEvent;

/** The two lanes, as the bounds and the metrics name them. */
export type QueueKind = 'pod' | 'event';

export interface EventQueue {
  pushPod(type: PodEventType, uid: string, podJson: string, observedAtMs: number, changedAtMs?: number): void;
  pushSync(sync: Omit<QueuedSync, 'kind' | 'bytes'>): void;
  pushEvent(uid: string, resourceVersion: string, eventJson: string, observedAtMs: number): void;
  /**
   * Removes and returns the oldest events, up to `maxBytes` (at least one when not empty), up to
   * half of them from each lane unless the other lane leaves room.
   */
  take(maxBytes: number): QueuedEvent[];
  depth(): number;
  bytes(): number;
  oldestObservedAtMs(): number | undefined;
  /** The unreported gap in pod states, cleared by this call. */
  takeGap(): QueueGap | undefined;
  gapPending(): boolean;
  /** Puts a taken gap back (it could not be reported yet). */
  restoreGap(gap: QueueGap): void;
  /** Records that pod states committed from `changedAtMs` on were lost after leaving the queue (a refused batch). */
  markLost(changedAtMs: number): void;
  /** Resolves at the next push (or at once when not empty). */
  whenNotEmpty(): Promise<void>;
  /** Resolves once the queued bytes are at most `bytes` (at once if they already are). */
  whenBytesAtMost(bytes: number): Promise<void>;
}

export interface EventQueueOptions {
  readonly maxEvents: number;
  readonly maxBytes: number;
  readonly onCoalesced?: (count: number, kind: QueueKind) => void;
  readonly onDropped?: (count: number, kind: QueueKind) => void;
  /** An event version was dropped (byte bound): nothing will forward it unless it is seen again. */
  readonly onEventDropped?: (uid: string, resourceVersion: string) => void;
  /** Gaps are dated this much before the lost observation (see GAP_MARGIN_MS). */
  readonly gapMarginMs?: number;
}

/** Envelope overhead of a pod event on the wire: {"type":"MODIFIED","observedAt":"…","pod":…}. */
const POD_EVENT_OVERHEAD = 70;
/** Envelope overhead of an event version on the wire: {"type":"EVENT","observedAt":"…","event":…}. */
const EVENT_OVERHEAD = 65;

export function createEventQueue(options: EventQueueOptions): EventQueue {
  const pods = createQueueLane<QueuedPod | QueuedSync>((e) => (e.kind === 'pod' ? e.uid : undefined));
  const events = createQueueLane<QueuedKubeEvent>((e) => e.uid);
  const lanes = [pods, events] as const;
  let waiters: (() => void)[] = [];
  let drainWaiters: { bytes: number; resolve: () => void }[] = [];

  const gaps = createGapRecord({
    marginMs: options.gapMarginMs ?? 0,
    onCoalesced: (n) => options.onCoalesced?.(n, 'pod'),
    onDropped: (n) => options.onDropped?.(n, 'pod'),
  });

  const depth = () => pods.count() + events.count();
  const bytes = () => pods.bytes() + events.bytes();
  /** Coalescing starts in a lane once the queue is full and that lane holds its half or more. */
  const mustCoalesce = (laneCount: number) =>
    depth() >= options.maxEvents && laneCount >= options.maxEvents / 2;

  const wake = () => {
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };

  /** Folds an older state of the same pod into the newer entry that replaces it. */
  const foldOlderType = (target: QueuedPod, olderType: PodEventType) => {
    if (target.type !== 'DELETED' && olderType === 'ADDED') target.type = 'ADDED';
  };

  const coalesceAll = () => {
    const lostPods = pods.coalesce((newer, older) => {
      if (newer.kind === 'pod' && older.kind === 'pod') foldOlderType(newer, older.type);
    });
    if (lostPods.length > 0) {
      let since = Number.POSITIVE_INFINITY;
      for (const lost of lostPods) if (lost.kind === 'pod') since = Math.min(since, lost.changedAtMs);
      gaps.note(since, lostPods.length, 0);
    }
    const lostEvents = events.coalesce(() => {});
    if (lostEvents.length > 0) options.onCoalesced?.(lostEvents.length, 'event');
  };

  /** Drops the oldest entries of whichever lane holds more bytes, until 90 % of the bound. */
  const dropOldest = () => {
    const target = options.maxBytes * 0.9;
    let podsDropped = 0;
    let podsSince = Number.POSITIVE_INFINITY;
    let eventsDropped = 0;
    while (bytes() > target) {
      const fromEvents = events.bytes() > pods.bytes();
      const pod = fromEvents ? undefined : pods.dropOldest((e) => e.kind === 'pod');
      if (pod?.kind === 'pod') {
        podsDropped++;
        podsSince = Math.min(podsSince, pod.changedAtMs);
        continue;
      }
      const event = events.dropOldest(() => true);
      if (event === undefined) break;
      eventsDropped++;
      options.onEventDropped?.(event.uid, event.resourceVersion);
    }
    if (podsDropped > 0) gaps.note(podsSince, 0, podsDropped);
    if (eventsDropped > 0) options.onDropped?.(eventsDropped, 'event');
  };

  const afterPush = () => {
    if (bytes() > options.maxBytes) {
      coalesceAll();
      if (bytes() > options.maxBytes) dropOldest();
    }
    wake();
  };

  return {
    pushPod(type, uid, podJson, observedAtMs, changedAt) {
      const size = podJson.length + POD_EVENT_OVERHEAD;
      const changedAtMs = Math.min(observedAtMs, changedAt ?? observedAtMs);
      const queued = pods.latest(uid);
      if (queued?.kind === 'pod' && mustCoalesce(pods.count())) {
        gaps.note(queued.changedAtMs, 1, 0);
        const olderType = queued.type;
        pods.update(queued, (entry) => {
          if (entry.kind !== 'pod') return;
          entry.type = type;
          entry.podJson = podJson;
          entry.observedAtMs = observedAtMs;
          entry.changedAtMs = changedAtMs;
          entry.bytes = size;
          foldOlderType(entry, olderType);
        });
      } else {
        pods.append({ kind: 'pod', uid, type, observedAtMs, changedAtMs, podJson, bytes: size });
      }
      afterPush();
    },
    pushSync(sync) {
      let gapSinceMs = sync.gapSinceMs;
      for (const older of pods.removeWhere((e) => e.kind === 'sync'))
        if (older.kind === 'sync') gapSinceMs = earliest(gapSinceMs, older.gapSinceMs);
      const pending = gaps.take();
      if (pending !== undefined) gapSinceMs = earliest(gapSinceMs, pending.sinceMs);
      const size = 120 + sync.resourceVersion.length + sync.uids.reduce((n, uid) => n + uid.length + 3, 0);
      pods.append({ kind: 'sync', ...sync, gapSinceMs, bytes: size });
      wake();
    },
    pushEvent(uid, resourceVersion, eventJson, observedAtMs) {
      const size = eventJson.length + EVENT_OVERHEAD;
      const queued = events.latest(uid);
      if (queued !== undefined && mustCoalesce(events.count())) {
        events.update(queued, (entry) => {
          entry.resourceVersion = resourceVersion;
          entry.eventJson = eventJson;
          entry.observedAtMs = observedAtMs;
          entry.bytes = size;
        });
        options.onCoalesced?.(1, 'event');
      } else {
        events.append({ kind: 'event', uid, resourceVersion, observedAtMs, eventJson, bytes: size });
      }
      afterPush();
    },
    take(maxBytes) {
      const out: QueuedEvent[] = [];
      let size = 0;
      /** Takes from one lane while the batch and that lane's part of it stay within bounds. */
      const takeFrom = (lane: (typeof lanes)[number], laneBudget: number) => {
        let laneBytes = 0;
        for (let entry = lane.peek(); entry !== undefined; entry = lane.peek()) {
          if (out.length > 0 && (size + entry.bytes > maxBytes || laneBytes + entry.bytes > laneBudget))
            break;
          lane.shift();
          out.push(entry);
          size += entry.bytes;
          laneBytes += entry.bytes;
        }
      };
      // Each lane's fair share first, then whatever room is left to either.
      for (const lane of lanes) takeFrom(lane, maxBytes / 2);
      for (const lane of lanes) takeFrom(lane, Number.POSITIVE_INFINITY);
      if (drainWaiters.length > 0) {
        const waiting = drainWaiters;
        drainWaiters = [];
        for (const waiter of waiting) {
          if (bytes() <= waiter.bytes) waiter.resolve();
          else drainWaiters.push(waiter);
        }
      }
      return out;
    },
    depth,
    bytes,
    oldestObservedAtMs() {
      const heads = lanes.map((lane) => lane.oldestObservedAtMs()).filter((t) => t !== undefined);
      return heads.length === 0 ? undefined : Math.min(...heads);
    },
    takeGap: gaps.take,
    gapPending: gaps.pending,
    restoreGap: gaps.restore,
    markLost(changedAtMs) {
      gaps.note(changedAtMs, 0, 0);
    },
    whenBytesAtMost(limit) {
      if (bytes() <= limit) return Promise.resolve();
      return new Promise<void>((resolve) => drainWaiters.push({ bytes: limit, resolve }));
    },
    whenNotEmpty() {
      if (depth() > 0) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
