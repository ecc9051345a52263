import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { slimPod } from '../agent/slim-pod.js';
import type { WireEvent } from '../functions/domain/wire-format.js';
import { parseBatch } from '../functions/ingest/parse-batch.js';
import { createDynamoStore, type DynamoStore } from '../functions/store/dynamodb-store.js';
import { createDynamoTable } from '../functions/store/table/dynamodb-table.js';
import { ensureTable } from '../functions/store/table/ensure-table.js';
import { startServe } from '../local/serve.js';
import { bookOf } from '../local/serve-tokens.js';
import { createLocalServer } from '../local/server.js';
import { startDynamoDbLocal } from '../test/support/dynamodb-local.js';
import { at } from '../test/support/event-builders.js';
import { naiveHandler, recordNaively } from './ingest-naive.js';
import { agentBatches, asForwarded, BENCH_AGENT, churnTrace, fleetOptions } from './ingest-trace.js';

/**
 * Ingest cost on a churn trace, side by side with a naive recorder, on DynamoDB Local with
 * ReturnConsumedCapacity (results: docs/benchmarks.md, "Ingest"). A fleet of CLUSTERS clusters
 * (one seeded trace each, a simulated day) is recorded three ways, clusters in parallel, each
 * cluster's batches in order as its agent sends them (one second of events, at most 500):
 *   - naive: every event's full object as one item (BatchWriteItem);
 *   - podtrail, raw: every event as served, straight into the ingest;
 *   - podtrail, via the agent: the events the agent forwards (slimmed, unchanged updates dropped).
 * Then the same over HTTP through `podtrail serve` (and the naive recorder behind the same local
 * server) for events per second.
 */
const { pods: PODS, seed: SEED, clusters: CLUSTERS } = fleetOptions();

type Fleet = { cluster: string; batches: WireEvent[][]; events: number }[];

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function timed(run: () => Promise<void>) {
  const cpu = cpuMs();
  const wall = Date.now();
  await run();
  return { cpuMs: cpuMs() - cpu, wallMs: Date.now() - wall };
}

async function recordFleet(store: DynamoStore, fleet: Fleet) {
  return timed(async () => {
    await Promise.all(
      fleet.map(async ({ cluster, batches }) => {
        for (const events of batches) {
          const { batch, rejected } = parseBatch({ cluster, agent: BENCH_AGENT, events });
          if (rejected.length > 0) throw new Error(`rejected: ${JSON.stringify(rejected[0])}`);
          await store.recordBatch(batch);
        }
      }),
    );
  });
}

