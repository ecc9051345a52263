import type { IngestResult } from '../../functions/domain/wire-format.js';
import type { Logger } from '../ops/log.js';
import type { AgentMetrics, WireKind } from '../ops/metrics.js';
import type { AgentRuntime } from '../runtime.js';
import type { QueuedEvent } from './event-queue.js';
import type { PostOutcome } from './ingest-client.js';
import type { SettledStep } from './policy.js';

/**
 * What each POST of a batch leaves behind: the `batches_total{outcome}` and event counters, and a
 * log line for anything but a clean acceptance. Credential problems are errors, with what to check.
 */

export interface PostReportSinks {
  readonly metrics: AgentMetrics;
  readonly log: Logger;
  readonly runtime: Pick<AgentRuntime, 'now'>;
}

export interface SentBatch {
  readonly events: readonly QueuedEvent[];
  /** The JSON, before gzip. */
  readonly jsonBytes: number;
  readonly gzippedBytes: number;
}

/** After the POST that settled a batch: accepted, dropped, split or deferred. */
export function reportSettled(
  { metrics, log, runtime }: PostReportSinks,
  outcome: PostOutcome,
  step: SettledStep,
  batch: SentBatch,
): void {
  const events = batch.events.length;
  if (outcome.kind === 'ok') {
    metrics.batches.ok++;
    metrics.bytesSent += batch.gzippedBytes;
    metrics.bytesUncompressed += batch.jsonBytes;
    reportAccepted({ metrics, log, runtime }, batch.events, outcome.result);
  } else if (outcome.kind === 'rejected') {
    metrics.batches.rejected++;
    countRejected(metrics, batch.events);
    log.error('ingest refused the batch as unusable (HTTP 400); dropping it', { events });
  } else if (outcome.kind === 'retry') {
    metrics.batches.retry++;
    if (step.action === 'drop-failing') {
      const [event] = batch.events;
      if (event !== undefined) metrics.wire[wireKindOf(event)].failed++;
      log.error(
        'ingest keeps failing a single event (HTTP 5xx) while taking others; dropping it and reporting a gap',
        {
          status: outcome.status,
          kind: event?.kind,
          uid: event === undefined || event.kind === 'sync' ? undefined : event.uid,
          bytes: batch.jsonBytes,
        },
      );
    } else if (step.action === 'split') {
      log.warn('ingest keeps failing the batch (HTTP 5xx); splitting it to isolate what fails', {
        status: outcome.status,
        events,
      });
    } else if (step.action === 'defer') {
      log.warn('ingest keeps failing a single event (HTTP 5xx); sending the next batch first', {
        status: outcome.status,
      });
    }
  } else if (outcome.kind === 'too-large') {
    metrics.batches.too_large++;
    if (step.action === 'drop') {
      countRejected(metrics, batch.events);
      log.error('ingest refused a single event as too large (HTTP 413); dropping it', {
        bytes: batch.jsonBytes,
      });
    } else {
      log.warn('ingest said the batch is too large (HTTP 413); splitting it', {
        events,
        bytes: batch.jsonBytes,
      });
    }
  }
}

/** Events the ingest rejected one by one are counted and logged, never resent. */
function reportAccepted(
  { metrics, log, runtime }: PostReportSinks,
  events: readonly QueuedEvent[],
  result: IngestResult,
): void {
  const rejected = new Set(result.rejected.map((r) => r.index));
  countRejected(
    metrics,
    events.filter((_, index) => rejected.has(index)),
  );
  const ackedAt = runtime.now();
  events.forEach((event, index) => {
    if (rejected.has(index)) return;
    if (event.kind === 'sync') metrics.syncsSent++;
    else {
      metrics.wire[wireKindOf(event)].forwarded++;
      metrics.forwardLatency.observe((ackedAt - event.observedAtMs) / 1000);
    }
  });
  if (rejected.size > 0) {
    log.warn('ingest rejected some events', {
      rejected: rejected.size,
      events: events.length,
      firstIssue: result.rejected[0]?.issues[0],
    });
  }
}

/** After a POST the batch will be retried from, in `delayMs`. */
export function reportRetry({ metrics, log }: PostReportSinks, outcome: PostOutcome, delayMs: number): void {
  const retryInMs = Math.round(delayMs);
  if (outcome.kind === 'auth') {
    metrics.batches.auth++;
    log.error('ingest refused the agent credentials; retrying', {
      status: outcome.status,
      retryInMs,
      hint: 'check PODTRAIL_TOKEN, or the IAM role (EKS Pod Identity / IRSA) allowed to invoke the ingest URL for this cluster',
    });
  } else if (outcome.kind === 'retry') {
    metrics.batches.retry++;
    log.warn('ingest unavailable; retrying the batch', {
      status: outcome.status,
      detail: outcome.detail,
      retryInMs,
    });
  }
}

/** The metrics kind a queued event counts under: SYNCs are about pods. */
export function wireKindOf(event: QueuedEvent): WireKind {
  return event.kind === 'event' ? 'event' : 'pod';
}

function countRejected(metrics: AgentMetrics, events: readonly QueuedEvent[]): void {
  for (const event of events) metrics.wire[wireKindOf(event)].rejected++;
}
