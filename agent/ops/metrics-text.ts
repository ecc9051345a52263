import type { ResourceName } from '../kube/resource-api.js';
import { AGENT_VERSION } from '../version.js';
import type { AgentMetrics, ReflectorMetrics, WireKind, WireMetrics } from './metrics.js';

/**
 * The agent's figures in the Prometheus text exposition format (version 0.0.4), prefix
 * `podtrail_agent_`: each loop's under label `resource`, each wire event kind's under `kind`.
 */
export function renderMetrics(m: AgentMetrics): string {
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
    'events_failed_total',
    'counter',
    'Wire events dropped alone after the ingest kept failing them (5xx) while taking other batches.',
    perKind((w) => w.failed),
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
