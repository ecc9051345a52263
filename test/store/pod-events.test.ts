import { afterAll, beforeAll, describe, test } from 'vitest';
import type { WireEvent } from '../../functions/domain/wire-format.js';
import type { Store } from '../../functions/store/port.js';
import { deleteAfter, healthyStart } from '../ingest/lifecycles.js';
import { type Backend, type Backends, openBackend } from '../support/dynamodb-stores.js';
import { eventVersion, revisions, T0 } from '../support/event-builders.js';
import { CLUSTER, deliver } from './convergence-support.js';

/**
 * Pod Events in the store, on every backend: every version kept under the pod it names, read back
 * with the pod's timeline, whatever order they came in; an event naming no pod uid joins the
 * incarnation live at its time; one that arrives before its pod is shown once the pod is known.
 */
const NOW = T0 + 2 * 3600_000;
const POD = { namespace: 'default', name: 'web-1' };

const history = async (store: Store, name = POD.name) =>
  (await store.getPodHistory({ cluster: CLUSTER, namespace: 'default', name })).items;

const backOff = (uid: string, count: number, rv: string, podUid = 'uid-a') =>
  eventVersion(
    {
      uid,
      pod: { ...POD, uid: podUid },
      reason: 'BackOff',
      type: 'Warning',
      first: 10,
      last: 10 * count,
      count,
    },
    rv,
  );

describe.each(['memory', 'dynalite', 'dynamodb-local'] as Backend[])('pod events on %s', (backend) => {
  let backends: Backends;
  beforeAll(async () => {
    backends = await openBackend(backend);
  });
  afterAll(() => backends.stop());
  const fresh = async (): Promise<Store> => (await backends.fresh(() => NOW)).store;

  test.concurrent('every version of an event is kept and read back with the pod, oldest first', async ({
    expect,
  }) => {
    const store = await fresh();
    await deliver(store, healthyStart({ ...POD, uid: 'uid-a', createdAt: 0 }, revisions()).events);
    await deliver(store, [
      backOff('ev-1', 3, '5003'),
      backOff('ev-1', 1, '5001'),
      backOff('ev-1', 2, '5002'),
    ]);
    const [incarnation] = await history(store);
    expect(incarnation?.events?.map((e) => e.uid)).toEqual(['ev-1']);
    expect(
      incarnation?.events?.[0]?.versions.map((v) => [v.event.metadata.resourceVersion, v.event.count]),
    ).toEqual([
      ['5001', 1],
      ['5002', 2],
      ['5003', 3],
    ]);
    // Slimmed: what describe and the timeline never read is not stored.
    expect(incarnation?.events?.[0]?.versions[0]?.event).not.toHaveProperty('metadata.managedFields');
  });

  test.concurrent('an event that arrives before its pod is shown once the pod is known', async ({
    expect,
  }) => {
    const store = await fresh();
    await deliver(store, [backOff('ev-early', 1, '4000')]);
    expect(await history(store)).toEqual([]);
    await deliver(store, healthyStart({ ...POD, uid: 'uid-a', createdAt: 0 }, revisions()).events);
    expect((await history(store))[0]?.events?.map((e) => e.uid)).toEqual(['ev-early']);
  });

  test.concurrent('a repeated delivery keeps the earliest observation and counts as unchanged', async ({
    expect,
  }) => {
    const store = await fresh();
    await deliver(store, healthyStart({ ...POD, uid: 'uid-a', createdAt: 0 }, revisions()).events);
    const first = backOff('ev-1', 1, '5001');
    const later: WireEvent = {
      ...first,
      observedAt: new Date(Date.parse(first.observedAt) + 5000).toISOString(),
    };
    const earlier: WireEvent = {
      ...first,
      observedAt: new Date(Date.parse(first.observedAt) - 500).toISOString(),
    };
    await deliver(store, [first]);
    const again = await store.recordBatch({
      cluster: CLUSTER,
      agent: { id: 'a', version: '1' },
      pods: [],
      syncs: [],
      events: [{ observedAt: later.observedAt, event: (await slim(first)).event }],
    });
    expect(again).toMatchObject({ accepted: 0, unchanged: 1 });
    await deliver(store, [earlier]);
    const version = (await history(store))[0]?.events?.[0]?.versions[0];
    expect(version?.observedAt).toBe(earlier.observedAt);
  });

  test.concurrent('an event naming no pod uid joins the incarnation live at its time', async ({ expect }) => {
    const store = await fresh();
    const nextRv = revisions();
    const old = deleteAfter(healthyStart({ ...POD, uid: 'uid-old', createdAt: 0 }, nextRv), 100);
    const current = healthyStart({ ...POD, uid: 'uid-new', createdAt: 200 }, nextRv);
    await deliver(store, [...old.events, ...current.events]);
    const unnamed = (uid: string, first: number) =>
      eventVersion({ uid, pod: POD, reason: 'TaintManagerEviction', first }, String(6000 + first));
    await deliver(store, [unnamed('ev-then', 50), unnamed('ev-now', 250)]);
    const byUid = Object.fromEntries(
      (await history(store)).map((h) => [h.pod.uid, h.events?.map((e) => e.uid)]),
    );
    expect(byUid).toEqual({ 'uid-new': ['ev-now'], 'uid-old': ['ev-then'] });
    // By uid too: the uid's own events and the unnamed ones of its time.
    const one = await store.getPodHistory({
      cluster: CLUSTER,
      namespace: 'default',
      name: POD.name,
      uid: 'uid-old',
    });
    expect(one.items[0]?.events?.map((e) => e.uid)).toEqual(['ev-then']);
  });
});

async function slim(event: WireEvent) {
  const { parseBatch } = await import('../../functions/ingest/parse-batch.js');
  const { batch } = parseBatch({ cluster: CLUSTER, agent: { id: 'a', version: '1' }, events: [event] });
  const version = batch.events?.[0];
  if (version === undefined) throw new Error('the test event was rejected');
  return version;
}
