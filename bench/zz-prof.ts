import { parseBatch } from '../functions/ingest/parse-batch.js';
import { decodeBody } from '../functions/store/codec.js';
import { createStore } from '../functions/store/dynamodb-store.js';
import { itemSize, writeUnits } from '../functions/store/item-size.js';
import { createMemoryTable } from '../functions/store/memory-table.js';
import { at } from '../test/support/event-builders.js';
import { churnTrace } from './ingest-trace.js';

const pods = Number(process.argv[2] ?? 400);
const raw = churnTrace(42, pods);
const { slimPod } = await import('../agent/slim-pod.js');
const { asForwarded } = await import('./ingest-trace.js');
const trace = process.argv[3] === 'agent' ? { ...raw, events: asForwarded(raw.events, slimPod) } : raw;
const table = createMemoryTable();
const byKind = new Map<string, { n: number; wcu: number; bytes: number }>();
const put = table.put.bind(table);
(table as any).put = async (item: any, cond: any) => {
  const kind =
    String(item.pk).split('#')[0] +
    (item.sk === 'H' ? 'H' : String(item.sk).startsWith('R#') ? 'R' : '') +
    (item.dead ? '-dead' : '');
  const e = byKind.get(kind) ?? { n: 0, wcu: 0, bytes: 0 };
  e.n++;
  e.wcu += writeUnits(itemSize(item));
  e.bytes += itemSize(item);
  byKind.set(kind, e);
  return put(item, cond);
};
const store = createStore({ table, now: () => Date.parse(at(90000)) });
const batches: any[] = [];
let cur: any[] = [];
let started = 0;
for (const e of trace.events) {
  const t = Date.parse(e.observedAt);
  if (cur.length && (cur.length >= 500 || t - started >= 1000)) {
    batches.push(cur);
    cur = [];
  }
  if (!cur.length) started = t;
  cur.push(e);
}
batches.push(cur);
for (const events of batches) {
  const { batch } = parseBatch({ cluster: 'b', agent: { id: 'a', version: '1' }, events });
  await store.recordBatch(batch);
}
let transitions = 0;
let cursor: any;
for (;;) {
  const s = await store.listPodsSeen({
    cluster: 'b',
    since: at(-3600),
    until: at(90000),
    limit: 1000,
    ...(cursor ? { cursor } : {}),
  });
  for (const p of s.items) transitions += p.entries ?? 0;
  cursor = s.next;
  if (!cursor) break;
}
console.log(
  'events',
  trace.events.length,
  'batches',
  batches.length,
  'transitions',
  transitions,
  table.meter,
  'wcu/transition',
  (table.meter.writeUnits / transitions).toFixed(2),
);
for (const [k, v] of [...byKind].sort((a, b) => b[1].wcu - a[1].wcu))
  console.log(k.padEnd(10), v.n, v.wcu, Math.round(v.bytes / v.n));

import { inflateRawSync } from 'node:zlib';

const heads = table
  .dump()
  .filter((i) => i.sk === 'H')
  .map((i) => ({ size: itemSize(i), body: decodeBody<any>(i.d as Uint8Array) }));
heads.sort((a, b) => b.size - a.size);
for (const h of [heads[0], heads[Math.floor(heads.length / 2)]]) {
  const b = h!.body;
  console.log(
    'head',
    h!.size,
    'json',
    JSON.stringify(b).length,
    'agg',
    JSON.stringify(b.agg).length,
    'tail',
    b.tail.length,
    JSON.stringify(b.tail).length,
    'pending',
    JSON.stringify(b.pending).length,
  );
  console.log(JSON.stringify(b.tail[0]));
  console.log(JSON.stringify(b.agg));
}

import { deflateRawSync } from 'node:zlib';

const sample = JSON.stringify(heads[Math.floor(heads.length / 3)]!.body);
const dict = (await import('../functions/store/codec-dictionary.js')).DICTIONARY;
let plain = 0,
  withDict = 0;
for (const h of heads) {
  const j = Buffer.from(JSON.stringify(h.body));
  plain += deflateRawSync(j).length;
  withDict += deflateRawSync(j, { dictionary: dict }).length;
}
console.log(
  'avg deflate',
  Math.round(plain / heads.length),
  'with dict',
  Math.round(withDict / heads.length),
);
