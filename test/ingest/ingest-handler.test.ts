import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { parseEnvelope, parseEvents } from '../../functions/ingest/parse-batch.js';
import type { TableClient } from '../../functions/store/table/table-client.js';
import { dyingTable } from '../store/convergence-support.js';
import {
  at,
  batch,
  eventVersion,
  podEvent,
  podObject,
  revisions,
  syncEvent,
} from '../support/event-builders.js';
import { createMemoryTable } from '../support/memory-table.js';
import { AGENT_ROLE, ingestApp } from './ingest-app.js';
import { badImagePod } from './lifecycles.js';

/** The ingest's HTTP contract (docs/wire-format.md), through the real handler. */
const events = () => badImagePod({ name: 'pod-phase', uid: 'uid-1', createdAt: 0 }, revisions()).events;
const good = () => batch('prod-eu-1', events());

describe('a valid batch', () => {
  test('is stored and counted, and a retried copy changes nothing', async () => {
    const app = ingestApp();
    const first = await app.post(good());
    expect(first.statusCode).toBe(200);
    expect(first.json).toEqual({ accepted: 9, unchanged: 0, stale: 0, rejected: [] });
    const retried = await app.post(good());
    expect(retried.json).toEqual({ accepted: 0, unchanged: 9, stale: 0, rejected: [] });
    expect((await app.store.getTimeline({ cluster: 'prod-eu-1', uid: 'uid-1' })).items).toHaveLength(9);
  });

  test('may be gzipped (base64 on the wire, as Function URLs pass binary bodies)', async () => {
    const app = ingestApp();
    const response = await app.post(good(), { gzip: true });
    expect(response.json).toMatchObject({ accepted: 9 });
  });

  test('counts events older than the retention as stale and keeps nothing of them', async () => {
    const app = ingestApp({ now: Date.parse(at(0)) + 40 * 86_400_000 });
    const response = await app.post(good());
    expect(response.json).toEqual({ accepted: 0, unchanged: 0, stale: 9, rejected: [] });
    expect((await app.store.listLivePods({ cluster: 'prod-eu-1' })).items).toEqual([]);
  });

  test('logs one JSON line with counts, cluster and sizes, and never the payload', async () => {
    const app = ingestApp();
    await app.post(good());
    expect(app.logs).toHaveLength(1);
    expect(app.logs[0]).toMatchObject({
      msg: 'ingest',
      status: 200,
      cluster: 'prod-eu-1',
      events: 9,
      accepted: 9,
      principal: AGENT_ROLE,
    });
    expect(JSON.stringify(app.logs)).not.toMatch(/pod-phase|uid-1|ErrImagePull|busybox/);
  });
});

