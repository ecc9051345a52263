import type { PodEventType } from '../../functions/domain/wire-format.js';

/** What the outbound queue holds and promises (implementation: event-queue.ts). */

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

export interface QueueGap {
  readonly sinceMs: number;
  readonly coalesced: number;
  readonly dropped: number;
}

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
