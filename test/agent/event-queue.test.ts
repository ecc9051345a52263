import { describe, expect, it } from 'vitest';
import { createEventQueue, type QueuedEvent } from '../../agent/forwarder/event-queue.js';

const pod = (uid: string, state: string) => `{"metadata":{"uid":"${uid}"},"state":"${state}"}`;
const summary = (events: QueuedEvent[]) =>
  events.map((e) =>
    e.kind === 'pod'
      ? `${e.type} ${e.uid} ${JSON.parse(e.podJson).state}`
      : `SYNC ${e.resourceVersion} ${e.gapSinceMs}`,
  );

function queue(maxEvents = 100, maxBytes = 1_000_000) {
  const counts = { coalesced: 0, dropped: 0 };
  const q = createEventQueue({
    maxEvents,
    maxBytes,
    onCoalesced: (n) => {
      counts.coalesced += n;
    },
    onDropped: (n) => {
      counts.dropped += n;
    },
  });
  return { q, counts };
}

describe('the outbound event queue', () => {
  it('is a FIFO while below its bound', () => {
    const { q, counts } = queue();
    q.pushPod('ADDED', 'a', pod('a', '1'), 1);
    q.pushPod('MODIFIED', 'a', pod('a', '2'), 2);
    q.pushPod('ADDED', 'b', pod('b', '1'), 3);
    expect(summary(q.take(1e9))).toEqual(['ADDED a 1', 'MODIFIED a 2', 'ADDED b 1']);
    expect(counts).toEqual({ coalesced: 0, dropped: 0 });
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
