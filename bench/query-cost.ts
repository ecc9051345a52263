/**
 * Query cost on DynamoDB Local: DynamoDB requests, items read and latency per query route, beside a
 * naive Scan-and-filter baseline measured in the same run against the same table.
 *
 *   npx tsx bench/query-cost.ts [--clusters 50] [--days 30] [--pods-per-day 1] [--runs 5]
 *
 * The store is seeded with a synthetic fleet (bench/query-seed.ts) through the real ingest code.
 * Each query runs `runs` times through the real query handler (functions/query) over the real
 * DynamoDB store; requests and items are counted at the SDK (bench/query-meter.ts); the median
 * latency is reported. Budgets (docs/benchmarks.md): a 1,000-transition timeline in ≤ 2 requests; a
 * restart report reads ≤ 1.2 items per restart in its window.
 */

import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { FunctionUrlEvent } from '../functions/http/function-url.js';
import { queryConfig } from '../functions/query/config.js';
import { createQueryHandler } from '../functions/query/create-handler.js';
import { createDynamoStore } from '../functions/store/dynamodb-store.js';
import { createDynamoTable } from '../functions/store/table/dynamodb-table.js';
import { ensureTable } from '../functions/store/table/ensure-table.js';
import { startDynamoDbLocal } from '../test/support/dynamodb-local.js';
import { meterClient, scanAndFilter } from './query-meter.js';
import { generateFleet, loadItems } from './query-seed.js';

const { values } = parseArgs({
  options: {
    clusters: { type: 'string', default: '50' },
    days: { type: 'string', default: '30' },
    'pods-per-day': { type: 'string', default: '1' },
    runs: { type: 'string', default: '5' },
  },
});
const clusters = Number(values.clusters);
const days = Number(values.days);
const podsPerDay = Number(values['pods-per-day']);
const runs = Number(values.runs);

const START = Date.parse('2026-10-24T00:00:00Z');
const END = START + days * 86_400_000;
const NOW = END + 3_600_000;
const TABLE = 'podtrail';
const iso = (ms: number) => new Date(ms).toISOString();

