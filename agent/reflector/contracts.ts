import type { PodEventType } from '../../functions/domain/wire-format.js';
import type { BackoffPolicy } from '../backoff.js';
import type { PodApi } from '../kube/pod-api.js';
import type { Logger } from '../ops/log.js';
import type { AgentMetrics } from '../ops/metrics.js';
import type { AgentRuntime } from '../runtime.js';
import type { SlimmedPod } from '../slim-pod.js';

/** What the reflector is given and what it hands on: types only (its shared state is state.ts). */

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
  /** Also where the reflector notes each API contact (`lastContactTimestamp`, read by /healthz). */
  readonly metrics: AgentMetrics;
  /** After the first complete list. */
  readonly onReady: () => void;
  /**
   * Awaited between list pages (never during a watch): lets the forwarder drain so a 10,000-pod
   * list does not sit in memory all at once. Must resolve by `deadlineMs` whatever happens.
   */
  readonly beforeNextPage?: (signal: AbortSignal, deadlineMs: number) => Promise<void>;
}
