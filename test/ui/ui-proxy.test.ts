import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ROUTES } from '../../functions/query/routes/index.js';
import type { ServeHandle } from '../../local/serve.js';
import { endpointAuth, startUiProxy, type UiProxy, type UiProxyOptions } from '../../local/ui-proxy.js';
import { API_ROUTE_PATHS } from '../../local/ui-routes.js';
import { credentialsHint } from '../../local/ui-upstream.js';
import { healthyStart } from '../ingest/lifecycles.js';
import { post, serveIn, tempDir } from '../serve/serve-client.js';
import { batch, revisions } from '../support/event-builders.js';
import { corsHeaders, rawHttp } from '../support/raw-http.js';
import { checkSigV4 } from './sigv4-check.js';

/**
 * `podtrail ui`'s proxy over real loopback HTTP, in front of a real upstream server that records
 * every request it gets: the browser-facing refusals happen before any upstream call, and the
 * upstream request is rebuilt from scratch and carries a SigV4 signature checked independently.
 */
const CREDENTIALS = {
  accessKeyId: 'AKIDPODTRAILTEST0001',
  secretAccessKey: 'podtrail/test/secret/key/0123456789abcdef',
  sessionToken: 'podtrail-test-session-token',
};

interface Hit {
  readonly method: string;
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
  readonly raw: string[];
}

const hits: Hit[] = [];
let upstream: Server;
let upstreamUrl: string;
const dir = tempDir('podtrail-ui-');
const uiDir = join(dir.path, 'ui');

/** What the fake query endpoint answers, by path. */
function upstreamAnswer(path: string): {
  status: number;
  type: string;
  body: string;
  headers?: Record<string, string>;
} {
  switch (path) {
    case '/base/v1/clusters':
      return { status: 200, type: 'application/json', body: '{"clusters":[{"cluster":"c1"}]}' };
    case '/base/v1/pods':
      return {
        status: 400,
        type: 'application/json',
        body: '{"error":{"code":"invalid_parameter","message":"cluster: \\"X\\" is not a cluster name","requestId":"r1"}}',
      };
    case '/base/v1/timeline':
      return { status: 403, type: 'application/json', body: '{"Message":"Forbidden"}' };
    case '/base/v1/startup':
      return {
        status: 302,
        type: 'text/plain',
        body: '',
        headers: { location: 'http://127.0.0.1:1/elsewhere' },
      };
    case '/base/v1/restarts':
      return { status: 200, type: 'application/json', body: JSON.stringify({ pad: 'x'.repeat(5_000) }) };
    case '/base/v1/restarts/records':
      return { status: 200, type: 'text/html', body: '<html>a login page</html>' };
    case '/base/v1/status-entered':
      return { status: 502, type: 'text/html', body: '<html>Bad Gateway</html>' };
    default:
      return { status: 404, type: 'application/json', body: '{"error":{"code":"not_found","message":"no"}}' };
  }
}

