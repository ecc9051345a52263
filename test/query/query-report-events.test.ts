import { describe, expect, it } from 'vitest';
import type { PodSummary } from '../../functions/domain/model.js';
import type { RecordedEvent } from '../../functions/domain/pod-event.js';
import { recordedEvent } from '../support/event-builders.js';
import { createMemoryReader } from '../support/memory-reader.js';
import { at, pod, restart, startup } from '../support/query-builders.js';
import { queryApp } from './query-app.js';

/** What pod Events add to the reports: image pulls in /v1/startup, Warning reasons in /v1/restarts. */
const WINDOW = { since: at(0), until: at(3600) };

const pulled = (p: PodSummary, container: string, first: number, duration: string) => ({
  pod: p,
  event: recordedEvent([
    {
      uid: `pull-${p.uid}-${container}`,
      pod: p,
      reason: 'Pulled',
      first,
      fieldPath: `spec.containers{${container}}`,
      message: `Successfully pulled image "x" in ${duration} (${duration} including waiting). Image size: 1 bytes.`,
      rv: `1${first}`,
    },
  ]),
});

describe('GET /v1/startup?pulls=true', () => {
  const web = (i: number, started?: number) =>
    pod({
      uid: `w${i}`,
      name: `web-${i}`,
      createdAt: at(i),
      workload: { kind: 'Deployment', name: 'web' },
      startup: startup(i, { scheduled: 1, initialized: 2, ...(started === undefined ? {} : { started }) }),
    });
  // startup = scheduling 1 s + containers (started − 2): 8 s, 10 s, 12 s; web-3 never started.
  const pods = [web(0, 9), web(1, 11), web(2, 13), web(3)];
  const events = [
    pulled(pods[0] as PodSummary, 'app', 5, '4s'),
    pulled(pods[1] as PodSummary, 'app', 6, '1.5s'),
    pulled(pods[1] as PodSummary, 'proxy', 8, '500ms'),
  ];

  it('adds imagePull and startupSli, and counts the started pods without pull data', async () => {
    const reader = createMemoryReader({ pods, events });
    const res = await queryApp(reader).get('/v1/startup', { ...WINDOW, groupBy: '', pulls: 'true' });
    expect(res.statusCode).toBe(200);
    const body = res.json as {
      overall: { pods: number; noPullData: number; phases: Record<string, { count: number; max: number }> };
      groups: { noPullData: number }[];
      slowest: { name: string; durations: Record<string, number>; imagePulls?: Record<string, number> }[];
    };
    expect(body.overall.noPullData).toBe(1);
    expect(body.groups.map((g) => g.noPullData)).toEqual([1]);
    expect(body.overall.phases.startup).toMatchObject({ count: 3, max: 12_000 });
    expect(body.overall.phases.imagePull).toMatchObject({ count: 2, min: 2000, max: 4000 });
    expect(body.overall.phases.startupSli).toMatchObject({ count: 2, min: 4000, max: 8000 });
    const byName = Object.fromEntries(body.slowest.map((p) => [p.name, p]));
    expect(byName['web-1']?.imagePulls).toEqual({ app: 1500, proxy: 500 });
    expect(byName['web-1']?.durations).toMatchObject({ startup: 10_000, imagePull: 2000, startupSli: 8000 });
    expect(byName['web-2']?.durations.imagePull).toBeUndefined();
    // Only the pods that started are read: the others cannot have pull data.
    expect(reader.calls.filter((c) => c.method === 'podEvents')).toEqual([{ method: 'podEvents', limit: 3 }]);
    expect(res.headers?.['x-podtrail-store-cost']).toBe('requests=7;items=7');
  });

  it('reads no events, and says nothing of pulls, unless asked', async () => {
    const reader = createMemoryReader({ pods, events });
    const res = await queryApp(reader).get('/v1/startup', { ...WINDOW, groupBy: '' });
    const body = res.json as { overall: Record<string, unknown>; groups: Record<string, unknown>[] };
    expect(body.overall).not.toHaveProperty('noPullData');
    expect(body.groups[0]).not.toHaveProperty('noPullData');
    expect(body.overall.phases).not.toHaveProperty('imagePull');
    expect(reader.calls.map((c) => c.method)).not.toContain('podEvents');
  });
});

