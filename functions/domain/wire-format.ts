/**
 * Wire format v1, agent → ingest (`POST <ingest-url>/v1/events`), as specified in docs/wire-format.md.
 * These are the shapes both sides agree on; the ingest validates untrusted bodies against them
 * (see functions/ingest), the agent builds them (see agent/).
 */

export const WIRE_VERSION = 'v1' as const;
export const EVENTS_PATH = '/v1/events' as const;

/** The batch's `cluster`: a DNS label, as docs/wire-format.md requires (defined with the other names). */
export { CLUSTER_NAME_PATTERN } from './names.js';

export type PodEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface PodEvent {
  readonly type: PodEventType;
  /** RFC 3339 with milliseconds, the agent's clock when the watch delivered the event. */
  readonly observedAt: string;
  /** A v1 Pod as the API serves it, possibly slimmed (fields the ingest never reads removed). */
  readonly pod: unknown;
}

/**
 * Sent after every full (re)list: the complete set of live pod uids as of list `resourceVersion`.
 * `gapSince` says since when the agent may have missed events (null: no gap, e.g. the first list).
 */
export interface SyncEvent {
  readonly type: 'SYNC';
  readonly observedAt: string;
  readonly resourceVersion: string;
  readonly uids: readonly string[];
  readonly gapSince: string | null;
}

/**
 * One version of a core/v1 Event about a pod (additive to v1: agents that predate it never send
 * it). The agent sends every version it sees — ADDED and each MODIFIED, as `count`, `series` and
 * `lastTimestamp` change — slimmed to what describe and the timeline read; full Event objects are
 * valid too. `observedAt` as for pods.
 */
export interface EventWireEvent {
  readonly type: 'EVENT';
  readonly observedAt: string;
  readonly event: Readonly<Record<string, unknown>>;
}

export type WireEvent = PodEvent | SyncEvent | EventWireEvent;

export interface EventBatch {
  readonly cluster: string;
  readonly agent: { readonly id: string; readonly version: string };
  readonly events: readonly WireEvent[];
}

/** One rejected event: its index in `events` and what was wrong, e.g. `events[3].pod.metadata.uid: required`. */
export interface RejectedEvent {
  readonly index: number;
  readonly issues: readonly string[];
}

/** 200 response body. */
export interface IngestResult {
  readonly accepted: number;
  readonly unchanged: number;
  readonly stale: number;
  readonly rejected: readonly RejectedEvent[];
}