beforeAll(async () => {
  mkdirSync(uiDir, { recursive: true });
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>podtrail</title>');
  upstream = createServer((request, response) => {
    hits.push({
      method: request.method ?? '',
      target: request.url ?? '',
      headers: request.headers,
      raw: request.rawHeaders,
    });
    const path = (request.url ?? '').split('?')[0] ?? '';
    if (path === '/base/v1/describe') return; // never answers: the proxy's timeout
    const { status, type, body, headers } = upstreamAnswer(path);
    response.writeHead(status, { 'content-type': type, 'set-cookie': 'upstream=1', ...headers });
    response.end(body);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/base`;
});
afterAll(async () => {
  upstream.closeAllConnections();
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
  dir.remove();
});

const proxies: UiProxy[] = [];
afterEach(async () => {
  for (const p of proxies.splice(0)) await p.close();
});

async function proxy(options: Partial<UiProxyOptions> = {}) {
  const started = await startUiProxy({
    endpoint: new URL(upstreamUrl),
    auth: { kind: 'sigv4', region: 'eu-west-1' },
    credentials: async () => CREDENTIALS,
    profile: 'team-prod',
    port: 0,
    uiDir,
    timeoutMs: 1_000,
    maxResponseBytes: 4_096,
    ...options,
  });
  proxies.push(started);
  const token = /#token=(.+)$/.exec(started.uiUrl)?.[1] ?? '';
  const host = new URL(started.url).host;
  const call = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    rawHttp(started.url, path, { method, headers: { host, authorization: `Bearer ${token}`, ...headers } });
  return { ...started, token, host, call };
}

/** What a browser sends with a same-origin fetch from the page, plus what a hostile page might add. */
const BROWSER_HEADERS = {
  cookie: 'session=browser-cookie',
  origin: 'http://127.0.0.1:7879',
  referer: 'http://127.0.0.1:7879/pod?cluster=c1',
  'sec-fetch-site': 'same-origin',
  'sec-fetch-mode': 'cors',
  'sec-fetch-dest': 'empty',
  'sec-ch-ua': '"Chromium";v="156"',
  'user-agent': 'Mozilla/5.0 Chrome/156',
  'accept-language': 'en',
  'x-forwarded-host': 'evil.example',
  'x-amz-security-token': 'from-the-browser',
};

describe('refused before any upstream call', () => {
  test.each(['evil.example:PORT', '127.0.0.1:1', 'localhost'])('Host %s → 421', async (given) => {
    const p = await proxy();
    const before = hits.length;
    const host = given.replace('PORT', new URL(p.url).port);
    for (const path of ['/', '/api/v1/clusters']) {
      const answer = await p.call(path, { host });
      expect(answer.status).toBe(421);
      expect(corsHeaders(answer.headers)).toEqual([]);
    }
    expect(hits.length).toBe(before);
  });

  test.each([
    ['no token', {}],
    ['a wrong token', { authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }],
    ['a token in a cookie', { authorization: '', cookie: 'token=TOKEN' }],
  ] as const)('%s → 401', async (_name, headers) => {
    const p = await proxy();
    const before = hits.length;
    const given: Record<string, string> = Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k, v.replace('TOKEN', p.token)]),
    );
    const answer = await rawHttp(p.url, '/api/v1/clusters', { headers: { host: p.host, ...given } });
    expect(answer.status).toBe(401);
    expect(answer.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect(hits.length).toBe(before);
  });

  test.each(['POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'])('%s → 405 with no CORS header', async (method) => {
    const p = await proxy();
    const before = hits.length;
    const answer = await p.call('/api/v1/clusters', { origin: 'http://127.0.0.1:3000' }, method);
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET');
    expect(corsHeaders(answer.headers)).toEqual([]);
    expect(hits.length).toBe(before);
  });

  test('OPTIONS (a CORS preflight) → 405 with no Access-Control-* header', async () => {
    const p = await proxy();
    const before = hits.length;
    const answer = await rawHttp(p.url, '/api/v1/clusters', {
      method: 'OPTIONS',
      headers: {
        host: p.host,
        origin: 'http://127.0.0.1:3000',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
        'sec-fetch-site': 'same-site',
      },
    });
    expect(answer.status).toBe(405);
    expect(corsHeaders(answer.headers)).toEqual([]);
    expect(hits.length).toBe(before);
  });

  test.each(['cross-site', 'same-site', 'none'])(
    'Sec-Fetch-Site: %s → 403, even with the token',
    async (site) => {
      const p = await proxy();
      const before = hits.length;
      const answer = await p.call('/api/v1/clusters', { 'sec-fetch-site': site });
      expect(answer.status).toBe(403);
      expect(hits.length).toBe(before);
    },
  );

  test.each([
    '/api/v1/events',
    '/api/v1/nope',
    '/api/v2/clusters',
    '/api/v1/clusters/../../v1/events',
    '/api/v1/clusters%2f..%2fevents',
    '/api/https://evil.example/v1/clusters',
  ])('%s is outside the allow-list → 404', async (path) => {
    const p = await proxy();
    const before = hits.length;
    const answer = await p.call(path);
    expect(answer.status).toBe(404);
    expect(hits.length).toBe(before);
  });

  test('an absolute-form target naming another host is refused (400)', async () => {
    const p = await proxy();
    const before = hits.length;
    expect((await p.call('http://evil.example/api/v1/clusters')).status).toBe(400);
    expect(hits.length).toBe(before);
  });

  test.each([
    ['an unknown parameter', '/api/v1/clusters?host=evil.example'],
    ['a repeated parameter', '/api/v1/pods?cluster=a&cluster=b'],
    ['an over-long value', `/api/v1/pods?cluster=${'a'.repeat(3_000)}`],
  ])('%s → 400', async (_name, path) => {
    const p = await proxy();
    const before = hits.length;
    const answer = await p.call(path);
    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ error: { code: 'invalid_parameter' } });
    expect(hits.length).toBe(before);
  });
});

describe('the upstream request', () => {
  test('carries a valid SigV4 signature (checked independently) and none of the browser’s headers', async () => {
    const p = await proxy();
    const before = hits.length;
    const answer = await p.call(
      '/api/v1/pods?since=2026-01-01T00%3A00%3A00Z&cluster=c1&workload=Deployment%2Fweb&namespace=team+a',
      BROWSER_HEADERS,
    );
    expect(hits.length).toBe(before + 1);
    const hit = hits.at(-1) as Hit;
    expect(answer.status).toBe(400); // the endpoint's own answer for /v1/pods, passed through
    expect(hit.method).toBe('GET');
    expect(hit.target.split('?')[0]).toBe('/base/v1/pods');
    expect(Object.fromEntries(new URLSearchParams(hit.target.split('?')[1]))).toEqual({
      since: '2026-01-01T00:00:00Z',
      cluster: 'c1',
      workload: 'Deployment/web',
      namespace: 'team a',
    });
    expect(hit.target).toContain('namespace=team%20a');
    const check = checkSigV4(hit, CREDENTIALS.secretAccessKey);
    expect(check.accessKeyId).toBe(CREDENTIALS.accessKeyId);
    expect(check.scope).toMatch(/^\d{8}\/eu-west-1\/lambda\/aws4_request$/);
    expect(check.signedHeaders).toEqual(
      expect.arrayContaining(['host', 'x-amz-date', 'x-amz-security-token']),
    );
    expect(check.expected).toBe(check.given);
    expect(check.valid).toBe(true);
    expect(hit.headers.host).toBe(new URL(upstreamUrl).host);
    expect(hit.headers['x-amz-security-token']).toBe(CREDENTIALS.sessionToken);
    // Exactly what the proxy builds: nothing of the browser's request, not its token.
    expect(Object.keys(hit.headers).sort()).toEqual(
      [
        'accept',
        'authorization',
        'connection',
        'host',
        'x-amz-content-sha256',
        'x-amz-date',
        'x-amz-security-token',
      ].filter((name) => name !== 'x-amz-content-sha256' || 'x-amz-content-sha256' in hit.headers),
    );
    expect(hit.raw.join('\n')).not.toContain(p.token);
    for (const name of Object.keys(BROWSER_HEADERS).filter((n) => n !== 'x-amz-security-token'))
      expect(hit.headers[name]).toBeUndefined();
  });

  test('a tampered request fails the same check (the check can fail)', async () => {
    const p = await proxy();
    await p.call('/api/v1/clusters');
    const hit = hits.at(-1) as Hit;
    expect(checkSigV4(hit, CREDENTIALS.secretAccessKey).valid).toBe(true);
    expect(checkSigV4({ ...hit, target: '/base/v1/pods' }, CREDENTIALS.secretAccessKey).valid).toBe(false);
    expect(checkSigV4(hit, 'another-secret').valid).toBe(false);
  });

  test('the answer: the endpoint’s JSON and status, with the security headers and no-store, nothing else of the endpoint’s', async () => {
    const p = await proxy();
    const answer = await p.call('/api/v1/clusters');
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({ clusters: [{ cluster: 'c1' }] });
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.headers['content-security-policy']).toContain("default-src 'self'");
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(corsHeaders(answer.headers)).toEqual([]);
  });

  test('an upstream 4xx body is passed through as it is', async () => {
    const p = await proxy();
    const answer = await p.call('/api/v1/pods?cluster=X');
    expect(answer.status).toBe(400);
    expect(answer.text).toBe(upstreamAnswer('/base/v1/pods').body);
  });

  test('a Function URL’s own 403 keeps its status and says what the identity needs', async () => {
    const p = await proxy();
    const answer = await p.call('/api/v1/timeline?cluster=c1&namespace=n&name=p');
    expect(answer.status).toBe(403);
    expect(answer.json()).toMatchObject({
      error: {
        code: 'http_403',
        message: expect.stringMatching(/\(Forbidden\): .*lambda:InvokeFunctionUrl/),
      },
    });
  });

  test('a non-JSON error page keeps its status, as a JSON error', async () => {
    const p = await proxy();
    const answer = await p.call('/api/v1/status-entered?status=Error');
    expect(answer.status).toBe(502);
    expect(answer.json()).toMatchObject({ error: { code: 'http_502' } });
  });

  test('a success that is not JSON is refused: the endpoint is not a query API', async () => {
    const p = await proxy();
    const answer = await p.call('/api/v1/restarts/records');
    expect(answer.status).toBe(502);
    expect(answer.json()).toMatchObject({
      error: { code: 'not_json', message: expect.stringContaining('content-type "text/html"') },
    });
    expect(answer.text).not.toContain('login page');
  });

  test('a redirect is not followed', async () => {
    const p = await proxy();
    const before = hits.length;
    const answer = await p.call('/api/v1/startup');
    expect(answer.status).toBe(502);
    expect(answer.json()).toMatchObject({ error: { code: 'endpoint_redirect' } });
    expect(hits.length).toBe(before + 1);
  });

  test('an answer over the size cap is refused', async () => {
    const p = await proxy();
    const answer = await p.call('/api/v1/restarts');
    expect(answer.status).toBe(502);
    expect(answer.json()).toMatchObject({
      error: { code: 'endpoint_down', message: expect.stringContaining('more than 4096 bytes') },
    });
  });

  test('no answer within the timeout → an "endpoint down" error the page can show', async () => {
    const p = await proxy({ timeoutMs: 300 });
    const answer = await p.call('/api/v1/describe?cluster=c1&namespace=n&name=p');
    expect(answer.status).toBe(502);
    expect(answer.json()).toMatchObject({
      error: {
        code: 'endpoint_down',
        message: expect.stringMatching(/^endpoint down: .* did not answer in 0\.3 s$/),
      },
    });
  });

  test('an endpoint that is down → "endpoint down: … connection refused"', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const p = await proxy({ endpoint: new URL(`http://127.0.0.1:${port}`) });
    const answer = await p.call('/api/v1/clusters');
    expect(answer.status).toBe(502);
    expect(answer.json()).toMatchObject({
      error: {
        code: 'endpoint_down',
        message: expect.stringMatching(/^endpoint down: cannot reach .*: connection refused/),
      },
    });
  });

  test('a credential provider failure → 503 with the one command that fixes it, and no upstream call', async () => {
    const p = await proxy({
      credentials: async () => {
        throw new Error(
          'The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
        );
      },
    });
    const before = hits.length;
    const answer = await p.call('/api/v1/clusters');
    expect(answer.status).toBe(503);
    expect(answer.json()).toMatchObject({
      error: {
        code: 'aws_credentials',
        message:
          'the AWS SSO session of profile team-prod has expired: run "aws sso login --profile team-prod", then retry',
      },
    });
    expect(hits.length).toBe(before);
  });
});

