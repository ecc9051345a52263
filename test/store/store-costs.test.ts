import { expect, test } from 'vitest';
import { itemSize } from '../../functions/store/item-size.js';
import { createMemoryTable } from '../../functions/store/memory-table.js';
import { clusterHistory } from '../ingest/cluster-history.js';
import { crashLoop } from '../ingest/lifecycles.js';
import { at, revisions, T0 } from '../support/event-builders.js';
import { CLUSTER, deliver, storeOn } from './convergence-support.js';

/** The cost properties the design promises (design.md §6, §12), checked on the in-memory table. */
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
  // By uid alone, one GetItem finds the name first.
  const byUid = await store.getTimeline({ cluster: CLUSTER, uid: 'uid-long' });
  expect(byUid.items).toEqual(history.items[0]?.entries);
  expect(byUid.stats.requests).toBe(3);
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