describe('GET /v1/restarts?warnings=true', () => {
  const web = pod({ uid: 'w1', name: 'web-1', workload: { kind: 'Deployment', name: 'web' } });
  const api = pod({ uid: 'a1', name: 'api-1', workload: { kind: 'Deployment', name: 'api' } });
  const warning = (p: PodSummary, uid: string, reason: string, last: number, count: number): RecordedEvent =>
    recordedEvent([
      {
        uid,
        pod: p,
        reason,
        type: 'Warning',
        first: last,
        last,
        count,
        fieldPath: 'spec.containers{app}',
        rv: `${uid}-${count}`,
      },
    ]);
  const contents = {
    pods: [web, api],
    restarts: [
      restart({
        uid: 'w1',
        name: 'web-1',
        workload: web.workload,
        finishedAt: at(1000),
        observedAt: at(1001),
      }),
      restart({
        uid: 'w1',
        name: 'web-1',
        workload: web.workload,
        restartCount: 2,
        finishedAt: at(1300),
        observedAt: at(1301),
      }),
      restart({
        uid: 'a1',
        name: 'api-1',
        workload: api.workload,
        finishedAt: at(2000),
        observedAt: at(2001),
      }),
    ],
    events: [
      { pod: web, event: warning(web, 'u1', 'Unhealthy', 990, 3) },
      { pod: web, event: warning(web, 'b1', 'BackOff', 1250, 2) },
      { pod: api, event: warning(api, 'f1', 'FailedMount', 100, 9) },
    ],
  };

  it('gives each returned group its top Warning reasons before its restarts', async () => {
    const reader = createMemoryReader(contents);
    const res = await queryApp(reader).get('/v1/restarts', {
      ...WINDOW,
      groupBy: 'workload',
      warnings: 'true',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json as {
      groups: { key: { workload: string }; warnings: Record<string, number> }[];
      warningLookbackMs: number;
    };
    expect(body.groups.map((g) => [g.key.workload, g.warnings])).toEqual([
      ['Deployment/web', { Unhealthy: 3, BackOff: 2 }],
      // FailedMount was seen 31 minutes before api-1's restart.
      ['Deployment/api', {}],
    ]);
    expect(body.warningLookbackMs).toBe(600_000);
  });

  it('reads the events of the returned groups’ pods only', async () => {
    const reader = createMemoryReader(contents);
    await queryApp(reader).get('/v1/restarts', {
      ...WINDOW,
      groupBy: 'workload',
      top: '1',
      warnings: 'true',
    });
    expect(reader.calls.filter((c) => c.method === 'podEvents')).toEqual([{ method: 'podEvents', limit: 1 }]);
  });

  it('reads no events unless asked', async () => {
    const reader = createMemoryReader(contents);
    const res = await queryApp(reader).get('/v1/restarts', { ...WINDOW, groupBy: 'workload' });
    expect((res.json as { groups: object[] }).groups[0]).not.toHaveProperty('warnings');
    expect(reader.calls.map((c) => c.method)).not.toContain('podEvents');
  });
});

describe('reading events is bounded', () => {
  it('startup refuses pulls for more than 10,000 started pods, and says how to narrow it', async () => {
    const pods = Array.from({ length: 10_001 }, (_, i) =>
      pod({
        uid: `u${i}`,
        name: `web-${i}`,
        createdAt: at(0),
        startup: startup(0, { scheduled: 1, initialized: 1, started: 2 }),
      }),
    );
    const reader = createMemoryReader({ pods });
    const res = await queryApp(reader).get('/v1/startup', { ...WINDOW, pulls: 'true' });
    expect(res.statusCode).toBe(422);
    expect((res.json as { error: { message: string } }).error.message).toBe(
      'more than 10000 started pods to read image pulls for: narrow the window or the cluster, or leave pulls out',
    );
    expect(reader.calls.map((c) => c.method)).not.toContain('podEvents');
  });

  it('restarts refuses warnings for more than 10,000 restarted pods in the groups returned', async () => {
    const restarts = Array.from({ length: 10_001 }, (_, i) => restart({ uid: `u${i}`, name: `web-${i}` }));
    const reader = createMemoryReader({ restarts });
    const res = await queryApp(reader).get('/v1/restarts', { ...WINDOW, warnings: 'true' });
    expect(res.statusCode).toBe(422);
    expect((res.json as { error: { message: string } }).error.message).toBe(
      'more than 10000 restarted pods to read events for: narrow the window, the cluster or top, or leave warnings out',
    );
    expect(reader.calls.map((c) => c.method)).not.toContain('podEvents');
  });
});

describe('the switches are validated', () => {
  it.each([
    ['/v1/startup', 'pulls', 'yes', 'pulls: "yes" is not a boolean: give true or false'],
    ['/v1/restarts', 'warnings', '1', 'warnings: "1" is not a boolean: give true or false'],
  ])('%s?%s=%s is a 400 that says what to give', async (path, name, value, message) => {
    const res = await queryApp(createMemoryReader({})).get(path, { [name]: value });
    expect(res.statusCode).toBe(400);
    expect((res.json as { error: { message: string } }).error.message).toBe(message);
  });

  it.each([['/v1/startup'], ['/v1/restarts']])('%s takes false as not asking', async (path) => {
    const reader = createMemoryReader({});
    const res = await queryApp(reader).get(path, {
      [path === '/v1/startup' ? 'pulls' : 'warnings']: 'false',
    });
    expect(res.statusCode).toBe(200);
    expect(reader.calls.map((c) => c.method)).not.toContain('podEvents');
  });
});