describe('invalid events are rejected one by one, the valid ones stored', () => {
  const kube = () =>
    eventVersion(
      { uid: 'ev-1', pod: { name: 'web-1', uid: 'uid-ok' }, reason: 'BackOff', first: 1 },
      '9',
    ) as {
      type: 'EVENT';
      observedAt: string;
      event: Record<string, unknown>;
    };
  const pod = (metadata: Record<string, unknown>) => ({
    ...podObject({ name: 'web-1', uid: 'uid-ok', createdAt: 0 }, {}, '7'),
    metadata: { name: 'web-1', namespace: 'default', uid: 'uid-ok', resourceVersion: '7', ...metadata },
  });
  const cases: [string, unknown, string[]][] = [
    [
      'a pod without uid',
      { type: 'ADDED', observedAt: at(1), pod: pod({ uid: undefined }) },
      ['events[1].pod.metadata.uid: required'],
    ],
    [
      'an unknown type',
      { type: 'BOOKMARK', observedAt: at(1) },
      ['events[1].type: must be one of "ADDED", "MODIFIED", "DELETED", "SYNC", "EVENT"'],
    ],
    [
      'a bad observedAt',
      { type: 'ADDED', observedAt: 'yesterday', pod: pod({}) },
      ['events[1].observedAt: must be an RFC 3339 time such as 2026-11-23T10:00:00.123Z'],
    ],
    [
      'a namespace that is not a DNS label',
      { type: 'ADDED', observedAt: at(1), pod: pod({ namespace: 'Prod_1' }) },
      ['events[1].pod.metadata.namespace: must be a DNS label'],
    ],
    [
      'a name longer than 253',
      { type: 'ADDED', observedAt: at(1), pod: pod({ name: 'a'.repeat(300) }) },
      [
        'events[1].pod.metadata.name: must have at most 253 characters',
        'events[1].pod.metadata.name: must be a DNS subdomain',
      ],
    ],
    [
      'a resourceVersion of the wrong type',
      { type: 'MODIFIED', observedAt: at(1), pod: pod({ resourceVersion: 7 }) },
      ['events[1].pod.metadata.resourceVersion: must be a string'],
    ],
    [
      'a SYNC without uids',
      { type: 'SYNC', observedAt: at(1), resourceVersion: '9', gapSince: null },
      ['events[1].uids: required'],
    ],
    [
      'a SYNC whose uids are not strings',
      { type: 'SYNC', observedAt: at(1), resourceVersion: '9', uids: [1], gapSince: null },
      ['events[1].uids[0]: must be a string'],
    ],
    ['an event that is not an object', 'hello', ['events[1]: must be an object']],
    [
      'a Kubernetes Event about a node, not a pod',
      {
        ...kube(),
        event: { ...kube().event, involvedObject: { kind: 'Node', namespace: 'default', name: 'n1' } },
      },
      ['events[1].event.involvedObject.kind: must be one of "Pod"'],
    ],
    [
      'a Kubernetes Event without a uid',
      { ...kube(), event: { ...kube().event, metadata: { resourceVersion: '9' } } },
      ['events[1].event.metadata.uid: required'],
    ],
    [
      'a Kubernetes Event about neither involvedObject nor regarding',
      { ...kube(), event: { metadata: { uid: 'e1', resourceVersion: '9' }, reason: 'X' } },
      ['events[1].event.involvedObject: needs involvedObject (core/v1) or regarding (events.k8s.io/v1)'],
    ],
    [
      'a Kubernetes Event with a 2,000-character reason',
      { ...kube(), event: { ...kube().event, reason: 'R'.repeat(2000) } },
      ['events[1].event.reason: must have at most 128 characters'],
    ],
  ];
  test.each(cases)('%s', async (_name, bad, issues) => {
    const app = ingestApp();
    const valid = podEvent('ADDED', 0, podObject({ name: 'web-0', uid: 'uid-0', createdAt: 0 }, {}, '5'));
    const response = await app.post(batch('prod-eu-1', [valid, bad as never]));
    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual({ accepted: 1, unchanged: 0, stale: 0, rejected: [{ index: 1, issues }] });
    expect((await app.store.listLivePods({ cluster: 'prod-eu-1' })).items.map((p) => p.uid)).toEqual([
      'uid-0',
    ]);
  });
});

describe('a pod uid keeps its namespace and name', () => {
  const web = (name: string, rv: string, seconds: number) =>
    podEvent('MODIFIED', seconds, podObject({ name, uid: 'uid-7', createdAt: 0 }, {}, rv));
  const issue = (index: number) => [
    `events[${index}].pod.metadata: pod uid uid-7 is recorded as default/web-0; a pod's namespace and name never change`,
  ];

  test('an event renaming a uid in the same batch is refused; the rest is kept', async () => {
    const app = ingestApp();
    const response = await app.post(
      batch('prod-eu-1', [web('web-0', '5', 0), web('web-9', '6', 1), web('web-0', '7', 2)]),
    );
    expect(response.json).toEqual({
      accepted: 2,
      unchanged: 0,
      stale: 0,
      rejected: [{ index: 1, issues: issue(1) }],
    });
    const [history] = (
      await app.store.getPodHistory({ cluster: 'prod-eu-1', namespace: 'default', name: 'web-0' })
    ).items;
    // Event 2 repeats event 0's state: stored, but no new timeline entry.
    expect(history?.entries.map((e) => e.resourceVersion)).toEqual(['5']);
  });

  test('an event renaming a recorded uid in a later batch is refused, and no second head appears', async () => {
    const app = ingestApp();
    await app.post(batch('prod-eu-1', [web('web-0', '5', 0)]));
    const other = podEvent('ADDED', 1, podObject({ name: 'api-0', uid: 'uid-8', createdAt: 0 }, {}, '6'));
    const response = await app.post(batch('prod-eu-1', [other, web('web-9', '8', 3)]));
    expect(response.json).toEqual({
      accepted: 1,
      unchanged: 0,
      stale: 0,
      rejected: [{ index: 1, issues: issue(1) }],
    });
    const renamed = await app.store.getPodHistory({
      cluster: 'prod-eu-1',
      namespace: 'default',
      name: 'web-9',
    });
    expect(renamed.items).toEqual([]);
    expect(app.logs.at(-1)).toMatchObject({ rejected: 1 });
  });

  test('a renamed event first in a batch does not take the real ones down with it', async () => {
    const app = ingestApp();
    await app.post(batch('prod-eu-1', [web('web-0', '5', 0)]));
    const response = await app.post(
      batch('prod-eu-1', [web('web-9', '6', 1), web('web-0', '7', 2), web('web-0', '8', 3)]),
    );
    expect(response.json).toMatchObject({ accepted: 2, rejected: [{ index: 0, issues: issue(0) }] });
  });

  test('with nothing recorded yet, the name of the earliest event in the batch is kept', async () => {
    const app = ingestApp();
    const response = await app.post(batch('prod-eu-1', [web('web-9', '9', 4), web('web-0', '5', 0)]));
    expect(response.json).toMatchObject({ accepted: 1, rejected: [{ index: 0 }] });
    expect(await app.store.locatePod({ cluster: 'prod-eu-1', uid: 'uid-7' })).toEqual({
      namespace: 'default',
      name: 'web-0',
    });
  });

  test('so does a fresh process, which has no cached head to compare with', async () => {
    const table = createMemoryTable();
    await ingestApp({ table }).post(batch('prod-eu-1', [web('web-0', '5', 0)]));
    const response = await ingestApp({ table }).post(batch('prod-eu-1', [web('web-9', '8', 3)]));
    expect(response.json).toMatchObject({
      accepted: 0,
      rejected: [{ index: 0, issues: issue(0) }],
    });
    expect(
      table
        .dump()
        .filter((i) => String(i.sk).endsWith('#H'))
        .map((i) => i.pk),
    ).toEqual(['P#prod-eu-1#default#web-0']);
  });
});

