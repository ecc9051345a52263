import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { churnScripts, scriptDurationMs, seededRandom } from '../../simulator/index.js';
import { type AgentHarness, eventually, startAgentHarness, touchPod } from '../support/sim-agent.js';
import { checkDelivery, type DeliveryReport, recordSimEvents } from '../support/sim-delivery.js';

/**
 * 1,000 scripted pod lives (every scenario of the simulator, 30× faster than real kubelet timings)
 * with faults thrown in while they play: streams cut at random points all along, the ingest down
 * for a while, an API outage with a compaction (410, re-list) and an expired continue token during
 * that re-list, a stalled stream, a malformed line, a queue small enough to overflow.
 * The clock runs at wall speed so that the pods' own timestamps are wall-clock times, as in a
 * real cluster (the agent dates gaps from them).
 */

let h: AgentHarness;
let report: DeliveryReport;
let total = 0;

beforeAll(async () => {
  const random = seededRandom(1_000);
  h = await startAgentHarness({
    sim: { historyLimit: 3_000 },
    env: { PODTRAIL_QUEUE_MAX_EVENTS: '400', PODTRAIL_LIST_PAGE_SIZE: '150' },
  });
  const recorded = recordSimEvents(h.sim);
  await h.agent.ready;
  const scripts = churnScripts({ pods: 1_000, seed: 5, spanMs: 4_000, timeScale: 0.03 });
  const playback = h.sim.play(scripts);
  h.sim.faults.dropWatchesAfterEvents(() => 20 + Math.floor(random() * 180));

  // Each fault is injected, then awaited until the agent has met it, so the run exercises every
  // branch however busy the machine is.
  const m = h.agent.metrics;
  const livePod = () => h.sim.store.uids()[0] ?? '';
  await new Promise((r) => setTimeout(r, 1_000));
  h.sink.fail({ status: 503, forMs: 30_000, retryAfterSeconds: 1 });
  await eventually(() => m.eventsCoalesced > 0, 30_000, 'the queue to overflow');
  h.sink.recover();
  // Enough pods for a paged re-list (page size 150), so its continue token can expire.
  await eventually(() => h.sim.store.size() > 600, 30_000, 'the cluster to fill up');
  h.sim.faults.outage(500);
  h.sim.faults.compact();
  h.sim.faults.failRequests({ verb: 'continue', status: 410, times: 1 });
  const expiredContinue = () => h.sim.stats.log.some((l) => l.verb === 'continue' && l.injected === 410);
  await eventually(
    () => expiredContinue() && m.relists >= 1 && h.sim.openWatches() === 1,
    30_000,
    'the re-list',
  );
  const cut = m.watchEnds.network;
  h.sim.faults.dropWatches({ halfLine: true });
  await eventually(
    () => m.watchEnds.network > cut && h.sim.openWatches() === 1,
    30_000,
    'a cut stream to be resumed',
  );
  const inactive = m.watchEnds.inactivity;
  h.sim.faults.stallWatches(100);
  touchPod(h.sim, livePod(), 'while stalled');
  await eventually(() => m.watchEnds.inactivity > inactive, 30_000, 'the stall to be noticed');
  const malformed = m.watchEnds.malformed;
  h.sim.faults.garbleNextLines(1);
  await eventually(() => h.sim.openWatches() === 1, 30_000, 'a watch to garble');
  touchPod(h.sim, livePod(), 'after a malformed line');
  await eventually(() => m.watchEnds.malformed > malformed, 30_000, 'the malformed line');
  await playback.done;
  h.sim.faults.dropWatchesAfterEvents(undefined);

  await eventually(
    () => {
      report = checkDelivery(h.sim, h.sink, recorded.events);
      return (
        report.wrongFinalState.length === 0 &&
        report.notClosed.length === 0 &&
        h.agent.metrics.queueDepth === 0
      );
    },
    20_000,
    'the agent to catch up',
  );
  recorded.stop();
  total = recorded.events.length;
  expect(scriptDurationMs(scripts)).toBeLessThan(10_000);
}, 150_000);

afterAll(async () => {
  await h.close();
});

describe('a 1,000-pod run under faults', () => {
  it('went through every fault it was meant to', () => {
    const m = h.agent.metrics;
    expect(m.relists).toBeGreaterThanOrEqual(1);
    expect(m.watchEnds.network).toBeGreaterThanOrEqual(1);
    expect(m.watchEnds.inactivity).toBeGreaterThanOrEqual(1);
    expect(m.watchEnds.malformed).toBeGreaterThanOrEqual(1);
    expect(m.eventsCoalesced).toBeGreaterThan(0);
    expect(h.sink.statuses).toContain(503);
    expect(h.sim.stats.log.some((l) => l.verb === 'continue' && l.injected === 410)).toBe(true);
  });

  it('ends with the recorded state of every pod equal to the simulator’s, and every deleted pod closed', () => {
    expect(report.wrongFinalState).toEqual([]);
    expect(report.notClosed).toEqual([]);
  });

  it('delivered every transition a watch could see, except those it reported lost in a gap', () => {
    expect(report.missing).toEqual([]);
    expect(report.delivered).toBeGreaterThan(0);
    expect(report.delivered + report.skipped + report.coveredByGap).toBe(total);
  });

  it('reported everything else as a gap', () => {
    expect(report.unreported).toEqual([]);
    expect(report.coveredByGap).toBeGreaterThan(0);
  });
});
