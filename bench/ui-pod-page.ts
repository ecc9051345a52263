/**
 * The web UI's pod page in headless Chromium: how long after its timeline data arrives the page is
 * ready (swim lanes and kubectl rows drawn), for timelines of 10, 1,000 and 10,000 entries, and the
 * bundle's JS + CSS gzip size. Budgets (docs/benchmarks.md): ≤ 300 ms for 1,000 entries; ≤ 80 KB.
 *
 *   npx tsx bench/ui-pod-page.ts [--runs 7] [--sizes 10,1000,10000]
 *
 * The bundle is built from the source (scripts/build-ui.mjs) and served by the UI servers' own
 * static handler (local/ui-assets.ts). /api/v1/timeline answers a generated crash-looping pod of
 * the given size in the query API's JSON, so the time measured is the page's alone: from the mark
 * the page sets when the last timeline page has arrived (podtrail:pod-data) to the one it sets once
 * lanes and rows are committed and painted (podtrail:pod-ready). Each run is a fresh page load.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { PodSummary, TimelineEntry } from '../functions/domain/model.js';
import { createUiAssets } from '../local/ui-assets.js';
import { buildUiInto, launchChromium } from '../test/ui/ui-harness.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '7' }, sizes: { type: 'string', default: '10,1000,10000' } },
});
const runs = Number(values.runs);
const sizes = values.sizes.split(',').map(Number);
const T0 = Date.parse('2026-11-23T10:00:00Z');
const STATES = ['Running', 'Error', 'CrashLoopBackOff'] as const;

/** A pod that crash-loops for `n` entries, 10 s apart: STATUS, READY, RESTARTS and its container change. */
function timeline(n: number): { pod: PodSummary; entries: TimelineEntry[] } {
  const base = { cluster: 'bench', namespace: 'default', name: 'api-0', uid: 'bench-uid' };
  const createdAt = new Date(T0).toISOString();
  const entries: TimelineEntry[] = [];
  let restarts = 0;
  for (let i = 0; i < n; i++) {
    const status = STATES[i % 3]!;
    if (status === 'CrashLoopBackOff') restarts++;
    const container =
      status === 'Running'
        ? 'running'
        : status === 'Error'
          ? 'terminated:Error:1'
          : 'waiting:CrashLoopBackOff';
    const previous = STATES[(i + 2) % 3]!;
    entries.push({
      ...base,
      kind: i === 0 ? 'first-seen' : 'transition',
      resourceVersion: String(1000 + i),
      observedAt: new Date(T0 + i * 10_000).toISOString(),
      createdAt,
      row: {
        ready: status === 'Running' ? '1/1' : '0/1',
        status,
        restarts,
        ...(restarts > 0 ? { lastRestartAt: new Date(T0 + i * 10_000 - 1000).toISOString() } : {}),
        phase: 'Running',
        node: 'node-1',
        ip: '10.0.0.5',
      },
      changes: [
        { field: 'status', from: i === 0 ? '' : previous, to: status },
        {
          field: 'container/api',
          from: i === 0 ? '' : previous === 'Running' ? 'running' : previous,
          to: container,
        },
      ],
      ...(status === 'Error' ? { reason: 'Error', message: 'exit status 1' } : {}),
    });
  }
  const last = entries[entries.length - 1]!;
  const pod: PodSummary = {
    ...base,
    workload: { kind: 'StatefulSet', name: 'api' },
    createdAt,
    firstSeenAt: entries[0]!.observedAt,
    lastSeenAt: last.observedAt,
    last: last.row,
    entries: n,
  };
  return { pod, entries };
}

const dir = await mkdtemp(join(tmpdir(), 'podtrail-bench-ui-'));
const uiDir = await buildUiInto(dir);
const assets = createUiAssets(uiDir);
let current = timeline(10);
const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/api/v1/timeline') {
    const body = JSON.stringify({
      cluster: 'bench',
      namespace: 'default',
      name: 'api-0',
      incarnations: [{ pod: current.pod, entries: current.entries, complete: true, events: [] }],
    });
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  } else if (url.pathname === '/api/v1/describe') {
    const body = JSON.stringify({
      cluster: 'bench',
      at: current.pod.lastSeenAt,
      uid: 'bench-uid',
      events: [],
      incarnations: [current.pod],
    });
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  } else void assets(request, response, url.pathname);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await launchChromium();
const results: { entries: number; median: number; max: number }[] = [];
try {
  for (const n of sizes) {
    current = timeline(n);
    const times: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      await page.goto(`${origin}/#token=bench`);
      await page.goto(`${origin}/pod?cluster=bench&ns=default&name=api-0`);
      await page.locator('#pod-page[data-ready="true"]').waitFor({ timeout: 120_000 });
      const ms = await page.evaluate(
        () => performance.measure('ready', 'podtrail:pod-data', 'podtrail:pod-ready').duration,
      );
      const rows = await page.locator('[role="option"]').count();
      if (rows !== n) throw new Error(`the page drew ${rows} rows for ${n} entries`);
      await context.close();
      if (run > 0) times.push(ms); // the first load warms Chromium's caches
    }
    times.sort((a, b) => a - b);
    results.push({ entries: n, median: times[Math.floor(times.length / 2)]!, max: times[times.length - 1]! });
  }
} finally {
  await browser.close();
  server.close();
}

const gz = (file: string) => gzipSync(readFileSync(join(uiDir, file)), { level: 9 }).length;
const js = gz('app.js');
const css = gz('app.css');
await rm(dir, { recursive: true, force: true });

console.log(`pod page ready after its data arrives (headless Chromium, ${runs} runs each, median / max):`);
console.log('| timeline entries | median ms | max ms |');
console.log('| ---: | ---: | ---: |');
for (const r of results)
  console.log(`| ${r.entries.toLocaleString('en-US')} | ${r.median.toFixed(0)} | ${r.max.toFixed(0)} |`);
console.log(
  `bundle gzip -9: app.js ${(js / 1024).toFixed(1)} KB + app.css ${(css / 1024).toFixed(1)} KB = ${((js + css) / 1024).toFixed(1)} KB (budget 80 KB)`,
);
