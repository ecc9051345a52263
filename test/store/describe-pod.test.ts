import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Store } from '../../functions/store/port.js';
import { deleteAfter, healthyStart } from '../ingest/lifecycles.js';
import { type Backend, type Backends, openBackend } from '../support/dynamodb-stores.js';
import { at, eventVersion, revisions, T0 } from '../support/event-builders.js';
import { CLUSTER, deliver } from './convergence-support.js';

/**
 * Access pattern 8 on every backend: a pod as of a moment — the newest observation at or before it
 * with its describe card and extras, each event as of its newest version by then — in at most two
 * Queries, the incarnation chosen by uid, by moment, or the newest.
 */
const NOW = T0 + 2 * 3600_000;
const POD = { namespace: 'default', name: 'web-1' };
const pulled = (count: number, rv: string, podUid = 'uid-a') =>
  eventVersion(
    {
      uid: `ev-${podUid}`,
      pod: { ...POD, uid: podUid },
      reason: 'Pulled',
      first: 2,
      last: 2 + 10 * count,
      count,
    },
    rv,
  );

describe.each(['memory', 'dynalite', 'dynamodb-local'] as Backend[])('describePod on %s', (backend) => {
  let backends: Backends;
  beforeAll(async () => {
    backends = await openBackend(backend);
  });
  afterAll(() => backends.stop());
  const fresh = async (): Promise<Store> => (await backends.fresh(() => NOW)).store;
  const recordTwoIncarnations = async (store: Store) => {
    await deliver(
      store,
      deleteAfter(healthyStart({ ...POD, uid: 'uid-a', createdAt: 0 }, revisions()), 100).events,
    );
    await deliver(store, healthyStart({ ...POD, uid: 'uid-b', createdAt: 200 }, revisions(3000)).events);
    await deliver(store, [pulled(1, '5001'), pulled(2, '5002'), pulled(3, '5003')]);
  };

  test.concurrent('by default, the newest incarnation as last seen, listing every incarnation', async ({
    expect,
  }) => {
    const store = await fresh();
    await recordTwoIncarnations(store);
    const described = await store.describePod({ cluster: CLUSTER, ...POD });
    expect(described?.incarnation.uid).toBe('uid-b');
    expect(described?.at).toBe(described?.incarnation.lastSeenAt);
    expect(described?.incarnations.map((p) => p.uid)).toEqual(['uid-b', 'uid-a']);
    expect(described?.pod).toMatchObject({
      metadata: { name: 'web-1', namespace: 'default', uid: 'uid-b' },
      status: { phase: 'Running', containerStatuses: [{ name: 'app', ready: true }] },
    });
    expect(described?.stats.requests).toBe(1);
  });

  test.concurrent("a deleted incarnation is described as of its deletion, with its events' counts then", async ({
    expect,
  }) => {
    const store = await fresh();
    await recordTwoIncarnations(store);
    const gone = await store.describePod({ cluster: CLUSTER, ...POD, uid: 'uid-a' });
    expect(gone?.incarnation.endedBy).toBe('deleted');
    expect(gone?.at).toBe(gone?.incarnation.endedAt);
    expect(gone?.pod?.metadata).toMatchObject({ uid: 'uid-a', deletionTimestamp: expect.any(String) });
    expect(gone?.events.map((e) => e.count)).toEqual([3]);
    expect(gone?.stats.requests).toBe(1);
    expect(gone?.incarnations.map((p) => p.uid)).toEqual(['uid-b', 'uid-a']);
    const early = await store.describePod({ cluster: CLUSTER, ...POD, uid: 'uid-a', at: at(14) });
    expect(early?.events.map((e) => e.count)).toEqual([1]);
    expect(early?.pod?.status).toMatchObject({ phase: 'Running' });
    const starting = await store.describePod({ cluster: CLUSTER, ...POD, uid: 'uid-a', at: at(1.5) });
    expect(starting?.events).toEqual([]);
    expect(starting?.pod?.status).toMatchObject({
      containerStatuses: [{ state: { waiting: { reason: 'ContainerCreating' } } }],
    });
  });

  test.concurrent('a moment picks the incarnation live then; before any, nothing was observed', async ({
    expect,
  }) => {
    const store = await fresh();
    await recordTwoIncarnations(store);
    expect((await store.describePod({ cluster: CLUSTER, ...POD, at: at(50) }))?.incarnation.uid).toBe(
      'uid-a',
    );
    const before = await store.describePod({ cluster: CLUSTER, ...POD, at: at(-50) });
    expect(before?.incarnation.uid).toBe('uid-b');
    expect(before?.pod).toBeUndefined();
    expect(await store.describePod({ cluster: CLUSTER, ...POD, name: 'nobody' })).toBeUndefined();
  });
});