describe('only accepted events touch the cluster registry (issue 17.2)', () => {
  const web = (name: string, rv: string, seconds: number) =>
    podEvent('MODIFIED', seconds, podObject({ name, uid: 'uid-7', createdAt: 0 }, {}, rv));

  test('a refused rename, later than everything accepted, moves neither the last event nor the agent', async () => {
    const table = createMemoryTable();
    const app = ingestApp({ table });
    await app.post(batch('prod-eu-1', [web('web-0', '5', 0)]));
    const before = await app.store.listClusters();
    expect(before).toMatchObject([{ cluster: 'prod-eu-1', lastEventAt: at(0) }]);
    // An hour later, from another agent: a rename (refused) alone, then beside an accepted event.
    const later = await ingestApp({ table }).post(
      batch('prod-eu-1', [web('web-9', '8', 3600)], 'other-agent'),
    );
    expect(later.json).toMatchObject({ accepted: 0, rejected: [{ index: 0 }] });
    expect(await app.store.listClusters()).toEqual(before);
    const mixed = await ingestApp({ table }).post(
      batch('prod-eu-1', [web('web-0', '9', 1200), web('web-9', '10', 3600)], 'other-agent'),
    );
    expect(mixed.json).toMatchObject({ accepted: 1, rejected: [{ index: 1 }] });
    expect(await app.store.listClusters()).toMatchObject([
      { cluster: 'prod-eu-1', lastEventAt: at(1200), agent: { id: 'other-agent' } },
    ]);
  });
});

describe('a body that is not an object names its issue path "body" (issue 17.5)', () => {
  test.each([
    ['an array', [1, 2]],
    ['a string', 'events'],
    ['null', null],
    ['a number', 7],
  ])('%s', async (_name, body) => {
    const response = await ingestApp().post(body);
    expect(response.statusCode).toBe(400);
    expect(response.json).toMatchObject({
      error: { code: 'invalid_body', issues: [expect.stringMatching(/^body: must be an object$/)] },
    });
  });

  test('a field of the body keeps its own path', async () => {
    const response = await ingestApp().post({ cluster: 7, agent: { id: 'a', version: '1' }, events: [] });
    expect(response.json).toMatchObject({ error: { issues: ['cluster: must be a string'] } });
  });
});

