/**
 * The web UI's report views in headless Chromium: how long after their data arrives the pods list
 * and the restart audit are drawn, for small and large answers in the same run, so the growth shows.
 *
 *   npx tsx bench/ui-reports.ts [--runs 5] [--pods 10,1000,5000] [--groups 20,1000]
 *
 * The bundle is built from the source (scripts/build-ui.mjs) and served by the UI servers' own
 * static handler (local/ui-assets.ts); /api/v1/pods (pages of 1,000, as the view asks), /api/v1/restarts
 * and /api/v1/clusters answer generated data in the query API's JSON, so the time is the page's
 * alone: JSON parsing, the rows' cells (kubectl's AGE and RESTARTS text), the SVG bars, the DOM.
 * Measured from the last API response's end (Resource Timing) to the DOM holding every row (a
 * MutationObserver in the page). Each run is a fresh page load; the first of each size is a
 * warm-up and is not counted.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { PodSummary } from '../functions/domain/model.js';
import type { RestartGroup } from '../functions/domain/report-restarts.js';
import { createUiAssets } from '../local/ui-assets.js';
import { buildUiInto, launchChromium } from '../test/ui/ui-harness.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    pods: { type: 'string', default: '10,1000,5000' },
    groups: { type: 'string', default: '20,1000' },
  },
});
const runs = Number(values.runs);
const T0 = Date.parse('2026-11-23T10:00:00Z');
const UNTIL = new Date(T0 + 3 * 3_600_000).toISOString();
const WINDOW = { since: new Date(T0 - 86_400_000).toISOString(), until: UNTIL };
const PAGE = 1000;

function pods(n: number): PodSummary[] {
  return Array.from({ length: n }, (_, i) => {
    const created = new Date(T0 + i * 1000).toISOString();
    const ended = i % 4 === 0;
    return {
      cluster: 'bench',
      namespace: `ns-${i % 7}`,
      name: `api-${String(i).padStart(5, '0')}-7c9f8d6b5-x${i % 10}`,
      uid: `uid-${i}`,
      workload: { kind: 'Deployment', name: `api-${i % 50}` },
      createdAt: created,
      firstSeenAt: created,
      lastSeenAt: UNTIL,
      last: {
        ready: i % 3 === 0 ? '0/1' : '1/1',
        status: i % 3 === 0 ? 'CrashLoopBackOff' : 'Running',
        restarts: i % 3 === 0 ? i % 17 : 0,
        ...(i % 3 === 0 ? { lastRestartAt: new Date(T0 + i * 1000 + 60_000).toISOString() } : {}),
        phase: 'Running',
        node: `node-${i % 20}`,
        ip: '10.0.0.5',
      },
      ...(ended
        ? { endedAt: new Date(T0 + i * 1000 + 600_000).toISOString(), endedBy: 'deleted' as const }
        : {}),
    };
  });
}

function restartReport(n: number) {
  const groups: RestartGroup[] = Array.from({ length: n }, (_, i) => ({
    key: { cluster: `c-${i % 5}`, namespace: `ns-${i % 7}`, workload: `Deployment/api-${i}` },
    restarts: 10 * n - i,
    unobserved: i % 4,
    records: 10 * n - i - (i % 4),
    oomKilled: i % 3,
    pods: 1 + (i % 9),
    exitCodes: { '1': 5, '137': i % 3 },
    reasons: { Error: 5, OOMKilled: i % 3 },
    lastAt: new Date(T0 + i * 1000).toISOString(),
  }));
  const restarts = groups.reduce((s, g) => s + g.restarts, 0);
  return {
    window: WINDOW,
    groupBy: ['cluster', 'namespace', 'workload'],
    totals: {
      restarts,
      unobserved: 0,
      records: restarts,
      oomKilled: 0,
      pods: n,
      exitCodes: {},
      reasons: {},
      groups: n,
      clusters: 5,
    },
    groups,
  };
}

const dir = await mkdtemp(join(tmpdir(), 'podtrail-bench-reports-'));
const uiDir = await buildUiInto(dir);
const assets = createUiAssets(uiDir);
let currentPods: PodSummary[] = [];
let currentReport = restartReport(1);
const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const json = (body: unknown) =>
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (url.pathname === '/api/v1/clusters') {
    json({
      staleAfterMs: 600_000,
      retentionDays: 30,
      clusters: [{ cluster: 'bench', stale: false, livePods: 0, gaps: [] }],
    });
  } else if (url.pathname === '/api/v1/pods') {
    const start = Number(url.searchParams.get('cursor') ?? '0');
    const next = start + PAGE < currentPods.length ? String(start + PAGE) : undefined;
    json({
      cluster: 'bench',
      window: WINDOW,
      pods: currentPods.slice(start, start + PAGE),
      ...(next ? { next } : {}),
    });
  } else if (url.pathname === '/api/v1/restarts') {
    json(currentReport);
  } else void assets(request, response, url.pathname);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await launchChromium();

/** ms from the last API response's end to `rows` rows in the table named `table`. */
async function measure(path: string, table: string, rows: number): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${origin}/#token=bench`);
  // A MutationObserver notes the moment the last row lands, however the page batches its renders.
  await page.addInitScript(
    ([name, n]) => {
      const probe = globalThis as unknown as { readyAt?: number };
      const observer = new MutationObserver(() => {
        if (document.querySelectorAll(`table[aria-label="${name}"] tbody tr`).length === n) {
          probe.readyAt = performance.now();
          observer.disconnect();
        }
      });
      document.addEventListener('DOMContentLoaded', () =>
        observer.observe(document.body, { childList: true, subtree: true }),
      );
    },
    [table, rows] as const,
  );
  await page.goto(`${origin}${path}`);
  const ready = await page.waitForFunction(
    () => (globalThis as unknown as { readyAt?: number }).readyAt,
    undefined,
    {
      timeout: 120_000,
    },
  );
  const readyAt = (await ready.jsonValue()) as number;
  const dataAt = await page.evaluate(() =>
    Math.max(
      ...performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/api/v1/'))
        .map((e) => (e as PerformanceResourceTiming).responseEnd),
    ),
  );
  await context.close();
  return readyAt - dataAt;
}

async function series(label: string, sizes: number[], prepare: (n: number) => [string, string]) {
  const out: { n: number; median: number; max: number }[] = [];
  for (const n of sizes) {
    const [path, table] = prepare(n);
    const times: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const ms = await measure(path, table, n);
      if (run > 0) times.push(ms);
    }
    times.sort((a, b) => a - b);
    out.push({ n, median: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]! });
  }
  console.log(`\n${label} (headless Chromium, ${runs} runs each, median / max):`);
  console.log('| rows | median ms | max ms |');
  console.log('| ---: | ---: | ---: |');
  for (const r of out)
    console.log(`| ${r.n.toLocaleString('en-US')} | ${r.median.toFixed(0)} | ${r.max.toFixed(0)} |`);
}

try {
  await series(
    'pods view, drawn after the last page of /v1/pods',
    values.pods.split(',').map(Number),
    (n) => {
      currentPods = pods(n);
      return [`/pods?cluster=bench&since=${WINDOW.since}&until=${WINDOW.until}`, 'Pods'];
    },
  );
  await series(
    'restart audit, bars and table drawn after /v1/restarts',
    values.groups.split(',').map(Number),
    (n) => {
      currentReport = restartReport(n);
      return [
        `/restarts?since=${WINDOW.since}&until=${WINDOW.until}&top=${Math.min(n, 1000)}`,
        'Restart groups',
      ];
    },
  );
} finally {
  await browser.close();
  server.close();
  await rm(dir, { recursive: true, force: true });
}
