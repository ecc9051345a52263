import type { ResourceName } from '../kube/resource-api.js';

/**
 * The agent's counters, gauges and the forward-latency histogram (metrics-text.ts renders them for
 * /metrics). Plain numbers, updated synchronously by the reflectors and the forwarder. Each list/watch loop has its own figures (`reflectors.pods`,
 * `reflectors.events`, label `resource`), and what is queued and forwarded is counted by what a
 * wire event carries (`wire.pod`, `wire.event`, label `kind`).
 */

export type WatchEventKind = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
export type WatchEndReason = 'closed' | 'error_event' | 'http_error' | 'network' | 'inactivity' | 'malformed';
export type BatchOutcome = 'ok' | 'rejected' | 'too_large' | 'auth' | 'retry';
/** What a wire event carries: a pod state (ADDED, MODIFIED, DELETED) or a Kubernetes Event (EVENT). */
export type WireKind = 'pod' | 'event';

/** Seconds; p99 target is 1.5 s, so the buckets are dense around it. */
const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2.5, 5, 10, 30, 60] as const;

export interface Histogram {
  observe(seconds: number): void;
  readonly buckets: readonly number[];
  readonly counts: number[];
  count: number;
  sum: number;
}

function histogram(buckets: readonly number[]): Histogram {
  const counts = buckets.map(() => 0);
  const h: Histogram = {
    buckets,
    counts,
    count: 0,
    sum: 0,
    observe(seconds) {
      h.count++;
      h.sum += seconds;
      for (let i = 0; i < buckets.length; i++)
        if (seconds <= (buckets[i] ?? 0)) counts[i] = (counts[i] ?? 0) + 1;
    },
  };
  return h;
}

/** One list/watch loop's figures. */
export interface ReflectorMetrics {
  readonly watchEvents: Record<WatchEventKind, number>;
  /** Objects read from (re)lists. */
  listed: number;
  listPages: number;
  /** Full re-lists after the first list. */
  relists: number;
  readonly watchEnds: Record<WatchEndReason, number>;
  /** When the last full list completed (ms since the epoch; 0: not yet). */
  lastSyncTimestamp: number;
  /** The last list page, watch opening, event or bookmark (ms since the epoch; 0: never): /healthz. */
  lastContactTimestamp: number;
}

/** What happened to the wire events of one kind. */
export interface WireMetrics {
  /** Handed to the forwarder. */
  queued: number;
  /** Not handed on: a pod update that changed nothing the ingest reads; an event version already forwarded. */
  skipped: number;
  /** Replaced in the queue by a newer state of the same pod / version of the same event (queue full). */
  coalesced: number;
  /** Dropped because the queue hit its byte bound. */
  dropped: number;
  /** Accepted by the ingest. */
  forwarded: number;
  /** Rejected by the ingest, one by one or as a whole batch (400/413). */
  rejected: number;
  /** Still queued when a shutdown deadline passed. */
  unsent: number;
  /** Dropped alone after the ingest kept failing them (5xx) while it took other batches: poison events. */
  failed: number;
}

export interface AgentMetrics {
  readonly reflectors: Readonly<Record<ResourceName, ReflectorMetrics>>;
  readonly wire: Readonly<Record<WireKind, WireMetrics>>;
  /** Events the agent keeps a small state for (uid → last forwarded resourceVersion). */
  eventStates: number;
  /** Event states forgotten because the event was not updated for longer than the API server keeps it. */
  eventStatesExpired: number;
  syncsSent: number;
  readonly batches: Record<BatchOutcome, number>;
  bytesSent: number;
  bytesUncompressed: number;
  queueDepth: number;
  queueBytes: number;
  readonly forwardLatency: Histogram;

  // The pods' figures under the names they had before the agent read events (local mode and the
  // library API read them): `reflectors.pods` and `wire.pod`.
  readonly watchEvents: Readonly<Record<WatchEventKind, number>>;
  readonly listedPods: number;
  readonly listPages: number;
  readonly relists: number;
  readonly watchEnds: Readonly<Record<WatchEndReason, number>>;
  readonly lastSyncTimestamp: number;
  readonly eventsQueued: number;
  readonly eventsSkipped: number;
  readonly eventsCoalesced: number;
  readonly eventsDropped: number;
  readonly eventsForwarded: number;
  readonly eventsRejected: number;
  readonly eventsUnsent: number;
}

function reflectorMetrics(): ReflectorMetrics {
  return {
    watchEvents: { ADDED: 0, MODIFIED: 0, DELETED: 0, BOOKMARK: 0, ERROR: 0 },
    listed: 0,
    listPages: 0,
    relists: 0,
    watchEnds: { closed: 0, error_event: 0, http_error: 0, network: 0, inactivity: 0, malformed: 0 },
    lastSyncTimestamp: 0,
    lastContactTimestamp: 0,
  };
}

function wireMetrics(): WireMetrics {
  return { queued: 0, skipped: 0, coalesced: 0, dropped: 0, forwarded: 0, rejected: 0, unsent: 0, failed: 0 };
}

export function createMetrics(): AgentMetrics {
  const reflectors = { pods: reflectorMetrics(), events: reflectorMetrics() };
  const wire = { pod: wireMetrics(), event: wireMetrics() };
  const pods = reflectors.pods;
  const pod = wire.pod;
  const m: AgentMetrics = {
    reflectors,
    wire,
    eventStates: 0,
    eventStatesExpired: 0,
    syncsSent: 0,
    batches: { ok: 0, rejected: 0, too_large: 0, auth: 0, retry: 0 },
    bytesSent: 0,
    bytesUncompressed: 0,
    queueDepth: 0,
    queueBytes: 0,
    forwardLatency: histogram(LATENCY_BUCKETS),
    watchEvents: pods.watchEvents,
    watchEnds: pods.watchEnds,
    get listedPods() {
      return pods.listed;
    },
    get listPages() {
      return pods.listPages;
    },
    get relists() {
      return pods.relists;
    },
    get lastSyncTimestamp() {
      return pods.lastSyncTimestamp;
    },
    get eventsQueued() {
      return pod.queued;
    },
    get eventsSkipped() {
      return pod.skipped;
    },
    get eventsCoalesced() {
      return pod.coalesced;
    },
    get eventsDropped() {
      return pod.dropped;
    },
    get eventsForwarded() {
      return pod.forwarded;
    },
    get eventsRejected() {
      return pod.rejected;
    },
    get eventsUnsent() {
      return pod.unsent;
    },
  };
  return m;
}