describe('the static UI and the allow-list', () => {
  test('/ and client routes serve index.html with the CSP', async () => {
    const p = await proxy();
    for (const path of ['/', '/pod?cluster=c1&ns=n&name=p']) {
      const answer = await p.call(path, { authorization: '' });
      expect(answer.status).toBe(200);
      expect(answer.text).toContain('<title>podtrail</title>');
      expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });

  test('the allow-list is exactly the query API’s routes', () => {
    expect([...API_ROUTE_PATHS].sort()).toEqual(ROUTES.map((r) => r.path).sort());
    expect(API_ROUTE_PATHS).not.toContain('/v1/events');
  });

  test('listens on 127.0.0.1 and links with a 256-bit token', async () => {
    const p = await proxy();
    expect(p.uiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
  });
});

describe('in front of podtrail serve, with its bearer token', () => {
  let serve: ServeHandle;
  beforeAll(async () => {
    serve = await serveIn(join(dir.path, 'serve'), { uiDir });
    const events = healthyStart({ name: 'web', uid: 'u-proxy', createdAt: 0 }, revisions()).events;
    expect((await post(serve.url, serve.token, batch('proxied', events))).status).toBe(200);
  }, 60_000);
  afterAll(async () => serve?.close());

  test('answers what serve answers', async () => {
    const auth = endpointAuth(new URL(serve.url), serve.token);
    expect(auth).toEqual({ kind: 'bearer', token: serve.token });
    const p = await proxy({ endpoint: new URL(serve.url), auth: auth as { kind: 'bearer'; token: string } });
    const viaProxy = await p.call('/api/v1/clusters');
    const direct = await fetch(`${serve.url}/v1/clusters`, {
      headers: { authorization: `Bearer ${serve.token}` },
    });
    expect(viaProxy.status).toBe(200);
    expect(viaProxy.json()).toEqual(await direct.json());
    const invalid = await p.call('/api/v1/pods?cluster=NOT_VALID');
    expect(invalid.status).toBe(400);
    expect(invalid.json()).toMatchObject({
      error: { code: 'invalid_parameter', message: expect.stringContaining('cluster') },
    });
  });
});

describe('which endpoints the proxy accepts', () => {
  test.each([
    ['https://abcdefghij.lambda-url.eu-west-1.on.aws', undefined, { kind: 'sigv4', region: 'eu-west-1' }],
    ['https://abcdefghij.lambda-url.us-east-2.on.aws/', 'tok', { kind: 'sigv4', region: 'us-east-2' }],
    ['http://127.0.0.1:8787', 'serve-token-0123456789', { kind: 'bearer', token: 'serve-token-0123456789' }],
    ['http://localhost:8787', 'serve-token-0123456789', { kind: 'bearer', token: 'serve-token-0123456789' }],
    ['http://[::1]:8787', 'serve-token-0123456789', { kind: 'bearer', token: 'serve-token-0123456789' }],
    ['http://127.0.0.1:8787', undefined, /set PODTRAIL_TOKEN/],
    ['http://podtrail.internal:8787', 'tok', /neither a Lambda Function URL/],
    ['https://podtrail.example.com', 'tok', /neither a Lambda Function URL/],
    ['http://abcdefghij.lambda-url.eu-west-1.on.aws', undefined, /neither a Lambda Function URL/],
    ['https://user:pw@abcdefghij.lambda-url.eu-west-1.on.aws', undefined, /without credentials/],
    ['https://abcdefghij.lambda-url.eu-west-1.on.aws/?x=1', undefined, /without credentials, query/],
  ])('%s (token %s) → %j', (url, token, expected) => {
    const auth = endpointAuth(new URL(url), token);
    if (expected instanceof RegExp) expect(auth).toMatch(expected);
    else expect(auth).toEqual(expected);
  });
});

test('checkCredentials: undefined when the chain yields credentials, else the line to act on, with no request sent', async () => {
  const before = hits.length;
  expect(await (await proxy()).checkCredentials()).toBeUndefined();
  const failing = await proxy({
    credentials: async () => {
      throw new Error('Could not load credentials from any providers');
    },
  });
  expect(await failing.checkCredentials()).toMatch(/^no AWS credentials found: set AWS_PROFILE/);
  expect(hits.length).toBe(before);
});

describe('credential errors as one line', () => {
  test.each([
    [
      'The SSO session associated with this profile is invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
      'ops',
      'the AWS SSO session of profile ops has expired: run "aws sso login --profile ops", then retry',
    ],
    [
      'Could not load credentials from any providers',
      undefined,
      'no AWS credentials found: set AWS_PROFILE (after "aws sso login --profile <p>" for SSO) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then restart podtrail ui',
    ],
    [
      'The security token included in the request is expired',
      'ops',
      'the AWS credentials of profile ops have expired: refresh them (e.g. "aws sso login --profile ops"), then retry',
    ],
    [
      'Profile ops could not be found\nin /home/u/.aws/config',
      'ops',
      'cannot get AWS credentials (profile ops): Profile ops could not be found',
    ],
  ])('%s', (message, profile, line) => {
    expect(credentialsHint(new Error(message), profile)).toBe(line);
  });
});