const emulator = await startDynamoDbLocal();
const client = new DynamoDBClient({
  endpoint: emulator.endpoint,
  region: 'local',
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
});
try {
  const fleet = await generateFleet({
    clusters,
    days,
    podsPerDay,
    startMs: START,
    retentionDays: 30,
    now: NOW,
  });
  const store = createDynamoStore({ client, tableName: TABLE, now: () => NOW });
  await ensureTable(store.client, store.tableName);
  const loadMs = await loadItems(createDynamoTable({ client, tableName: TABLE }), fleet.items);
  console.log(
    `seeded ${clusters} clusters × ${days} days × ${podsPerDay} pods/day: ${fleet.pods} pods, ${fleet.events} events, ` +
      `${fleet.items.length} items (ingest ${(fleet.ingestMs / 1000).toFixed(1)} s in memory, bulk load ${(loadMs / 1000).toFixed(1)} s)`,
  );

  const meter = meterClient(client);
  const handler = createQueryHandler({
    reader: store,
    config: queryConfig({
      cursorKey: new TextEncoder().encode('bench-cursor-key-0123456789abcdef-xyz'),
      tableName: TABLE,
    }),
    clock: () => NOW,
    log: () => {},
  });
  const lastDay = { since: iso(END - 86_400_000), until: iso(END) };
  const lastWeek = { since: iso(END - 7 * 86_400_000), until: iso(END) };
  const allDays = { since: iso(START), until: iso(END) };
  const inWindow = (w: { since: string; until: string }) => (pk: string, sk: string) =>
    pk.startsWith('X#') && sk >= w.since && sk < w.until;
  const f = fleet.flapper;
  const cases: {
    name: string;
    path: string;
    query: Record<string, string>;
    keep: (pk: string, sk: string) => boolean;
    restarts?: true;
    /** Follow `next` cursors and add the pages up. */
    paged?: string;
  }[] = [
    {
      name: `timeline (${f.cluster}/${f.name})`,
      path: '/v1/timeline',
      query: { cluster: f.cluster, namespace: f.namespace, name: f.name, limit: '5000' },
      keep: (pk) => pk === `P#${f.cluster}#${f.namespace}#${f.name}`,
    },
    {
      name: `describe (${f.name}) as it ended`,
      path: '/v1/describe',
      query: { cluster: f.cluster, namespace: f.namespace, name: f.name },
      keep: (pk) => pk === `P#${f.cluster}#${f.namespace}#${f.name}`,
    },
    {
      name: `describe (${f.name}) mid-life (--at)`,
      path: '/v1/describe',
      // The flapper starts half-way through the days and flaps every 5 s for 2,500 s.
      query: {
        cluster: f.cluster,
        namespace: f.namespace,
        name: f.name,
        at: iso(START + Math.floor(days / 2) * 86_400_000 + 1_260_000),
      },
      keep: (pk) => pk === `P#${f.cluster}#${f.namespace}#${f.name}`,
    },
    {
      name: 'restarts, all clusters, 1 day',
      path: '/v1/restarts',
      query: { ...lastDay, top: '20' },
      keep: (pk, sk) => pk.startsWith('X#') && sk >= lastDay.since && sk < lastDay.until,
      restarts: true,
    },
    {
      name: 'restarts, all clusters, 7 days',
      path: '/v1/restarts',
      query: { ...lastWeek, top: '20' },
      keep: (pk, sk) => pk.startsWith('X#') && sk >= lastWeek.since && sk < lastWeek.until,
      restarts: true,
    },
    {
      name: `restarts, all clusters, ${days} days`,
      path: '/v1/restarts',
      query: { ...allDays, top: '20' },
      keep: inWindow(allDays),
      restarts: true,
    },
    {
      name: `raw ledger, ${days} days, default pages (1,000)`,
      path: '/v1/restarts/records',
      query: { ...allDays },
      keep: inWindow(allDays),
      paged: 'restarts',
    },
    {
      name: `raw ledger, ${days} days, pages of 100`,
      path: '/v1/restarts/records',
      query: { ...allDays, limit: '100' },
      keep: inWindow(allDays),
      paged: 'restarts',
    },
    {
      name: `restarts, ${f.cluster} only, 7 days`,
      path: '/v1/restarts',
      query: { ...lastWeek, cluster: f.cluster },
      keep: (pk, sk) => pk === `X#${f.cluster}` && sk >= lastWeek.since && sk < lastWeek.until,
      restarts: true,
    },
    {
      name: `pods seen, ${f.cluster}/shop, 1 day`,
      path: '/v1/pods',
      query: { ...lastDay, cluster: f.cluster, namespace: 'shop', limit: '1000' },
      keep: (pk) => pk.startsWith(`S#${f.cluster}#`),
    },
    {
      name: 'entered CrashLoopBackOff, 1 day',
      path: '/v1/status-entered',
      query: { ...lastDay, status: 'CrashLoopBackOff', limit: '1000' },
      keep: (pk, sk) =>
        pk.startsWith('E#') && pk.endsWith('#CrashLoopBackOff') && sk >= lastDay.since && sk < lastDay.until,
    },
    {
      name: `startup, ${f.cluster}, 7 days`,
      path: '/v1/startup',
      query: { ...lastWeek, cluster: f.cluster },
      keep: (pk, sk) => pk === `U#${f.cluster}` && sk >= lastWeek.since && sk < lastWeek.until,
    },
    {
      name: 'clusters',
      path: '/v1/clusters',
      query: {},
      keep: (pk) => pk === 'K' || pk.startsWith('C#') || pk.startsWith('L#'),
    },
  ];

  async function run(path: string, query: Record<string, string>, paged: string | undefined) {
    const collected: unknown[] = [];
    let cursor: string | undefined;
    // Bounded: at most one page per 100 items of a fleet this size.
    for (let page = 0; page < 10_000; page++) {
      const result = await handler(event(path, { ...query, ...(cursor === undefined ? {} : { cursor }) }));
      if (result.statusCode !== 200) throw new Error(`${path}: HTTP ${result.statusCode} ${result.body}`);
      const body = JSON.parse(result.body ?? '{}') as Record<string, unknown>;
      if (paged === undefined) return body;
      collected.push(...(body[paged] as unknown[]));
      cursor = body.next as string | undefined;
      if (cursor === undefined) return { [paged]: collected, pages: page + 1 };
    }
    throw new Error(`${path}: more than 10,000 pages`);
  }

  const rows: string[][] = [];
  for (const c of cases) {
    const samples: number[] = [];
    let body: Record<string, unknown> = {};
    let cost = { requests: 0, itemsRead: 0 };
    for (let i = 0; i < runs; i++) {
      meter.reset();
      const started = performance.now();
      body = await run(c.path, c.query, c.paged);
      samples.push(performance.now() - started);
      cost = { requests: meter.requests, itemsRead: meter.itemsRead };
    }
    const baseline = await scanAndFilter(client, TABLE, c.keep);
    const answer = describe(body, c.restarts === true);
    const ratio =
      c.restarts === true || c.paged !== undefined
        ? (cost.itemsRead / Math.max(1, answer.count)).toFixed(2)
        : '';
    rows.push([
      c.name,
      answer.text,
      String(cost.requests),
      String(cost.itemsRead),
      ratio,
      `${median(samples).toFixed(0)} ms`,
      String(baseline.requests),
      String(baseline.itemsRead),
      `${baseline.ms.toFixed(0)} ms`,
    ]);
    console.log(rows.at(-1)!.join(' | '));
  }
  console.log(
    '\n| query | answer | requests | items read | items / restart | latency (median) | Scan requests | Scan items | Scan latency |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
} finally {
  client.destroy();
  await emulator.stop();
}

function describe(body: Record<string, unknown>, restarts: boolean): { text: string; count: number } {
  if (restarts) {
    const totals = body.totals as { records: number; restarts: number };
    return { text: `${totals.records} records (${totals.restarts} restarts)`, count: totals.records };
  }
  if (body.pod !== undefined) {
    const status = (body.pod as { status?: { phase?: string } }).status;
    return { text: `pod (${status?.phase ?? '?'}) + ${(body.events as unknown[]).length} events`, count: 1 };
  }
  for (const field of ['incarnations', 'pods', 'entered', 'clusters', 'restarts']) {
    const list = body[field];
    if (!Array.isArray(list)) continue;
    if (field === 'incarnations') {
      const n = (list as { entries: unknown[] }[]).reduce((sum, inc) => sum + inc.entries.length, 0);
      return { text: `${n} entries`, count: n };
    }
    return { text: `${list.length} ${field}`, count: list.length };
  }
  const overall = body.overall as { pods: number } | undefined;
  return { text: `${overall?.pods ?? 0} pods`, count: overall?.pods ?? 0 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function event(path: string, query: Record<string, string>): FunctionUrlEvent {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      accountId: 'bench',
      requestId: 'bench',
      domainName: 'bench',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      timeEpoch: NOW,
    },
  };
}
