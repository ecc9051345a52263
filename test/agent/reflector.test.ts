import { describe, expect } from 'vitest';
import type { SyncEvent } from '../../functions/domain/wire-format.js';
import { type AgentHarness, agentTest, eventually, touchPod } from '../support/sim-agent.js';
import { runningPods } from '../support/sim-client.js';
import { checkDelivery, recordedPods, recordSimEvents } from '../support/sim-delivery.js';

/**
 * The real agent against the simulated API server over HTTP (test/support/sim-agent.ts). Tests named
 * [wall-clock] depend on real elapsed time: a timer that must fire (the watch inactivity timeout,
 * the /healthz silence bound) racing a fault of so many milliseconds, or a measured interval. They
 * are this file's likeliest flakes on a loaded machine; `npx vitest run test/agent -t wall-clock`
 * runs them alone.
 */

const seeded = (count: number) => (sim: AgentHarness['sim']) =>
  sim.store.seed(runningPods(count, { seed: count }));
const syncs = (h: AgentHarness) => h.sink.syncs().map((s) => s.event as SyncEvent);
const lastRv = (h: AgentHarness) => String(h.sim.store.resourceVersion());
const caughtUp = (h: AgentHarness) => () =>
  h.sink
    .podEvents()
    .some(
      (e) =>
        (e.event.pod as { metadata: { resourceVersion: string } }).metadata.resourceVersion === lastRv(h),
    );

