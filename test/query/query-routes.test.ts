import { describe, expect, it } from 'vitest';
import type { StoreReader } from '../../functions/store/port.js';
import { StoreUnavailableError } from '../../functions/store/table/table-client.js';
import { createMemoryReader } from '../support/memory-reader.js';
import { at, pod, restart, startup, T0 } from '../support/query-builders.js';
import { queryApp } from './query-app.js';

const WINDOW = { since: at(0), until: at(3600) };

describe('GET /v1/pods', () => {
  const pods = Array.from({ length: 7 }, (_, i) =>
    pod({ uid: `u${i}`, name: `web-${i}`, firstSeenAt: at(i * 10), lastSeenAt: at(i * 10 + 5) }),
  );
  const reader = createMemoryReader({ pods: [...pods, pod({ uid: 'x', namespace: 'other', name: 'x' })] });

  it('pages through the window with cursors bound to the query', async () => {
    const app = queryApp(reader);
    const names: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const res = await app.get('/v1/pods', {
        cluster: 'demo',
        namespace: 'default',
        ...WINDOW,
        limit: '3',
        ...(cursor ? { cursor } : {}),
      });
      const body = res.json as { pods: { name: string }[]; next?: string; window: unknown };
      expect(body.window).toEqual(WINDOW);
      names.push(...body.pods.map((p) => p.name));
      cursor = body.next;
      if (cursor === undefined) break;
    }
    expect(names).toEqual(['web-0', 'web-1', 'web-2', 'web-3', 'web-4', 'web-5', 'web-6']);
  });

  it('keeps a relative window fixed across pages: the cursor carries the resolved window', async () => {
    const first = await queryApp(reader, { now: T0 + 3_600_000 }).get('/v1/pods', {
      cluster: 'demo',
      since: '1h',
      limit: '2',
    });
    const body = first.json as { next: string; window: { since: string } };
    const later = await queryApp(reader, { now: T0 + 7_200_000 }).get('/v1/pods', {
      cluster: 'demo',
      since: '1h',
      limit: '2',
      cursor: body.next,
    });
    expect((later.json as { window: unknown }).window).toEqual({ since: at(0), until: at(3600) });
  });

  it('needs a namespace with a workload', async () => {
    const res = await queryApp(reader).get('/v1/pods', { cluster: 'demo', workload: 'web' });
    expect(res.json).toMatchObject({
      error: { message: 'workload: needs namespace too (workloads are namespaced)' },
    });
  });
});

describe('GET /v1/restarts', () => {
  // 12,000 records over three clusters: more than two ledger pages of 5,000.
  const ledger = Array.from({ length: 12_000 }, (_, i) =>
    restart({
      cluster: ['a', 'b', 'c'][i % 3]!,
      uid: `u${i % 40}`,
      observedAt: at(i),
      unobserved: i % 100 === 0 ? 2 : 0,
      reason: i % 7 === 0 ? 'OOMKilled' : 'Error',
      exitCode: i % 7 === 0 ? 137 : 1,
    }),
  );
  const reader = createMemoryReader({ restarts: ledger });

  it('totals equal the ledger: every record plus its unobserved restarts', async () => {
    const res = await queryApp(reader, { now: T0 + 10_000_000 }).get('/v1/restarts', {
      since: at(0),
      until: at(12_000),
      groupBy: 'cluster',
    });
    const body = res.json as {
      totals: { restarts: number; records: number; oomKilled: number; unobserved: number };
      groups: { key: { cluster: string }; restarts: number }[];
    };
    expect(body.totals).toMatchObject({
      records: 12_000,
      unobserved: 240,
      restarts: 12_240,
      oomKilled: 1715,
    });
    expect(body.groups.map((g) => g.key.cluster).sort()).toEqual(['a', 'b', 'c']);
    expect(body.groups.reduce((n, g) => n + g.restarts, 0)).toBe(12_240);
    expect(res.headers?.['x-podtrail-store-cost']).toBe('requests=3;items=12000');
  });

  it('reads only the window', async () => {
    const res = await queryApp(reader).get('/v1/restarts', { since: at(100), until: at(200) });
    expect((res.json as { totals: { records: number } }).totals.records).toBe(100);
    expect(res.headers?.['x-podtrail-store-cost']).toBe('requests=1;items=100');
  });

  it('filters by namespace, container and reason', async () => {
    const res = await queryApp(reader).get('/v1/restarts', {
      since: at(0),
      until: at(12_000),
      reason: 'OOMKilled',
      groupBy: 'reason,exitCode',
    });
    expect((res.json as { groups: unknown[] }).groups).toEqual([
      expect.objectContaining({ key: { reason: 'OOMKilled', exitCode: '137' }, records: 1715 }),
    ]);
  });

  it.each([
    [
      'groupBy=team',
      'groupBy: "team" is not one of cluster, namespace, workload, container, reason, exitCode (give a comma-separated list)',
    ],
    ['top=0', 'top: "0" is out of range: expected an integer from 1 to 1000'],
    [
      'since=2%20h',
      'since: "2 h" is not a time: expected RFC 3339 (e.g. 2026-11-23T10:00:00Z) or a duration like 2h, 30m, 7d',
    ],
    [
      'cursor=abc',
      'cursor: unknown parameter; this route accepts "cluster", "namespace", "workload", "container", "reason", "since", "until", "groupBy", "top", "warnings"',
    ],
  ])('400 for %s', async (query, message) => {
    const res = await queryApp(reader).get('/v1/restarts', query);
    expect(res.statusCode).toBe(400);
    expect((res.json as { error: { message: string } }).error.message).toBe(message);
  });
});

