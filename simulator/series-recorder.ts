import type { SimClock } from './clock.js';
import { applySeries, type EventType, type ObjectReference, seriesEvent } from './event-objects.js';
import type { EventStore } from './event-store.js';

/**
 * The events.k8s.io recorder of one process (kube-scheduler), as client-go's tools/events
 * eventBroadcasterImpl writes: repeats are keyed on type, action, reason, reporting controller and
 * instance, the whole `regarding` reference (resourceVersion and fieldPath included) and `related`,
 * never on the note. The first occurrence is created with eventTime; the second writes
 * series {count 2, lastObservedTime} at once; later ones are only counted. Every 30 minutes
 * (refreshExistingEventSeries) each open series is written, and every 6 minutes (finishSeries) a
 * series quiet for over 6 minutes is written one last time and forgotten, as is a singleton older
 * than 6 minutes. Both tick from the recorder's start, on the simulator's clock, and only while
 * something is cached, so an idle recorder holds no timer.
 *
 * The stored count therefore lags by up to 30 minutes, and the first note is the one kept. A
 * series write that changes nothing (no occurrence since the last one) is a no-op patch, which the
 * API server does not write: it renews no TTL either.
 */

export interface SeriesRecorder {
  record(
    regarding: ObjectReference,
    type: EventType,
    reason: string,
    action: string,
    note: string,
    related?: ObjectReference,
  ): void;
  /** Stops the ticks (the cache is kept). */
  stop(): void;
}

export interface SeriesRecorderOptions {
  readonly store: EventStore;
  readonly clock: SimClock;
  readonly reportingController: string;
  readonly reportingInstance: string;
  readonly manager: string;
  readonly name: (objectName: string, atMs: number) => string;
}

export const SERIES_FINISH_MS = 6 * 60_000;
export const SERIES_REFRESH_MS = 30 * 60_000;

interface Cached {
  readonly name: string;
  readonly regarding: ObjectReference;
  readonly type: EventType;
  readonly reason: string;
  readonly action: string;
  readonly note: string;
  readonly eventTimeMs: number;
  series: { count: number; lastObservedMs: number } | undefined;
}

export function createSeriesRecorder(options: SeriesRecorderOptions): SeriesRecorder {
  const { store, clock, reportingController, reportingInstance, manager } = options;
  const startMs = clock.now();
  const cache = new Map<string, Cached>();
  const timers = new Map<number, () => void>();
  let stopped = false;

  /** Patches the series in, or creates the event again if it has expired (recordEvent). */
  const write = (cached: Cached) => {
    const now = clock.now();
    const namespace = cached.regarding.namespace || 'default';
    const series = cached.series;
    const patched =
      series !== undefined &&
      store.patch(namespace, cached.name, (e) => applySeries(e, series, manager, now));
    if (!patched) store.put(seriesEvent({ ...cached, reportingController, reportingInstance, manager }, now));
  };

  const ticks: readonly [number, () => void][] = [
    [
      SERIES_REFRESH_MS,
      () => {
        for (const cached of cache.values()) if (cached.series !== undefined) write(cached);
      },
    ],
    [
      SERIES_FINISH_MS,
      () => {
        const cutoff = clock.now() - SERIES_FINISH_MS;
        for (const [key, cached] of cache) {
          if (cached.series === undefined) {
            if (cached.eventTimeMs < cutoff) cache.delete(key);
          } else if (cached.series.lastObservedMs < cutoff) {
            write(cached);
            cache.delete(key);
          }
        }
      },
    ],
  ];

  /** wait.Until: ticks at start + k·period; armed only while the cache holds something. */
  const arm = () => {
    for (const [period, tick] of ticks) {
      if (stopped || timers.has(period) || cache.size === 0) continue;
      const elapsed = clock.now() - startMs;
      const next = startMs + (Math.floor(elapsed / period) + 1) * period;
      timers.set(
        period,
        clock.setTimeout(() => {
          timers.delete(period);
          tick();
          arm();
        }, next - clock.now()),
      );
    }
  };

  return {
    record(regarding, type, reason, action, note, related) {
      const now = clock.now();
      const key = JSON.stringify([
        type,
        action,
        reason,
        reportingController,
        reportingInstance,
        regarding,
        related,
      ]);
      const cached = cache.get(key);
      if (cached === undefined) {
        const fresh: Cached = {
          name: options.name(regarding.name, now),
          regarding,
          type,
          reason,
          action,
          note,
          eventTimeMs: now,
          series: undefined,
        };
        cache.set(key, fresh);
        write(fresh);
      } else if (cached.series === undefined) {
        cached.series = { count: 2, lastObservedMs: now };
        write(cached);
      } else {
        cached.series.count++;
        cached.series.lastObservedMs = now;
      }
      arm();
    },
    stop() {
      stopped = true;
      for (const cancel of timers.values()) cancel();
      timers.clear();
    },
  };
}
