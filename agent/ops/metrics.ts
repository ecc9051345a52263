import { AGENT_VERSION } from '../version.js';

/**
 * The agent's counters, gauges and the forward-latency histogram, rendered in the Prometheus text
 * exposition format (version 0.0.4) for /metrics. Plain numbers, updated synchronously by the
 * reflector and the forwarder; `snapshot()` gives tests and benchmarks the same figures.
 */

export type WatchEventKind = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
export type WatchEndReason = 'closed' | 'error_event' | 'http_error' | 'network' | 'inactivity' | 'malformed';
export type BatchOutcome = 'ok' | 'rejected' | 'too_large' | 'auth' | 'retry';

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

export interface AgentMetrics {
  /** Watch events by type, plus pods read from lists. */
  readonly watchEvents: Record<WatchEventKind, number>;
  listedPods: number;
  listPages: number;
  relists: number;
  readonly watchEnds: Record<WatchEndReason, number>;
  /** Pod events handed to the forwarder / not, because the slim form did not change. */
  eventsQueued: number;
  eventsSkipped: number;
  eventsCoalesced: number;
  eventsDropped: number;
  /** Delivered to and accepted (200) by the ingest; rejected one by one or as a whole batch (400/413). */
  eventsForwarded: number;
  eventsRejected: number;
  /** Still queued when a shutdown deadline passed. */
  eventsUnsent: number;
  syncsSent: number;
  readonly batches: Record<BatchOutcome, number>;
  bytesSent: number;
  bytesUncompressed: number;
  queueDepth: number;
  queueBytes: number;
  lastSyncTimestamp: number;
  lastContactTimestamp: number;
  readonly forwardLatency: Histogram;
  render(): string;
}

export function createMetrics(): AgentMetrics {
  const m: AgentMetrics = {
    watchEvents: { ADDED: 0, MODIFIED: 0, DELETED: 0, BOOKMARK: 0, ERROR: 0 },
    listedPods: 0,
    listPages: 0,
    relists: 0,
    watchEnds: { closed: 0, error_event: 0, http_error: 0, network: 0, inactivity: 0, malformed: 0 },
    eventsQueued: 0,
    eventsSkipped: 0,
    eventsCoalesced: 0,
    eventsDropped: 0,
    eventsForwarded: 0,
    eventsRejected: 0,
    eventsUnsent: 0,
    syncsSent: 0,
    batches: { ok: 0, rejected: 0, too_large: 0, auth: 0, retry: 0 },
    bytesSent: 0,
    bytesUncompressed: 0,
    queueDepth: 0,
    queueBytes: 0,
    lastSyncTimestamp: 0,
    lastContactTimestamp: 0,
    forwardLatency: histogram(LATENCY_BUCKETS),
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
  const byLabel = (label: string, values: Record<string, number>): [string, number][] =>
    Object.entries(values).map(([k, v]) => [`{${label}="${k}"}`, v]);

  metric('info', 'gauge', 'Agent build information.', [[`{version="${AGENT_VERSION}"}`, 1]]);
  metric('watch_events_total', 'counter', 'Watch events received, by type.', byLabel('type', m.watchEvents));
  metric('listed_pods_total', 'counter', 'Pods read from (re)lists.', [['', m.listedPods]]);
  metric('list_pages_total', 'counter', 'List pages fetched.', [['', m.listPages]]);
  metric('relists_total', 'counter', 'Full re-lists after the first list (410 Expired and friends).', [
    ['', m.relists],
  ]);
  metric(
    'watch_ends_total',
    'counter',
    'Watch streams that ended, by reason.',
    byLabel('reason', m.watchEnds),
  );
  metric('events_queued_total', 'counter', 'Pod events handed to the forwarder.', [['', m.eventsQueued]]);
  metric('events_skipped_total', 'counter', 'Pod updates not forwarded: nothing the ingest reads changed.', [
    ['', m.eventsSkipped],
  ]);
  metric(
    'events_coalesced_total',
    'counter',
    'Queued pod states replaced by a newer state of the same pod (queue full).',
    [['', m.eventsCoalesced]],
  );
  metric(
    'events_dropped_total',
    'counter',
    'Queued pod states dropped because the queue hit its byte bound.',
    [['', m.eventsDropped]],
  );
  metric('events_forwarded_total', 'counter', 'Events accepted by the ingest.', [['', m.eventsForwarded]]);
  metric(
    'events_rejected_total',
    'counter',
    'Events the ingest rejected (one by one, or whole batches on 400/413).',
    [['', m.eventsRejected]],
  );
  metric('events_unsent_total', 'counter', 'Events still queued when a shutdown deadline passed.', [
    ['', m.eventsUnsent],
  ]);
  metric('syncs_sent_total', 'counter', 'SYNC events delivered.', [['', m.syncsSent]]);
  metric('batches_total', 'counter', 'Batch delivery attempts, by outcome.', byLabel('outcome', m.batches));
  metric('sent_bytes_total', 'counter', 'Request body bytes sent to the ingest (gzip).', [['', m.bytesSent]]);
  metric('uncompressed_bytes_total', 'counter', 'Request body bytes before gzip.', [
    ['', m.bytesUncompressed],
  ]);
  metric('queue_depth', 'gauge', 'Events waiting to be forwarded.', [['', m.queueDepth]]);
  metric('queue_bytes', 'gauge', 'Approximate bytes of the queued events.', [['', m.queueBytes]]);
  metric('last_sync_timestamp_seconds', 'gauge', 'When the last full list completed (SYNC queued).', [
    ['', m.lastSyncTimestamp / 1000],
  ]);
  metric(
    'last_contact_timestamp_seconds',
    'gauge',
    'Last successful list page, watch open, event or bookmark.',
    [['', m.lastContactTimestamp / 1000]],
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
