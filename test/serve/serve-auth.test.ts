import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { ServeHandle } from '../../local/serve.js';
import { TokenConfigError } from '../../local/serve-tokens.js';
import { healthyStart } from '../ingest/lifecycles.js';
import { batch, revisions } from '../support/event-builders.js';
import { post, serveIn, tempDir } from './serve-client.js';

/** `podtrail serve` authentication: generated or given bearer tokens, per-cluster tokens, persistence. */
const running: ServeHandle[] = [];
const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
  for (const d of dirs.splice(0)) d.remove();
});
const start = async (dir: string, options: Parameters<typeof serveIn>[1] = {}) => {
  const handle = await serveIn(dir, options);
  running.push(handle);
  return handle;
};
const newDir = () => {
  const d = tempDir();
  dirs.push(d);
  return d.path;
};
const events = (uid: string) => healthyStart({ name: `web-${uid}`, uid, createdAt: 0 }, revisions()).events;

describe('podtrail serve tokens', () => {
  test('generates a token once, keeps it in the data dir with mode 0600, and reuses it', async () => {
    const dir = newDir();
    const first = await start(dir);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(join(dir, 'token')).mode & 0o777).toBe(0o600);
    await first.close();
    running.pop();
    const second = await start(dir);
    expect(second.token).toBe(first.token);
  });

  test('PODTRAIL_TOKEN replaces the generated token; a short one is refused', async () => {
    const given = 'a-token-chosen-by-the-operator';
    const serve = await start(newDir(), { env: { PODTRAIL_TOKEN: given } });
    expect(serve.token).toBe(given);
    expect((await post(serve.url, given, batch('c1', events('u1')))).status).toBe(200);
    await expect(serveIn(newDir(), { env: { PODTRAIL_TOKEN: 'short' } })).rejects.toBeInstanceOf(
      TokenConfigError,
    );
  });

  test('requests without the token, or with a wrong one, are 401 and store nothing', async () => {
    const serve = await start(newDir());
    for (const token of [undefined, 'wrong-token-wrong-token', `${serve.token}x`]) {
      const response = await post(serve.url, token, batch('c1', events('u1')));
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(response.json).toEqual({
        error: {
          code: 'unauthorized',
          message: 'missing or unknown bearer token: send "Authorization: Bearer <token>"',
          requestId: expect.any(String),
        },
      });
    }
    expect(await serve.store.listClusters()).toEqual([]);
  });

  test('a token from tokens.json writes only its own clusters; another cluster is 403', async () => {
    const dir = newDir();
    const agentToken = 'agent-prod-token-0123456789';
    writeFileSync(
      join(dir, 'tokens.json'),
      JSON.stringify({ tokens: [{ name: 'agent-prod', token: agentToken, clusters: ['prod-eu-1'] }] }),
    );
    const serve = await start(dir);
    expect((await post(serve.url, agentToken, batch('prod-eu-1', events('u-prod')))).status).toBe(200);
    const denied = await post(serve.url, agentToken, batch('staging', events('u-staging')));
    expect(denied.status).toBe(403);
    expect(denied.json).toMatchObject({
      error: { code: 'forbidden', message: expect.stringMatching(/may not write cluster "staging"/) },
    });
    expect((await serve.store.listLivePods({ cluster: 'staging' })).items).toEqual([]);
    // The default token may write any cluster.
    expect((await post(serve.url, serve.token, batch('staging', events('u-staging')))).status).toBe(200);
  });

  test('a malformed tokens.json stops serve with a message naming the file', async () => {
    const dir = newDir();
    writeFileSync(
      join(dir, 'tokens.json'),
      JSON.stringify({ tokens: [{ name: 'x', token: 'short', clusters: [] }] }),
    );
    await expect(serveIn(dir)).rejects.toThrow(/tokens\.json: tokens\[0\]\.token/);
  });
});

describe('podtrail serve persistence and routes', () => {
  test('history survives a restart on the same data dir', async () => {
    const dir = newDir();
    const first = await start(dir);
    await post(first.url, first.token, batch('c1', events('u-kept')), { gzip: true });
    await first.close();
    running.pop();
    const second = await start(dir);
    expect((await second.store.getTimeline({ cluster: 'c1', uid: 'u-kept' })).items.length).toBeGreaterThan(
      3,
    );
  });

  test('routes outside /v1 are 404; without a query handler, /v1 queries are 404 too', async () => {
    const serve = await start(newDir(), { query: () => undefined });
    const healthz = await post(serve.url, serve.token, {}, { path: '/healthz' });
    expect(healthz.status).toBe(404);
    expect(healthz.json).toMatchObject({ error: { code: 'not_found', message: 'no such route: /healthz' } });
    expect((await post(serve.url, serve.token, {}, { path: '/v1/pods' })).status).toBe(404);
  });

  test('a query handler plugged in receives every other /v1/* request, authenticated', async () => {
    const seen: string[] = [];
    const serve = await start(newDir(), {
      query: () => async (event) => {
        seen.push(
          `${event.requestContext.http.method} ${event.rawPath}?${event.rawQueryString} ${event.requestContext.authorizer?.iam?.userArn}`,
        );
        return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"items":[]}' };
      },
    });
    const response = await fetch(`${serve.url}/v1/timeline?cluster=c1&name=web`, {
      headers: { authorization: `Bearer ${serve.token}` },
    });
    expect(response.status).toBe(200);
    expect(seen).toEqual(['GET /v1/timeline?cluster=c1&name=web local:default']);
    expect((await fetch(`${serve.url}/v1/timeline`)).status).toBe(401);
  });
});