describe('a body that is not a batch at all is refused', () => {
  const cases: [
    string,
    Partial<Parameters<ReturnType<typeof ingestApp>['post']>[1]> & { body?: unknown },
    number,
    string,
    RegExp,
  ][] = [
    ['not JSON', { raw: '{"cluster":' }, 400, 'invalid_body', /not JSON/],
    [
      'invalid gzip',
      { raw: new Uint8Array([31, 139, 8, 0, 1, 2, 3]), headers: { 'content-encoding': 'gzip' } },
      400,
      'invalid_body',
      /not valid gzip/,
    ],
    [
      'no cluster',
      { body: { agent: { id: 'a', version: '1' }, events: [] } },
      400,
      'invalid_body',
      /not an event batch/,
    ],
    [
      'a cluster name that is not a DNS label',
      { body: { cluster: 'Prod EU', agent: { id: 'a', version: '1' }, events: [] } },
      400,
      'invalid_body',
      /not an event batch/,
    ],
    [
      'events that are not a list',
      { body: { cluster: 'prod-eu-1', agent: { id: 'a', version: '1' }, events: {} } },
      400,
      'invalid_body',
      /not an event batch/,
    ],
    [
      'another content type',
      { body: good(), headers: { 'content-type': 'text/plain' } },
      415,
      'unsupported_media_type',
      /application\/json/,
    ],
    [
      'another content encoding',
      { body: good(), headers: { 'content-encoding': 'br' } },
      415,
      'unsupported_media_type',
      /gzip/,
    ],
  ];
  test.each(cases)('%s', async (_name, init, status, code, message) => {
    const app = ingestApp();
    const response = await app.post(init.body, init);
    expect(response.statusCode).toBe(status);
    expect(response.json).toMatchObject({
      error: { code, message: expect.stringMatching(message), requestId: 'req-1' },
    });
    expect((await app.store.listClusters()).length).toBe(0);
  });

  test('a 400 names what is wrong', async () => {
    const response = await ingestApp().post({ agent: { id: 'a', version: '1' }, events: [] });
    expect(response.json).toEqual({
      error: {
        code: 'invalid_body',
        message: 'the body is not an event batch',
        requestId: 'req-1',
        issues: ['cluster: required'],
      },
    });
  });
});

describe('size limits', () => {
  test('a body larger than MAX_BODY_BYTES is 413, stating the limit', async () => {
    const response = await ingestApp().post({
      cluster: 'prod-eu-1',
      agent: { id: 'a', version: '1' },
      events: [],
      pad: 'x'.repeat(70_000),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json).toEqual({
      error: {
        code: 'too_large',
        message: 'the request body is larger than 65536 bytes: send smaller batches',
        requestId: 'req-1',
        limitBytes: 65536,
      },
    });
  });

  test('a gzip bomb stops at MAX_DECODED_BYTES with 413', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 32));
    expect(bomb.byteLength).toBeLessThan(65536);
    const response = await ingestApp().post(undefined, {
      raw: bomb,
      headers: { 'content-encoding': 'gzip' },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json).toMatchObject({ error: { code: 'too_large', limitBytes: 262144 } });
  });

  test('more than 10,000 events is 413, stating the limit in events', async () => {
    const events = Array.from({ length: 10_001 }, () => 0);
    const response = await ingestApp().post({
      cluster: 'prod-eu-1',
      agent: { id: 'a', version: '1' },
      events,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json).toEqual({
      error: {
        code: 'too_large',
        message: 'a batch of 10001 events is more than 10000 events: send smaller batches',
        requestId: 'req-1',
        limitEvents: 10_000,
      },
    });
  });
});

describe('cluster authorization', () => {
  const cases: [string, number, string | undefined, string][] = [
    [
      "the cluster's agent role, as its STS session",
      200,
      'arn:aws:sts::111122223333:assumed-role/podtrail-agent-prod-eu-1/s-1',
      'prod-eu-1',
    ],
    ["the cluster's agent role itself", 200, AGENT_ROLE, 'prod-eu-1'],
    [
      'a role matching a wildcard pattern',
      200,
      'arn:aws:sts::111122223333:assumed-role/podtrail-agent-staging/s',
      'staging',
    ],
    [
      "another cluster's role",
      403,
      'arn:aws:sts::111122223333:assumed-role/podtrail-agent-staging/s',
      'prod-eu-1',
    ],
    [
      'the same role name in another account',
      403,
      'arn:aws:sts::999999999999:assumed-role/podtrail-agent-prod-eu-1/s',
      'prod-eu-1',
    ],
    ['a cluster nobody may write', 403, AGENT_ROLE, 'dev'],
    ['no caller identity', 401, undefined, 'prod-eu-1'],
  ];
  test.each(cases)('%s → %i', async (_name, status, principal, cluster) => {
    const app = ingestApp();
    const response = await app.post(batch(cluster, events()), { principal });
    expect(response.statusCode).toBe(status);
    const stored = (await app.store.listLivePods({ cluster })).items.length;
    expect(stored > 0).toBe(status === 200);
  });
});

