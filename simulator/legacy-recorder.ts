import type { SimClock } from './clock.js';
import {
  applyLegacyRepeat,
  type EventSource,
  type EventType,
  legacyEvent,
  type ObjectReference,
} from './event-objects.js';
import type { EventStore } from './event-store.js';

/**
 * The legacy event recorder of one process (a kubelet, a controller manager), as client-go's
 * tools/record EventCorrelator shapes what reaches the API server:
 *
 * 1. aggregation: once a group (source, object, type, reason, reporting controller and instance)
 *    has seen 10 distinct messages within 600 s of each other, events become one
 *    "(combined from similar events): {latest message}" event, counted like a repeat;
 * 2. deduplication: a repeat (same source, object with field path, type, reason, message) patches
 *    the existing event: count + 1, a new lastTimestamp, same firstTimestamp and name; if the event
 *    has expired meanwhile (404), it is created again under that name with the running count;
 * 3. spam filter: a token bucket per source + object + type (1.32+), burst 25, refilled one token
 *    per 300 s; a filtered occurrence is still counted, so the next write carries the true count.
 *
 * Its caches are LRUs of 4,096 entries, as in client-go. Writes always succeed here (the
 * simulator's API never refuses its own components), so the 12 retries and the 1,000-event queue
 * never come into play; neither does the kubelet's 50 QPS event client limit.
 */

export interface LegacyRecorder {
  record(involved: ObjectReference, type: EventType, reason: string, message: string): void;
}

export interface LegacyRecorderOptions {
  readonly store: EventStore;
  readonly clock: SimClock;
  readonly source: EventSource;
  /** The managedFields manager of its writes. */
  readonly manager: string;
  readonly name: (objectName: string, atMs: number) => string;
}

const LRU_ENTRIES = 4_096;
const AGGREGATE_MAX_MESSAGES = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_REFILL_PER_MS = 1 / 300_000;

export function createLegacyRecorder(options: LegacyRecorderOptions): LegacyRecorder {
  const { store, clock, source, manager } = options;
  const groups = lru<{ messages: Set<string>; lastMs: number }>();
  const observed = lru<{ count: number; firstMs: number; name: string }>();
  const buckets = lru<{ tokens: number; atMs: number }>();
  const reportingComponent = source.component;
  const reportingInstance = source.host ?? '';

  return {
    record(involved, type, reason, rawMessage) {
      const now = clock.now();
      const object = [involved.kind, involved.namespace, involved.name, involved.uid, involved.apiVersion];
      const origin = [source.component, source.host ?? ''];

      // 1. EventAggregate
      const groupKey = [...origin, ...object, type, reason, reportingComponent, reportingInstance].join(
        '\u0000',
      );
      let group = groups.get(groupKey);
      if (group === undefined || now - group.lastMs > AGGREGATE_INTERVAL_MS)
        group = { messages: new Set(), lastMs: 0 };
      group.messages.add(rawMessage);
      group.lastMs = now;
      groups.set(groupKey, group);
      const combined = group.messages.size >= AGGREGATE_MAX_MESSAGES;
      if (combined) group.messages.delete(group.messages.values().next().value as string);
      const message = combined ? `(combined from similar events): ${rawMessage}` : rawMessage;
      const key = combined
        ? groupKey
        : [...origin, ...object, involved.fieldPath ?? '', type, reason, rawMessage].join('\u0000');

      // 2. eventObserve
      const last = observed.get(key);
      const occurrence =
        last === undefined
          ? { count: 1, firstMs: now, name: options.name(involved.name, now) }
          : { count: last.count + 1, firstMs: last.firstMs, name: last.name };
      observed.set(key, occurrence);

      // 3. the spam filter, after counting
      if (!takeToken(buckets, [...origin, ...object, type].join('\u0000'), now)) return;

      const fields = {
        name: occurrence.name,
        involvedObject: involved,
        reason,
        message,
        source,
        firstMs: occurrence.firstMs,
        lastMs: now,
        count: occurrence.count,
        type,
        // client-go's aggregate event copies neither.
        reportingComponent: combined ? '' : reportingComponent,
        reportingInstance: combined ? '' : reportingInstance,
        manager,
      };
      const namespace = involved.namespace || 'default';
      const patched =
        occurrence.count > 1 &&
        store.patch(namespace, occurrence.name, (event) =>
          applyLegacyRepeat(event, { count: occurrence.count, lastMs: now, message, manager }, now),
        );
      if (!patched) store.put(legacyEvent(fields, now));
    },
  };
}

function takeToken(buckets: Lru<{ tokens: number; atMs: number }>, key: string, now: number): boolean {
  const bucket = buckets.get(key) ?? { tokens: SPAM_BURST, atMs: now };
  bucket.tokens = Math.min(SPAM_BURST, bucket.tokens + (now - bucket.atMs) * SPAM_REFILL_PER_MS);
  bucket.atMs = now;
  const accepted = bucket.tokens >= 1;
  if (accepted) bucket.tokens -= 1;
  buckets.set(key, bucket);
  return accepted;
}

interface Lru<V> {
  get(key: string): V | undefined;
  set(key: string, value: V): void;
}

/** groupcache's lru.Cache: a get refreshes the entry, the least recently used one goes first. */
function lru<V>(capacity = LRU_ENTRIES): Lru<V> {
  const entries = new Map<string, V>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
    },
  };
}
