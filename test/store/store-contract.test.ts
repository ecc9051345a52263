import { afterAll, beforeAll, describe, test } from 'vitest';
import type { TimelineEntry } from '../../functions/domain/model.js';
import type { Store } from '../../functions/store/port.js';
import { badImagePod, completedJob, crashLoop, deleteAfter, healthyStart } from '../ingest/lifecycles.js';
import { type Backend, type Backends, openBackend } from '../support/dynamodb-stores.js';
import { at, podEvent, podObject, revisions, syncEvent, T0 } from '../support/event-builders.js';
import { CLUSTER, deliver } from './convergence-support.js';

/**
 * The store contract (port.ts), one suite for every implementation: the in-memory table, dynalite
 * and DynamoDB Local. Each test writes through the ingest's parser and reads through StoreReader,
 * on its own fresh table, so the tests of one backend run concurrently.
 */
const NOW = T0 + 2 * 3600_000;
const WINDOW = { since: at(-3600), until: at(3600) };
const kinds = (entries: readonly TimelineEntry[]) => entries.map((e) => `${e.kind}:${e.row.status}`);

describe.each(['memory', 'dynalite', 'dynamodb-local'] as Backend[])('store contract on %s', (backend) => {
  let backends: Backends;
  beforeAll(async () => {
    backends = await openBackend(backend);
  });
  afterAll(() => backends.stop());
  const fresh = async (retentionDays?: number, now = NOW): Promise<Store> =>
    (await backends.fresh(() => now, retentionDays)).store;
  const timeline = async (store: Store, uid: string, cluster = CLUSTER) =>
    (await store.getTimeline({ cluster, uid })).items;

  test.concurrent("a pod's timeline replays every recorded change, oldest first, with from and to", async ({
    expect,
  }) => {
    const store = await fresh();
    await deliver(
      store,
      badImagePod({ name: 'pod-phase', uid: 'uid-seed', createdAt: 0 }, revisions()).events,
      [3],
    );
    const items = await timeline(store, 'uid-seed');
    expect(kinds(items)).toEqual([
      'first-seen:Pending',
      'transition:Pending',
      'transition:ContainerCreating',
      'transition:ErrImagePull',
      'transition:ImagePullBackOff',
      'transition:ErrImagePull',
      'transition:ImagePullBackOff',
      'transition:ErrImagePull',
      'transition:ImagePullBackOff',
    ]);
    expect(items[3]?.changes).toEqual([
      { field: 'status', from: 'ContainerCreating', to: 'ErrImagePull' },
      { field: 'container/app', from: 'waiting:ContainerCreating', to: 'waiting:ErrImagePull' },
    ]);
    expect(items[3]).toMatchObject({
      observedAt: at(41),
      reason: 'ErrImagePull',
      row: { ready: '0/1', node: 'node-1' },
    });
    expect(items[1]?.changes.map((c) => c.field)).toEqual(['node', 'condition/PodScheduled']);
  });

  test.concurrent('a late event is placed by resourceVersion and its neighbour is corrected', async ({
    expect,
  }) => {
    const inOrder = await fresh();
    const late = await fresh();
    const events = badImagePod({ name: 'pod-phase', uid: 'uid-late', createdAt: 0 }, revisions()).events;
    await deliver(inOrder, events);
    const missing = events.slice(4, 5);
    await deliver(late, [...events.slice(0, 4), ...events.slice(5)]);
    const before = await timeline(late, 'uid-late');
    expect(before).toHaveLength(7);
    expect(before[4]).toMatchObject({
      observedAt: at(110),
      changes: [{ field: 'status', from: 'ErrImagePull', to: 'ImagePullBackOff' }, expect.anything()],
    });
    await deliver(late, missing);
    expect(await timeline(late, 'uid-late')).toEqual(await timeline(inOrder, 'uid-late'));
  });

  test.concurrent('for one resourceVersion seen at different times, the earliest observedAt wins', async ({
    expect,
  }) => {
    const store = await fresh();
    const events = healthyStart({ name: 'web-1', uid: 'uid-early', createdAt: 0 }, revisions()).events;
    const later = events.map((e) => ({
      ...e,
      observedAt: at(Date.parse(e.observedAt) / 1000 - T0 / 1000 + 30),
    }));
    await deliver(store, later);
    await deliver(store, events);
    await deliver(store, later);
    const items = await timeline(store, 'uid-early');
    expect(items.map((e) => e.observedAt)).toEqual(events.map((e) => e.observedAt));
  });

  test.concurrent('a DELETED event ends the pod with its final state and takes it off the live list', async ({
    expect,
  }) => {
    const store = await fresh();
    const nextRv = revisions();
    await deliver(
      store,
      deleteAfter(healthyStart({ name: 'web-1', uid: 'uid-del', createdAt: 0 }, nextRv), 60).events,
    );
    await deliver(store, healthyStart({ name: 'web-2', uid: 'uid-live', createdAt: 5 }, nextRv).events);
    const items = await timeline(store, 'uid-del');
    expect(kinds(items).slice(-3)).toEqual([
      'transition:Terminating',
      'transition:Terminating',
      'deleted:Completed',
    ]);
    const [summary] = (await store.findPods({ cluster: CLUSTER, namespace: 'default', name: 'web-1' })).items;
    expect(summary).toMatchObject({
      endedBy: 'deleted',
      endedAt: at(63),
      last: { status: 'Completed', phase: 'Succeeded' },
    });
    const live = await store.listLivePods({ cluster: CLUSTER });
    expect(live.items.map((p) => p.uid)).toEqual(['uid-live']);
  });

  test.concurrent('a SYNC without a pod last seen before it makes it vanish; a late DELETED replaces vanished', async ({
    expect,
  }) => {
    const store = await fresh();
    const nextRv = revisions();
    const gone = deleteAfter(
      healthyStart({ name: 'web-1', uid: 'uid-gone', createdAt: 0 }, nextRv),
      60,
    ).events;
    const kept = healthyStart({ name: 'web-2', uid: 'uid-kept', createdAt: 1 }, nextRv).events;
    await deliver(store, [...gone.slice(0, -3), ...kept]);
    await deliver(store, [syncEvent(120, nextRv(), ['uid-kept'])]);
    expect((await timeline(store, 'uid-gone')).at(-1)).toMatchObject({
      kind: 'vanished',
      observedAt: at(120),
      resourceVersion: '',
    });
    expect((await store.listLivePods({ cluster: CLUSTER })).items.map((p) => p.uid)).toEqual(['uid-kept']);
    expect(
      (await store.findPods({ cluster: CLUSTER, namespace: 'default', name: 'web-1' })).items[0],
    ).toMatchObject({ endedBy: 'vanished', endedAt: at(120) });
    await deliver(store, gone.slice(-3));
    const items = await timeline(store, 'uid-gone');
    expect(items.map((e) => e.kind)).not.toContain('vanished');
    expect(items.at(-1)).toMatchObject({ kind: 'deleted' });
    expect((await timeline(store, 'uid-kept')).map((e) => e.kind)).not.toContain('vanished');
  });

  test.concurrent('a SYNC only closes pods last seen before its resourceVersion, even when it arrives first', async ({
    expect,
  }) => {
    const store = await fresh();
    const nextRv = revisions();
    const early = healthyStart({ name: 'web-1', uid: 'uid-early', createdAt: 0 }, nextRv).events;
    const sync = syncEvent(30, nextRv(), []);
    const after = healthyStart({ name: 'web-2', uid: 'uid-after', createdAt: 40 }, nextRv).events;
    await deliver(store, [sync]);
    await deliver(store, [...after, ...early]);
    expect((await timeline(store, 'uid-early')).at(-1)?.kind).toBe('vanished');
    expect((await timeline(store, 'uid-after')).map((e) => e.kind)).not.toContain('vanished');
  });

  test.concurrent('a gap reported by a SYNC shows on the timelines of pods alive during it', async ({
    expect,
  }) => {
    const store = await fresh();
    const nextRv = revisions();
    const alive = healthyStart({ name: 'web-1', uid: 'uid-alive', createdAt: 0 }, nextRv).events;
    const ended = deleteAfter(
      healthyStart({ name: 'web-2', uid: 'uid-ended', createdAt: 0 }, nextRv),
      20,
    ).events;
    await deliver(store, [...alive, ...ended, syncEvent(300, nextRv(), ['uid-alive'], 200)]);
    const items = await timeline(store, 'uid-alive');
    expect(items.at(-1)).toMatchObject({
      kind: 'gap',
      gapSince: at(200),
      observedAt: at(300),
      row: { status: 'Running' },
    });
    expect((await timeline(store, 'uid-ended')).map((e) => e.kind)).not.toContain('gap');
    const [cluster] = await store.listClusters();
    expect(cluster).toMatchObject({
      cluster: CLUSTER,
      lastSyncAt: at(300),
      gaps: [{ since: at(200), reportedAt: at(300) }],
      livePods: 1,
    });
  });

  test.concurrent('the restart ledger has one record per restart; a jump of k records k−1 unobserved', async ({
    expect,
  }) => {
    const store = await fresh();
    const nextRv = revisions();
    const meta = {
      name: 'api-7d4f9c-x2k8p',
      uid: 'uid-crash',
      createdAt: 0,
      owner: { kind: 'ReplicaSet', name: 'api-7d4f9c' },
      labels: { 'pod-template-hash': '7d4f9c' },
    };
    await deliver(store, crashLoop(meta, nextRv, 3, 'OOMKilled', 137).events);
    const jumped = podObject(
      meta,
      {
        phase: 'Running',
        node: 'node-1',
        containers: [
          { name: 'app', running: 500, restarts: 7, last: { reason: 'Error', exitCode: 2, finishedAt: 495 } },
        ],
      },
      nextRv(),
    );
    await deliver(store, [podEvent('MODIFIED', 500, jumped)]);
    const restarts = await store.listRestarts({ ...WINDOW });
    expect(restarts.items.map((r) => [r.restartCount, r.reason, r.exitCode, r.unobserved])).toEqual([
      [1, 'OOMKilled', 137, 0],
      [2, 'OOMKilled', 137, 0],
      [3, 'OOMKilled', 137, 0],
      [7, 'Error', 2, 3],
    ]);
    expect(restarts.items[0]).toMatchObject({
      container: 'app',
      init: false,
      signal: 9,
      workload: { kind: 'Deployment', name: 'api' },
      finishedAt: at(20),
    });
    expect((await store.listRestarts({ ...WINDOW, cluster: 'other' })).items).toEqual([]);
    const statusEntered = await store.listStatusEntered({ status: 'CrashLoopBackOff', ...WINDOW });
    expect(statusEntered.items.map((s) => [s.uid, s.workload.name])).toEqual([
      ['uid-crash', 'api'],
      ['uid-crash', 'api'],
      ['uid-crash', 'api'],
    ]);
  });

  test.concurrent('workloads: ReplicaSet → Deployment, Job → CronJob, bare pods as themselves', async ({
    expect,
  }) => {
    const store = await fresh();
    const nextRv = revisions();
    const rs = healthyStart(
      {
        name: 'web-5d9c7-abcde',
        uid: 'u-rs',
        createdAt: 0,
        owner: { kind: 'ReplicaSet', name: 'web-5d9c7' },
        labels: { 'pod-template-hash': '5d9c7' },
      },
      nextRv,
    );
    const job = completedJob(
      {
        name: 'nightly-29383200-q7x2z',
        uid: 'u-job',
        createdAt: 0,
        owner: { kind: 'Job', name: 'nightly-29383200' },
      },
      nextRv,
    );
    const bare = healthyStart({ name: 'debug', uid: 'u-bare', createdAt: 0 }, nextRv);
    const sts = healthyStart(
      { name: 'db-0', uid: 'u-sts', createdAt: 0, owner: { kind: 'StatefulSet', name: 'db' } },
      nextRv,
    );
    await deliver(store, [...rs.events, ...job.events, ...bare.events, ...sts.events], [4]);
    const seen = await store.listPodsSeen({ cluster: CLUSTER, ...WINDOW });
    const workloads = Object.fromEntries(
      seen.items.map((p) => [p.uid, `${p.workload.kind}/${p.workload.name}`]),
    );
    expect(workloads).toEqual({
      'u-rs': 'Deployment/web',
      'u-job': 'CronJob/nightly',
      'u-bare': 'Pod/debug',
      'u-sts': 'StatefulSet/db',
    });
    const completed = await store.listStatusEntered({ status: 'Completed', ...WINDOW, cluster: CLUSTER });
    expect(completed.items.map((s) => s.uid)).toEqual(['u-job']);
  });

  test.concurrent('findPods lists every incarnation of a name, newest first, or one uid', async ({
    expect,
  }) => {
    const store = await fresh();
    const nextRv = revisions();
    const first = deleteAfter(healthyStart({ name: 'db-0', uid: 'uid-a', createdAt: 0 }, nextRv), 30).events;
    const second = healthyStart({ name: 'db-0', uid: 'uid-b', createdAt: 40 }, nextRv).events;
    await deliver(store, [...first, ...second], [5]);
    const all = await store.findPods({ cluster: CLUSTER, namespace: 'default', name: 'db-0' });
    expect(all.items.map((p) => [p.uid, p.endedBy ?? 'live'])).toEqual([
      ['uid-b', 'live'],
      ['uid-a', 'deleted'],
    ]);
    const one = await store.findPods({ cluster: CLUSTER, namespace: 'default', name: 'db-0', uid: 'uid-a' });
    expect(one.items.map((p) => p.uid)).toEqual(['uid-a']);
    expect((await store.findPods({ cluster: CLUSTER, namespace: 'prod', name: 'db-0' })).items).toEqual([]);
  });

  test.concurrent('listPodsSeen returns pods whose life overlaps the window, by namespace and workload', async ({
    expect,
  }) => {
    const store = await fresh();
    const nextRv = revisions();
    const old = deleteAfter(healthyStart({ name: 'old', uid: 'u-old', createdAt: 0 }, nextRv), 30).events;
    const prod = healthyStart(
      {
        name: 'api-1',
        namespace: 'prod',
        uid: 'u-prod',
        createdAt: 100,
        owner: { kind: 'StatefulSet', name: 'api' },
      },
      nextRv,
    ).events;
    const late = healthyStart({ name: 'late', uid: 'u-late', createdAt: 3000 }, nextRv).events;
    await deliver(store, [...old, ...prod, ...late], [6]);
    const ids = async (q: Partial<{ namespace: string; workload: string }>, since: number, until: number) =>
      (await store.listPodsSeen({ cluster: CLUSTER, since: at(since), until: at(until), ...q })).items
        .map((p) => p.uid)
        .sort();
    expect(await ids({}, 50, 200)).toEqual(['u-prod']);
    expect(await ids({}, 0, 5000)).toEqual(['u-late', 'u-old', 'u-prod']);
    expect(await ids({ namespace: 'prod' }, 0, 5000)).toEqual(['u-prod']);
    expect(await ids({ workload: 'api' }, 0, 5000)).toEqual(['u-prod']);
    // A live pod last heard of days before the window is still alive during it.
    expect(await ids({}, 3 * 86_400, 4 * 86_400)).toEqual(['u-late', 'u-prod']);
  });

  test.concurrent('listStartups gives the startup milestones of pods created in the window', async ({
    expect,
  }) => {
    const store = await fresh();
    await deliver(store, healthyStart({ name: 'web-1', uid: 'u-start', createdAt: 10 }, revisions()).events);
    const { items } = await store.listStartups({ ...WINDOW, cluster: CLUSTER });
    expect(items.map((p) => p.startup)).toEqual([
      {
        createdAt: at(10),
        scheduledAt: at(10),
        initializedAt: at(11),
        containersStartedAt: at(13),
        readyAt: at(18),
      },
    ]);
    expect((await store.listStartups({ since: at(20), until: at(30) })).items).toEqual([]);
  });

  test.concurrent('cursors walk every item exactly once', async ({ expect }) => {
    const store = await fresh();
    const nextRv = revisions();
    const events = [0, 1, 2].flatMap(
      (i) => crashLoop({ name: `c-${i}`, uid: `u-c${i}`, createdAt: i * 7 }, nextRv, 3).events,
    );
    await deliver(store, events, [9]);
    const seen: string[] = [];
    let cursor: unknown;
    for (let page = 0; page < 20; page++) {
      const result = await store.listRestarts({
        ...WINDOW,
        limit: 2,
        ...(cursor === undefined ? {} : { cursor }),
      });
      seen.push(...result.items.map((r) => `${r.uid}/${r.restartCount}`));
      cursor = result.next;
      if (cursor === undefined) break;
    }
    expect(seen.sort()).toEqual([
      'u-c0/1',
      'u-c0/2',
      'u-c0/3',
      'u-c1/1',
      'u-c1/2',
      'u-c1/3',
      'u-c2/1',
      'u-c2/2',
      'u-c2/3',
    ]);
    const all = await store.listRestarts({ ...WINDOW });
    const times = all.items.map((r) => r.finishedAt ?? '');
    expect(times).toEqual([...times].sort());
  });

  test.concurrent('items past their retention are not returned, and TTL counts from the event time', async ({
    expect,
  }) => {
    const writer = await backends.fresh(() => NOW, 1);
    await deliver(
      writer.store,
      crashLoop({ name: 'c-1', uid: 'u-old', createdAt: 0 }, revisions(), 2).events,
    );
    const items = await writer.dump();
    const head = items.find((i) => String(i.sk).endsWith('#H'));
    // Retention 1 day, counted from the end of the day of the last event (2026-11-23): 25 Nov 00:00.
    expect(head?.x).toBe(Date.parse('2026-11-25T00:00:00Z') / 1000);
    const stale = await backends.fresh(() => T0 + 3 * 86_400_000, 1);
    await deliver(stale.store, crashLoop({ name: 'c-1', uid: 'u-old', createdAt: 0 }, revisions(), 2).events);
    expect(await stale.dump()).toEqual([]);
  });
});
