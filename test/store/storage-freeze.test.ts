import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { WireEvent } from '../../functions/domain/wire-format.js';
import { createStore } from '../../functions/store/dynamodb-store.js';
import { TABLE_DEFINITION } from '../../functions/store/schema/table-definition.js';
import type { Item } from '../../functions/store/table/table-client.js';
import { clusterHistory } from '../ingest/cluster-history.js';
import { badImagePod } from '../ingest/lifecycles.js';
import { revisions, T0 } from '../support/event-builders.js';
import { createMemoryTable, type MemoryTable } from '../support/memory-table.js';
import { deliver } from './convergence-support.js';

/**
 * Freezes the storage format and the request pattern of the write path, so that a change that
 * only moves code (the store's layers) cannot change one stored byte or add one table request
 * unnoticed. A changed hash is a behaviour change: it gets its own commit that says so, and the
 * new hash is pasted here with the reason.
 *
 * The body codec is deterministic and the write plan is pure, so the whole dump (versions,
 * pending lists, tombstones and the registry included) is a function of the deliveries.
 */
const NOW = T0 + 3 * 86_400_000;

async function record(events: readonly WireEvent[], sizes: readonly number[]): Promise<MemoryTable> {
  const table = createMemoryTable();
  await deliver(createStore({ table, now: () => NOW }), events, sizes);
  return table;
}

/** Every attribute of every item, in key order, attribute names sorted, binary as hex. */
function dumpDigest(items: readonly Item[]): string {
  const lines = items.map((item) =>
    JSON.stringify(
      Object.keys(item)
        .sort()
        .map((name) => {
          const value = item[name];
          return [name, value instanceof Uint8Array ? `hex:${Buffer.from(value).toString('hex')}` : value];
        }),
    ),
  );
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

const seedPod = () => badImagePod({ name: 'pod-phase', uid: 'uid-1', createdAt: 0 }, revisions()).events;

const DELIVERIES: Readonly<Record<string, () => Promise<MemoryTable>>> = {
  'cluster history, seed 1, batches of 1–7': () => record(clusterHistory(1, 10).events, [1, 7, 3]),
  'cluster history, seed 42, batches of 5': () => record(clusterHistory(42, 10).events, [5]),
  'cluster history, seed 2026, one event per batch': () => record(clusterHistory(2026, 10).events, [1]),
  "the seed's bad-image pod, one event per batch": () => record(seedPod(), [1]),
};

/**
 * sha256 of dumpDigest for each delivery above. Changed when observations gained per-container
 * ready/started/containerID/imageID, the pod's describe-only details (host IP, start time, QoS,
 * deletion) and the hashes of their describe card and extras, which are stored beside them
 * (`<uid>#C#…`, `<uid>#D#…`). Changed again when the cluster registry entry (K / <cluster>) began
 * to keep the newest accepted event's exact time, written at most once a minute instead of once per
 * 10-minute mark (issue 16, `podtrail clusters` freshness): only the K items differ.
 */
const FROZEN: Readonly<Record<keyof typeof DELIVERIES, string>> = {
  'cluster history, seed 1, batches of 1–7':
    '1370db597b0dea85c3bc703bb4e73a279fb8a42578226af384dca63766650295',
  'cluster history, seed 42, batches of 5':
    'c2bf91beed3d044540fb2d8cf86fe3dad806d3f33598ca500646210a9c1d1dd1',
  'cluster history, seed 2026, one event per batch':
    '26f9a5c16e68f2872a56468cc6386341b34402fdfc9afd805ee45952637cdd33',
  "the seed's bad-image pod, one event per batch":
    '63208367d8c1a5ce2636e3dc92baad102042074766c6cc9738066df0325812d5',
};

describe('storage format freeze', () => {
  it.each(Object.keys(DELIVERIES))('%s stores exactly the frozen bytes', async (name) => {
    const table = await (DELIVERIES[name] as () => Promise<MemoryTable>)();
    expect(dumpDigest(table.dump())).toBe(FROZEN[name]);
  });
});

describe('request freeze', () => {
  // 26 and 22 since the describe card (one: the pod's spec never changes; it has no extras); 28 and
  // 24 since the registry is written once a minute: the pod's 3 minutes cost 3 registry writes, not 1.
  it("the seed's bad-image pod, one event per batch, costs 28 requests and 24 write units", async () => {
    const table = await record(seedPod(), [1]);
    expect({ requests: table.meter.requests, writeUnits: table.meter.writeUnits }).toEqual({
      requests: 28,
      writeUnits: 24,
    });
  });
});

describe('every item expires, but the list of cluster names', () => {
  it.each(Object.keys(DELIVERIES))(
    '%s: each item carries the TTL attribute as epoch seconds',
    async (name) => {
      const table = await (DELIVERIES[name] as () => Promise<MemoryTable>)();
      const missing = table
        .dump()
        .filter((item) => !(item.pk === 'K' && item.sk === '!clusters'))
        .filter((item) => !Number.isInteger(item[TABLE_DEFINITION.ttlAttribute]))
        .map((item) => `${String(item.pk)} / ${String(item.sk)}`);
      expect(missing).toEqual([]);
    },
  );
});
