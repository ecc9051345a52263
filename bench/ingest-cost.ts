import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { WireEvent } from '../functions/domain/wire-format.js';
import { parseBatch } from '../functions/ingest/parse-batch.js';
import { createDynamoStore } from '../functions/store/dynamodb-store.js';
import { createDynamoTable } from '../functions/store/dynamodb-table.js';
import { ensureTable } from '../functions/store/ensure-table.js';
import { startServe } from '../local/serve.js';
import { bookOf } from '../local/serve-tokens.js';
import { createLocalServer } from '../local/server.js';
import { startDynamoDbLocal } from '../test/support/dynamodb-local.js';
import { at } from '../test/support/event-builders.js';
import { naiveHandler, recordNaively } from './ingest-naive.js';
import { churnTrace } from './ingest-trace.js';

/**
 * Ingest cost on a churn trace, side by side with a naive recorder, against DynamoDB Local with
 * ReturnConsumedCapacity (docs/benchmarks.md, "Ingest"):
 *   1. in process: write units per recorded transition, total write units vs naive, CPU ms per
 *      1,000 events (this process only: validation, slimming, planning, SDK);
 *   2. over HTTP through `podtrail serve` (and the naive recorder behind the same local server):
 *      events per second.
 * Batches are cut as the agent cuts them: one second of events, at most 500.
 */
const { values } = parseArgs({
  options: { pods: { type: 'string' }, seed: { type: 'string' }, senders: { type: 'string' } },
});
const PODS = Number(values.pods ?? 2000);
const SEED = Number(values.seed ?? 42);
const SENDERS = Number(values.senders ?? 4);
const CLUSTER = 'bench';
const AGENT = { id: 'podtrail-agent-bench', version: '0.1.0' };

