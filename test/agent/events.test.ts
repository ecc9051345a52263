import { describe, expect } from 'vitest';
import {
  controllersSay,
  kubeletSays,
  type SimEvent,
  type SimPod,
  schedulerSays,
} from '../../simulator/index.js';
import { type AgentHarness, agentTest, eventually, touchPod } from '../support/sim-agent.js';
import { runningPods } from '../support/sim-client.js';
import { checkDelivery, recordSimEvents } from '../support/sim-delivery.js';
import {
  checkEventDelivery,
  forwardedVersions,
  liveVersions,
  nodeEvent,
  type PublishedVersion,
  podEvent,
  recordEventVersions,
  repeatEvent,
} from '../support/sim-events.js';

/**
 * The agent's events loop against the simulated API server over HTTP (core/v1 events with
 * fieldSelector=involvedObject.kind=Pod), with the faults of the pods' tests aimed at events.
 * Tests named [wall-clock] depend on real elapsed time (an outage of so many milliseconds against
 * an event TTL, a timer that must fire); `npx vitest run test/agent -t wall-clock` runs them alone.
 */

/** Events put before the agent starts, and the record of every version the simulator publishes. */
function withEvents(count: number, extra: (sim: AgentHarness['sim']) => void = () => {}) {
  const seeded: SimEvent[] = [];
  let published: PublishedVersion[] = [];
  return {
    seeded,
    published: () => published,
    before: (sim: AgentHarness['sim']) => {
      published = recordEventVersions(sim).versions;
      sim.store.seed(runningPods(3, { seed: 3 }));
      for (let i = 0; i < count; i++) seeded.push(sim.events.put(podEvent(`web-${i}`)));
      extra(sim);
    },
  };
}

