import { parseBatch } from '../functions/ingest/parse-batch.js';
import { createStore } from '../functions/store/dynamodb-store.js';
import { createMemoryTable } from '../functions/store/memory-table.js';
import { itemSize, writeUnits } from '../functions/store/item-size.js';
import { at } from '../test/support/event-builders.js';
import { churnTrace } from './ingest-trace.js';
const pods = Number(process.argv[2] ?? 400);
const trace = churnTrace(42, pods);
const table = createMemoryTable();
const byKind = new Map<string, { n: number; wcu: number; bytes: number }>();
const put = table.put.bind(table);
(table as any).put = async (item: any, cond: any) => {
  const kind = String(item.pk).split('#')[0] + (item.sk === 'H' ? 'H' : String(item.sk).startsWith('R#') ? 'R' : '') + (item.dead ? '-dead' : '');
  const e = byKind.get(kind) ?? { n: 0, wcu: 0, bytes: 0 };
  e.n++; e.wcu += writeUnits(itemSize(item)); e.bytes += itemSize(item);
  byKind.set(kind, e);
  return put(item, cond);
};
const store = createStore({ table, now: () => Date.parse(at(90000)) });
const batches: any[] = [];
let cur: any[] = []; let started = 0;
for (const e of trace.events) { const t = Date.parse(e.observedAt); if (cur.length && (cur.length >= 500 || t - started >= 1000)) { batches.push(cur); cur = []; } if (!cur.length) started = t; cur.push(e); }
batches.push(cur);
for (const events of batches) {
  const { batch } = parseBatch({ cluster: 'b', agent: { id: 'a', version: '1' }, events });
  await store.recordBatch(batch);
}
let transitions = 0; let cursor: any;
for (;;) { const s = await store.listPodsSeen({ cluster: 'b', since: at(-3600), until: at(90000), limit: 1000, ...(cursor ? { cursor } : {}) }); for (const p of s.items) transitions += p.entries ?? 0; cursor = s.next; if (!cursor) break; }
console.log('events', trace.events.length, 'batches', batches.length, 'transitions', transitions, table.meter, 'wcu/transition', (table.meter.writeUnits / transitions).toFixed(2));
for (const [k, v] of [...byKind].sort((a, b) => b[1].wcu - a[1].wcu)) console.log(k.padEnd(10), v.n, v.wcu, Math.round(v.bytes / v.n));