describe('authorization comes before any per-event work', () => {
  const malformed = () => batch('prod-eu-1', ['hello', { type: 'BOOKMARK' }, { type: 'ADDED' }] as never[]);
  const OTHER_ROLE = 'arn:aws:sts::111122223333:assumed-role/podtrail-agent-staging/s';

  test('a caller that may not write the cluster gets 403 even when every event is malformed', async () => {
    const app = ingestApp();
    const response = await app.post(malformed(), { principal: OTHER_ROLE });
    expect(response.statusCode).toBe(403);
    expect(response.json).toEqual({
      error: {
        code: 'forbidden',
        message: `this caller may not write cluster "prod-eu-1"; check the cluster's agent role or token`,
        requestId: 'req-1',
      },
    });
    // No per-event outcome: nothing was parsed, so nothing was accepted or rejected.
    expect(app.logs[0]).toMatchObject({ status: 403, cluster: 'prod-eu-1', events: 3 });
    expect(app.logs[0]).not.toHaveProperty('rejected');
  });

  test('the same batch from its agent is a 200 rejecting each event', async () => {
    const response = await ingestApp().post(malformed());
    expect(response.statusCode).toBe(200);
    expect((response.json.rejected as { index: number }[]).map((r) => r.index)).toEqual([0, 1, 2]);
  });

  test('the envelope check reads cluster, agent and the size of events, not the events', () => {
    const events = ['hello', 42, null, { type: 'ADDED', pod: { metadata: {} } }];
    const envelope = parseEnvelope({ cluster: 'prod-eu-1', agent: { id: 'a', version: '1' }, events });
    expect(envelope.events).toEqual(events);
    expect(parseEvents(envelope).rejected.map((r) => r.index)).toEqual([0, 1, 2, 3]);
  });
});

describe('routing and failures', () => {
  test('other paths are 404, other methods 405 naming the method to use', async () => {
    const app = ingestApp();
    const elsewhere = await app.post(good(), { path: '/v1/pods' });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json).toEqual({
      error: { code: 'not_found', message: 'no such route: POST /v1/events', requestId: 'req-1' },
    });
    const get = await app.post(good(), { method: 'GET' });
    expect(get.statusCode).toBe(405);
    expect(get.headers?.allow).toBe('POST');
    expect(get.json).toMatchObject({ error: { code: 'method_not_allowed' } });
    expect(app.logs.map((l) => [l.status, l.level, l.error])).toEqual([
      [404, 'warn', 'not_found'],
      [405, 'warn', 'method_not_allowed'],
    ]);
  });

  test('a store outage is 503 with Retry-After; the body says nothing internal, the log keeps the cause', async () => {
    const app = ingestApp({ table: dyingTable(createMemoryTable(), 1, false) });
    const response = await app.post(good());
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('1');
    expect(response.json).toEqual({
      error: {
        code: 'unavailable',
        message: 'the store is unavailable or busy; retry shortly',
        requestId: 'req-1',
      },
    });
    expect(app.logs[0]).toMatchObject({
      status: 503,
      level: 'error',
      error: 'unavailable',
      cause: 'StoreUnavailableError: injected crash at store call 1',
    });
  });

  test('a write conflict that outlasts the store retries is 503 too (StoreConflictError is unavailable)', async () => {
    const table = createMemoryTable();
    // Another writer wins every compare-and-swap.
    const contended: TableClient = {
      get: (key, consistent) => table.get(key, consistent),
      batchGet: (keys, consistent) => table.batchGet(keys, consistent),
      put: async (item, condition) => (condition === undefined ? table.put(item) : 'condition-failed'),
      delete: (key, condition) => table.delete(key, condition),
      batchPut: (items) => table.batchPut(items),
      query: (request) => table.query(request),
    };
    const app = ingestApp({ table: contended });
    const response = await app.post(good());
    expect(response.statusCode).toBe(503);
    expect(response.json).toMatchObject({ error: { code: 'unavailable' } });
    expect(app.logs[0]).toMatchObject({
      error: 'unavailable',
      cause: expect.stringMatching(/^StoreConflictError: /),
    });
  });

  test('SYNC events are accepted and counted', async () => {
    const app = ingestApp();
    const response = await app.post(batch('prod-eu-1', [syncEvent(5, '99', [], 1)]));
    expect(response.json).toEqual({ accepted: 1, unchanged: 0, stale: 0, rejected: [] });
  });
});
