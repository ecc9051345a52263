import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ServeHandle } from '../../local/serve.js';
import { DRAIN_BYTES } from '../../local/server.js';
import { healthyStart } from '../ingest/lifecycles.js';
import { batch, prng, revisions, shuffle } from '../support/event-builders.js';
import { poisonCases } from '../support/poison-events.js';
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

/**
 * Issue 17.6: a seeded, bounded stream of the kinds of input that used to get a 5xx — poison events
 * among good ones, out-of-range times, forged cursors, unreadable targets, bodies that are not
 * batches — thrown at `podtrail serve` over loopback. Each gets one of its documented statuses,
 * never a 5xx; the server keeps serving; nothing from rejected input is stored; a poison event
 * costs only itself.
 */
describe('seeded fuzz over the ingest and query surface (issue 17.6)', () => {
  const SEED = 1717;
  const ROUNDS = 48;
  const QUERY_ROUTES = [
    '/v1/pods',
    '/v1/restarts',
    '/v1/restarts/records',
    '/v1/startup',
    '/v1/status-entered',
    '/v1/pod-events',
    '/v1/timeline',
    '/v1/clusters',
    '/v1/nope',
  ];
  const junk = (random: () => number): string => {
    const pool = [
      '104000000d',
      '9000000000000000ms',
      '-1h',
      '0000-01-01T00:00:00+01:00',
      '9999-12-31T23:59:59-01:00',
      '275760-09-13T00:00:00Z',
      'x'.repeat(5000),
      '%00',
      '1e308',
      '2026-13-45T99:99:99Z',
      'NaN',
      '💥'.repeat(100),
      'demo',
      '2h',
      'OOMKilled',
      `${'A'.repeat(40)}.${'B'.repeat(40)}`,
      Buffer.from(JSON.stringify({ since: 'x', store: { k: 'v' } })).toString('base64url'),
    ];
    return pool[Math.floor(random() * pool.length)] as string;
  };
  const PARAMS = [
    'since',
    'until',
    'limit',
    'cursor',
    'cluster',
    'namespace',
    'status',
    'uid',
    'groupBy',
    'top',
  ];

  test('every request gets a documented status, never a 5xx; poison costs only itself; rejected input is never stored', async () => {
    const random = prng(SEED);
    const nextRv = revisions(50_000);
    const rejectedUids = new Set<string>();
    const acceptedUids = new Set<string>();
    const statuses: number[] = [];
    const kinds = [0, 0, 0, 0];
    for (let round = 0; round < ROUNDS; round++) {
      const kind = Math.floor(random() * 4);
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      if (kind === 0) {
        // A query with random parameters from the pool.
        const route = QUERY_ROUTES[Math.floor(random() * QUERY_ROUTES.length)] as string;
        const query = new URLSearchParams();
        const count = 1 + Math.floor(random() * 3);
        for (let i = 0; i < count; i++)
          query.set(PARAMS[Math.floor(random() * PARAMS.length)] as string, junk(random));
        const response = await fetch(`${serve.url}${route}?${query}`, {
          headers: { authorization: `Bearer ${serve.token}` },
        });
        await response.text();
        expect([200, 400, 404, 422], `${route}?${query}`).toContain(response.status);
        statuses.push(response.status);
      } else if (kind === 1) {
        // Good pods with one to three poison events among them, shuffled.
        // (Pod cases: the Event case is 600 KB of incompressible text, over this server's body cap.)
        const cases = shuffle(
          poisonCases(nextRv).filter((c) => c.kind === 'pod'),
          random,
        ).slice(0, 1 + Math.floor(random() * 3));
        const suffix = `r${round}`;
        const rename = (uid: string) => `${uid}-${suffix}`;
        const poison = cases.map((c) => {
          const event = structuredClone(c.event) as {
            pod?: { metadata: { uid: string; name: string } };
            event?: { metadata: { uid: string } };
          };
          if (event.pod !== undefined) {
            event.pod.metadata.uid = rename(c.uid);
            event.pod.metadata.name = `${event.pod.metadata.name}-${suffix}`;
          }
          if (event.event !== undefined) event.event.metadata.uid = rename(c.uid);
          return { ...c, uid: rename(c.uid), event: event as unknown as (typeof c)['event'] };
        });
        const good = healthyStart(
          { name: `good-${suffix}`, uid: `good-${suffix}`, createdAt: 0 },
          nextRv,
        ).events;
        const events = shuffle([...good, ...poison.map((p) => p.event)], random);
        const response = await post(serve.url, serve.token, batch('fuzz-poison', events), { gzip: true });
        expect(response.status).toBe(200);
        statuses.push(response.status);
        const rejected = (response.json.rejected as { index: number }[]).map((r) => events[r.index]);
        const expected = poison.filter((p) => p.outcome !== 'accepted');
        expect(rejected).toHaveLength(expected.length);
        for (const p of expected) expect(rejected).toContain(p.event);
        expect(response.json.accepted).toBe(events.length - expected.length);
        for (const p of poison) {
          if (p.outcome !== 'accepted') rejectedUids.add(p.uid);
          else if (p.kind === 'pod') acceptedUids.add(p.uid);
        }
        acceptedUids.add(`good-${suffix}`);
      } else if (kind === 2) {
        // A body that is not a batch, or a target that is not a path.
        const bodies = [
          '[]',
          'null',
          '"x"',
          '{"cluster":"Bad Name","agent":{"id":"a","version":"1"},"events":[]}',
          '{',
          '{"cluster":"fuzz","agent":{"id":"a","version":"1"},"events":[1,"x",null]}',
        ];
        const raw = bodies[Math.floor(random() * bodies.length)] as string;
        const response = await post(serve.url, serve.token, undefined, { raw });
        expect([200, 400], raw).toContain(response.status);
        if (response.status === 200) expect(response.json.accepted).toBe(0);
        statuses.push(response.status);
      } else {
        const targets = ['//[', '//a:99999/v1/events', '//x/v1/pods', '*', 'http://[/'];
        const target = targets[Math.floor(random() * targets.length)] as string;
        const answer = await rawRequest(
          serve.url,
          `POST ${target} HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer ${serve.token}\r\ncontent-length: 0`,
        );
        expect(answer.status, target).toBe(400);
        statuses.push(answer.status);
      }
    }
    expect(statuses.every((s) => s < 500)).toBe(true);
    // Every kind came up, and the poison rounds left something to check.
    for (const count of kinds) expect(count).toBeGreaterThanOrEqual(5);
    expect(rejectedUids.size).toBeGreaterThan(0);
    for (const uid of rejectedUids)
      expect(await serve.store.locatePod({ cluster: 'fuzz-poison', uid }), uid).toBeUndefined();
    for (const uid of acceptedUids)
      expect(
        (await serve.store.getTimeline({ cluster: 'fuzz-poison', uid })).items.length,
        uid,
      ).toBeGreaterThan(0);
    // Still serving.
    expect((await post(serve.url, serve.token, batch('fuzz-poison', []))).status).toBe(200);
  }, 60_000);
});
