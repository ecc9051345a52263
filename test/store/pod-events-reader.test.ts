import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WireEvent } from '../../functions/domain/wire-format.js';
import { createStore } from '../../functions/store/dynamodb-store.js';
import type { PodIdentity, Store } from '../../functions/store/port.js';
import { deleteAfter, healthyStart } from '../ingest/lifecycles.js';
import { type Backend, type Backends, openBackend } from '../support/dynamodb-stores.js';
import { eventVersion, revisions, T0 } from '../support/event-builders.js';
import { createMemoryTable } from '../support/memory-table.js';
import { CLUSTER, deliver } from './convergence-support.js';

/**
 * podEvents: the events of pods a report already has (startup, restarts), on every backend, and
 * what it costs (the memory table's meter: DynamoDB's request and read-unit rules).
 */
const NOW = T0 + 2 * 3600_000;
const ref = (name: string, uid: string): PodIdentity => ({
  cluster: CLUSTER,
  namespace: 'default',
  name,
  uid,
});
const pulled = (pod: { name: string; uid?: string }, uid: string, first: number, rv: string): WireEvent =>
  eventVersion(
    {
      uid,
      pod,
      reason: 'Pulled',
      first,
      fieldPath: 'spec.containers{app}',
      message: 'Successfully pulled image "x" in 1.5s (1.5s including waiting). Image size: 10 bytes.',
    },
    rv,
  );

describe.each(['memory', 'dynalite', 'dynamodb-local'] as Backend[])('podEvents on %s', (backend) => {
  let backends: Backends;
  beforeAll(async () => {
    backends = await openBackend(backend);
  });
  afterAll(() => backends.stop());
  const fresh = async (): Promise<Store> => (await backends.fresh(() => NOW)).store;

  test.concurrent('reads each pod’s events in the order given, unnamed ones by time; unknown pods are left out', async ({
    expect,
  }) => {
    const store = await fresh();
    const nextRv = revisions();
    const old = deleteAfter(healthyStart({ name: 'web-1', uid: 'uid-old', createdAt: 0 }, nextRv), 100);
    const current = healthyStart({ name: 'web-1', uid: 'uid-new', createdAt: 200 }, nextRv);
    const other = healthyStart({ name: 'api-1', uid: 'uid-api', createdAt: 0 }, nextRv);
    await deliver(store, [...old.events, ...current.events, ...other.events]);
    await deliver(store, [
      pulled({ name: 'web-1', uid: 'uid-old' }, 'ev-old', 1, '7001'),
      pulled({ name: 'web-1', uid: 'uid-new' }, 'ev-new', 201, '7002'),
      pulled({ name: 'api-1', uid: 'uid-api' }, 'ev-api', 1, '7003'),
      eventVersion(
        { uid: 'ev-unnamed', pod: { name: 'web-1' }, reason: 'TaintManagerEviction', first: 250 },
        '7004',
      ),
    ]);
    const read = await store.podEvents({
      pods: [
        ref('web-1', 'uid-new'),
        ref('gone-1', 'uid-gone'),
        ref('api-1', 'uid-api'),
        ref('web-1', 'uid-old'),
      ],
    });
    expect(read.items.map((i) => [i.pod.uid, i.events.map((e) => e.uid)])).toEqual([
      ['uid-new', ['ev-new', 'ev-unnamed']],
      ['uid-api', ['ev-api']],
      ['uid-old', ['ev-old']],
    ]);
    expect(read.items[0]?.pod).toMatchObject({ name: 'web-1', createdAt: expect.any(String) });
    expect(read.next).toBeUndefined();
  });
});

test('costs one BatchGetItem per 100 pods and two Queries per pod, and reads only their items', async () => {
  const table = createMemoryTable();
  const store = createStore({ table, now: () => NOW });
  const nextRv = revisions();
  const pods = Array.from({ length: 120 }, (_, i) => ref(`web-${i}`, `uid-${i}`));
  for (const [i, p] of pods.entries()) {
    await deliver(store, healthyStart({ name: p.name, uid: p.uid, createdAt: i }, nextRv).events, [5]);
    // Three events a pod, one of them with three versions.
    await deliver(store, [
      pulled(p, `ev-pull-${i}`, i + 1, nextRv()),
      eventVersion({ uid: `ev-st-${i}`, pod: p, reason: 'Started', first: i + 2 }, nextRv()),
      ...[1, 2, 3].map((count) =>
        eventVersion(
          {
            uid: `ev-un-${i}`,
            pod: p,
            reason: 'Unhealthy',
            type: 'Warning',
            first: i + 4,
            last: i + 4 + 10 * count,
            count,
          },
          nextRv(),
        ),
      ),
    ]);
  }
  const before = { requests: table.meter.requests, readUnits: table.meter.readUnits };
  const read = await store.podEvents({ pods });
  expect(read.items).toHaveLength(120);
  expect(read.items.every((i) => i.events.length === 3)).toBe(true);
  // 2 BatchGetItems (heads of 100 + 20 pods), then 2 Queries per pod.
  expect(table.meter.requests - before.requests).toBe(2 + 2 * 120);
  expect(read.stats).toEqual({ requests: 2 + 2 * 120, itemsRead: 120 + 5 * 120 });
  // Every item is under 1 KB: a head is 0.5 read units (eventually consistent), an event Query 0.5.
  expect(table.meter.readUnits - before.readUnits).toBeLessThanOrEqual(120 * 0.5 + 2 * 120 * 0.5);
});