describe('GET /v1/startup', () => {
  const pods = [1, 2, 3, 4, 10].map((s, i) =>
    pod({
      uid: `w${i}`,
      name: `web-${i}`,
      createdAt: at(i),
      workload: { kind: 'Deployment', name: 'web' },
      startup: startup(i, { scheduled: s, initialized: s, started: s + 2, ready: s + 3 }),
    }),
  );
  const reader = createMemoryReader({ pods });

  it('gives percentiles per group and the slowest pods', async () => {
    const res = await queryApp(reader).get('/v1/startup', { ...WINDOW, groupBy: 'workload', limit: '2' });
    const body = res.json as {
      overall: { pods: number; phases: { toReady: unknown } };
      groups: { key: unknown; phases: { scheduling: unknown; startup: unknown } }[];
      slowest: { name: string; durations: { toReady: number } }[];
    };
    expect(body.overall.pods).toBe(5);
    expect(body.groups[0]!.key).toEqual({ workload: 'Deployment/web' });
    expect(body.groups[0]!.phases.scheduling).toEqual({
      count: 5,
      min: 1000,
      p50: 3000,
      p90: 10000,
      p99: 10000,
      max: 10000,
    });
    expect(body.groups[0]!.phases.startup).toEqual({
      count: 5,
      min: 3000,
      p50: 5000,
      p90: 12000,
      p99: 12000,
      max: 12000,
    });
    expect(body.slowest.map((p) => [p.name, p.durations.toReady])).toEqual([
      ['web-4', 13000],
      ['web-3', 7000],
    ]);
  });
});

describe('GET /v1/clusters', () => {
  it('lists clusters and says which went quiet', async () => {
    const reader = createMemoryReader({
      clusters: [
        {
          cluster: 'fresh',
          livePods: 3,
          gaps: [],
          lastEventAt: new Date(T0 + 3_600_000 - 60_000).toISOString(),
        },
        { cluster: 'quiet', livePods: 1, gaps: [], lastEventAt: at(0) },
      ],
    });
    const res = await queryApp(reader).get('/v1/clusters');
    expect(
      (res.json as { clusters: { cluster: string; stale: boolean }[] }).clusters.map((c) => [
        c.cluster,
        c.stale,
      ]),
    ).toEqual([
      ['fresh', false],
      ['quiet', true],
    ]);
  });
});

