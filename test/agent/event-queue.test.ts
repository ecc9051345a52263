import { describe, expect, it } from 'vitest';
import { createEventQueue, type QueuedEvent } from '../../agent/forwarder/event-queue.js';

const pod = (uid: string, state: string) => `{"metadata":{"uid":"${uid}"},"state":"${state}"}`;
const summary = (events: QueuedEvent[]) =>
  events.map((e) =>
    e.kind === 'pod'
      ? `${e.type} ${e.uid} ${JSON.parse(e.podJson).state}`
      : e.kind === 'event'
        ? `EVENT ${e.uid} ${e.resourceVersion}`
        : `SYNC ${e.resourceVersion} ${e.gapSinceMs}`,
  );

const event = (uid: string, rv: string) =>
  `{"metadata":{"uid":"${uid}","resourceVersion":"${rv}"},"message":"${'m'.repeat(40)}"}`;

function queue(maxEvents = 100, maxBytes = 1_000_000) {
  const counts = { coalesced: 0, dropped: 0, eventsCoalesced: 0, eventsDropped: 0 };
  const droppedVersions: string[] = [];
  const q = createEventQueue({
    maxEvents,
    maxBytes,
    onCoalesced: (n, kind) => {
      counts.coalesced += n;
      if (kind === 'event') counts.eventsCoalesced += n;
    },
    onDropped: (n, kind) => {
      counts.dropped += n;
      if (kind === 'event') counts.eventsDropped += n;
    },
    onEventDropped: (uid, rv) => droppedVersions.push(`${uid}@${rv}`),
  });
  return { q, counts, droppedVersions };
}

describe('the outbound event queue', () => {
  it('is a FIFO while below its bound', () => {
    const { q, counts } = queue();
    q.pushPod('ADDED', 'a', pod('a', '1'), 1);
    q.pushPod('MODIFIED', 'a', pod('a', '2'), 2);
    q.pushPod('ADDED', 'b', pod('b', '1'), 3);
    expect(summary(q.take(1e9))).toEqual(['ADDED a 1', 'MODIFIED a 2', 'ADDED b 1']);
    expect(counts).toMatchObject({ coalesced: 0, dropped: 0 });
    expect(q.takeGap()).toBeUndefined();
  });

  it('when full, replaces a pod queued state in place, keeping per-pod order and reporting a gap since the lost state', () => {
    const { q, counts } = queue(2);
    q.pushPod('ADDED', 'a', pod('a', '1'), 10);
    q.pushPod('ADDED', 'b', pod('b', '1'), 11);
    q.pushPod('MODIFIED', 'a', pod('a', '2'), 12);
    q.pushPod('MODIFIED', 'a', pod('a', '3'), 13);
    expect(summary(q.take(1e9))).toEqual(['ADDED a 3', 'ADDED b 1']);
    expect(counts.coalesced).toBe(2);
    expect(q.takeGap()).toEqual({ sinceMs: 10, coalesced: 2, dropped: 0 });
  });

  it('DELETED wins over the states it replaces', () => {
    const { q } = queue(1);
    q.pushPod('MODIFIED', 'a', pod('a', '1'), 1);
    q.pushPod('DELETED', 'a', pod('a', '2'), 2);
    expect(summary(q.take(1e9))).toEqual(['DELETED a 2']);
  });

  it('never grows beyond its byte bound: coalesces everything, then drops the oldest states', () => {
    const { q, counts } = queue(1_000_000, 2_000);
    for (let i = 0; i < 40; i++) q.pushPod('MODIFIED', `p${i % 4}`, pod(`p${i % 4}`, String(i)), i);
    expect(q.bytes()).toBeLessThanOrEqual(2_000);
    expect(counts.coalesced).toBeGreaterThan(0);
    for (let i = 0; i < 60; i++) q.pushPod('ADDED', `n${i}`, pod(`n${i}`, 'x'), 100 + i);
    expect(q.bytes()).toBeLessThanOrEqual(2_000);
    expect(counts.dropped).toBeGreaterThan(0);
    expect(q.takeGap()?.sinceMs).toBe(0);
  });

  it('a newer SYNC replaces an unsent older one and absorbs the pending gap', () => {
    const { q } = queue(1);
    q.pushSync({ observedAtMs: 1, resourceVersion: '10', uids: ['a'], gapSinceMs: null });
    q.pushPod('ADDED', 'a', pod('a', '1'), 2);
    q.pushPod('MODIFIED', 'a', pod('a', '2'), 3);
    q.pushSync({ observedAtMs: 4, resourceVersion: '20', uids: ['a'], gapSinceMs: null });
    expect(summary(q.take(1e9))).toEqual(['ADDED a 2', 'SYNC 20 2']);
    expect(q.gapPending()).toBe(false);
  });

  it('takes batches up to a byte budget, at least one event', () => {
    const { q } = queue();
    for (let i = 0; i < 10; i++) q.pushPod('ADDED', `p${i}`, pod(`p${i}`, 'x'), i);
    const first = q.take(300);
    expect(first.length).toBeGreaterThan(0);
    expect(first.reduce((n, e) => n + e.bytes, 0)).toBeLessThanOrEqual(300);
    expect(q.take(1)).toHaveLength(1);
    expect(q.depth()).toBe(10 - first.length - 1);
  });
});

