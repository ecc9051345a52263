import { slimPod } from '../agent/slim-pod.js';
import { parseBatch } from '../functions/ingest/parse-batch.js';
import { createStore } from '../functions/store/dynamodb-store.js';
import { decodeRegistryEntry } from '../functions/store/items/registry-items.js';
import type { Item, TableClient } from '../functions/store/table/table-client.js';
import { createMemoryTable } from '../test/support/memory-table.js';
import { agentBatches, asForwarded, BENCH_AGENT, churnTrace, fleetOptions } from './ingest-trace.js';

/**
 * What `podtrail clusters` freshness costs (docs/benchmarks.md, "Cluster freshness"): the churn
 * trace of bench/ingest-cost.ts as the agent forwards it (one batch per second of events, at most
 * 500), recorded three times in the same run on the in-memory table (whose write units match
 * DynamoDB Local's, see "Ingest"), with the cluster registry written at most once per 10 minutes
 * (the old interval), once per minute (now), and on every batch (what exactness per event would
 * cost). For each: registry write units (and per forwarded event), total write units, and how far
 * the stored last event lagged behind the newest accepted one, checked after every batch.
 *
 *   npx tsx bench/registry-freshness.ts [--pods 2000] [--clusters 4] [--seed 42]
 */
const { pods: PODS, seed: SEED, clusters: CLUSTERS } = fleetOptions();

const fleet = Array.from({ length: CLUSTERS }, (_, c) => {
  const sent = asForwarded(churnTrace(SEED + c, Math.round(PODS / CLUSTERS)).events, slimPod);
  return { cluster: `bench-${c}`, batches: agentBatches(sent), events: sent.length };
});
const events = fleet.reduce((n, c) => n + c.events, 0);
const batches = fleet.reduce((n, c) => n + c.batches.length, 0);

async function run(intervalMs: number) {
  const table = createMemoryTable();
  let registryUnits = 0;
  const counting: TableClient = {
    ...table,
    async put(item: Item, condition) {
      const before = table.meter.writeUnits;
      const outcome = await table.put(item, condition);
      if (item.pk === 'K' && item.sk !== '!clusters') registryUnits += table.meter.writeUnits - before;
      return outcome;
    },
  };
  const end = Date.parse('2026-11-25T00:00:00Z');
  const store = createStore({ table: counting, now: () => end, registryIntervalMs: intervalMs });
  let maxLagMs = 0;
  let lagSumMs = 0;
  let checks = 0;
  // Clusters one after another: the lag check reads the registry between a cluster's batches.
  for (const { cluster, batches: clusterBatches } of fleet) {
    let newest = 0;
    for (const sent of clusterBatches) {
      const { batch, rejected } = parseBatch({ cluster, agent: BENCH_AGENT, events: sent });
      if (rejected.length > 0) throw new Error(`rejected: ${JSON.stringify(rejected[0])}`);
      await store.recordBatch(batch);
      for (const e of sent) newest = Math.max(newest, Date.parse(e.observedAt));
      const entry = await table.get({ pk: 'K', sk: cluster }, true);
      if (entry === undefined) continue;
      const lag = newest - Date.parse(decodeRegistryEntry(entry).lastEventAt);
      maxLagMs = Math.max(maxLagMs, lag);
      lagSumMs += lag;
      checks++;
    }
  }
  return { registryUnits, writeUnits: table.meter.writeUnits, maxLagMs, meanLagMs: lagSumMs / checks };
}

const variants = [
  ['every 10 minutes (before)', 600_000],
  ['every minute (now)', 60_000],
  ['every batch (exact)', 1],
] as const;
console.error(`fleet: ${CLUSTERS} clusters, ${PODS} pods, ${events} forwarded events in ${batches} batches`);
const rows: string[][] = [];
for (const [name, intervalMs] of variants) {
  const r = await run(intervalMs);
  console.error(`${name} done`);
  rows.push([
    name,
    r.registryUnits.toLocaleString('en-US'),
    (r.registryUnits / events).toFixed(4),
    r.writeUnits.toLocaleString('en-US'),
    `${(r.maxLagMs / 1000).toFixed(0)} s`,
    `${(r.meanLagMs / 1000).toFixed(1)} s`,
  ]);
}
const header = [
  'registry written',
  'registry write units',
  'per forwarded event',
  'write units, total',
  'last event lag, max',
  'mean',
];
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
