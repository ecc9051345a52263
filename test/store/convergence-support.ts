import type { WireEvent } from '../../functions/domain/wire-format.js';
import { parseBatch } from '../../functions/ingest/parse-batch.js';
import { createStore } from '../../functions/store/dynamodb-store.js';
import type { Store } from '../../functions/store/port.js';
import { decodeItemBody } from '../../functions/store/schema/body-codec.js';
import { REGISTRY_PK } from '../../functions/store/schema/keys.js';
import {
  type Item,
  StoreUnavailableError,
  type TableClient,
} from '../../functions/store/table/table-client.js';
import { batch, shuffle } from '../support/event-builders.js';

export const CLUSTER = 'prod-eu-1';

/** Deliver events in batches of the given sizes (cycled), through the ingest's own parser. */
export async function deliver(
  store: Store,
  events: readonly WireEvent[],
  sizes: readonly number[] = [1],
  cluster = CLUSTER,
): Promise<void> {
  let i = 0;
  let n = 0;
  while (i < events.length) {
    const size = Math.max(1, sizes[n++ % sizes.length] ?? 1);
    const { batch: parsed, rejected } = parseBatch(batch(cluster, events.slice(i, i + size)));
    if (rejected.length > 0) throw new Error(`test events rejected: ${JSON.stringify(rejected)}`);
    await store.recordBatch(parsed);
    i += size;
  }
}

export function randomSizes(random: () => number, count = 16, max = 12): number[] {
  return Array.from({ length: count }, () => 1 + Math.floor(random() * max));
}

/** The same events, each delivered `times` times, with later (never earlier) observedAt on copies. */
export function duplicated(events: readonly WireEvent[], times: number, random: () => number): WireEvent[] {
  const copies: WireEvent[] = [];
  for (let t = 0; t < times; t++) {
    for (const e of events) {
      const delay = t === 0 ? 0 : Math.floor(random() * 5000);
      copies.push({ ...e, observedAt: new Date(Date.parse(e.observedAt) + delay).toISOString() });
    }
  }
  return shuffle(copies, random);
}

/**
 * The stored state, as a comparable value: every item except tombstones, with its body decoded and
 * the bookkeeping that legitimately depends on history removed — versions (v, pv: how many commits
 * happened) and the head's pending list (what the last commit wrote). The cluster registry (K) is
 * last-contact information — the newest observedAt of any delivery, later duplicates included — and
 * is checked on its own.
 */
export function canonical(items: readonly Item[]): unknown[] {
  return [...items]
    .filter((i) => i.dead !== true && i.pk !== REGISTRY_PK)
    .sort((a, b) => compare(String(a.pk), String(b.pk)) || compare(String(a.sk), String(b.sk)))
    .map((item) => {
      const { v: _v, pv: _pv, d, ...rest } = item;
      if (!(d instanceof Uint8Array)) return rest;
      const body = decodeItemBody<Record<string, unknown>>(d);
      const { pending: _pending, ...kept } = body;
      return { ...rest, d: kept };
    });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A table whose writer "dies" at the `failAt`-th call: that call throws (after taking effect when
 * `after`), and so does every later one, as if the process were gone.
 */
export function dyingTable(inner: TableClient, failAt: number, after: boolean): TableClient {
  let calls = 0;
  const wrap =
    <A extends unknown[], R>(op: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      calls++;
      if (calls < failAt) return op(...args);
      if (calls === failAt && after) await op(...args);
      throw new StoreUnavailableError(`injected crash at store call ${failAt}`);
    };
  return {
    get: wrap(inner.get.bind(inner)),
    batchGet: wrap(inner.batchGet.bind(inner)),
    put: wrap(inner.put.bind(inner)),
    delete: wrap(inner.delete.bind(inner)),
    batchPut: wrap(inner.batchPut.bind(inner)),
    query: wrap(inner.query.bind(inner)),
  };
}

export function storeOn(table: TableClient, now: () => number): Store {
  return createStore({ table, now });
}