describe('the reflector against the simulated API server', () => {
  agentTest(
    'lists in pages, then sends one SYNC with every uid and gapSince null, and only then is ready',
    async ({ startHarness }) => {
      const h = await startHarness({ before: seeded(600), env: { PODTRAIL_LIST_PAGE_SIZE: '250' } });
      expect(await h.agent.ready).toBe(true);
      await h.sink.waitFor(() => syncs(h).length === 1, 10_000, 'the first SYNC');
      expect(h.sim.stats.requests).toMatchObject({ list: 1, continue: 2 });
      expect(syncs(h)[0]).toMatchObject({ resourceVersion: lastRv(h), gapSince: null });
      expect(new Set(syncs(h)[0]?.uids)).toEqual(new Set(h.sim.store.uids()));
      expect(h.sink.podEvents().filter((e) => e.event.type === 'ADDED')).toHaveLength(600);
      expect((await fetch(`${h.agent.healthUrl}/readyz`)).status).toBe(200);
    },
  );

  agentTest(
    'resumes a stream cut at random points from the last resourceVersion: no re-list, nothing lost',
    async ({ startHarness }) => {
      const h = await startHarness({ before: seeded(20) });
      const recorded = recordSimEvents(h.sim);
      await h.agent.ready;
      let n = 0;
      h.sim.faults.dropWatchesAfterEvents(() => 1 + (n++ % 9));
      const uids = h.sim.store.uids();
      for (let i = 0; i < 60; i++) {
        touchPod(h.sim, uids[i % uids.length]!, `update ${i}`);
        if (i % 10 === 0) await new Promise((r) => setTimeout(r, 15));
      }
      await eventually(caughtUp(h), 15_000, 'every update');
      expect(h.agent.metrics.relists).toBe(0);
      expect(h.sim.stats.requests.list).toBe(1);
      expect(h.agent.metrics.watchEnds.network).toBeGreaterThan(5);
      const report = checkDelivery(h.sim, h.sink, recorded.events);
      expect({
        missing: report.missing,
        unreported: report.unreported,
        wrong: report.wrongFinalState,
      }).toEqual({ missing: [], unreported: [], wrong: [] });
      expect(report.delivered).toBe(60);
    },
  );

  agentTest(
    're-lists on 410 after a compaction, and reports pods deleted while disconnected through SYNC with gapSince',
    async ({ startHarness }) => {
      const h = await startHarness({ before: seeded(10) });
      const recorded = recordSimEvents(h.sim);
      await h.agent.ready;
      const [gone1, gone2, changed] = h.sim.store.uids();
      const disconnectedAt = Date.now();
      h.sim.faults.outage(400);
      h.sim.store.delete(gone1!);
      h.sim.store.delete(gone2!);
      touchPod(h.sim, changed!, 'changed while nobody watched');
      h.sim.faults.compact();
      await h.sink.waitFor(() => syncs(h).length === 2, 10_000, 'the SYNC after the re-list');
      const sync = syncs(h)[1]!;
      expect(h.agent.metrics.relists).toBe(1);
      expect(sync.uids).not.toContain(gone1);
      expect(sync.uids).not.toContain(gone2);
      expect(Date.parse(sync.gapSince ?? '')).toBeLessThanOrEqual(disconnectedAt);
      const pods = recordedPods(h.sink);
      expect(pods.get(gone1!)?.vanished).toBe(true);
      expect(h.sink.podEvents().filter((e) => e.event.type === 'DELETED')).toEqual([]);
      const report = checkDelivery(h.sim, h.sink, recorded.events);
      expect(report).toMatchObject({ missing: [], unreported: [], wrongFinalState: [], notClosed: [] });
      expect(report.coveredByGap).toBe(2);
    },
  );

  agentTest(
    'gets deletions that happened while disconnected as real DELETED events when the history still has them',
    async ({ startHarness }) => {
      const h = await startHarness({ before: seeded(5) });
      await h.agent.ready;
      const [gone] = h.sim.store.uids();
      h.sim.faults.outage(300);
      h.sim.store.delete(gone!);
      await h.sink.waitFor(
        () => h.sink.podEvents().some((e) => e.event.type === 'DELETED'),
        10_000,
        'the DELETED event',
      );
      expect(h.agent.metrics.relists).toBe(0);
      expect(syncs(h)).toHaveLength(1);
    },
  );

  agentTest(
    'restarts the list from the beginning when a continue token expires',
    async ({ startHarness }) => {
      const h = await startHarness({ before: seeded(600), env: { PODTRAIL_LIST_PAGE_SIZE: '250' } });
      h.sim.faults.failRequests({ verb: 'continue', status: 410, times: 1 });
      expect(await h.agent.ready).toBe(true);
      expect(
        h.sim.stats.log
          .map((l) => `${l.verb}${l.injected === undefined ? '' : `:${l.injected}`}`)
          .slice(0, 5),
      ).toEqual(['list', 'continue:410', 'list', 'continue', 'continue']);
      await h.sink.waitFor(() => syncs(h).length === 1, 10_000, 'the SYNC');
      expect(syncs(h)[0]?.uids).toHaveLength(600);
    },
  );

  agentTest('[wall-clock] honours Retry-After on a 429 list', async ({ startHarness }) => {
    const h = await startHarness({
      before: (sim) => {
        seeded(3)(sim);
        sim.faults.failRequests({ verb: 'list', status: 429, retryAfterSeconds: 1 });
      },
    });
    await h.agent.ready;
    const [first, second] = h.sim.stats.log.filter((l) => l.verb === 'list');
    expect(first?.injected).toBe(429);
    expect((second?.atMs ?? 0) - (first?.atMs ?? 0)).toBeGreaterThanOrEqual(1_000);
  });

  agentTest(
    '[wall-clock] abandons a stalled stream after the inactivity timeout and resumes where it was',
    async ({ startHarness }) => {
      const h = await startHarness({ before: seeded(3) });
      await h.agent.ready;
      await eventually(() => h.sim.openWatches() === 1, 5_000, 'a watch');
      h.sim.faults.stallWatches(100);
      touchPod(h.sim, h.sim.store.uids()[0]!, 'sent into the void');
      await eventually(caughtUp(h), 10_000, 'the update after the stall');
      expect(h.agent.metrics.watchEnds.inactivity).toBe(1);
      expect(h.agent.metrics.relists).toBe(0);
    },
  );

  agentTest(
    'backs off and re-watches after 500s, malformed lines and 403s, logging RBAC problems loudly',
    async ({ startHarness }) => {
      const h = await startHarness({ before: seeded(3) });
      await h.agent.ready;
      h.sim.faults.failRequests({ verb: 'watch', status: 500, times: 2 });
      h.sim.faults.failRequests({ verb: 'watch', status: 403, times: 1 });
      h.sim.faults.dropWatches();
      await eventually(
        () => h.sim.stats.log.filter((l) => l.injected !== undefined).length === 3,
        10_000,
        'the failures',
      );
      h.sim.faults.garbleNextLines(1);
      touchPod(h.sim, h.sim.store.uids()[0]!, 'after the failures');
      await eventually(caughtUp(h), 10_000, 'the update');
      expect(h.agent.metrics.watchEnds.malformed).toBe(1);
      expect(h.agent.metrics.relists).toBe(0);
      const rbac = h.log.lines.find((l) => l.level === 'error' && l.fields.code === 403);
      expect(rbac?.fields.hint).toMatch(/ClusterRole/);
    },
  );

  agentTest(
    '[wall-clock] fails /healthz while the API stays unreachable longer than the bound, and recovers after',
    async ({ startHarness }) => {
      const h = await startHarness({ before: seeded(2), env: { PODTRAIL_HEALTH_MAX_SILENCE: '400ms' } });
      await h.agent.ready;
      expect((await fetch(`${h.agent.healthUrl}/healthz`)).status).toBe(200);
      h.sim.faults.outage(1_500);
      await eventually(
        async () => (await fetch(`${h.agent.healthUrl}/healthz`)).status === 503,
        5_000,
        '/healthz to fail',
      );
      await eventually(
        async () => (await fetch(`${h.agent.healthUrl}/healthz`)).status === 200,
        10_000,
        '/healthz to recover',
      );
    },
  );
});
