import type { BackoffPolicy } from '../backoff.js';
import type { ResourceApi } from '../kube/resource-api.js';
import type { LogFields, Logger } from '../ops/log.js';
import type { ReflectorMetrics } from '../ops/metrics.js';
import type { AgentRuntime } from '../runtime.js';

/**
 * What a reflector is given and what it hands on: types only (its loop state is state.ts).
 *
 * The loop is the same for every resource; what differs is the ResourceTracker it feeds, in the
 * spirit of client-go's Reflector writing into a Store: the tracker slims each object, remembers
 * the little it needs (never the object) and hands what is news to the forwarder's queue.
 */

/** The object a watch event or list item carried, as far as the loop needs it. */
export interface TrackedObject {
  readonly resourceVersion: string;
  /** When the API server committed this version, if the object says (newest managedFields time). */
  readonly changedAtMs: number | undefined;
}

/** A complete (re)list, as the loop hands it to the tracker. */
export interface CompletedList {
  /** The list's resourceVersion: the watch starts from it. */
  readonly resourceVersion: string;
  /** The agent's first list (nothing was known before it). */
  readonly first: boolean;
  /**
   * After a re-list, the last moment the loop can vouch it had every change, dated back by
   * GAP_MARGIN_MS (policy.ts); null after the first list.
   */
  readonly gapSinceMs: number | null;
  /**
   * After a re-list, since when the loop had heard nothing of the resource (its last watch event or
   * bookmark), dated back by GAP_MARGIN_MS; null after the first list.
   */
  readonly outOfTouchSinceMs: number | null;
  readonly observedAtMs: number;
}

export interface ResourceTracker {
  /** A (re)list begins, or begins again from scratch (an expired continue token). */
  listStarted(): void;
  /** One listed object, as of the list; false when it is not an object the tracker can use. */
  listed(object: unknown, observedAtMs: number): boolean;
  /** The list is complete: reconcile with what is known. Returns fields for the `listed` log line. */
  listDone(list: CompletedList): LogFields;
  /** An ADDED, MODIFIED or DELETED watch event; undefined when its object is not usable. */
  watched(
    type: 'ADDED' | 'MODIFIED' | 'DELETED',
    object: unknown,
    receivedAtMs: number,
  ): TrackedObject | undefined;
}

export interface ReflectorConfig {
  readonly pageSize: number;
  readonly minWatchTimeoutSeconds: number;
  readonly maxWatchTimeoutSeconds: number;
  readonly inactivityTimeoutMs: number;
  readonly backoff: BackoffPolicy;
}

export interface ReflectorDeps {
  readonly api: ResourceApi;
  readonly tracker: ResourceTracker;
  readonly runtime: AgentRuntime;
  /** Every line this loop logs carries `resource`. */
  readonly log: Logger;
  /** This loop's figures; also where it notes each API contact (read by /healthz). */
  readonly metrics: ReflectorMetrics;
  /** After the first complete list. */
  readonly onReady: () => void;
  /**
   * Awaited between list pages (never during a watch): lets the forwarder drain so a 10,000-pod
   * list does not sit in memory all at once. Must resolve by `deadlineMs` whatever happens.
   */
  readonly beforeNextPage?: (signal: AbortSignal, deadlineMs: number) => Promise<void>;
}
