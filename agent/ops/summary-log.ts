import type { AgentRuntime } from '../runtime.js';
import type { Logger } from './log.js';
import type { AgentMetrics } from './metrics.js';

/**
 * The agent's periodic one-line `summary`: what was forwarded since the previous line, so
 * `kubectl logs` shows a working agent (the per-batch outcomes are only in /metrics). Logged every
 * `intervalMs` when something happened (events forwarded, a batch sent or failed, something
 * dropped, or events waiting in the queue), and at least every QUIET_SUMMARY_MS otherwise, so a
 * quiet cluster's agent still says it is alive.
 */

/** A line at least this often on a quiet cluster (all zeros but the figures that never reset). */
export const QUIET_SUMMARY_MS = 10 * 60_000;

export interface SummaryCounts {
  /** Pod states and Kubernetes Events the ingest accepted. */
  readonly forwarded: number;
  /** Batches the ingest accepted. */
  readonly batches: number;
  /** Failed POSTs: retried (429, 5xx, timeouts, network), refused for auth, rejected or too large. */
  readonly errors: number;
  /** Events lost: dropped from a full queue, refused by the ingest, or dropped as poison. */
  readonly dropped: number;
}

/** Totals since the agent started, from its metrics. */
export function summaryCounts(metrics: AgentMetrics): SummaryCounts {
  const { pod, event } = metrics.wire;
  const { ok, retry, auth, rejected, too_large: tooLarge } = metrics.batches;
  return {
    forwarded: pod.forwarded + event.forwarded,
    batches: ok,
    errors: retry + auth + rejected + tooLarge,
    dropped: pod.dropped + event.dropped + pod.rejected + event.rejected + pod.failed + event.failed,
  };
}

/** What the next line says, or undefined when nothing happened and a quiet line is not due. */
export function nextSummary(
  previous: SummaryCounts,
  current: SummaryCounts,
  queued: number,
  quietForMs: number,
): (SummaryCounts & { readonly queued: number }) | undefined {
  const delta = {
    forwarded: current.forwarded - previous.forwarded,
    batches: current.batches - previous.batches,
    errors: current.errors - previous.errors,
    dropped: current.dropped - previous.dropped,
  };
  const happened = Object.values(delta).some((n) => n > 0) || queued > 0;
  return happened || quietForMs >= QUIET_SUMMARY_MS ? { ...delta, queued } : undefined;
}

export interface SummaryLog {
  /** Stops the timer and logs what happened since the last line, if anything. */
  stop(): void;
}

export function startSummaryLog(deps: {
  readonly intervalMs: number;
  readonly metrics: AgentMetrics;
  readonly queued: () => number;
  readonly runtime: AgentRuntime;
  readonly log: Logger;
}): SummaryLog {
  const { intervalMs, metrics, runtime, log } = deps;
  const stopped = new AbortController();
  let previous = summaryCounts(metrics);
  let lastLineAt = runtime.now();
  const emit = (force: boolean) => {
    const current = summaryCounts(metrics);
    const quietFor = force ? QUIET_SUMMARY_MS : runtime.now() - lastLineAt;
    const line = nextSummary(previous, current, deps.queued(), quietFor);
    if (line === undefined) return;
    log.info('summary', { ...line, intervalSeconds: Math.round((runtime.now() - lastLineAt) / 1000) });
    previous = current;
    lastLineAt = runtime.now();
  };
  void (async () => {
    while (!stopped.signal.aborted) {
      await runtime.sleep(intervalMs, stopped.signal);
      if (!stopped.signal.aborted) emit(false);
    }
  })();
  return {
    stop() {
      if (stopped.signal.aborted) return;
      stopped.abort();
      const current = summaryCounts(metrics);
      if (nextSummary(previous, current, deps.queued(), 0) !== undefined) emit(true);
    },
  };
}
