import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TimelineEntry } from '../../functions/domain/model.js';
import { formatRestarts } from '../../functions/domain/pod-row.js';
import type { ServeHandle } from '../../local/serve.js';
import {
  badImagePod,
  completedJob,
  crashLoop,
  deleteAfter,
  healthyStart,
  withInitContainer,
} from '../ingest/lifecycles.js';
import { at, batch, podEvent, podObject, revisions, syncEvent, T0 } from '../support/event-builders.js';
import { post, serveIn, tempDir } from './serve-client.js';

/**
 * Scenario tests over HTTP through `podtrail serve` (embedded dynalite): scripted lifecycles are
 * posted as an agent would (gzip, bearer token), and the recorded timelines read back.
 */
const CLUSTER = 'demo';
let serve: ServeHandle;
const dir = tempDir();
const nextRv = revisions(5000);

beforeAll(async () => {
  serve = await serveIn(dir.path, { clock: () => T0 + 3_600_000 });
});
afterAll(async () => {
  await serve.close();
  dir.remove();
});

async function record(events: Parameters<typeof batch>[1]) {
  const response = await post(serve.url, serve.token, batch(CLUSTER, events), { gzip: true });
  expect(response.status).toBe(200);
  expect(response.json.rejected).toEqual([]);
  return response.json;
}

async function timeline(uid: string): Promise<TimelineEntry[]> {
  return [...(await serve.store.getTimeline({ cluster: CLUSTER, uid })).items];
}

/** A timeline as `kubectl get pod -w` shows it: READY STATUS RESTARTS AGE, AGE from creation. */
function watchRows(entries: readonly TimelineEntry[]): string[] {
  return entries.map((e) => {
    const ageSeconds = Math.round(
      (Date.parse(e.observedAt) - Date.parse(e.createdAt ?? e.observedAt)) / 1000,
    );
    const restarts = formatRestarts(
      e.row.restarts,
      e.row.lastRestartAt === undefined ? undefined : Date.parse(e.row.lastRestartAt),
      Date.parse(e.observedAt),
    );
    return `${e.name} ${e.row.ready} ${e.row.status} ${restarts} ${ageSeconds}s`;
  });
}