describe('errors and logs', () => {
  const failing = (error: unknown): StoreReader => ({
    ...createMemoryReader({}),
    listClusters: async () => {
      throw error;
    },
  });

  it.each([
    ['an unknown path', '/v1/podz', 'GET', 404, 'not_found'],
    ['a POST', '/v1/clusters', 'POST', 405, 'method_not_allowed'],
  ])('%s is a %d, answered in the one error shape', async (_name, path, method, status, code) => {
    const app = queryApp(createMemoryReader({}));
    const res = await app.get(path, '', method);
    expect(res.statusCode).toBe(status);
    expect(res.json).toEqual({ error: { code, message: expect.any(String), requestId: 'req-1' } });
    expect(app.logs).toEqual([expect.objectContaining({ level: 'warn', status, error: code })]);
  });

  it('a 405 says which method to use', async () => {
    const res = await queryApp(createMemoryReader({})).get('/v1/clusters', '', 'DELETE');
    expect(res.headers?.allow).toBe('GET');
    expect(res.json).toMatchObject({ error: { message: 'DELETE is not allowed: use GET' } });
  });

  it('a store failure is a 500 that names no internals, and the log keeps the cause', async () => {
    const app = queryApp(failing(new Error('ResourceNotFoundException: table podtrail-xyz not found')));
    const res = await app.get('/v1/clusters');
    expect(res.statusCode).toBe(500);
    expect(res.json).toEqual({
      error: { code: 'internal', message: 'internal error (request id req-1)', requestId: 'req-1' },
    });
    expect(app.logs).toEqual([
      expect.objectContaining({
        level: 'error',
        route: '/v1/clusters',
        status: 500,
        cause: 'Error: ResourceNotFoundException: table podtrail-xyz not found',
      }),
    ]);
  });

  it('the store unavailable (throttled, unreachable: the store translates SDK errors) is a 503 with Retry-After', async () => {
    const throttled = new StoreUnavailableError(
      'DynamoDB request failed: ProvisionedThroughputExceededException: Rate exceeded',
    );
    const app = queryApp(failing(throttled));
    const res = await app.get('/v1/clusters');
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe('1');
    expect(res.json).toEqual({
      error: {
        code: 'unavailable',
        message: 'the store is unavailable or busy; retry shortly',
        requestId: 'req-1',
      },
    });
    expect(app.logs[0]).toMatchObject({
      level: 'error',
      error: 'unavailable',
      cause: `StoreUnavailableError: ${throttled.message}`,
    });
  });

  it('an error is classified by its type, not its name: an untranslated one is a 500', async () => {
    const raw = Object.assign(new Error('Rate exceeded'), { name: 'ServiceUnavailableException' });
    const res = await queryApp(failing(raw)).get('/v1/clusters');
    expect(res.statusCode).toBe(500);
  });

  it('logs one line per request with route, status, cost and no parameter values', async () => {
    const app = queryApp(createMemoryReader({ pods: [pod()] }));
    await app.get('/v1/pods', { cluster: 'demo', namespace: 'secret-team', ...WINDOW });
    expect(app.logs).toHaveLength(1);
    expect(app.logs[0]).toEqual({
      level: 'info',
      msg: 'query',
      requestId: 'req-1',
      route: '/v1/pods',
      status: 200,
      ms: 0,
      items: 0,
      storeRequests: 1,
      itemsRead: 0,
    });
    expect(JSON.stringify(app.logs)).not.toContain('secret-team');
  });
});

describe('times out of range (issue 17.3): 400 naming the parameter, never 500', () => {
  const reader = createMemoryReader({});
  const range = 'is out of range: the time must be between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z';
  const routes: [string, Record<string, string>][] = [
    ['/v1/pods', { cluster: 'demo' }],
    ['/v1/restarts', {}],
    ['/v1/restarts/records', {}],
    ['/v1/startup', {}],
    ['/v1/status-entered', { status: 'OOMKilled' }],
    ['/v1/pod-events', { cluster: 'demo' }],
  ];
  const inputs: [string, string, string][] = [
    ['since', '104000000d', `since: "104000000d" ${range}`],
    ['since', '9000000000000000ms', `since: "9000000000000000ms" ${range}`],
    ['since', '1000000w', `since: "1000000w" ${range}`],
    ['until', '104000000d', `until: "104000000d" ${range}`],
    ['since', '0000-01-01T00:00:00+01:00', `since: "0000-01-01T00:00:00+01:00" ${range}`],
    ['until', '9999-12-31T23:59:59-01:00', `until: "9999-12-31T23:59:59-01:00" ${range}`],
  ];
  it.each(
    routes.flatMap(([path, extra]) =>
      inputs.map(([name, value, message]) => [path, extra, name, value, message] as const),
    ),
  )('%s %j %s=%s', async (path, extra, name, value, message) => {
    const res = await queryApp(reader).get(path, { ...extra, [name]: value });
    expect(res.statusCode).toBe(400);
    expect((res.json as { error: { message: string } }).error.message).toBe(message);
  });

  it('the earliest representable until still answers (the default since is clamped, not negative)', async () => {
    const res = await queryApp(reader).get('/v1/pods', { cluster: 'demo', until: '0000-01-01T00:00:01Z' });
    expect(res.statusCode).toBe(200);
  });
});