function batches(events: readonly WireEvent[]): WireEvent[][] {
  const out: WireEvent[][] = [];
  let current: WireEvent[] = [];
  let started = '';
  for (const e of events) {
    const t = Date.parse(e.observedAt);
    if (current.length > 0 && (current.length >= 500 || t - Date.parse(started) >= 1000)) {
      out.push(current);
      current = [];
    }
    if (current.length === 0) started = e.observedAt;
    current.push(e);
  }
  if (current.length > 0) out.push(current);
  return out;
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function main() {
  const generated = Date.now();
  const trace = churnTrace(SEED, PODS);
  const cut = batches(trace.events);
  console.error(
    `trace: ${trace.pods} pods, ${trace.events.length} events (${trace.irrelevant} irrelevant), ${cut.length} batches, mean pod ${trace.meanPodBytes} B, generated in ${Date.now() - generated} ms`,
  );
  const emulator = await startDynamoDbLocal();
  const client = emulator.client();
  try {
    const now = () => Date.parse(at(86_400 + 3600));
    // 1. In process.
    await ensureTable(client, 'bench-ours');
    await ensureTable(client, 'bench-naive');
    const ours = createDynamoStore({ client, tableName: 'bench-ours', now });
    const naive = createDynamoTable({ client, tableName: 'bench-naive' });
    let cpu0 = cpu();
    let wall0 = Date.now();
    for (const events of cut) {
      const { batch } = parseBatch({ cluster: CLUSTER, agent: AGENT, events });
      await ours.recordBatch(batch);
    }
    const oursCpu = cpu() - cpu0;
    const oursWall = Date.now() - wall0;
    cpu0 = cpu();
    wall0 = Date.now();
    for (const events of cut)
      await recordNaively(naive, JSON.parse(JSON.stringify({ cluster: CLUSTER, agent: AGENT, events })));
    const naiveCpu = cpu() - cpu0;
    const naiveWall = Date.now() - wall0;

    let transitions = 0;
    let pods = 0;
    let cursor: unknown;
    for (let page = 0; page < 1000; page++) {
      const seen = await ours.listPodsSeen({
        cluster: CLUSTER,
        since: at(-3600),
        until: at(86_400 + 3600),
        limit: 1000,
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const p of seen.items) transitions += p.entries ?? 0;
      pods += seen.items.length;
      cursor = seen.next;
      if (cursor === undefined) break;
    }
    const events = trace.events.length;
    const result = {
      trace: {
        pods: trace.pods,
        events,
        irrelevant: trace.irrelevant,
        batches: cut.length,
        meanPodBytes: trace.meanPodBytes,
        podsRead: pods,
      },
      ours: {
        writeUnits: ours.meter.writeUnits,
        readUnits: ours.meter.readUnits,
        requests: ours.meter.requests,
        cpuMs: oursCpu,
        wallMs: oursWall,
      },
      naive: {
        writeUnits: naive.meter.writeUnits,
        requests: naive.meter.requests,
        cpuMs: naiveCpu,
        wallMs: naiveWall,
      },
      transitions,
      writeUnitsPerTransition: ours.meter.writeUnits / transitions,
      writeUnitsVsNaive: ours.meter.writeUnits / naive.meter.writeUnits,
      cpuMsPer1000Events: { ours: (oursCpu / events) * 1000, naive: (naiveCpu / events) * 1000 },
      http: await throughput(emulator.endpoint, client, cut, events),
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/ingest-cost.json', `${JSON.stringify(result, null, 2)}\n`);
    console.log(report(result));
  } finally {
    client.destroy();
    await emulator.stop();
  }
}

/** 2. Over HTTP: podtrail serve (on DynamoDB Local) and the naive recorder behind the same server. */
async function throughput(
  endpoint: string,
  client: ReturnType<typeof createDynamoStore>['client'],
  cut: WireEvent[][],
  events: number,
) {
  const token = 'bench-token-0123456789abcdef';
  const bodies = cut.map((e) =>
    gzipSync(Buffer.from(JSON.stringify({ cluster: CLUSTER, agent: AGENT, events: e }))),
  );
  const send = async (url: string) => {
    const started = Date.now();
    let next = 0;
    // Senders each take the next batch: like several clusters' agents posting at once.
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++] as Buffer;
          const response = await fetch(`${url}/v1/events`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'content-encoding': 'gzip',
              authorization: `Bearer ${token}`,
            },
            body: new Uint8Array(body),
          });
          if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
          await response.arrayBuffer();
        }
      }),
    );
    return Math.round(events / ((Date.now() - started) / 1000));
  };
  const dataDir = `bench/results/serve-${process.pid}`;
  const serve = await startServe({
    port: 0,
    dataDir,
    storeEndpoint: endpoint,
    table: 'bench-serve',
    env: { PODTRAIL_TOKEN: token },
    quiet: true,
    query: () => undefined,
  });
  const oursPerSecond = await send(serve.url);
  await serve.close();
  await ensureTable(client, 'bench-naive-http');
  const tokens = bookOf([{ name: 'default', token, clusters: ['*'] }], {
    name: 'default',
    token,
    clusters: ['*'],
  });
  const server = await createLocalServer({
    ingest: naiveHandler(createDynamoTable({ client, tableName: 'bench-naive-http' })),
    tokens,
    maxBodyBytes: 4 * 1024 * 1024,
  });
  const naivePerSecond = await send(server.url);
  await server.close();
  return { senders: SENDERS, oursEventsPerSecond: oursPerSecond, naiveEventsPerSecond: naivePerSecond };
}

function report(r: {
  trace: Record<string, number>;
  ours: Record<string, number>;
  naive: Record<string, number>;
  transitions: number;
  writeUnitsPerTransition: number;
  writeUnitsVsNaive: number;
  cpuMsPer1000Events: { ours: number; naive: number };
  http: { senders: number; oursEventsPerSecond: number; naiveEventsPerSecond: number };
}): string {
  const f = (n: number, d = 2) => n.toFixed(d);
  return [
    `| | podtrail ingest | naive recorder | target |`,
    `|---|---:|---:|---|`,
    `| write units, total | ${r.ours.writeUnits} | ${r.naive.writeUnits} | ≤ 20 % of naive: **${f(r.writeUnitsVsNaive * 100, 1)} %** |`,
    `| recorded transitions (timeline entries) | ${r.transitions} | — | |`,
    `| write units per recorded transition | **${f(r.writeUnitsPerTransition)}** | ${f((r.naive.writeUnits ?? 0) / r.transitions)} | ≤ 2 |`,
    `| read units, total | ${r.ours.readUnits} | 0 | |`,
    `| DynamoDB requests | ${r.ours.requests} | ${r.naive.requests} | |`,
    `| ingest CPU ms per 1,000 events | ${f(r.cpuMsPer1000Events.ours, 0)} | ${f(r.cpuMsPer1000Events.naive, 0)} | |`,
    `| events/s over HTTP (${r.http.senders} senders) | ${r.http.oursEventsPerSecond} | ${r.http.naiveEventsPerSecond} | |`,
  ].join('\n');
}

await main();
