import type { ResourceName } from '../kube/resource-api.js';
import { AGENT_VERSION } from '../version.js';

/**
 * The agent's counters, gauges and the forward-latency histogram, rendered in the Prometheus text
 * exposition format (version 0.0.4) for /metrics. Plain numbers, updated synchronously by the
 * reflectors and the forwarder. Each list/watch loop has its own figures (`reflectors.pods`,
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

  render(): string;
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
  return { queued: 0, skipped: 0, coalesced: 0, dropped: 0, forwarded: 0, rejected: 0, unsent: 0 };
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
    render: () => renderMetrics(m),
  };
  return m;
}

function renderMetrics(m: AgentMetrics): string {
  const out: string[] = [];
  const metric = (name: string, type: 'counter' | 'gauge', help: string, samples: [string, number][]) => {
    out.push(`# HELP podtrail_agent_${name} ${help}`, `# TYPE podtrail_agent_${name} ${type}`);
    for (const [labels, value] of samples) out.push(`podtrail_agent_${name}${labels} ${value}`);
  };
  const resources = Object.entries(m.reflectors) as [ResourceName, ReflectorMetrics][];
  const kinds = Object.entries(m.wire) as [WireKind, WireMetrics][];
  const perResource = (value: (r: ReflectorMetrics) => number): [string, number][] =>
    resources.map(([resource, r]) => [`{resource="${resource}"}`, value(r)]);
  const perResourceAnd = (label: string, values: (r: ReflectorMetrics) => Record<string, number>) =>
    resources.flatMap(([resource, r]) =>
      Object.entries(values(r)).map(([k, v]): [string, number] => [
        `{resource="${resource}",${label}="${k}"}`,
        v,
      ]),
    );
  const perKind = (value: (w: WireMetrics) => number): [string, number][] =>
    kinds.map(([kind, w]) => [`{kind="${kind}"}`, value(w)]);
  const byLabel = (label: string, values: Record<string, number>): [string, number][] =>
    Object.entries(values).map(([k, v]) => [`{${label}="${k}"}`, v]);

  metric('info', 'gauge', 'Agent build information.', [[`{version="${AGENT_VERSION}"}`, 1]]);
  metric(
    'watch_events_total',
    'counter',
    'Watch events received, by resource and type.',
    perResourceAnd('type', (r) => r.watchEvents),
  );
  metric(
    'listed_objects_total',
    'counter',
    'Objects read from (re)lists, by resource.',
    perResource((r) => r.listed),
  );
  metric(
    'list_pages_total',
    'counter',
    'List pages fetched.',
    perResource((r) => r.listPages),
  );
  metric(
    'relists_total',
    'counter',
    'Full re-lists after the first list (410 Expired and friends).',
    perResource((r) => r.relists),
  );
  metric(
    'watch_ends_total',
    'counter',
    'Watch streams that ended, by resource and reason.',
    perResourceAnd('reason', (r) => r.watchEnds),
  );
  metric(
    'events_queued_total',
    'counter',
    'Wire events handed to the forwarder, by kind (pod: a pod state; event: a Kubernetes Event version).',
    perKind((w) => w.queued),
  );
  metric(
    'events_skipped_total',
    'counter',
    'Not forwarded: a pod update that changed nothing the ingest reads, an event version already forwarded.',
    perKind((w) => w.skipped),
  );
  metric(
    'events_coalesced_total',
    'counter',
    'Queued wire events replaced by a newer state of the same pod or version of the same event (queue full).',
    perKind((w) => w.coalesced),
  );
  metric(
    'events_dropped_total',
    'counter',
    'Queued wire events dropped because the queue hit its byte bound.',
    perKind((w) => w.dropped),
  );
  metric(
    'events_forwarded_total',
    'counter',
    'Wire events accepted by the ingest.',
    perKind((w) => w.forwarded),
  );
  metric(
    'events_rejected_total',
    'counter',
    'Wire events the ingest rejected (one by one, or whole batches on 400/413).',
    perKind((w) => w.rejected),
  );
  metric(
    'events_unsent_total',
    'counter',
    'Wire events still queued when a shutdown deadline passed.',
    perKind((w) => w.unsent),
  );
  metric('event_states', 'gauge', 'Kubernetes Events the agent keeps a resourceVersion for.', [
    ['', m.eventStates],
  ]);
  metric(
    'event_states_expired_total',
    'counter',
    'Event states forgotten: not updated for longer than the API server keeps an event.',
    [['', m.eventStatesExpired]],
  );
  metric('syncs_sent_total', 'counter', 'SYNC events delivered.', [['', m.syncsSent]]);
  metric('batches_total', 'counter', 'Batch delivery attempts, by outcome.', byLabel('outcome', m.batches));
  metric('sent_bytes_total', 'counter', 'Request body bytes sent to the ingest (gzip).', [['', m.bytesSent]]);
  metric('uncompressed_bytes_total', 'counter', 'Request body bytes before gzip.', [
    ['', m.bytesUncompressed],
  ]);
  metric('queue_depth', 'gauge', 'Wire events waiting to be forwarded.', [['', m.queueDepth]]);
  metric('queue_bytes', 'gauge', 'Approximate bytes of the queued wire events.', [['', m.queueBytes]]);
  metric(
    'last_sync_timestamp_seconds',
    'gauge',
    'When the last full list of each resource completed.',
    perResource((r) => r.lastSyncTimestamp / 1000),
  );
  metric(
    'last_contact_timestamp_seconds',
    'gauge',
    'Last successful list page, watch open, event or bookmark, by resource.',
    perResource((r) => r.lastContactTimestamp / 1000),
  );

  const h = m.forwardLatency;
  out.push(
    '# HELP podtrail_agent_forward_latency_seconds From the watch delivering an event to the ingest accepting it.',
    '# TYPE podtrail_agent_forward_latency_seconds histogram',
  );
  h.buckets.forEach((le, i) => {
    out.push(`podtrail_agent_forward_latency_seconds_bucket{le="${le}"} ${h.counts[i] ?? 0}`);
  });
  out.push(
    `podtrail_agent_forward_latency_seconds_bucket{le="+Inf"} ${h.count}`,
    `podtrail_agent_forward_latency_seconds_sum ${h.sum}`,
    `podtrail_agent_forward_latency_seconds_count ${h.count}`,
  );
  return `${out.join('\n')}\n`;
}