/** Every live event's current version has reached the sink. */
const caughtUp = (h: AgentHarness) => () => {
  const forwarded = new Set(forwardedVersions(h.sink));
  return liveVersions(h.sim).every((key) => forwarded.has(key));
};
const delivery = (h: AgentHarness, published: readonly PublishedVersion[]) =>
  checkEventDelivery(h.sim, h.sink, published);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the events loop against the simulated API server', () => {
  agentTest(
    'lists events about pods, then forwards every ADDED and MODIFIED version once, never a DELETED nor an event about a node',
    async ({ startHarness }) => {
      let node: SimEvent | undefined;
      const events = withEvents(3, (sim) => {
        node = sim.events.put(nodeEvent('node-a'));
      });
      const h = await startHarness({ before: events.before });
      expect(await h.agent.ready).toBe(true);
      await eventually(caughtUp(h), 10_000, 'the listed events');
      const [backOff, pulled, expiring] = events.seeded;
      for (let i = 0; i < 5; i++) repeatEvent(h.sim, backOff!);
      repeatEvent(h.sim, pulled!);
      h.sim.events.put(podEvent('web-9', { reason: 'Scheduled', type: 'Normal' }));
      h.sim.events.delete('prod', expiring!.metadata.name);
      repeatEvent(h.sim, node!);
      await eventually(caughtUp(h), 10_000, 'every version');
      await eventually(
        () => h.agent.metrics.reflectors.events.watchEvents.DELETED === 1,
        5_000,
        'the DELETED',
      );

      expect(delivery(h, events.published())).toEqual({
        missing: [],
        duplicates: [],
        unexpected: [],
        forwarded: 3 + 5 + 1 + 1,
      });
      const backOffCounts = h.sink
        .kubeEvents()
        .map((e) => e.event.event as { metadata: { uid: string }; count: number })
        .filter((e) => e.metadata.uid === backOff!.metadata.uid)
        .map((e) => e.count);
      expect(backOffCounts).toEqual([1, 2, 3, 4, 5, 6]);
      const sent = h.sink.kubeEvents()[0]!.event;
      expect(sent.type).toBe('EVENT');
      expect(Object.keys(sent.event.metadata as object).sort()).toEqual([
        'name',
        'namespace',
        'resourceVersion',
        'uid',
      ]);
      await eventually(() => h.agent.metrics.wire.event.forwarded === 10, 5_000, 'the acknowledgements');
      expect(h.agent.metrics.wire.event).toMatchObject({
        queued: 10,
        forwarded: 10,
        coalesced: 0,
        dropped: 0,
      });
      expect(h.agent.metrics.eventStates).toBe(3);

      const metrics = await (await fetch(`${h.agent.healthUrl}/metrics`)).text();
      expect(metrics).toMatch(/^podtrail_agent_watch_events_total\{resource="events",type="MODIFIED"\} 6$/m);
      expect(metrics).toMatch(/^podtrail_agent_listed_objects_total\{resource="events"\} 3$/m);
      expect(metrics).toMatch(/^podtrail_agent_events_forwarded_total\{kind="event"\} 10$/m);
      expect(metrics).toMatch(/^podtrail_agent_last_sync_timestamp_seconds\{resource="events"\} [1-9]/m);
      expect(metrics).toMatch(/^podtrail_agent_event_states 3$/m);
      expect((await fetch(`${h.agent.healthUrl}/readyz`)).status).toBe(200);
    },
  );

  agentTest(
    'resumes event streams cut at random points from the last resourceVersion: nothing lost, nothing twice, no re-list',
    async ({ startHarness }) => {
      const events = withEvents(5);
      const h = await startHarness({ before: events.before });
      await h.agent.ready;
      let n = 0;
      h.sim.faults.dropWatchesAfterEvents(() => 1 + (n++ % 4), 'events');
      for (let i = 0; i < 40; i++) {
        repeatEvent(h.sim, events.seeded[i % 5]!);
        if (i % 8 === 0) await pause(15);
      }
      await eventually(caughtUp(h), 15_000, 'every version');
      expect(h.agent.metrics.reflectors.events.watchEnds.network).toBeGreaterThan(3);
      expect(h.agent.metrics.reflectors.events.relists).toBe(0);
      expect(h.sim.stats.events.requests.list).toBe(1);
      expect(delivery(h, events.published())).toEqual({
        missing: [],
        duplicates: [],
        unexpected: [],
        forwarded: 45,
      });
    },
  );

  agentTest(
    "forwards once every version the cluster's recorders write (kubelet dedupe and spam filter, scheduler series, a uid-less eviction), streams cut meanwhile, never a node's",
    async ({ startHarness }) => {
      const events = withEvents(0);
      const h = await startHarness({ before: events.before });
      await h.agent.ready;
      let n = 0;
      h.sim.faults.dropWatchesAfterEvents(() => 2 + (n++ % 5), 'events');
      const [crashing, pending] = h.sim.store.uids().map((uid) => h.sim.store.get(uid) as SimPod);
      const say = (pod: SimPod, maker: (pod: SimPod) => Parameters<typeof h.sim.recordEvent>[1]) =>
        h.sim.recordEvent(pod, maker(pod));
      say(pending!, schedulerSays.failedScheduling('0/3 nodes are available: 3 Insufficient cpu.'));
      say(pending!, schedulerSays.failedScheduling('0/3 nodes are available: 3 Insufficient cpu.'));
      say(crashing!, schedulerSays.scheduled());
      for (let i = 0; i < 30; i++) {
        say(crashing!, kubeletSays.crashBackOff('app'));
        if (i % 3 === 0)
          say(crashing!, kubeletSays.unhealthy('app', 'Liveness', 'HTTP probe failed with statuscode: 500'));
        if (i % 10 === 0) await pause(10);
      }
      say(crashing!, controllersSay.taintManagerEviction());
      say(crashing!, controllersSay.oomKilling('Out of memory: Killed process 3103923 (app)'));
      await eventually(caughtUp(h), 15_000, 'every version');

      const published = events.published().filter((v) => v.aboutPod && v.type !== 'DELETED');
      expect(published.length).toBeGreaterThan(20);
      expect(events.published().some((v) => !v.aboutPod)).toBe(true);
      expect(delivery(h, events.published())).toEqual({
        missing: [],
        duplicates: [],
        unexpected: [],
        forwarded: published.length,
      });
      const sent = h.sink.kubeEvents().map((e) => e.event.event as Record<string, unknown>);
      expect(sent.find((e) => e.reason === 'FailedScheduling' && e.series !== undefined)).toMatchObject({
        eventTime: expect.stringMatching(/\.\d{6}Z$/),
        series: { count: 2 },
        reportingComponent: 'default-scheduler',
      });
      expect(sent.find((e) => e.reason === 'TaintManagerEviction')?.involvedObject).not.toHaveProperty('uid');
      // Each repeat the recorder wrote is a version: counts 1, 2, 3… up to the stored one.
      const backOffCounts = sent.filter((e) => e.reason === 'BackOff').map((e) => e.count as number);
      expect(backOffCounts).toEqual(backOffCounts.map((_, i) => i + 1));
      const stored = h.sim.events.objects
        .uids()
        .map((uid) => h.sim.events.objects.get(uid))
        .find((e) => e?.reason === 'BackOff');
      expect(backOffCounts.at(-1)).toBe(stored?.count);
      expect(h.agent.metrics.reflectors.events.relists).toBe(0);
    },
  );

  agentTest(
    're-lists events alone after a 410 on their watch, forwards nothing twice, and carries on watching',
    async ({ startHarness }) => {
      const events = withEvents(4);
      const h = await startHarness({ before: events.before });
      await h.agent.ready;
      repeatEvent(h.sim, events.seeded[0]!);
      await eventually(caughtUp(h), 10_000, 'the first repeat');
      h.sim.faults.failRequests({ resource: 'events', verb: 'watch', status: 410, inStream: true });
      h.sim.faults.dropWatches({ resource: 'events' });
      const relisted = () => h.log.lines.some((l) => l.msg === 'relisted' && l.fields.resource === 'events');
      await eventually(relisted, 10_000, 'the re-list');
      repeatEvent(h.sim, events.seeded[1]!);
      h.sim.events.put(podEvent('web-after'));
      await eventually(caughtUp(h), 10_000, 'the versions after the re-list');
      expect(h.agent.metrics.reflectors.pods.relists).toBe(0);
      expect(h.agent.metrics.wire.event.skipped).toBe(4);
      expect(
        h.log.lines.find((l) => l.msg === 'relisted' && l.fields.resource === 'events')?.fields,
      ).toMatchObject({
        events: 4,
        forwarded: 0,
        alreadyForwarded: 4,
      });
      expect(delivery(h, events.published())).toEqual({
        missing: [],
        duplicates: [],
        unexpected: [],
        forwarded: 7,
      });
    },
  );

  agentTest(
    '[wall-clock] after an outage shorter than the event TTL, forwards every event version still listed and none twice',
    async ({ startHarness }) => {
      const events = withEvents(6);
      const h = await startHarness({ before: events.before });
      await h.agent.ready;
      await eventually(caughtUp(h), 10_000, 'the listed events');
      const [unchanged, bumped, bumpedTwice, deleted] = events.seeded;
      void unchanged;
      h.sim.faults.outage(400);
      repeatEvent(h.sim, bumped!);
      repeatEvent(h.sim, bumpedTwice!);
      repeatEvent(h.sim, bumpedTwice!);
      h.sim.events.delete('prod', deleted!.metadata.name);
      const created = h.sim.events.put(podEvent('web-new'));
      repeatEvent(h.sim, created);
      h.sim.faults.compact('events');
      await eventually(caughtUp(h), 10_000, 'every version still listed');
      expect(h.agent.metrics.reflectors.events.relists).toBe(1);
      const forwarded = forwardedVersions(h.sink);
      expect(new Set(forwarded).size).toBe(forwarded.length);
      // Listed again: 4 unchanged, 2 bumped, 1 new (in its second version); only the last 3 are news.
      expect(forwarded).toHaveLength(6 + 3);
      expect(h.agent.metrics.wire.event.skipped).toBe(3);
      expect(delivery(h, events.published())).toMatchObject({ missing: [], duplicates: [], unexpected: [] });
      expect(h.log.lines.filter((l) => /events may be lost/.test(l.msg))).toEqual([]);
      expect(h.agent.metrics.eventStates).toBe(6);
    },
  );

  agentTest(
    '[wall-clock] after an outage longer than the event TTL, warns that events may be lost, and carries on',
    async ({ startHarness }) => {
      const h = await startHarness({
        before: (sim) => sim.store.seed(runningPods(2, { seed: 2 })),
        sim: { eventTtlMs: 1_000 },
        env: { PODTRAIL_EVENT_TTL: '1s' },
      });
      await h.agent.ready;
      h.sim.faults.outage(2_000);
      const lost = h.sim.events.put(podEvent('web-lost'));
      h.sim.faults.compact('events');
      await eventually(
        () => h.log.lines.some((l) => /events may be lost/.test(l.msg)),
        10_000,
        'the warning',
      );
      const warning = h.log.lines.find((l) => /events may be lost/.test(l.msg));
      expect(warning).toMatchObject({ level: 'warn', fields: { resource: 'events', eventTtlSeconds: 1 } });
      expect(h.sim.events.get('prod', lost.metadata.name)).toBeUndefined();
      const after = h.sim.events.put(podEvent('web-after'));
      await eventually(caughtUp(h), 5_000, 'the event after the outage');
      expect(forwardedVersions(h.sink)).toEqual([`${after.metadata.uid}@${after.metadata.resourceVersion}`]);
    },
  );

  agentTest(
    '[wall-clock] when the queue overflows, the newest version of every event survives, the loss is reported, and pod states still flow',
    async ({ startHarness }) => {
      const events = withEvents(10);
      const h = await startHarness({ before: events.before, env: { PODTRAIL_QUEUE_MAX_EVENTS: '10' } });
      const pods = recordSimEvents(h.sim);
      await h.agent.ready;
      await eventually(caughtUp(h), 10_000, 'the listed events');
      h.sink.fail({ status: 503, forMs: 800 });
      const uids = h.sim.store.uids();
      for (let i = 0; i < 60; i++) {
        repeatEvent(h.sim, events.seeded[i % 10]!);
        if (i % 3 === 0) touchPod(h.sim, uids[i % uids.length]!, `update ${i}`);
      }
      await eventually(caughtUp(h), 15_000, 'the newest version of every event');
      await eventually(
        () => checkDelivery(h.sim, h.sink, pods.events).wrongFinalState.length === 0,
        10_000,
        'pod states',
      );
      expect(h.agent.metrics.wire.event.coalesced).toBeGreaterThan(10);
      const report = delivery(h, events.published());
      expect(report.duplicates).toEqual([]);
      expect(report.unexpected).toEqual([]);
      expect(report.forwarded + h.agent.metrics.wire.event.coalesced).toBe(10 + 60);
      const newest = h.sink
        .kubeEvents()
        .map((e) => e.event.event as { count: number })
        .reduce((max, e) => Math.max(max, e.count), 0);
      expect(newest).toBe(7);
      expect(h.log.lines.find((l) => l.msg.startsWith('queue full: event versions'))?.level).toBe('warn');
      const metrics = await (await fetch(`${h.agent.healthUrl}/metrics`)).text();
      expect(metrics).toMatch(/^podtrail_agent_events_coalesced_total\{kind="event"\} [1-9]\d*$/m);
    },
  );

  agentTest(
    '[wall-clock] drops event versions at the byte bound, reports them, and forwards them when a re-list still has them',
    async ({ startHarness }) => {
      const events = withEvents(0);
      const h = await startHarness({
        before: events.before,
        env: { PODTRAIL_QUEUE_MAX_BYTES: '1Mi', PODTRAIL_BATCH_MAX_BYTES: '16Ki' },
      });
      await h.agent.ready;
      h.sink.fail({ status: 503, forMs: 60_000 });
      const long = 'x'.repeat(1_000);
      for (let i = 0; i < 1_200; i++) h.sim.events.put(podEvent(`big-${i}`, { message: `${long} ${i}` }));
      await eventually(() => h.agent.metrics.wire.event.dropped > 0, 10_000, 'drops');
      expect(h.agent.metrics.queueBytes).toBeLessThanOrEqual(1024 * 1024);
      h.sink.recover();
      await eventually(() => h.agent.metrics.queueDepth === 0, 15_000, 'the queue to drain');
      expect(
        h.log.lines.some(
          (l) => l.msg.startsWith('queue full: event versions') && Number(l.fields.dropped) > 0,
        ),
      ).toBe(true);
      expect(caughtUp(h)()).toBe(false);
      h.sim.faults.failRequests({ resource: 'events', verb: 'watch', status: 410, inStream: true });
      h.sim.faults.dropWatches({ resource: 'events' });
      await eventually(caughtUp(h), 15_000, 'the dropped versions, from the re-list');
      expect(delivery(h, events.published())).toEqual({
        missing: [],
        duplicates: [],
        unexpected: [],
        forwarded: 1_200,
      });
    },
  );

  agentTest(
    '[wall-clock] fails /healthz and stays unready while the events loop alone cannot read events, and recovers after',
    async ({ startHarness }) => {
      const h = await startHarness({
        before: (sim) => {
          sim.store.seed(runningPods(2, { seed: 2 }));
          sim.faults.failRequests({ resource: 'events', verb: 'list', status: 403, times: 1_000_000 });
        },
        env: { PODTRAIL_HEALTH_MAX_SILENCE: '400ms' },
      });
      await h.sink.waitFor(() => h.sink.syncs().length === 1, 10_000, 'the pods SYNC');
      const readyz = await fetch(`${h.agent.healthUrl}/readyz`);
      expect(readyz.status).toBe(503);
      expect(await readyz.text()).toMatch(/first list not complete: events/);
      await eventually(
        async () => (await fetch(`${h.agent.healthUrl}/healthz`)).status === 503,
        5_000,
        '/healthz to fail',
      );
      expect(await (await fetch(`${h.agent.healthUrl}/healthz`)).text()).toMatch(/events starting for/);
      const rbac = h.log.lines.find((l) => l.level === 'error' && l.fields.resource === 'events');
      expect(rbac?.fields.hint).toMatch(/get\/list\/watch on events/);
      h.sim.faults.clear();
      expect(await h.agent.ready).toBe(true);
      await eventually(
        async () => (await fetch(`${h.agent.healthUrl}/healthz`)).status === 200,
        5_000,
        '/healthz',
      );
    },
  );
});
