import type { PodEventType } from '../../functions/domain/wire-format.js';
import type { BackoffPolicy } from '../backoff.js';
import type { PodApi } from '../kube/pod-api.js';
import type { Logger } from '../ops/log.js';
import type { AgentMetrics } from '../ops/metrics.js';
import type { AgentRuntime } from '../runtime.js';
import type { SlimmedPod } from '../slim-pod.js';

/** The reflector's contracts and the small state its list and watch passes share. */

export interface ReflectorSink {
  pod(type: PodEventType, pod: SlimmedPod, observedAtMs: number): void;
  /** `gapSinceMs` is already dated back by GAP_MARGIN_MS. */
  sync(sync: SyncSnapshot & { readonly gapSinceMs: number | null; readonly observedAtMs: number }): void;
}

export interface SyncSnapshot {
  readonly resourceVersion: string;
  readonly uids: readonly string[];
}

export interface ReflectorConfig {
  readonly pageSize: number;
  readonly minWatchTimeoutSeconds: number;
  readonly maxWatchTimeoutSeconds: number;
  readonly inactivityTimeoutMs: number;
  readonly backoff: BackoffPolicy;
}

export interface ReflectorDeps {
  readonly api: PodApi;
  readonly sink: ReflectorSink;
  readonly runtime: AgentRuntime;
  readonly log: Logger;
  readonly metrics: AgentMetrics;
  /** After the first complete list. */
  readonly onReady: () => void;
  /**
   * Awaited between list pages (never during a watch): lets the forwarder drain so a 10,000-pod
   * list does not sit in memory all at once. Must resolve by `deadlineMs` whatever happens.
   */
  readonly beforeNextPage?: (signal: AbortSignal, deadlineMs: number) => Promise<void>;
}

/** All the agent remembers of a pod (~150 B): never the object itself. */
export interface KnownPod {
  readonly namespace: string;
  readonly name: string;
  readonly resourceVersion: string;
  readonly fingerprint: string;
}

export interface ReflectorState {
  /** By uid. */
  readonly known: Map<string, KnownPod>;
  lastRV: string;
  listedOnce: boolean;
  listing: boolean;
  /** The latest moment the agent can vouch it had every change before (null before the first list). */
  lastInSyncAt: number | null;
}

export function noteContact(deps: ReflectorDeps): void {
  deps.metrics.lastContactTimestamp = deps.runtime.now();
}

/** Records a pod state; forwards it unless nothing the ingest reads changed (same fingerprint). */
export function observePod(
  state: ReflectorState,
  deps: ReflectorDeps,
  type: 'ADDED' | 'MODIFIED',
  slim: SlimmedPod,
  observedAtMs: number,
): void {
  const previous = state.known.get(slim.uid);
  if (previous !== undefined && previous.resourceVersion === slim.resourceVersion) return;
  state.known.set(slim.uid, {
    namespace: slim.namespace,
    name: slim.name,
    resourceVersion: slim.resourceVersion,
    fingerprint: slim.fingerprint,
  });
  if (previous !== undefined && previous.fingerprint === slim.fingerprint) {
    deps.metrics.eventsSkipped++;
    return;
  }
  deps.metrics.eventsQueued++;
  deps.sink.pod(previous === undefined ? 'ADDED' : type, slim, observedAtMs);
}