describe('pods and events in the one queue', () => {
  it('gives each lane up to half of a batch, so a burst of events does not hold pod states back', () => {
    const { q } = queue();
    for (let i = 0; i < 100; i++) q.pushEvent(`e${i}`, '1', event(`e${i}`, '1'), i);
    for (let i = 0; i < 3; i++) q.pushPod('MODIFIED', `p${i}`, pod(`p${i}`, 'x'), 200 + i);
    const batch = summary(q.take(1_500));
    expect(batch.filter((e) => e.startsWith('MODIFIED'))).toEqual([
      'MODIFIED p0 x',
      'MODIFIED p1 x',
      'MODIFIED p2 x',
    ]);
    expect(batch.filter((e) => e.startsWith('EVENT')).slice(0, 2)).toEqual(['EVENT e0 1', 'EVENT e1 1']);
  });

  it('and the reverse: a burst of pod states leaves room for events', () => {
    const { q } = queue();
    for (let i = 0; i < 100; i++) q.pushPod('ADDED', `p${i}`, pod(`p${i}`, 'x'), i);
    q.pushEvent('e0', '1', event('e0', '1'), 200);
    expect(summary(q.take(1_000))).toContain('EVENT e0 1');
  });

  it('gives the share one lane leaves unused to the other', () => {
    const { q } = queue();
    for (let i = 0; i < 100; i++) q.pushEvent(`e${i}`, '1', event(`e${i}`, '1'), i);
    const batch = q.take(1_500);
    expect(batch.reduce((n, e) => n + e.bytes, 0)).toBeGreaterThan(1_300);
    expect(batch.every((e) => e.kind === 'event')).toBe(true);
  });

  it("when full, replaces an event's queued version by its newest one in place, with no pod gap", () => {
    const { q, counts } = queue(4);
    q.pushEvent('e1', '1', event('e1', '1'), 1);
    q.pushEvent('e2', '2', event('e2', '2'), 2);
    q.pushEvent('e1', '3', event('e1', '3'), 3);
    q.pushEvent('e3', '4', event('e3', '4'), 4);
    q.pushEvent('e1', '5', event('e1', '5'), 5);
    q.pushEvent('e1', '6', event('e1', '6'), 6);
    expect(summary(q.take(1e9))).toEqual(['EVENT e1 1', 'EVENT e2 2', 'EVENT e1 6', 'EVENT e3 4']);
    expect(counts.eventsCoalesced).toBe(2);
    expect(q.takeGap()).toBeUndefined();
  });

  it('does not coalesce a lane holding less than half the bound because the other lane filled the queue', () => {
    const { q, counts } = queue(4);
    for (let i = 0; i < 6; i++) q.pushEvent(`e${i}`, '1', event(`e${i}`, '1'), i);
    q.pushPod('ADDED', 'a', pod('a', '1'), 10);
    q.pushPod('MODIFIED', 'a', pod('a', '2'), 11);
    expect(summary(q.take(1e9)).filter((e) => !e.startsWith('EVENT'))).toEqual(['ADDED a 1', 'MODIFIED a 2']);
    expect(counts.coalesced).toBe(0);
    expect(q.takeGap()).toBeUndefined();
  });

  it('at its byte bound drops the oldest entries of the lane holding more bytes, and names each dropped event version', () => {
    const { q, counts, droppedVersions } = queue(1_000_000, 3_000);
    for (let i = 0; i < 3; i++) q.pushPod('ADDED', `p${i}`, pod(`p${i}`, 'x'), i);
    for (let i = 0; i < 40; i++) q.pushEvent(`e${i}`, String(i), event(`e${i}`, String(i)), 10 + i);
    expect(q.bytes()).toBeLessThanOrEqual(3_000);
    expect(droppedVersions.slice(0, 2)).toEqual(['e0@0', 'e1@1']);
    expect(counts.eventsDropped).toBe(droppedVersions.length);
    const left = summary(q.take(1e9));
    expect(left.slice(0, 3)).toEqual(['ADDED p0 x', 'ADDED p1 x', 'ADDED p2 x']);
    expect(left.at(-1)).toBe('EVENT e39 39');
    expect(q.takeGap()).toBeUndefined();
  });
});