async function transitions(store: DynamoStore, fleet: Fleet): Promise<number> {
  let total = 0;
  for (const { cluster } of fleet) {
    let cursor: unknown;
    for (let page = 0; page < 1000; page++) {
      const seen = await store.listPodsSeen({
        cluster,
        since: at(-3600),
        until: at(90_000),
        limit: 1000,
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const p of seen.items) total += p.entries ?? 0;
      cursor = seen.next;
      if (cursor === undefined) break;
    }
  }
  return total;
}

async function main() {
  const raw: Fleet = [];
  const forwarded: Fleet = [];
  let irrelevant = 0;
  let podBytes = 0;
  for (let c = 0; c < CLUSTERS; c++) {
    const trace = churnTrace(SEED + c, Math.round(PODS / CLUSTERS));
    irrelevant += trace.irrelevant;
    podBytes += trace.meanPodBytes;
    const cluster = `bench-${c}`;
    raw.push({ cluster, batches: agentBatches(trace.events), events: trace.events.length });
    const sent = asForwarded(trace.events, slimPod);
    forwarded.push({ cluster, batches: agentBatches(sent), events: sent.length });
  }
  const rawEvents = raw.reduce((n, c) => n + c.events, 0);
  const sentEvents = forwarded.reduce((n, c) => n + c.events, 0);
  console.error(
    `fleet: ${CLUSTERS} clusters, ${PODS} pods, ${rawEvents} events (${irrelevant} irrelevant), agent forwards ${sentEvents}`,
  );

  const emulator = await startDynamoDbLocal();
  const client = emulator.client();
  try {
    const now = () => Date.parse(at(86_400 + 3600));
    for (const t of ['bench-naive', 'bench-raw', 'bench-agent']) await ensureTable(client, t);
    const naive = createDynamoTable({ client, tableName: 'bench-naive' });
    const naiveRun = await timed(async () => {
      await Promise.all(
        raw.map(async ({ cluster, batches }) => {
          for (const events of batches)
            await recordNaively(naive, JSON.parse(JSON.stringify({ cluster, agent: BENCH_AGENT, events })));
        }),
      );
    });
    console.error('naive done');
    const oursRaw = createDynamoStore({ client, tableName: 'bench-raw', now });
    const rawRun = await recordFleet(oursRaw, raw);
    console.error('raw done');
    const oursAgent = createDynamoStore({ client, tableName: 'bench-agent', now });
    const agentRun = await recordFleet(oursAgent, forwarded);
    console.error('agent done');
    const recorded = await transitions(oursAgent, forwarded);
    const recordedRaw = await transitions(oursRaw, raw);
    const http = await throughput(emulator.endpoint, client, forwarded, raw);
    const result = {
      fleet: {
        clusters: CLUSTERS,
        pods: PODS,
        events: rawEvents,
        irrelevant,
        forwarded: sentEvents,
        meanPodBytes: Math.round(podBytes / CLUSTERS),
      },
      transitions: recorded,
      transitionsRaw: recordedRaw,
      naive: { writeUnits: naive.meter.writeUnits, requests: naive.meter.requests, ...naiveRun },
      raw: {
        writeUnits: oursRaw.meter.writeUnits,
        readUnits: oursRaw.meter.readUnits,
        requests: oursRaw.meter.requests,
        ...rawRun,
      },
      agent: {
        writeUnits: oursAgent.meter.writeUnits,
        readUnits: oursAgent.meter.readUnits,
        requests: oursAgent.meter.requests,
        ...agentRun,
      },
      http,
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/ingest-cost.json', `${JSON.stringify(result, null, 2)}\n`);
    console.log(report(result));
  } finally {
    client.destroy();
    await emulator.stop();
  }
}

/** Over HTTP: podtrail serve (on DynamoDB Local) and the naive recorder behind the same local server. */
async function throughput(endpoint: string, client: DynamoStore['client'], forwarded: Fleet, raw: Fleet) {
  const token = 'bench-token-0123456789abcdef';
  const send = async (url: string, fleet: Fleet) => {
    const bodies = fleet.map(({ cluster, batches }) =>
      batches.map((events) => gzipSync(Buffer.from(JSON.stringify({ cluster, agent: BENCH_AGENT, events })))),
    );
    const started = Date.now();
    await Promise.all(
      bodies.map(async (cluster) => {
        for (const body of cluster) {
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
    const events = fleet.reduce((n, c) => n + c.events, 0);
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
  const ours = await send(serve.url, forwarded);
  await serve.close();
  rmSync(dataDir, { recursive: true, force: true });
  await ensureTable(client, 'bench-naive-http');
  const primary = { name: 'default', token, clusters: ['*'] };
  const server = await createLocalServer({
    ingest: naiveHandler(createDynamoTable({ client, tableName: 'bench-naive-http' })),
    tokens: bookOf([primary], primary),
    maxBodyBytes: 4 * 1024 * 1024,
  });
  const naive = await send(server.url, raw);
  await server.close();
  return { senders: forwarded.length, oursEventsPerSecond: ours, naiveEventsPerSecond: naive };
}

interface Result {
  fleet: { events: number; forwarded: number };
  transitions: number;
  transitionsRaw: number;
  naive: { writeUnits: number; requests: number; cpuMs: number };
  raw: { writeUnits: number; readUnits: number; requests: number; cpuMs: number };
  agent: { writeUnits: number; readUnits: number; requests: number; cpuMs: number };
  http: { senders: number; oursEventsPerSecond: number; naiveEventsPerSecond: number };
}

function report(r: Result): string {
  const f = (n: number, d = 2) => n.toFixed(d);
  const pct = (n: number) => `${f(n * 100, 1)} %`;
  return [
    '| | naive recorder | podtrail, via the agent | podtrail, raw events |',
    '|---|---:|---:|---:|',
    `| events recorded | ${r.fleet.events} | ${r.fleet.forwarded} | ${r.fleet.events} |`,
    `| recorded transitions (timeline entries) | ${r.transitions} | ${r.transitions} | ${r.transitionsRaw} |`,
    `| write units, total | ${r.naive.writeUnits} | ${r.agent.writeUnits} | ${r.raw.writeUnits} |`,
    `| write units vs naive (target ≤ 20 %) | 100 % | **${pct(r.agent.writeUnits / r.naive.writeUnits)}** | ${pct(r.raw.writeUnits / r.naive.writeUnits)} |`,
    `| write units per recorded transition (target ≤ 2) | ${f(r.naive.writeUnits / r.transitions)} | **${f(r.agent.writeUnits / r.transitions)}** | ${f(r.raw.writeUnits / r.transitionsRaw)} |`,
    `| read units, total | 0 | ${r.agent.readUnits} | ${r.raw.readUnits} |`,
    `| DynamoDB requests | ${r.naive.requests} | ${r.agent.requests} | ${r.raw.requests} |`,
    `| ingest CPU ms per 1,000 events | ${f((r.naive.cpuMs / r.fleet.events) * 1000, 0)} | ${f((r.agent.cpuMs / r.fleet.forwarded) * 1000, 0)} | ${f((r.raw.cpuMs / r.fleet.events) * 1000, 0)} |`,
    `| events/s over HTTP, ${r.http.senders} clusters at once | ${r.http.naiveEventsPerSecond} | ${r.http.oursEventsPerSecond} | — |`,
  ].join('\n');
}

await main();
