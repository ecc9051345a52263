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
import { countsAsFailing, nextStepAfterPost, type SettledStep } from './policy.js';
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

  /** Batches the ingest accepted so far: evidence that a failing batch, not the ingest, is the problem. */
  let acceptedBatches = 0;

  /**
   * Delivers a batch as the policy (policy.ts) says: resent after a back-off, dropped and reported
   * lost, or split in two and each half delivered in turn; a single event the ingest keeps failing
   * is dropped alone (POISON_BOUND). Everything not sent once `halted` fires is counted as unsent.
   */
  async function deliver(events: readonly QueuedEvent[]): Promise<void> {
    const batches: Attempt[] = [{ events, serverErrors: 0, suspect: false, deferred: false }];
    for (let batch = batches.shift(); batch !== undefined; batch = batches.shift()) {
      const step = await postUntilSettled(batch, batches.length > 0);
      if (step === undefined) {
        for (const unsentBatch of [batch, ...batches]) countUnsent(unsentBatch.events);
        return;
      }
      const half = (part: readonly QueuedEvent[]): Attempt => ({
        events: part,
        serverErrors: 0,
        suspect: batch.failingSince !== undefined,
        deferred: false,
        ...(batch.failingSince === undefined ? {} : { failingSince: batch.failingSince }),
      });
      if (step.action === 'split')
        batches.unshift(half(batch.events.slice(0, step.at)), half(batch.events.slice(step.at)));
      else if (step.action === 'defer') batches.splice(1, 0, { ...batch, deferred: true });
      else if (step.action === 'drop' || step.action === 'drop-failing')
        queue.markLost(earliestObservation(batch.events));
      else if (step.action === 'done') {
        acceptedBatches++;
        backoff.reset();
      }
    }
  }

  /** Posts one batch, again after each back-off, until the policy settles it; undefined once halted. */
  async function postUntilSettled(batch: Attempt, canDefer: boolean): Promise<SettledStep | undefined> {
    const json = serializeBatch(config.cluster, config.agent, batch.events);
    // On this thread on purpose: zlib's async API runs on the libuv pool, whose per-thread malloc
    // arenas kept ~50 MiB more RSS in bench/agent-memory.ts; a full 1 MiB batch takes ~10 ms.
    const body = gzipSync(json);
    while (!halted.signal.aborted) {
      const outcome = await client.post(body, halted.signal);
      if (countsAsFailing(outcome)) {
        batch.serverErrors++;
        batch.failingSince ??= { accepted: acceptedBatches };
        batch.ownFailureAtMs ??= runtime.now();
      }
      const since = batch.failingSince;
      const step = nextStepAfterPost(outcome, batch.events.length, {
        serverErrors: batch.serverErrors,
        suspect: batch.suspect,
        failingForMs: batch.ownFailureAtMs === undefined ? 0 : runtime.now() - batch.ownFailureAtMs,
        acceptedSince: since !== undefined && acceptedBatches > since.accepted,
        deferred: batch.deferred,
        canDefer,
      });
      if (!step.backoff) {
        reportSettled(deps, outcome, step, {
          events: batch.events,
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

/** A batch being delivered, with what its 5xx answers so far say (policy.ts FailureHistory). */
interface Attempt {
  readonly events: readonly QueuedEvent[];
  serverErrors: number;
  readonly suspect: boolean;
  readonly deferred: boolean;
  /** Batches accepted when this batch, or the batch it was split from, first failed (5xx). */
  failingSince?: { readonly accepted: number };
  /** This batch's own first failing 5xx answer (the lone-drop clock). */
  ownFailureAtMs?: number;
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
