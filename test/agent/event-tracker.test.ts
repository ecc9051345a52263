import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../../agent/ops/log.js';
import { createMetrics } from '../../agent/ops/metrics.js';
import type { CompletedList } from '../../agent/reflector/contracts.js';
import { createEventTracker, EVENT_STATE_MARGIN_MS } from '../../agent/reflector/event-tracker.js';

const HOUR = 3_600_000;

const event = (uid: string, rv: string, count = 1) => ({
  metadata: { name: `web-0.${uid}`, namespace: 'prod', uid, resourceVersion: rv },
  involvedObject: { kind: 'Pod', namespace: 'prod', name: 'web-0', uid: 'pod-uid' },
  reason: 'BackOff',
  message: 'Back-off restarting failed container',
  count,
});

function tracker() {
  let now = 1_000_000;
  const forwarded: string[] = [];
  const metrics = createMetrics();
  const log = memoryLogger();
  const t = createEventTracker({
    sink: { event: (e) => forwarded.push(`${e.uid}@${e.resourceVersion}`) },
    metrics: metrics.wire.event,
    gauges: metrics,
    log,
    now: () => now,
    eventTtlMs: HOUR,
  });
  const list = (items: unknown[], more: Partial<CompletedList> = {}) => {
    t.listStarted();
    for (const item of items) t.listed(item, now);
    return t.listDone({
      resourceVersion: '1000',
      first: false,
      gapSinceMs: null,
      outOfTouchSinceMs: null,
      observedAtMs: now,
      ...more,
    });
  };
  return {
    t,
    forwarded,
    metrics,
    log,
    list,
    advance: (ms: number) => {
      now += ms;
    },
    now: () => now,
  };
}

describe('the event tracker', () => {
  it('forwards every ADDED and MODIFIED version, and forgets an event on DELETED without forwarding it', () => {
    const { t, forwarded, metrics, now } = tracker();
    t.watched('ADDED', event('a', '1'), now());
    t.watched('MODIFIED', event('a', '2', 2), now());
    t.watched('MODIFIED', event('a', '3', 3), now());
    expect(t.watched('DELETED', event('a', '4', 3), now())).toEqual({
      resourceVersion: '4',
      changedAtMs: undefined,
    });
    expect(forwarded).toEqual(['a@1', 'a@2', 'a@3']);
    expect(t.size()).toBe(0);
    expect(metrics.wire.event.queued).toBe(3);
  });

  it('after a re-list forwards only versions it has not handed on, and forgets events the list no longer has', () => {
    const { t, forwarded, list, metrics, now } = tracker();
    t.watched('ADDED', event('kept', '1'), now());
    t.watched('ADDED', event('bumped', '2'), now());
    t.watched('ADDED', event('expired', '3'), now());
    forwarded.length = 0;
    const fields = list([event('kept', '1'), event('bumped', '7', 4), event('new', '8')]);
    expect(forwarded).toEqual(['bumped@7', 'new@8']);
    expect(fields).toMatchObject({ events: 3, forwarded: 2, alreadyForwarded: 1, forgotten: 1 });
    expect(metrics.wire.event.skipped).toBe(1);
    expect(t.size()).toBe(3);
  });

  it('hands nothing on twice when a list starts over (expired continue token)', () => {
    const { t, forwarded, now } = tracker();
    t.listStarted();
    t.listed(event('a', '1'), now());
    t.listStarted();
    t.listed(event('a', '1'), now());
    t.listed(event('b', '2'), now());
    t.listDone({
      resourceVersion: '2',
      first: true,
      gapSinceMs: null,
      outOfTouchSinceMs: null,
      observedAtMs: now(),
    });
    expect(forwarded).toEqual(['a@1', 'b@2']);
  });

  it('forgets an event not updated for longer than the TTL plus the margin, and keeps one updated since', () => {
    const { t, metrics, advance, now } = tracker();
    t.watched('ADDED', event('quiet', '1'), now());
    t.watched('ADDED', event('busy', '2'), now());
    advance(HOUR);
    t.watched('MODIFIED', event('busy', '3', 2), now());
    expect(metrics.eventStates).toBe(2);
    advance(EVENT_STATE_MARGIN_MS + 1);
    t.watched('ADDED', event('other', '4'), now());
    expect(metrics.eventStates).toBe(2);
    expect(metrics.eventStatesExpired).toBe(1);
    expect(t.size()).toBe(2);
  });

  it('forgets a version the queue dropped, so that a re-list forwards it again; a dropped older version changes nothing', () => {
    const { t, forwarded, list, now } = tracker();
    t.watched('ADDED', event('a', '1'), now());
    t.watched('ADDED', event('b', '2'), now());
    t.watched('MODIFIED', event('b', '3', 2), now());
    t.dropped('a', '1');
    t.dropped('b', '2');
    forwarded.length = 0;
    list([event('a', '1'), event('b', '3', 2)]);
    expect(forwarded).toEqual(['a@1']);
  });

  it('warns after a re-list when it was out of touch longer than the API server keeps events', () => {
    const { list, log, now } = tracker();
    list([], { outOfTouchSinceMs: now() - 30 * 60_000 });
    expect(log.lines.filter((l) => l.level === 'warn')).toEqual([]);
    list([], { outOfTouchSinceMs: now() - 2 * HOUR });
    expect(log.lines.find((l) => l.level === 'warn')?.msg).toMatch(/events may be lost/);
  });
});
