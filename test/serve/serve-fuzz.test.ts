import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ServeHandle } from '../../local/serve.js';
import { DRAIN_BYTES } from '../../local/server.js';
import { healthyStart } from '../ingest/lifecycles.js';
import { batch, prng, revisions } from '../support/event-builders.js';
import { post, rawRequest, serveIn, tempDir } from './serve-client.js';

/**
 * Bad input over HTTP: wrong types, huge strings, deep nesting, invalid gzip, oversize bodies. Each
 * gets the documented 4xx, the server keeps serving, and nothing from a rejected event is stored.
 */
let serve: ServeHandle;
const dir = tempDir();
beforeAll(async () => {
  serve = await serveIn(dir.path, {
    env: { MAX_BODY_BYTES: String(256 * 1024), MAX_DECODED_BYTES: String(1024 * 1024) },
  });
});
afterAll(async () => {
  await serve.close();
  dir.remove();
});

const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

describe('bodies that are not batches', () => {
  const cases: [
    string,
    { raw: string | Uint8Array; gzip?: boolean; headers?: Record<string, string> },
    number,
  ][] = [
    ['an empty body', { raw: '' }, 400],
    ['a JSON string', { raw: '"events"' }, 400],
    ['a JSON array', { raw: '[1,2,3]' }, 400],
    ['JSON nested 100,000 deep', { raw: deep(100_000) }, 400],
    [
      'bytes that are not gzip, declared gzip',
      { raw: new Uint8Array([1, 2, 3, 4, 5]), headers: { 'content-encoding': 'gzip' } },
      400,
    ],
    [
      'a truncated gzip stream',
      {
        raw: new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0x4b, 0x4c]),
        headers: { 'content-encoding': 'gzip' },
      },
      400,
    ],
    ['a body over MAX_BODY_BYTES', { raw: `{"pad":"${'x'.repeat(300 * 1024)}"}` }, 413],
    [
      'gzip that inflates past MAX_DECODED_BYTES',
      { raw: `{"pad":"${' '.repeat(2 * 1024 * 1024)}"}`, gzip: true },
      413,
    ],
    [
      'a cluster of the wrong type',
      { raw: JSON.stringify({ cluster: 42, agent: { id: 'a', version: '1' }, events: [] }) },
      400,
    ],
    [
      'a huge cluster name',
      { raw: JSON.stringify({ cluster: 'a'.repeat(100_000), agent: { id: 'a', version: '1' }, events: [] }) },
      400,
    ],
  ];
  test.each(cases)('%s', async (_name, init, status) => {
    const response = await post(serve.url, serve.token, undefined, init);
    expect(response.status).toBe(status);
    // The functions' one error body, whether the ingest or the local server's read cap refused it.
    expect(response.json).toMatchObject({
      error: {
        code: status === 413 ? 'too_large' : 'invalid_body',
        message: expect.any(String),
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      },
    });
  });
});

