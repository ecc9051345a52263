import { parseBatch } from '../functions/ingest/parse-batch.js';
import { createStore } from '../functions/store/dynamodb-store.js';
import { createMemoryTable } from '../functions/store/memory-table.js';
import { at } from '../test/support/event-builders.js';
import { churnTrace } from './ingest-trace.js';
const trace = churnTrace(42, 400);
console.log('events', trace.events.length);
const table = createMemoryTable();
const store = createStore({ table, now: () => Date.parse(at(90000)) });
let t = Date.now();
const batches: any[] = [];
for (let i = 0; i < trace.events.length; i += 50) batches.push(trace.events.slice(i, i + 50));
let parse = 0, rec = 0;
for (const events of batches) {
  const a = Date.now();
  const { batch } = parseBatch({ cluster: 'b', agent: { id: 'a', version: '1' }, events });
  const b = Date.now();
  await store.recordBatch(batch);
  parse += b - a; rec += Date.now() - b;
}
console.log('parse', parse, 'record', rec, table.meter);
