import { expect, test } from 'vitest';
import { restartTime } from '../../functions/domain/restart-ledger.js';
import { itemSize } from '../../functions/store/table/item-size.js';
import { clusterHistory } from '../ingest/cluster-history.js';
import { crashLoop, deleteAfter, healthyStart } from '../ingest/lifecycles.js';
import { at, revisions, T0 } from '../support/event-builders.js';
import { createMemoryTable } from '../support/memory-table.js';
import { CLUSTER, deliver, storeOn } from './convergence-support.js';

/** The cost properties the design promises (docs/benchmarks.md), checked on the in-memory table. */
const NOW = () => T0 + 3 * 86_400_000;

test('a 1,000-transition timeline is read with 2 requests: the name partition, and gaps', async () => {
  const table = createMemoryTable();
  const store = storeOn(table, NOW);
  const events = crashLoop({ name: 'api-1', uid: 'uid-long', createdAt: 0 }, revisions(), 334).events;
  await deliver(store, events, [50]);
  const history = await store.getPodHistory({ cluster: CLUSTER, namespace: 'default', name: 'api-1' });
  expect(history.items.map((h) => [h.pod.uid, h.complete])).toEqual([['uid-long', true]]);
  expect(history.items[0]?.entries.length).toBeGreaterThanOrEqual(1000);
  expect(history.stats.requests).toBe(2);
  // By uid alone, one GetItem finds the name first; then, at once, the uid's items, the events that
  // named no pod uid (they may belong to it), and gaps.
  const byUid = await store.getTimeline({ cluster: CLUSTER, uid: 'uid-long' });
  expect(byUid.items).toEqual(history.items[0]?.entries);
  expect(byUid.stats.requests).toBe(4);
});

test('items stay small: heads and index items under 1 KB, nothing over 4 KB but SYNC uid lists', async () => {
  const table = createMemoryTable();
  await deliver(storeOn(table, NOW), clusterHistory(99, 20).events, [7]);
  const sizes = table.dump().map((i) => ({ pk: String(i.pk), sk: String(i.sk), size: itemSize(i) }));
  const notChunks = sizes.filter((s) => !s.pk.startsWith('Y#'));
  expect(Math.max(...notChunks.map((s) => s.size))).toBeLessThan(4096);
  const heads = sizes.filter((s) => s.sk.endsWith('#H'));
  expect(heads.length).toBeGreaterThan(0);
  expect(heads.filter((s) => s.size > 1024).length / heads.length).toBeLessThan(0.1);
  const index = sizes.filter((s) => /^[LSUXE]#/.test(s.pk));
  expect(Math.max(...index.map((s) => s.size))).toBeLessThan(1024);
});

test('a restart report reads only the restarts in its window', async () => {
  const table = createMemoryTable();
  const store = storeOn(table, NOW);
  const nextRv = revisions();
  for (let i = 0; i < 6; i++)
    await deliver(
      store,
      crashLoop({ name: `w-${i}`, uid: `u-${i}`, createdAt: i * 900 }, nextRv, 8).events,
      [20],
    );
  const window = { since: at(1800), until: at(3600) };
  let read = 0;
  const found: string[] = [];
  let cursor: unknown;
  for (let page = 0; page < 50; page++) {
    const result = await store.listRestarts({
      ...window,
      limit: 1000,
      ...(cursor === undefined ? {} : { cursor }),
    });
    read += result.stats.itemsRead;
    found.push(...result.items.map((r) => `${r.uid}/${r.restartCount}`));
    cursor = result.next;
    if (cursor === undefined) break;
  }
  expect(found.length).toBeGreaterThan(5);
  expect(read / found.length).toBeLessThanOrEqual(1.2);
});

test("one cluster's restart report reads that cluster's restarts only, the fleet's one item more", async () => {
  const table = createMemoryTable();
  const store = storeOn(table, NOW);
  const nextRv = revisions();
  for (let c = 0; c < 5; c++)
    for (let i = 0; i < 3; i++)
      await deliver(
        store,
        crashLoop({ name: `w-${c}-${i}`, uid: `u-${c}-${i}`, createdAt: i * 600 }, nextRv, 6).events,
        [20],
        `cluster-${c}`,
      );
  const window = { since: at(0), until: at(86_400) };
  const one = await store.listRestarts({ ...window, cluster: 'cluster-2', limit: 1000 });
  expect(new Set(one.items.map((r) => r.cluster))).toEqual(new Set(['cluster-2']));
  expect(one.items.length).toBeGreaterThan(10);
  expect(one.stats.itemsRead).toBe(one.items.length);
  const fleet = await store.listRestarts({ ...window, limit: 1000 });
  expect(fleet.items.length).toBe(5 * one.items.length);
  // The cluster list, then exactly the restarts.
  expect(fleet.stats.itemsRead).toBe(fleet.items.length + 1);
  expect(fleet.items.map((r) => restartTime(r))).toEqual(fleet.items.map((r) => restartTime(r)).sort());
});

test('a deleted pod is still found by uid alone: its live-pods item stays, marked gone', async () => {
  const table = createMemoryTable();
  const store = storeOn(table, NOW);
  const nextRv = revisions();
  await deliver(
    store,
    deleteAfter(healthyStart({ name: 'web-1', uid: 'uid-del', createdAt: 0 }, nextRv), 60).events,
  );
  expect(await store.locatePod({ cluster: CLUSTER, uid: 'uid-del' })).toEqual({
    namespace: 'default',
    name: 'web-1',
  });
  const timeline = await store.getTimeline({ cluster: CLUSTER, uid: 'uid-del' });
  expect(timeline.items.at(-1)?.kind).toBe('deleted');
  expect((await store.listLivePods({ cluster: CLUSTER })).items).toEqual([]);
  expect(await store.locatePod({ cluster: CLUSTER, uid: 'uid-nope' })).toBeUndefined();
});
