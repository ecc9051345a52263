import { describe, expect, test } from 'vitest';
import { parseBatch } from '../../functions/ingest/parse-batch.js';
import { createStore } from '../../functions/store/dynamodb-store.js';
import type { Item, TableClient } from '../../functions/store/table/table-client.js';
import { queryApp } from '../query/query-app.js';
import { at, batch, podEvent, podObject, syncEvent, T0 } from '../support/event-builders.js';
import { createMemoryTable } from '../support/memory-table.js';
import { ingestApp } from './ingest-app.js';

/**
 * `podtrail clusters` freshness (issue 16): the registry knows a cluster's newest event to the
 * minute, SYNCs included, without a registry write per batch; GET /v1/clusters calls a cluster
 * stale only when nothing has come for 10 minutes.
 */

/** The memory table, counting the puts of cluster registry entries (K / <cluster>). */
function registryCountingTable() {
  const table = createMemoryTable();
  let registryPuts = 0;
  const counting: TableClient = {
    ...table,
    put(item: Item, condition) {
      if (item.pk === 'K' && item.sk !== '!clusters') registryPuts++;
      return table.put(item, condition);
    },
  };
  return { table: counting, registryPuts: () => registryPuts };
}

const web = (rv: number, seconds: number) =>
  podEvent('MODIFIED', seconds, podObject({ name: 'web-0', uid: 'uid-7', createdAt: 0 }, {}, String(rv)));

interface ClustersBody {
  clusters: { cluster: string; lastEventAt: string; lastSyncAt?: string; stale: boolean }[];
}

async function clusters(app: ReturnType<typeof ingestApp>, now: number): Promise<ClustersBody['clusters']> {
  const res = await queryApp(app.store, { now }).get('/v1/clusters');
  return (res.json as unknown as ClustersBody).clusters;
}

describe('cluster freshness', () => {
  test('a cluster whose SYNC came 21 s ago is Recording, and its last event is that SYNC', async () => {
    const app = ingestApp();
    await app.post(batch('prod-eu-1', [web(5, 30)]));
    await app.post(batch('prod-eu-1', [syncEvent(599, '9', ['uid-7'])]));
    const [summary] = await clusters(app, T0 + 620_000);
    expect(summary).toMatchObject({
      cluster: 'prod-eu-1',
      lastEventAt: at(599),
      lastSyncAt: at(599),
      stale: false,
    });
  });

  test('a busy cluster: the last event is exact to the minute, with one registry write per minute', async () => {
    const { table, registryPuts } = registryCountingTable();
    const app = ingestApp({ table });
    // One batch every 4 s for two minutes: 30 batches, 10:00:00 … 10:01:56.
    for (let i = 0; i < 30; i++) await app.post(batch('prod-eu-1', [web(10 + i, i * 4)]));
    const [summary] = await clusters(app, T0 + 120_000);
    const behindMs = T0 + 116_000 - Date.parse(summary?.lastEventAt ?? '');
    expect(behindMs).toBeGreaterThanOrEqual(0);
    expect(behindMs).toBeLessThan(60_000);
    expect(summary?.stale).toBe(false);
    // 10:00 and 10:01: one write each, whatever the number of batches.
    expect(registryPuts()).toBe(2);
  });

  test('a deployment may trade exactness for cost (registryIntervalSeconds): one write per 10 minutes', async () => {
    const { table, registryPuts } = registryCountingTable();
    const store = createStore({ table, now: () => T0 + 3_600_000, registryIntervalMs: 600_000 });
    for (let i = 0; i < 30; i++)
      await store.recordBatch(parseBatch(batch('prod-eu-1', [web(10 + i, i * 4)])).batch);
    expect(registryPuts()).toBe(1);
  });

  test('stale after 10 minutes of silence, not before', async () => {
    const app = ingestApp();
    await app.post(batch('prod-eu-1', [web(5, 125)]));
    expect((await clusters(app, T0 + 125_000 + 599_000))[0]?.stale).toBe(false);
    expect((await clusters(app, T0 + 125_000 + 601_000))[0]?.stale).toBe(true);
  });

  test('an older batch arriving late does not move the last event back', async () => {
    const app = ingestApp();
    await app.post(batch('prod-eu-1', [web(9, 300)]));
    await app.post(batch('prod-eu-1', [web(5, 30)]));
    expect((await clusters(app, T0 + 310_000))[0]?.lastEventAt).toBe(at(300));
  });
});
