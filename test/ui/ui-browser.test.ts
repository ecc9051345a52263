import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startUiProxy, type UiProxy } from '../../local/ui-proxy.js';
import { tempDir } from '../serve/serve-client.js';

/**
 * The proxy's rules as a real browser meets them (Debian's chromium, headless; CI installs it):
 * its own page reads the API with the token from the fragment, and its CSP refuses an inline
 * script; a page on another loopback port — the same site to the browser — cannot get a single
 * request to the upstream endpoint, even knowing the token, and cannot frame the UI.
 */
const CHROMIUM = process.env.PODTRAIL_CHROMIUM ?? '/usr/bin/chromium';
const dir = tempDir('podtrail-ui-browser-');
const uiDir = join(dir.path, 'ui');
let upstreamHits = 0;
let upstream: Server;
let hostile: Server;
let hostileUrl: string;
let proxy: UiProxy;
let browser: Browser;

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

beforeAll(async () => {
  mkdirSync(uiDir, { recursive: true });
  writeFileSync(
    join(uiDir, 'index.html'),
    '<!doctype html><html><head><title>podtrail</title><script type="module" src="/app.js"></script>' +
      '<script>document.title = "inline script ran"</script></head><body><pre id="out">…</pre></body></html>',
  );
  writeFileSync(
    join(uiDir, 'app.js'),
    `const token = new URLSearchParams(location.hash.slice(1)).get('token');
history.replaceState(null, '', location.pathname + location.search);
const response = await fetch('/api/v1/clusters', { headers: { authorization: 'Bearer ' + token } });
document.getElementById('out').textContent = response.status + ' ' + (await response.text());
`,
  );
  upstream = createServer((_request, response) => {
    upstreamHits += 1;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"clusters":[{"cluster":"seen-through-the-proxy"}]}');
  });
  const upstreamUrl = await listen(upstream);
  proxy = await startUiProxy({
    endpoint: new URL(upstreamUrl),
    auth: { kind: 'sigv4', region: 'eu-west-1' },
    credentials: async () => ({ accessKeyId: 'AKIDBROWSER', secretAccessKey: 'browser-test-secret' }),
    port: 0,
    uiDir,
  });
  hostile = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<!doctype html><title>another local app</title><body></body>');
  });
  hostileUrl = await listen(hostile);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--disable-dev-shm-usage'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  for (const server of [upstream, hostile]) {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
  dir.remove();
});

test('the UI’s own page reads the API with the fragment’s token; the CSP blocks inline script', async () => {
  const page = await browser.newPage();
  const before = upstreamHits;
  await page.goto(proxy.uiUrl);
  await page.waitForFunction(() => document.getElementById('out')?.textContent !== '…');
  expect(await page.locator('#out').textContent()).toBe(
    '200 {"clusters":[{"cluster":"seen-through-the-proxy"}]}',
  );
  expect(upstreamHits).toBe(before + 1);
  expect(await page.title()).toBe('podtrail');
  expect(page.url()).not.toContain('token');
  await page.close();
});

test('a page on another loopback port gets nothing through, even knowing the token', async () => {
  const page = await browser.newPage();
  // What reached the proxy and how it answered, seen from the server side.
  const answered: string[] = [];
  const record = (request: IncomingMessage, response: ServerResponse) =>
    response.once('finish', () =>
      answered.push(
        `${request.method} ${request.url} ${request.headers['sec-fetch-site']} → ${response.statusCode}`,
      ),
    );
  proxy.server.on('request', record);
  await page.goto(`${hostileUrl}/`);
  const before = upstreamHits;
  const token = proxy.uiUrl.split('#token=')[1] ?? '';
  const outcomes = await page.evaluate(
    async ({ target, token }) => {
      const attempt = async (run: () => Promise<Response>) => {
        try {
          const response = await run();
          return response.type === 'opaque' ? 'opaque' : `read ${response.status}`;
        } catch {
          return 'blocked';
        }
      };
      const api = `${target}/api/v1/clusters`;
      const results = [
        await attempt(() => fetch(api, { headers: { authorization: `Bearer ${token}` } })),
        await attempt(() => fetch(api, { mode: 'no-cors' })),
        await attempt(() => fetch(api, { mode: 'no-cors', headers: { authorization: `Bearer ${token}` } })),
        await attempt(() => fetch(api, { method: 'POST', mode: 'no-cors', body: 'x' })),
      ];
      // An <img> and a frame: plain navigational GETs with no header at all.
      await new Promise<void>((resolve) => {
        const img = document.createElement('img');
        img.onload = img.onerror = () => resolve();
        img.src = api;
        document.body.append(img);
      });
      const frame = document.createElement('iframe');
      frame.src = `${target}/`;
      document.body.append(frame);
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { results };
    },
    { target: proxy.url, token },
  );
  proxy.server.off('request', record);
  // Every attempt reached the proxy (other loopback ports are same-site) and was refused there.
  expect(answered).toEqual([
    'OPTIONS /api/v1/clusters same-site → 405', // the preflight of the fetch carrying the token
    'GET /api/v1/clusters same-site → 403', // no-cors: the browser dropped the Authorization header
    'GET /api/v1/clusters same-site → 403',
    'POST /api/v1/clusters same-site → 405',
    'GET /api/v1/clusters same-site → 403', // the <img>
    'GET / same-site → 200', // the frame's document, which the browser then refuses to show
  ]);
  for (const result of outcomes.results) expect(['blocked', 'opaque']).toContain(result);
  // frame-ancestors 'none': the browser shows its error page in the frame, not the UI.
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(frame?.url()).toBe('chrome-error://chromewebdata/');
  expect(upstreamHits).toBe(before);
  await page.close();
});
