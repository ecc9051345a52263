import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { startAgent } from '../../agent/agent.js';
import { readAgentConfig } from '../../agent/config.js';
import { memoryLogger } from '../../agent/ops/log.js';
import type { EventBatch, PodEvent, SyncEvent } from '../../functions/domain/wire-format.js';
import { startSimulator } from '../../simulator/index.js';
import {
  type AgentHarness,
  agentTest,
  eventually,
  FAST_AGENT_ENV,
  simulatorKubeConfig,
  touchPod,
} from '../support/sim-agent.js';
import { runningPods } from '../support/sim-client.js';
import { checkDelivery, recordSimEvents } from '../support/sim-delivery.js';

/**
 * The real agent against the simulated API server and a loopback ingest (test/support/sim-agent.ts).
 * Tests named [wall-clock] depend on real elapsed time: a fault that lasts so many milliseconds,
 * measured intervals, or how many events pile up while the ingest is slow. They are this file's
 * likeliest flakes on a loaded machine; `npx vitest run test/agent -t wall-clock` runs them alone.
 */

const seeded = (count: number) => (sim: AgentHarness['sim']) =>
  sim.store.seed(runningPods(count, { seed: count }));
const rvOf = (e: { event: unknown }) =>
  Number(((e.event as PodEvent).pod as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
const caughtUp = (h: AgentHarness) => () =>
  h.sink.podEvents().some((e) => rvOf(e) === h.sim.store.resourceVersion());

/** For every pod, the resourceVersions the ingest received, in arrival order, must increase. */
function perPodOrderHolds(h: AgentHarness): boolean {
  const last = new Map<string, number>();
  for (const e of h.sink.podEvents()) {
    const uid = ((e.event as PodEvent).pod as { metadata: { uid: string } }).metadata.uid;
    const rv = rvOf(e);
    if ((last.get(uid) ?? -1) >= rv) return false;
    last.set(uid, rv);
  }
  return true;
}

async function updates(h: AgentHarness, count: number, spreadMs = 0) {
  const uids = h.sim.store.uids();
  for (let i = 0; i < count; i++) {
    touchPod(h.sim, uids[i % uids.length]!, `update ${i}`);
    if (spreadMs > 0 && i % 10 === 9) await new Promise((r) => setTimeout(r, spreadMs));
  }
}

describe('forwarding to the ingest', () => {
  agentTest(
    '[wall-clock] retries the whole batch while the ingest answers 503, honouring Retry-After, and loses nothing',
    async ({ startHarness }) => {
      const h = await startHarness({ before: seeded(5) });
      const recorded = recordSimEvents(h.sim);
      await h.agent.ready;
      await h.sink.waitFor(() => h.sink.syncs().length === 1);
      h.sink.fail({ status: 503, forMs: 1_500, retryAfterSeconds: 1 });
      await updates(h, 30, 20);
      await eventually(caughtUp(h), 15_000, 'delivery after the outage');
      const failures = h.sink.answers.filter((a) => a.status === 503);
      expect(failures.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < failures.length; i++)
        expect(failures[i]!.atMs - failures[i - 1]!.atMs).toBeGreaterThanOrEqual(990);
      expect(perPodOrderHolds(h)).toBe(true);
      expect(checkDelivery(h.sim, h.sink, recorded.events)).toMatchObject({
        missing: [],
        unreported: [],
        wrongFinalState: [],
      });
    },
  );

  agentTest(
    '[wall-clock] against a slow ingest, keeps one batch in flight and lets batches grow, in per-pod order',
    async ({ startHarness }) => {
      const h = await startHarness({ before: seeded(10) });
      await h.agent.ready;
      h.sink.setDelay(150);
      await updates(h, 200);
      await eventually(caughtUp(h), 15_000, 'the slow ingest to catch up');
      expect(h.sink.maxConcurrent()).toBe(1);
      expect(h.sink.batches.length).toBeLessThan(20);
      expect(perPodOrderHolds(h)).toBe(true);
    },
  );

  agentTest(
    '[wall-clock] when the queue overflows, coalesces per pod, reports a gap in a SYNC, and still ends with the right states',
    async ({ startHarness }) => {
      const h = await startHarness({ before: seeded(5), env: { PODTRAIL_QUEUE_MAX_EVENTS: '10' } });
      const recorded = recordSimEvents(h.sim);
      await h.agent.ready;
      await h.sink.waitFor(() => h.sink.syncs().length === 1);
      h.sink.fail({ status: 503, forMs: 800 });
      await updates(h, 100);
      await eventually(caughtUp(h), 15_000, 'delivery after the overflow');
      expect(h.agent.metrics.eventsCoalesced).toBeGreaterThan(50);
      const gapSync = h.sink
        .syncs()
        .map((s) => s.event as SyncEvent)
        .find((s) => s.gapSince !== null);
      expect(new Set(gapSync?.uids)).toEqual(new Set(h.sim.store.uids()));
      const report = checkDelivery(h.sim, h.sink, recorded.events);
      expect(report).toMatchObject({ missing: [], unreported: [], wrongFinalState: [] });
      expect(report.coveredByGap).toBeGreaterThan(50);
      const metrics = await (await fetch(`${h.agent.healthUrl}/metrics`)).text();
      expect(metrics).toMatch(/^podtrail_agent_events_coalesced_total\{kind="pod"\} [1-9]\d*$/m);
    },
  );

  agentTest(
    'drops a batch the ingest calls unusable (400) without retrying, counts it, and reports the gap',
    async ({ startHarness }) => {
      const h = await startHarness({ before: seeded(3) });
      await h.agent.ready;
      await h.sink.waitFor(() => h.sink.syncs().length === 1);
      h.sink.fail({ status: 400, times: 1 });
      touchPod(h.sim, h.sim.store.uids()[0]!, 'refused');
      await eventually(() => h.sink.statuses.includes(400), 5_000, 'the 400');
      touchPod(h.sim, h.sim.store.uids()[1]!, 'accepted');
      await eventually(caughtUp(h), 5_000, 'the next batch');
      expect(h.sink.statuses.filter((s) => s === 400)).toHaveLength(1);
      expect(h.agent.metrics.eventsRejected).toBe(1);
      expect(h.sink.syncs().some((s) => (s.event as SyncEvent).gapSince !== null)).toBe(true);
      expect(h.log.lines.some((l) => l.level === 'error' && /HTTP 400/.test(l.msg))).toBe(true);
    },
  );

  agentTest(
    'splits batches the ingest finds too large (413) and resends them in order',
    async ({ startHarness }) => {
      const h = await startHarness({
        before: (sim, sink) => {
          seeded(40)(sim);
          sink.setMaxBodyBytes(12_000);
        },
      });
      await h.agent.ready;
      await h.sink.waitFor(() => h.sink.syncs().length === 1, 10_000, 'the SYNC');
      expect(h.agent.metrics.batches.too_large).toBeGreaterThan(0);
      expect(h.sink.podEvents()).toHaveLength(40);
      expect(h.sink.batches.every((b) => b.jsonBytes <= 12_000)).toBe(true);
    },
  );

  agentTest(
    'keeps the batch and retries loudly when the ingest refuses the credentials',
    async ({ startHarness }) => {
      const h = await startHarness({ before: seeded(2) });
      await h.agent.ready;
      await h.sink.waitFor(() => h.sink.syncs().length === 1);
      h.sink.fail({ status: 403, times: 2 });
      touchPod(h.sim, h.sim.store.uids()[0]!, 'eventually');
      await eventually(caughtUp(h), 10_000, 'delivery after the 403s');
      expect(h.agent.metrics.batches.auth).toBe(2);
      expect(h.log.lines.filter((l) => l.level === 'error' && /credentials/.test(l.msg))).toHaveLength(2);
    },
  );

  agentTest(
    'counts events the ingest rejects one by one, and the rest are stored',
    async ({ startHarness }) => {
      const h = await startHarness({
        before: (sim, sink) => {
          seeded(4)(sim);
          const bad = sim.store.uids()[0];
          sink.setEventValidator((e) =>
            'pod' in e && (e.pod as { metadata: { uid: string } }).metadata.uid === bad
              ? ['events[i].pod: refused']
              : [],
          );
        },
      });
      await h.agent.ready;
      await eventually(() => h.agent.metrics.syncsSent === 1, 5_000, 'the first batch to be answered');
      expect(h.agent.metrics.eventsRejected).toBe(1);
      expect(h.sink.podEvents()).toHaveLength(3);
      expect(h.log.lines.find((l) => l.msg === 'ingest rejected some events')?.fields).toMatchObject({
        rejected: 1,
        firstIssue: 'events[i].pod: refused',
      });
    },
  );
});

describe('SigV4 for Lambda Function URLs', () => {
  it('signs the exact gzipped bytes, anew on every attempt', async () => {
    const sim = await startSimulator({ token: 'sim-token' });
    sim.store.seed(runningPods(2));
    const requests: { url: string; headers: Record<string, string>; body: Buffer }[] = [];
    const fakeAws: typeof fetch = async (input, init) => {
      requests.push({
        url: String(input),
        headers: init?.headers as Record<string, string>,
        body: Buffer.from(init?.body as Uint8Array),
      });
      return new Response(JSON.stringify({ accepted: 1, unchanged: 0, stale: 0, rejected: [] }), {
        status: requests.length === 1 ? 503 : 200,
      });
    };
    const config = readAgentConfig(
      { cluster: 'prod-eu-1', ingestUrl: 'https://abc123xyz.lambda-url.eu-west-1.on.aws' },
      { ...FAST_AGENT_ENV, PODTRAIL_PORT: 'off' },
    );
    const agent = await startAgent(config, {
      kubeConfig: simulatorKubeConfig(sim),
      log: memoryLogger(),
      fetch: fakeAws,
      credentials: async () => ({
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
        sessionToken: 'session',
      }),
    });
    try {
      await eventually(() => requests.length >= 2, 10_000, 'two attempts');
      const [first, second] = requests;
      expect(first?.url).toBe('https://abc123xyz.lambda-url.eu-west-1.on.aws/v1/events');
      for (const r of [first!, second!]) {
        expect(r.headers.authorization).toMatch(
          /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/lambda\/aws4_request, SignedHeaders=content-encoding;content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
        );
        expect(r.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(r.body).digest('hex'));
        expect(r.headers['content-encoding']).toBe('gzip');
        expect((JSON.parse(gunzipSync(r.body).toString()) as EventBatch).cluster).toBe('prod-eu-1');
      }
      expect(second?.body.equals(first!.body)).toBe(true);
    } finally {
      await agent.stop({ deadlineMs: 1_000 });
      await sim.close();
    }
  });
});

describe('a poison event: the ingest keeps failing one event (issue 17)', () => {
  const poisonIn = (event: unknown): boolean => {
    const pod = (event as { pod?: { status?: { message?: unknown } } }).pod;
    return pod?.status?.message === 'poison';
  };

  agentTest(
    'isolates it by splitting, drops it alone with a metric, a log line and a gap, and the rest of the cluster arrives',
    async ({ startHarness }) => {
      const h = await startHarness({
        before: seeded(12),
        env: { PODTRAIL_BACKOFF: '5ms-20ms', PODTRAIL_BATCH_DELAY: '200ms' },
      });
      await h.agent.ready;
      await h.sink.waitFor(() => h.sink.syncs().length === 1);
      h.sink.setBatchFailure((event) => (poisonIn(event) ? 500 : undefined));
      const uids = h.sim.store.uids();
      // One batch: updates of every pod, the poison one in the middle.
      for (const [i, uid] of uids.entries()) touchPod(h.sim, uid, i === 5 ? 'poison' : `update ${i}`);
      touchPod(h.sim, uids[0]!, 'after the poison');
      await eventually(
        () =>
          uids.every((uid, i) =>
            i === 5
              ? true
              : h.sink
                  .podEvents()
                  .some(
                    (e) =>
                      (e.event.pod as { metadata: { uid: string } }).metadata.uid === uid &&
                      (e.event.pod as { status: { message?: string } }).status.message ===
                        (i === 0 ? 'after the poison' : `update ${i}`),
                  ),
          ),
        15_000,
        'every other pod’s update',
      );
      await eventually(() => h.agent.metrics.wire.pod.failed === 1, 10_000, 'the poison dropped');
      expect(h.sink.statuses.filter((s) => s === 500).length).toBeGreaterThanOrEqual(3);
      expect(h.sink.podEvents().some((e) => poisonIn(e.event))).toBe(false);
      const dropped = h.log.lines.find(
        (l) => l.level === 'error' && /keeps failing a single event/.test(l.msg),
      );
      expect(dropped?.fields).toMatchObject({ uid: uids[5], status: 500 });
      await eventually(
        () => h.sink.syncs().some((s) => (s.event as SyncEvent).gapSince !== null),
        10_000,
        'the gap reported',
      );
      // Still flowing after the drop.
      touchPod(h.sim, uids[1]!, 'later');
      await eventually(caughtUp(h), 10_000, 'delivery after the drop');
      const metrics = await (await fetch(`${h.agent.healthUrl}/metrics`)).text();
      expect(metrics).toMatch(/^podtrail_agent_events_failed_total\{kind="pod"\} 1$/m);
    },
  );

  agentTest(
    '[wall-clock] an outage (every batch 500) drops nothing within the bound, and everything arrives after it',
    async ({ startHarness }) => {
      const h = await startHarness({ before: seeded(6), env: { PODTRAIL_BACKOFF: '5ms-20ms' } });
      const recorded = recordSimEvents(h.sim);
      await h.agent.ready;
      await h.sink.waitFor(() => h.sink.syncs().length === 1);
      h.sink.fail({ status: 500, forMs: 1_500 });
      await updates(h, 30, 20);
      await eventually(caughtUp(h), 15_000, 'delivery after the outage');
      expect(h.sink.statuses.filter((s) => s === 500).length).toBeGreaterThan(3);
      expect(h.agent.metrics.wire.pod.failed).toBe(0);
      expect(perPodOrderHolds(h)).toBe(true);
      expect(checkDelivery(h.sim, h.sink, recorded.events)).toMatchObject({
        missing: [],
        unreported: [],
        wrongFinalState: [],
      });
    },
  );
});
