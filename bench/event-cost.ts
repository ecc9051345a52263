/**
 * Write cost of recording pod Events: podtrail's store (every version one item, slimmed and
 * compressed, under the pod it names) beside a naive recorder that stores every version's full
 * object as served (managedFields and all), on the same reproducible event stream, in one run.
 *
 *   npx tsx bench/event-cost.ts [--pods 2000] [--seed 7]
 *
 * The stream follows what the kubelet's and the scheduler's recorders emit (reference: the legacy
 * recorder updates one Event object per repeated reason+message, bumping count and lastTimestamp):
 * every pod Scheduled, Pulling, Pulled, Created, Started; 10 % crash-looping (BackOff, Pulled
 * "already present", Created, Started repeated, each repeat a new version); 3 % failing to pull
 * (Failed, BackOff, repeated); 5 % with readiness probe failures (Unhealthy, repeated); 20 %
 * deleted (Killing). Each version is delivered once, in batches of 100 as the agent sends them.
 */
import { parseArgs } from 'node:util';
import { parseBatch } from '../functions/ingest/parse-batch.js';
import { createStore } from '../functions/store/dynamodb-store.js';
import { itemSize, writeUnits } from '../functions/store/table/item-size.js';
import { seededRandom } from '../simulator/random.js';
import { createMemoryTable } from '../test/support/memory-table.js';
import { eventStream, T0 } from './event-stream.js';

const { values } = parseArgs({ options: { pods: { type: 'string' }, seed: { type: 'string' } } });
const PODS = Number(values.pods ?? 2000);
const random = seededRandom(Number(values.seed ?? 7));
async function main(): Promise<void> {
  const { events, versions, eventsCount } = eventStream(PODS, random);
  const table = createMemoryTable();
  const store = createStore({ table, now: () => T0 + 86_400_000 });
  let naiveUnits = 0;
  let naiveBytes = 0;
  for (let i = 0; i < events.length; i += 100) {
    const slice = events.slice(i, i + 100);
    for (const e of slice) {
      const size = itemSize({ pk: 'V#cluster#uid', sk: `${e.observedAt}#rv`, o: JSON.stringify(e.event) });
      naiveBytes += size;
      naiveUnits += writeUnits(size);
    }
    const { batch, rejected } = parseBatch({
      cluster: 'prod-eu-1',
      agent: { id: 'bench', version: '0' },
      events: slice,
    });
    if (rejected.length > 0) throw new Error(`rejected: ${JSON.stringify(rejected[0])}`);
    await store.recordBatch(batch);
  }
  const stored = table.dump().filter((i) => String(i.sk).includes('#V#'));
  const storedBytes = stored.reduce((n, i) => n + itemSize(i), 0);
  const eventUnits = table.meter.writeUnits - registryUnits(table);
  const rows: [string, string, string][] = [
    ['event versions (events)', `${versions} (${eventsCount})`, `${versions} (${eventsCount})`],
    ['average item, bytes', (naiveBytes / versions).toFixed(0), (storedBytes / stored.length).toFixed(0)],
    ['write units, total', String(naiveUnits), String(eventUnits)],
    [
      'write units per stored event version (target ≤ 1.2)',
      (naiveUnits / versions).toFixed(2),
      `**${(eventUnits / versions).toFixed(2)}**`,
    ],
    [
      'write units vs naive (target ≤ 40 %)',
      '100 %',
      `**${((100 * eventUnits) / naiveUnits).toFixed(1)} %**`,
    ],
  ];
  console.log('| | naive recorder of full Event objects | podtrail |');
  console.log('|---|---:|---:|');
  for (const [label, naive, ours] of rows) console.log(`| ${label} | ${naive} | ${ours} |`);
}

/** The cluster registry's own writes (a few per run), which are not about events. */
function registryUnits(table: ReturnType<typeof createMemoryTable>): number {
  return table
    .dump()
    .filter((i) => i.pk === 'K')
    .reduce((n, i) => n + writeUnits(itemSize(i)), 0);
}

await main();