describe('fuzzed events inside a valid batch', () => {
  test('every malformed event is rejected with its index; valid ones are stored; the server stays up', async () => {
    const random = prng(2026);
    const valid = healthyStart({ name: 'web-ok', uid: 'uid-ok', createdAt: 0 }, revisions()).events;
    const mutate = (event: unknown, i: number): unknown => {
      const e = structuredClone(event) as { pod: { metadata: Record<string, unknown> } } & Record<
        string,
        unknown
      >;
      const choice = Math.floor(random() * 8);
      if (choice === 0) e.type = ['added', 7, null, {}][i % 4];
      if (choice === 1) e.observedAt = 'x'.repeat(100_000);
      if (choice === 2) e.pod.metadata.uid = { nested: deep(10) };
      if (choice === 3) e.pod.metadata.name = 'N'.repeat(5000);
      if (choice === 4) e.pod.metadata.namespace = ['default'];
      if (choice === 5) (e as Record<string, unknown>).pod = 'not a pod';
      if (choice === 6) e.pod.metadata.resourceVersion = 'has#hash';
      if (choice === 7) e.pod.metadata.labels = { app: 7 };
      return e;
    };
    const fuzzed = Array.from({ length: 40 }, (_, i) => mutate(valid[i % valid.length], i));
    const events = [...fuzzed, ...valid];
    const response = await post(serve.url, serve.token, batch('fuzz', events as never), { gzip: true });
    expect(response.status).toBe(200);
    const rejected = response.json.rejected as { index: number; issues: string[] }[];
    expect(rejected.map((r) => r.index)).toEqual(fuzzed.map((_, i) => i));
    for (const r of rejected) {
      expect(r.issues.length).toBeGreaterThan(0);
      for (const issue of r.issues) expect(issue).toMatch(new RegExp(`^events\\[${r.index}\\][.:\\[]`));
    }
    expect(response.json.accepted).toBe(valid.length);
    const live = await serve.store.listLivePods({ cluster: 'fuzz' });
    expect(live.items.map((p) => p.uid)).toEqual(['uid-ok']);
    expect((await serve.store.getTimeline({ cluster: 'fuzz', uid: 'uid-ok' })).items).toHaveLength(
      valid.length,
    );
    // Still serving.
    expect((await post(serve.url, serve.token, batch('fuzz', valid))).json).toMatchObject({
      unchanged: valid.length,
    });
  });
});

describe('request targets a URL parser cannot read (issue 17.4)', () => {
  test.each([
    ['POST', '//['],
    ['POST', '//a:99999/v1/events'],
    ['GET', '//a:99999/v1/pods?cluster=demo'],
    ['GET', '//[::1/v1/clusters'],
    ['POST', 'http://[/v1/events'],
    ['GET', '*'],
    ['GET', '/v1/pods?cluster=%ZZ'],
  ])(
    '%s %s → 400 or a documented answer, never 5xx, and the server keeps serving',
    async (method, target) => {
      const answer = await rawRequest(
        serve.url,
        `${method} ${target} HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer ${serve.token}\r\ncontent-length: 0`,
      );
      if (target.startsWith('/v1/')) expect(answer.status).toBeGreaterThanOrEqual(200);
      else expect(answer.status).toBe(400);
      expect(answer.status).toBeLessThan(500);
      if (answer.status === 400 && !target.startsWith('/v1/'))
        expect(answer.text).toMatch(/"code":"invalid_request"/);
      expect((await post(serve.url, serve.token, batch('fuzz-target', []))).status).toBe(200);
    },
  );
});

describe('an upload over MAX_BODY_BYTES (issue 17.5)', () => {
  test('a fast client reads the 413, not a reset: the server drains the upload up to a bound', async () => {
    const body = new Uint8Array(6 * 1024 * 1024).fill(0x20);
    for (let i = 0; i < 3; i++) {
      const answer = await rawRequest(
        serve.url,
        `POST /v1/events HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer ${serve.token}\r\ncontent-type: application/json\r\ncontent-length: ${body.byteLength}`,
        body,
      );
      expect(answer.status).toBe(413);
      expect(answer.reset).toBe(false);
      expect(answer.text).toMatch(/"code":"too_large"/);
      const viaFetch = await post(serve.url, serve.token, undefined, { raw: body });
      expect(viaFetch.status).toBe(413);
    }
  });

  test('past the drain bound the 413 still comes, and the server keeps serving', async () => {
    const body = new Uint8Array(256 * 1024 + DRAIN_BYTES + 1024 * 1024).fill(0x20);
    const answer = await rawRequest(
      serve.url,
      `POST /v1/events HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer ${serve.token}\r\ncontent-length: ${body.byteLength}`,
      body,
    );
    expect([0, 413]).toContain(answer.status);
    expect((await post(serve.url, serve.token, batch('fuzz-drain', []))).status).toBe(200);
  });
});
