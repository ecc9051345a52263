import { gzipSync } from 'node:zlib';
import type { EventBatch } from '../../functions/domain/wire-format.js';
import { type BackoffPolicy, createBackoff } from '../backoff.js';
import type { Logger } from '../ops/log.js';
import type { AgentMetrics } from '../ops/metrics.js';
import type { SyncSnapshot } from '../reflector/pod-tracker.js';
import type { AgentRuntime } from '../runtime.js';
import { serializeBatch } from './batch.js';
import type { EventQueue, QueuedEvent } from './event-queue.js';
import type { IngestClient } from './ingest-client.js';
import { nextStepAfterPost, type SettledStep } from './policy.js';
import { reportRetry, reportSettled, wireKindOf } from './post-report.js';

/**
 * Drains the queue to the ingest: batches by size (≤ maxBatchBytes of JSON) and time (the oldest
 * event waits at most batchDelayMs), gzips, and keeps exactly one batch in flight, retried until
 * it is accepted or refused for good, so each pod's events reach the ingest in watch order.
 * A coalescing gap is reported as a SYNC built from the reflector's current state (every live
 * uid as of its last resourceVersion) with `gapSince` = the earliest state that was lost.
 */

export interface ForwarderConfig {
  readonly cluster: string;
  readonly agent: EventBatch['agent'];
  readonly maxBatchBytes: number;
  readonly batchDelayMs: number;
  readonly backoff: BackoffPolicy;
}

export interface ForwarderDeps {
  readonly queue: EventQueue;
  readonly client: IngestClient;
  readonly runtime: AgentRuntime;
  readonly log: Logger;
  readonly metrics: AgentMetrics;
  readonly snapshot: () => SyncSnapshot | undefined;
}

export interface Forwarder {
  /** Runs until `stop` finishes. */
  readonly done: Promise<void>;
  /** Sends everything still queued, giving up after `deadlineMs`; resolves with the count left unsent. */
  stop(deadlineMs: number): Promise<number>;
}

export function startForwarder(config: ForwarderConfig, deps: ForwarderDeps): Forwarder {
  const { queue, client, runtime, log, metrics } = deps;
  const backoff = createBackoff(config.backoff, runtime.now, runtime.random);
  /** Aborted when a flush begins: cuts batching waits short. */
  const flushing = new AbortController();
  /** Aborted at the flush deadline: cuts requests and back-off waits. */
  const halted = new AbortController();
  const flushStarted = aborted(flushing.signal);
  /** Events given up at the flush deadline: still queued, or in batches not sent. */
  let unsent = 0;
  const countUnsent = (events: readonly QueuedEvent[]) => {
    unsent += events.length;
    for (const event of events) metrics.wire[wireKindOf(event)].unsent++;
  };

  const gapReportable = () => queue.gapPending() && deps.snapshot() !== undefined;

  /**
   * Event versions have no SYNC to carry a gap: what the queue coalesced or dropped since the last
   * batch is logged once per batch (and counted in events_coalesced/dropped_total{kind="event"}).
   * A coalesced version is covered by the newer one's `count`; a dropped one is lost unless a
   * re-list still finds it.
   */
  let eventLossLogged = { coalesced: 0, dropped: 0 };
  const logEventLoss = () => {
    const { coalesced, dropped } = metrics.wire.event;
    if (coalesced === eventLossLogged.coalesced && dropped === eventLossLogged.dropped) return;
    log.warn('queue full: event versions replaced by newer ones or dropped', {
      coalesced: coalesced - eventLossLogged.coalesced,
      dropped: dropped - eventLossLogged.dropped,
    });
    eventLossLogged = { coalesced, dropped };
  };

  async function run(): Promise<void> {
    for (;;) {
      metrics.queueDepth = queue.depth();
      metrics.queueBytes = queue.bytes();
      if (halted.signal.aborted) break;
      if (queue.depth() === 0 && !gapReportable()) {
        if (flushing.signal.aborted) break;
        await Promise.race([queue.whenNotEmpty(), flushStarted]);
        continue;
      }
      const oldest = queue.oldestObservedAtMs();
      if (!flushing.signal.aborted && oldest !== undefined && queue.bytes() < config.maxBatchBytes) {
        const wait = oldest + config.batchDelayMs - runtime.now();
        if (wait > 0) {
          await runtime.sleep(wait, flushing.signal);
          continue;
        }
      }
      const events = queue.take(config.maxBatchBytes);
      logEventLoss();
      const gap = queue.takeGap();
      if (gap !== undefined) {
        const snapshot = deps.snapshot();
        if (snapshot === undefined) queue.restoreGap(gap);
        else {
          log.warn('queue overflowed, reporting a gap', {
            coalesced: gap.coalesced,
            dropped: gap.dropped,
            gapSince: new Date(gap.sinceMs).toISOString(),
          });
          events.push({
            kind: 'sync',
            observedAtMs: runtime.now(),
            ...snapshot,
            gapSinceMs: gap.sinceMs,
            bytes: 0,
          });
        }
      }
      if (events.length > 0) await deliver(events);
    }
    countUnsent(queue.take(Number.POSITIVE_INFINITY));
    metrics.queueDepth = queue.depth();
  }

  /**
   * Delivers a batch as the policy (policy.ts) says: resent after a back-off, dropped and reported
   * lost, or split in two and each half delivered in turn. Everything not sent once `halted` fires
   * is counted as unsent.
   */
  async function deliver(events: readonly QueuedEvent[]): Promise<void> {
    const batches = [events];
    for (let batch = batches.shift(); batch !== undefined; batch = batches.shift()) {
      const step = await postUntilSettled(batch);
      if (step === undefined) {
        for (const unsentBatch of [batch, ...batches]) countUnsent(unsentBatch);
        return;
      }
      if (step.action === 'split') batches.unshift(batch.slice(0, step.at), batch.slice(step.at));
      else if (step.action === 'drop') queue.markLost(earliestObservation(batch));
      else if (step.action === 'done') backoff.reset();
    }
  }

  /** Posts one batch, again after each back-off, until the policy settles it; undefined once halted. */
  async function postUntilSettled(batch: readonly QueuedEvent[]): Promise<SettledStep | undefined> {
    const json = serializeBatch(config.cluster, config.agent, batch);
    // On this thread on purpose: zlib's async API runs on the libuv pool, whose per-thread malloc
    // arenas kept ~50 MiB more RSS in bench/agent-memory.ts; a full 1 MiB batch takes ~10 ms.
    const body = gzipSync(json);
    while (!halted.signal.aborted) {
      const outcome = await client.post(body, halted.signal);
      const step = nextStepAfterPost(outcome, batch.length);
      if (!step.backoff) {
        reportSettled(deps, outcome, step, {
          events: batch,
          jsonBytes: json.length,
          gzippedBytes: body.byteLength,
        });
        return step;
      }
      const delay = backoff.next(step.retryAfterMs);
      reportRetry(deps, outcome, delay);
      await runtime.sleep(delay, halted.signal);
    }
    return undefined;
  }

  const done = run();
  return {
    done,
    async stop(deadlineMs) {
      const finished = new AbortController();
      void runtime.sleep(deadlineMs, finished.signal).then(() => {
        if (!finished.signal.aborted) halted.abort();
      });
      flushing.abort();
      await done;
      finished.abort();
      if (unsent > 0) log.error('shutdown deadline passed with events unsent', { unsent });
      return unsent;
    },
  };
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

function earliestObservation(events: readonly QueuedEvent[]): number {
  return Math.min(...events.map((e) => (e.kind === 'pod' ? e.changedAtMs : e.observedAtMs)));
}
