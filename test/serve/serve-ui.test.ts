import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ServeHandle } from '../../local/serve.js';
import { isLoopbackAddress, isLoopbackHost } from '../../local/ui-security.js';
import { healthyStart } from '../ingest/lifecycles.js';
import { batch, revisions } from '../support/event-builders.js';
import { corsHeaders, type RawHttpAnswer, rawHttp } from '../support/raw-http.js';
import { post, serveIn, tempDir } from './serve-client.js';

/**
 * `podtrail serve` serving the web UI: the files of a UI directory at `/` with the security
 * headers, index.html for client routes, a clear page when the UI is not built, no way out of the
 * directory, the Host check, and `/api/v1/*` answered by the query handler for the run's UI token only.
 */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const INDEX = '<!doctype html><title>podtrail</title><script type="module" src="/app.js"></script>';

const dir = tempDir();
const uiDir = join(dir.path, 'ui');
let serve: ServeHandle;
let uiToken: string;
let host: string;

beforeAll(async () => {
  mkdirSync(join(uiDir, 'img'), { recursive: true });
  writeFileSync(join(uiDir, 'index.html'), INDEX);
  writeFileSync(join(uiDir, 'app.js'), 'console.log("app");\n');
  writeFileSync(join(uiDir, 'app.css'), 'body { margin: 0 }\n');
  writeFileSync(join(uiDir, 'img', 'logo.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(uiDir, '.hidden'), 'hidden');
  writeFileSync(join(dir.path, 'secret.txt'), 'SECRET-OUTSIDE-THE-UI');
  symlinkSync(join(dir.path, 'secret.txt'), join(uiDir, 'escape.txt'));
  serve = await serveIn(join(dir.path, 'data'), { uiDir });
  uiToken = /#token=(\S+)$/.exec(serve.uiUrl ?? '')?.[1] ?? '';
  host = new URL(serve.url).host;
  const events = healthyStart({ name: 'web', uid: 'u-ui', createdAt: 0 }, revisions()).events;
  expect((await post(serve.url, serve.token, batch('ui-cluster', events))).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await serve?.close();
  dir.remove();
});

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  rawHttp(serve.url, path, { method, headers: { host, ...headers } });
const api = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  get(path, { authorization: `Bearer ${uiToken}`, ...headers }, method);

function expectSecurityHeaders(answer: RawHttpAnswer): void {
  expect(answer.headers).toMatchObject({
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
  });
  expect(corsHeaders(answer.headers)).toEqual([]);
}

describe('the UI link', () => {
  test('is http://127.0.0.1:<port>/#token=<256 random bits>, a token new on every run and not the ingest token', async () => {
    expect(serve.uiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
    expect(serve.uiUrl?.startsWith(`${serve.url}/#token=`)).toBe(true);
    expect(uiToken).not.toBe(serve.token);
    const again = await serveIn(join(dir.path, 'data-2'), { uiDir });
    try {
      expect(again.uiUrl).not.toContain(uiToken);
    } finally {
      await again.close();
    }
  });

  test('serve without a query handler serves no UI', async () => {
    const bare = await serveIn(join(dir.path, 'data-3'), { uiDir, query: () => undefined });
    try {
      expect(bare.uiUrl).toBeUndefined();
      expect((await rawHttp(bare.url, '/')).status).toBe(404);
    } finally {
      await bare.close();
    }
  });

  test.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
  ])('the UI is served on listen address %s: %s', (address, served) => {
    expect(isLoopbackAddress(address)).toBe(served);
  });
});

describe('static files', () => {
  test.each([
    ['/', 'text/html; charset=utf-8', INDEX],
    ['/index.html', 'text/html; charset=utf-8', INDEX],
    ['/app.js', 'text/javascript; charset=utf-8', 'console.log("app");\n'],
    ['/app.css', 'text/css; charset=utf-8', 'body { margin: 0 }\n'],
    ['/img/logo.svg', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"/>'],
  ])('%s is served as %s with the security headers', async (path, type, body) => {
    const answer = await get(path);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe(type);
    expect(answer.text).toBe(body);
    expectSecurityHeaders(answer);
  });

  test.each([
    '/pod?cluster=c&ns=n&name=p&at=2026-01-01T00:00:00Z',
    '/pods',
    '/restarts?groupBy=workload',
    '/startup',
  ])('client route %s gets index.html', async (path) => {
    const answer = await get(path);
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.text).toBe(INDEX);
    expectSecurityHeaders(answer);
  });

  test('a missing asset is a 404, never index.html', async () => {
    const answer = await get('/app2.js');
    expect(answer.status).toBe(404);
    expect(answer.text).not.toContain('<script');
    expectSecurityHeaders(answer);
  });

  test('HEAD answers the headers only; POST is 405', async () => {
    const head = await get('/app.js', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    const posted = await get('/', {}, 'POST');
    expect(posted.status).toBe(405);
    expectSecurityHeaders(posted);
  });

  test.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/img/../../secret.txt',
    '/img/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%5csecret.txt',
    '/escape.txt',
    '/.hidden',
    '/%00',
    '/%E0%A4%A',
  ])('%s does not leave the UI directory (404)', async (path) => {
    const answer = await get(path);
    expect(answer.status).toBe(404);
    expect(answer.text).not.toContain('SECRET');
    expect(answer.text).not.toBe('hidden');
    expectSecurityHeaders(answer);
  });

  test('without a built UI, / and client routes say how to build it', async () => {
    const unbuilt = await serveIn(join(dir.path, 'data-4'), { uiDir: join(dir.path, 'no-such-dir') });
    try {
      const port = new URL(unbuilt.url).host;
      for (const path of ['/', '/pods']) {
        const answer = await rawHttp(unbuilt.url, path, { headers: { host: port } });
        expect(answer.status).toBe(503);
        expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(answer.text).toContain('the UI is not built: run <code>npm run build:ui</code>');
        expectSecurityHeaders(answer);
      }
    } finally {
      await unbuilt.close();
    }
  });
});

describe('the Host check', () => {
  test.each(['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]'])('Host %s:<port> is served', async (name) => {
    const port = new URL(serve.url).port;
    expect((await get('/', { host: `${name}:${port}` })).status).toBe(200);
    expect((await api('/api/v1/clusters', { host: `${name}:${port}` })).status).toBe(200);
  });

  test.each([
    'evil.example:PORT',
    '127.0.0.1:1',
    'localhost',
    '127.0.0.1.nip.io:PORT',
    'evil.example:PORT, 127.0.0.1:PORT',
  ])('Host %s is refused with 421, on the files and on the API', async (given) => {
    const value = given.replaceAll('PORT', new URL(serve.url).port);
    for (const answer of [await get('/', { host: value }), await api('/api/v1/clusters', { host: value })]) {
      expect(answer.status).toBe(421);
      expect(answer.json()).toMatchObject({ error: { code: 'misdirected_request' } });
      expectSecurityHeaders(answer);
    }
  });

  test('the ingest and query endpoints under /v1 keep answering agents whatever their Host', async () => {
    const answer = await get('/v1/clusters', {
      host: 'podtrail.internal:8787',
      authorization: `Bearer ${serve.token}`,
    });
    expect(answer.status).toBe(200);
  });
});

describe('/api/v1/* with the UI token', () => {
  test('answers exactly what /v1/* answers the data-dir token, with no-store and the security headers', async () => {
    const direct = await get('/v1/clusters', { authorization: `Bearer ${serve.token}` });
    const viaUi = await api('/api/v1/clusters');
    expect(viaUi.status).toBe(200);
    expect(viaUi.json()).toEqual(direct.json());
    expect(viaUi.json()).toMatchObject({ clusters: [expect.objectContaining({ cluster: 'ui-cluster' })] });
    expect(viaUi.headers['cache-control']).toBe('no-store');
    expectSecurityHeaders(viaUi);
  });

  test('passes query strings through and the handler’s 400 back', async () => {
    const timeline = await api('/api/v1/timeline?cluster=ui-cluster&namespace=default&name=web');
    expect(timeline.status).toBe(200);
    const bad = await api('/api/v1/pods?cluster=NOT_A_CLUSTER');
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'invalid_parameter' } });
    expectSecurityHeaders(bad);
  });

  test.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer wrong-token-wrong-token-wrong-token-00' }],
    ['the ingest token', 'ingest'],
    ['the token as a cookie', 'cookie'],
  ] as const)('%s is 401', async (_name, headers) => {
    const given =
      headers === 'ingest'
        ? { authorization: `Bearer ${serve.token}` }
        : headers === 'cookie'
          ? { cookie: `token=${uiToken}` }
          : headers;
    const answer = await get('/api/v1/clusters', given);
    expect(answer.status).toBe(401);
    expect(answer.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expectSecurityHeaders(answer);
  });

  test('the UI token does not open /v1/*: ingest and queries keep their own tokens', async () => {
    expect((await get('/v1/clusters', { authorization: `Bearer ${uiToken}` })).status).toBe(401);
    const ingest = await post(serve.url, uiToken, batch('ui-cluster', []));
    expect(ingest.status).toBe(401);
  });

  test.each(['POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'])('%s is 405 with no CORS header', async (method) => {
    const answer = await api('/api/v1/clusters', { origin: 'http://127.0.0.1:9999' }, method);
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET');
    expectSecurityHeaders(answer);
  });

  test('a CORS preflight (OPTIONS) is 405 with no Access-Control-* header', async () => {
    const answer = await get(
      '/api/v1/clusters',
      {
        origin: 'http://127.0.0.1:9999',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
        'sec-fetch-site': 'same-site',
      },
      'OPTIONS',
    );
    expect(answer.status).toBe(405);
    expectSecurityHeaders(answer);
  });

  test.each(['same-site', 'cross-site', 'none'])(
    'Sec-Fetch-Site: %s is 403 even with the token',
    async (site) => {
      const answer = await api('/api/v1/clusters', { 'sec-fetch-site': site });
      expect(answer.status).toBe(403);
      expect(answer.json()).toMatchObject({ error: { code: 'forbidden' } });
    },
  );

  test('Sec-Fetch-Site: same-origin (the page itself) passes', async () => {
    expect((await api('/api/v1/clusters', { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  test.each(['/api/v1/events', '/api/v1/nope', '/api/clusters', '/api', '/api/v1/clusters/x'])(
    '%s is outside the allow-list: 404',
    async (path) => {
      const answer = await api(path);
      expect(answer.status).toBe(404);
      expect(answer.json()).toMatchObject({ error: { code: 'not_found' } });
    },
  );
});

describe('the Host check’s rule', () => {
  test.each([
    ['127.0.0.1:7878', 7878, true],
    ['localhost:7878', 7878, true],
    ['[::1]:7878', 7878, true],
    ['127.0.0.1:7879', 7878, false],
    ['127.0.0.1', 7878, false],
    ['127.0.0.1', 80, true],
    ['attacker.example:7878', 7878, false],
    ['localhost.attacker.example:7878', 7878, false],
    [undefined, 7878, false],
  ] as const)('Host %s on port %d: %s', (given, port, accepted) => {
    expect(isLoopbackHost(given, port)).toBe(accepted);
  });
});