describe('scenarios recorded through podtrail serve', () => {
  test("the seed's bad-image pod: ContainerCreating → ErrImagePull → ImagePullBackOff → …", async () => {
    await record(badImagePod({ name: 'pod-phase', uid: 'uid-phase', createdAt: 0 }, nextRv).events);
    const statusChanges = (await timeline('uid-phase')).filter(
      (e) => e.changes.some((c) => c.field === 'status') || e.kind === 'first-seen',
    );
    expect(watchRows(statusChanges.slice(1))).toEqual([
      'pod-phase 0/1 ContainerCreating 0 1s',
      'pod-phase 0/1 ErrImagePull 0 41s',
      'pod-phase 0/1 ImagePullBackOff 0 52s',
      'pod-phase 0/1 ErrImagePull 0 97s',
      'pod-phase 0/1 ImagePullBackOff 0 110s',
      'pod-phase 0/1 ErrImagePull 0 162s',
      'pod-phase 0/1 ImagePullBackOff 0 174s',
    ]);
  });

  test('a crash loop: every restart is in the ledger and rows carry the restart age', async () => {
    await record(crashLoop({ name: 'api-1', uid: 'uid-crash', createdAt: 100 }, nextRv, 3).events);
    const rows = watchRows(await timeline('uid-crash'));
    expect(rows).toContain('api-1 0/1 Error 0 20s');
    expect(rows).toContain('api-1 0/1 CrashLoopBackOff 1 (1s ago) 21s');
    expect(rows.filter((r) => r.includes('CrashLoopBackOff'))).toHaveLength(3);
    const restarts = (
      await serve.store.listRestarts({ cluster: CLUSTER, since: at(0), until: at(3600) })
    ).items.filter((r) => r.uid === 'uid-crash');
    expect(restarts.map((r) => [r.restartCount, r.reason, r.exitCode])).toEqual([
      [1, 'Error', 1],
      [2, 'Error', 1],
      [3, 'Error', 1],
    ]);
  });

  test('an OOMKilled container: reason, exit code 137 and signal in the ledger and the timeline', async () => {
    await record(
      crashLoop({ name: 'mem-1', uid: 'uid-oom', createdAt: 200 }, nextRv, 1, 'OOMKilled', 137).events,
    );
    const entries = await timeline('uid-oom');
    const oom = entries.find((e) => e.row.status === 'OOMKilled');
    expect(oom?.changes).toContainEqual({
      field: 'container/app',
      from: 'running',
      to: 'terminated:OOMKilled:137',
    });
    const [restart] = (
      await serve.store.listRestarts({ cluster: CLUSTER, since: at(0), until: at(3600) })
    ).items.filter((r) => r.uid === 'uid-oom');
    expect(restart).toMatchObject({
      reason: 'OOMKilled',
      exitCode: 137,
      signal: 9,
      restartCount: 1,
      unobserved: 0,
    });
    const entered = await serve.store.listStatusEntered({
      status: 'OOMKilled',
      since: at(0),
      until: at(3600),
    });
    expect(entered.items.map((s) => s.uid)).toEqual(['uid-oom']);
  });

  test('init containers: Init:0/1 → PodInitializing → Running', async () => {
    await record(
      withInitContainer(
        { name: 'migrate-1', uid: 'uid-init', createdAt: 300, initContainers: [{ name: 'migrate' }] },
        nextRv,
      ).events,
    );
    const entries = await timeline('uid-init');
    expect(entries.map((e) => e.row.status)).toEqual(['Pending', 'Init:0/1', 'PodInitializing', 'Running']);
    expect(entries[2]?.changes).toContainEqual({
      field: 'initContainer/migrate',
      from: 'running',
      to: 'terminated:Completed:0',
    });
  });

  test('a sidecar (restartable init container) counts in READY', async () => {
    const meta = {
      name: 'mesh-1',
      uid: 'uid-sidecar',
      createdAt: 400,
      initContainers: [{ name: 'proxy', sidecar: true }],
    };
    const pod = (rv: string, ready: boolean) =>
      podObject(
        meta,
        {
          phase: 'Running',
          node: 'node-1',
          conditions: {
            PodScheduled: ['True', 400],
            Initialized: ['True', 401],
            Ready: [ready ? 'True' : 'False', 403],
          },
          initContainers: [{ name: 'proxy', running: 401, started: true, ready: true }],
          containers: [{ name: 'app', running: 402, ready }],
        },
        rv,
      );
    await record([
      podEvent('ADDED', 402, pod(nextRv(), false)),
      podEvent('MODIFIED', 403, pod(nextRv(), true)),
    ]);
    const entries = await timeline('uid-sidecar');
    expect(entries.map((e) => `${e.row.ready} ${e.row.status}`)).toEqual(['1/2 Running', '2/2 Running']);
  });

  test('a completed job ends Completed, phase Succeeded, attributed to its CronJob', async () => {
    const meta = {
      name: 'report-29383200-abcde',
      uid: 'uid-job',
      createdAt: 500,
      owner: { kind: 'Job', name: 'report-29383200' },
    };
    await record(completedJob(meta, nextRv).events);
    const last = (await timeline('uid-job')).at(-1);
    expect(last?.row).toMatchObject({ status: 'Completed', phase: 'Succeeded' });
    const [pod] = (await serve.store.findPods({ cluster: CLUSTER, namespace: 'default', name: meta.name }))
      .items;
    expect(pod?.workload).toEqual({ kind: 'CronJob', name: 'report' });
  });

  test('deletion: Terminating, then the final state from the DELETED event', async () => {
    await record(
      deleteAfter(healthyStart({ name: 'web-1', uid: 'uid-deleted', createdAt: 600 }, nextRv), 700).events,
    );
    const entries = await timeline('uid-deleted');
    expect(entries.map((e) => `${e.kind} ${e.row.status}`).slice(-3)).toEqual([
      'transition Terminating',
      'transition Terminating',
      'deleted Completed',
    ]);
  });

  test('vanishing: a pod missing from a SYNC after its last sighting is closed as vanished', async () => {
    await record(healthyStart({ name: 'web-2', uid: 'uid-vanish', createdAt: 800 }, nextRv).events);
    const live = (await serve.store.listLivePods({ cluster: CLUSTER, limit: 1000 })).items
      .map((p) => p.uid)
      .filter((u) => u !== 'uid-vanish');
    await record([syncEvent(900, nextRv(), live)]);
    expect((await timeline('uid-vanish')).at(-1)).toMatchObject({ kind: 'vanished', observedAt: at(900) });
    expect(
      (await serve.store.listLivePods({ cluster: CLUSTER, limit: 1000 })).items.map((p) => p.uid),
    ).not.toContain('uid-vanish');
  });
});
