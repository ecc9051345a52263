import { parseBatch } from '../functions/ingest/parse-batch.js';
import { createStore } from '../functions/store/dynamodb-store.js';
import type { Item, TableClient } from '../functions/store/table/table-client.js';
import { seededRandom } from '../simulator/random.js';
import { crashLoopPod, oomKilledPod, steadyPod } from '../simulator/scenarios/index.js';
import { delayed, type PodScript } from '../simulator/script.js';
import { createMemoryTable } from '../test/support/memory-table.js';
import { batch, scriptEvents } from '../test/support/query-scenario-events.js';

/**
 * A synthetic fleet for the query benchmark: `clusters` clusters × `days` days; every cluster-day,
 * `podsPerDay` pods start at seeded times — in rotation, half crash-looping (3–6 restarts each), a
 * quarter OOM-killed twice, a quarter healthy — in three namespaces; plus one pod in the first cluster whose
 * readiness flaps 500 times (≈ 1,000 transitions). The events go through the real ingest code
 * (parseBatch + the store's recordBatch) into an in-memory table, then the resulting items are bulk
 * loaded into the real table: exactly what the ingest would have stored, at bulk-load speed.
 */
export interface FleetOptions {
  readonly clusters: number;
  readonly days: number;
  readonly podsPerDay: number;
  /** Midnight UTC of the first day, ms. */
  readonly startMs: number;
  readonly retentionDays: number;
  /** The store's clock (expiry, stale events). */
  readonly now: number;
}

export interface Fleet {
  readonly items: Item[];
  readonly events: number;
  readonly pods: number;
  /** The pod whose readiness flaps: the 1,000-transition timeline. */
  readonly flapper: {
    readonly cluster: string;
    readonly namespace: string;
    readonly name: string;
    readonly uid: string;
  };
  readonly ingestMs: number;
}

const NAMESPACES = ['shop', 'media', 'payments'] as const;
const DAY_MS = 86_400_000;
const BATCH_EVENTS = 2000;

export async function generateFleet(options: FleetOptions): Promise<Fleet> {
  const table = createMemoryTable();
  const store = createStore({ table, retentionDays: options.retentionDays, now: () => options.now });
  let events = 0;
  let pods = 0;
  let flapper: Fleet['flapper'] | undefined;
  const started = performance.now();
  for (let c = 0; c < options.clusters; c++) {
    const cluster = `prod-${String(c).padStart(2, '0')}`;
    const random = seededRandom(1000 + c);
    const scripts: PodScript[] = [];
    for (let d = 0; d < options.days; d++) {
      for (let p = 0; p < options.podsPerDay; p++) {
        const namespace = NAMESPACES[p % NAMESPACES.length]!;
        const podRandom = seededRandom(Math.floor(random() * 2 ** 32));
        const kind = (c + d + p) % 4;
        const script =
          kind === 0 || kind === 1
            ? crashLoopPod({ random: podRandom, namespace, crashes: 3 + Math.floor(podRandom() * 4) })
            : kind === 2
              ? oomKilledPod({ random: podRandom, namespace })
              : steadyPod({ random: podRandom, namespace, app: 'web' });
        scripts.push(delayed(script, d * DAY_MS + Math.floor(random() * (DAY_MS - 3_600_000))));
      }
    }
    if (c === 0) {
      const flaps = Array.from({ length: 500 }, (_, i) => 10_000 + i * 5_000);
      const script = steadyPod({
        random: seededRandom(7),
        namespace: 'shop',
        app: 'flapper',
        flapAtMs: flaps,
      });
      flapper = { cluster, namespace: script.namespace, name: script.name, uid: script.uid };
      scripts.push(delayed(script, Math.floor(options.days / 2) * DAY_MS));
    }
    pods += scripts.length;
    const generated = scriptEvents(scripts, { startMs: options.startMs });
    events += generated.events.length;
    for (let i = 0; i < generated.events.length; i += BATCH_EVENTS) {
      const parsed = parseBatch(batch(cluster, generated.events.slice(i, i + BATCH_EVENTS)));
      await store.recordBatch(parsed.batch);
    }
  }
  return { items: table.dump(), events, pods, flapper: flapper!, ingestMs: performance.now() - started };
}

/** Bulk load: BatchWriteItem, 25 items a request, `parallel` writers. */
export async function loadItems(table: TableClient, items: readonly Item[], parallel = 32): Promise<number> {
  const started = performance.now();
  const slice = Math.ceil(items.length / parallel);
  await Promise.all(
    Array.from({ length: parallel }, (_, i) => table.batchPut(items.slice(i * slice, (i + 1) * slice))),
  );
  return performance.now() - started;
}
