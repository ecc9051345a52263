import type { Logger } from '../ops/log.js';
import type { WireMetrics } from '../ops/metrics.js';
import { type SlimmedEvent, slimEvent } from '../slim-event.js';
import type { CompletedList, ResourceTracker } from './contracts.js';

/**
 * What the events' reflector keeps and forwards. Every version of an event is news — ADDED, and
 * each MODIFIED as the recorder bumps `count`, `series` or `lastTimestamp` — and goes to the queue
 * as it is read. DELETED is not news: it is the API server's expiry (kube-apiserver --event-ttl,
 * one hour after the last write), so it is not forwarded; the event's state is forgotten.
 *
 * Per event the agent keeps its uid, the resourceVersion last handed to the queue and when that
 * happened (~100 B), never the object. A (re)list forwards only the versions not handed on yet, so
 * after an outage shorter than the event TTL every version that still exists reaches the ingest
 * once; events the list no longer has are forgotten. There is no SYNC for events: an event's
 * versions are facts, and nothing about it needs closing. Memory stays O(events updated within the
 * TTL): a state not updated for longer than the TTL plus EVENT_STATE_MARGIN_MS is forgotten
 * (its DELETED may have come while the agent was not watching).
 */

/**
 * How long after the TTL a state is still kept. Our time of a version is when we read it, at or
 * after the API server wrote it, so the server's clock does not matter; the margin covers the
 * server expiring late (an event's etcd lease is shared with writes of the minute before it, and
 * leases are revoked in passes). Forgetting too early costs at most a duplicate on a later re-list
 * (the ingest keeps versions idempotently); too late costs only memory.
 */
export const EVENT_STATE_MARGIN_MS = 10 * 60_000;

/** How often, at most, the states are scanned for expiry (the scan is O(states)). */
const SWEEP_INTERVAL_MS = 60_000;

interface EventState {
  resourceVersion: string;
  /** When this version was handed to the queue (ms since the epoch, the agent's clock). */
  handedOnAtMs: number;
}

export interface EventSink {
  event(event: SlimmedEvent, observedAtMs: number): void;
}

export interface EventTrackerDeps {
  readonly sink: EventSink;
  /** `wire.event` of AgentMetrics. */
  readonly metrics: WireMetrics;
  /** Where the number of states and expiries go (AgentMetrics' eventStates, eventStatesExpired). */
  readonly gauges: { eventStates: number; eventStatesExpired: number };
  readonly log: Logger;
  readonly now: () => number;
  /** How long the API server keeps an event after its last update (kube-apiserver --event-ttl). */
  readonly eventTtlMs: number;
}

export interface EventTracker extends ResourceTracker {
  /**
   * A version handed on was dropped before it reached the ingest (queue byte bound): it is no
   * longer counted as forwarded, so a re-list that still has it forwards it again.
   */
  dropped(uid: string, resourceVersion: string): void;
  size(): number;
}

export function createEventTracker(deps: EventTrackerDeps): EventTracker {
  const { sink, metrics, gauges, log, now } = deps;
  const states = new Map<string, EventState>();
  let seen = new Set<string>();
  let listCounts = { forwarded: 0, alreadyForwarded: 0 };
  let lastSweepAt = now();

  const noteSize = () => {
    gauges.eventStates = states.size;
  };

  const sweep = (t: number) => {
    if (t - lastSweepAt < SWEEP_INTERVAL_MS) return;
    lastSweepAt = t;
    const horizon = t - deps.eventTtlMs - EVENT_STATE_MARGIN_MS;
    let expired = 0;
    for (const [uid, state] of states) {
      if (state.handedOnAtMs < horizon) {
        states.delete(uid);
        expired++;
      }
    }
    gauges.eventStatesExpired += expired;
    noteSize();
  };

  /** Hands the version on unless it already was; true when it was news. */
  const record = (slim: SlimmedEvent, observedAtMs: number): boolean => {
    const state = states.get(slim.uid);
    if (state?.resourceVersion === slim.resourceVersion) {
      metrics.skipped++;
      return false;
    }
    states.set(slim.uid, { resourceVersion: slim.resourceVersion, handedOnAtMs: observedAtMs });
    metrics.queued++;
    sink.event(slim, observedAtMs);
    return true;
  };

  return {
    listStarted() {
      seen = new Set();
      listCounts = { forwarded: 0, alreadyForwarded: 0 };
    },
    listed(object, observedAtMs) {
      const slim = slimEvent(object);
      if (slim === undefined) return false;
      seen.add(slim.uid);
      if (record(slim, observedAtMs)) listCounts.forwarded++;
      else listCounts.alreadyForwarded++;
      return true;
    },
    listDone(list: CompletedList) {
      let forgotten = 0;
      for (const uid of states.keys()) {
        if (!seen.has(uid)) {
          states.delete(uid);
          forgotten++;
        }
      }
      const events = seen.size;
      seen = new Set();
      noteSize();
      sweep(list.observedAtMs);
      // Versions written after we lost touch and expired before this list are gone for good.
      const since = list.outOfTouchSinceMs;
      const outOfTouch = since === null ? null : new Date(since).toISOString();
      if (since !== null && list.observedAtMs - since > deps.eventTtlMs) {
        log.warn('events may be lost: the agent was out of touch longer than the API server keeps them', {
          outOfTouchSince: outOfTouch,
          eventTtlSeconds: Math.round(deps.eventTtlMs / 1000),
        });
      }
      return { events, ...listCounts, forgotten, outOfTouchSince: outOfTouch };
    },
    watched(type, object, receivedAtMs) {
      const slim = slimEvent(object);
      if (slim === undefined) return undefined;
      if (type === 'DELETED') states.delete(slim.uid);
      else record(slim, receivedAtMs);
      noteSize();
      sweep(receivedAtMs);
      return { resourceVersion: slim.resourceVersion, changedAtMs: undefined };
    },
    dropped(uid, resourceVersion) {
      if (states.get(uid)?.resourceVersion !== resourceVersion) return;
      states.delete(uid);
      noteSize();
    },
    size: () => states.size,
  };
}
