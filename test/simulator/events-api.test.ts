import { CoreV1Api, KubeConfig, Watch } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ManualClock,
  manualClock,
  type SimEvent,
  type Simulator,
  startSimulator,
} from '../../simulator/index.js';
import { runningPods, simGet, simWatch } from '../support/sim-client.js';

/** core/v1 events served like pods: list, watch, field selectors, paging, 410s, faults and the 1 h TTL. */

let sim: Simulator;
let clock: ManualClock;
afterEach(async () => {
  await sim?.close();
});

async function simulator(options: Parameters<typeof startSimulator>[0] = {}) {
  clock = manualClock();
  sim = await startSimulator({ token: 'sim-token', clock, ...options });
  return sim;
}

function event(
  name: string,
  about: { kind?: string; name?: string; uid?: string } = {},
  extra = {},
): SimEvent {
  const kind = about.kind ?? 'Pod';
  return {
    metadata: { name, namespace: 'prod' },
    involvedObject: {
      kind,
      namespace: 'prod',
      name: about.name ?? name.split('.')[0],
      uid: about.uid ?? `uid-${name.split('.')[0]}`,
      apiVersion: 'v1',
    },
    reason: 'Started',
    message: 'Started container app',
    source: { component: 'kubelet', host: 'node-a' },
    count: 1,
    type: 'Normal',
    ...extra,
  };
}

const events = (path: string) =>
  simGet(sim, path).then((r) => ({ status: r.status, body: JSON.parse(r.body) }));
const names = (body: { items: { metadata: { name: string } }[] }) => body.items.map((e) => e.metadata.name);
const rvOf = (line: { object: { metadata?: { resourceVersion?: string } } }) =>
  Number(line.object.metadata?.resourceVersion);

describe('event watch', () => {
  it('streams ADDED, MODIFIED and DELETED with resourceVersions from the counter pods use', async () => {
    await simulator();
    const from = sim.store.resourceVersion();
    sim.events.put(event('web.1'));
    sim.store.create(runningPods(1)[0]!);
    sim.events.patch('prod', 'web.1', (e) => {
      e.count = 2;
      e.lastTimestamp = '2026-11-23T10:00:10Z';
    });
    sim.events.delete('prod', 'web.1');
    const { lines } = await simWatch(sim, `resourceVersion=${from}`, { resource: 'events', maxLines: 3 });
    expect(lines.map((l) => [l.type, l.object.kind])).toEqual([
      ['ADDED', 'Event'],
      ['MODIFIED', 'Event'],
      ['DELETED', 'Event'],
    ]);
    const [added, modified, deleted] = lines.map(rvOf);
    // The pod's write took the revision between the event's creation and its patch.
    expect([added, modified, deleted]).toEqual([from + 1, from + 3, from + 4]);
    expect(sim.store.resourceVersion()).toBe(from + 4);
    expect(lines[1]?.object).toMatchObject({ count: 2, lastTimestamp: '2026-11-23T10:00:10Z' });
  });

  it('a watch without resourceVersion starts with ADDED for every event, namespaced watches see their namespace', async () => {
    await simulator();
    sim.events.put(event('web.1'));
    sim.events.put({ ...event('db.1'), metadata: { name: 'db.1', namespace: 'data' } });
    const all = await simWatch(sim, '', { resource: 'events', maxLines: 2 });
    expect(all.lines.map((l) => l.object.metadata?.name)).toEqual(['db.1', 'web.1']);
    const data = await simWatch(sim, 'timeoutSeconds=1', { resource: 'events', namespace: 'data' });
    expect(data.lines.map((l) => l.object.metadata?.name)).toEqual(['db.1']);
  });

  it('filters with field selectors, turning a change that stops matching into DELETED and one that starts into ADDED', async () => {
    await simulator();
    const from = sim.store.resourceVersion();
    sim.events.put(event('web.1'));
    sim.events.put(event('node-a.1', { kind: 'Node', name: 'node-a', uid: 'node-a' }));
    sim.events.put(event('web.2', {}, { type: 'Warning', reason: 'BackOff' }));
    sim.events.patch('prod', 'web.2', (e) => {
      e.type = 'Normal';
    });
    sim.events.patch('prod', 'web.1', (e) => {
      e.type = 'Warning';
    });
    const selector = encodeURIComponent('involvedObject.kind=Pod,type=Warning');
    const { lines } = await simWatch(sim, `resourceVersion=${from}&fieldSelector=${selector}`, {
      resource: 'events',
      maxLines: 3,
    });
    expect(lines.map((l) => `${l.type} ${l.object.metadata?.name}`)).toEqual([
      'ADDED web.2',
      'DELETED web.2',
      'ADDED web.1',
    ]);
    // DELETED carries the object as it last matched, at the resourceVersion of the change.
    expect(lines[1]?.object).toMatchObject({ type: 'Warning' });
    expect(rvOf(lines[1]!)).toBe(Number(sim.events.get('prod', 'web.2')?.metadata.resourceVersion));
  });

  it('sends Event bookmarks shaped as the API server serializes an empty Event', async () => {
    await simulator({ bookmarkIntervalMs: 100 });
    const rv = sim.store.resourceVersion();
    const { lines, ended } = await simWatch(
      sim,
      `resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=1`,
      { resource: 'events' },
    );
    expect(ended).toBe('server');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toEqual({
      type: 'BOOKMARK',
      object: {
        kind: 'Event',
        apiVersion: 'v1',
        metadata: { resourceVersion: String(rv), creationTimestamp: null },
        involvedObject: {},
        source: {},
        firstTimestamp: null,
        lastTimestamp: null,
        eventTime: null,
        reportingComponent: '',
        reportingInstance: '',
      },
    });
  });

  it('a resourceVersion older than the event history is 410 Expired; the pods history is not affected', async () => {
    await simulator({ eventHistoryLimit: 3 });
    const from = sim.store.resourceVersion();
    for (let i = 0; i < 5; i++) sim.events.put(event(`web.${i}`));
    const { lines, ended } = await simWatch(sim, `resourceVersion=${from}`, { resource: 'events' });
    expect(ended).toBe('server');
    expect(lines).toMatchObject([
      { type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } },
    ]);
    const pods = await simWatch(sim, `resourceVersion=${from}&timeoutSeconds=1`);
    expect(pods).toMatchObject({ ended: 'server', lines: [] });
  });

  it('an unsupported field is 400 BadRequest on watch as on list', async () => {
    await simulator();
    const res = await simGet(sim, '/api/v1/events?watch=true&fieldSelector=spec.nodeName%3Dx');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ message: 'field label not supported: spec.nodeName' });
  });
});

describe('event lists', () => {
  it('page with limit and continue at the first page resourceVersion, with the selector applied before paging', async () => {
    await simulator();
    for (let i = 1; i <= 5; i++) sim.events.put(event(`web.${i}`));
    sim.events.put(event('node-a.1', { kind: 'Node', name: 'node-a' }));
    const selector = encodeURIComponent('involvedObject.kind=Pod');
    const first = await events(`/api/v1/events?limit=2&fieldSelector=${selector}`);
    expect(first.body).toMatchObject({ kind: 'EventList', metadata: { remainingItemCount: 3 } });
    expect(names(first.body)).toEqual(['web.1', 'web.2']);
    sim.events.put(event('web.0'));
    const second = await events(`/api/v1/events?limit=2&continue=${first.body.metadata.continue}`);
    const third = await events(`/api/v1/events?limit=2&continue=${second.body.metadata.continue}`);
    expect([...names(second.body), ...names(third.body)]).toEqual(['web.3', 'web.4', 'web.5']);
    expect(third.body.metadata.resourceVersion).toBe(first.body.metadata.resourceVersion);
    expect(third.body.metadata.continue).toBeUndefined();
  });

  it('an expired continue token is 410 Expired; expiring the event tokens leaves pod tokens alone', async () => {
    await simulator();
    for (let i = 1; i <= 4; i++) sim.events.put(event(`web.${i}`));
    sim.store.seed(runningPods(4));
    const eventPage = await events('/api/v1/events?limit=2');
    const podPage = await events('/api/v1/pods?limit=2');
    sim.faults.expireContinueTokens('events');
    const expired = await events(`/api/v1/events?limit=2&continue=${eventPage.body.metadata.continue}`);
    expect(expired).toMatchObject({ status: 410, body: { reason: 'Expired', code: 410 } });
    expect(expired.body.message).toMatch(/^The provided continue parameter is too old/);
    expect((await events(`/api/v1/pods?limit=2&continue=${podPage.body.metadata.continue}`)).status).toBe(
      200,
    );
  });

  it.each([
    ['resourceVersion=0 ignores the limit', '?limit=1&resourceVersion=0', 200],
    [
      'a resourceVersion newer than the store is too large',
      '?resourceVersion=999999&resourceVersionMatch=NotOlderThan',
      504,
    ],
    [
      'Exact at an older resourceVersion is gone',
      '?limit=1&resourceVersion=1001&resourceVersionMatch=Exact',
      410,
    ],
    ['resourceVersionMatch without resourceVersion is invalid', '?resourceVersionMatch=NotOlderThan', 422],
  ])('%s', async (_name, query, status) => {
    await simulator();
    sim.events.put(event('web.1'));
    sim.events.put(event('web.2'));
    const res = await events(`/api/v1/events${query}`);
    expect(res.status).toBe(status);
    if (status === 200) expect(names(res.body)).toEqual(['web.1', 'web.2']);
  });

  it('GET one event by name, 404 NotFound otherwise', async () => {
    await simulator();
    sim.events.put(event('web.1'));
    const found = await events('/api/v1/namespaces/prod/events/web.1');
    expect(found).toMatchObject({
      status: 200,
      body: { kind: 'Event', apiVersion: 'v1', reason: 'Started' },
    });
    expect(found.body.metadata).toMatchObject({
      uid: expect.any(String),
      creationTimestamp: '2026-11-23T10:00:00Z',
    });
    const missing = await events('/api/v1/namespaces/prod/events/web.9');
    expect(missing).toMatchObject({ status: 404, body: { message: 'events "web.9" not found' } });
  });
});

describe('event expiry', () => {
  it('deletes an event one hour after its last write, renewed by each write, as DELETED on watch', async () => {
    await simulator();
    sim.events.put(event('web.1'));
    sim.events.put(event('web.2'));
    const from = sim.store.resourceVersion();
    clock.advance(30 * 60_000);
    sim.events.patch('prod', 'web.2', (e) => {
      e.count = 2;
    });
    const watching = simWatch(sim, `resourceVersion=${from}`, { resource: 'events', maxLines: 3 });
    await waitFor(() => sim.openWatches('events') === 1);
    clock.advance(30 * 60_000 - 1);
    expect(sim.events.size()).toBe(2);
    clock.advance(1);
    expect(sim.events.get('prod', 'web.1')).toBeUndefined();
    clock.advance(30 * 60_000);
    expect(sim.events.size()).toBe(0);
    const { lines } = await watching;
    expect(lines.map((l) => `${l.type} ${l.object.metadata?.name}`)).toEqual([
      'MODIFIED web.2',
      'DELETED web.1',
      'DELETED web.2',
    ]);
  });

  it('takes its TTL from the options (--event-ttl)', async () => {
    await simulator({ eventTtlMs: 3 * 3_600_000 });
    sim.events.put(event('web.1'));
    clock.advance(3 * 3_600_000 - 1);
    expect(sim.events.size()).toBe(1);
    clock.advance(1);
    expect(sim.events.size()).toBe(0);
  });
});

describe('event faults, apart from pods', () => {
  it('fails event requests only when the rule names events', async () => {
    await simulator();
    sim.faults.failRequests({ resource: 'events', verb: 'list', status: 429, retryAfterSeconds: 2 });
    expect((await simGet(sim, '/api/v1/pods?limit=10')).status).toBe(200);
    const res = await simGet(sim, '/api/v1/events?limit=10');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('2');
    expect((await simGet(sim, '/api/v1/events?limit=10')).status).toBe(200);
    sim.faults.failRequests({ verb: 'list', status: 500 });
    expect((await simGet(sim, '/api/v1/events?limit=10')).status).toBe(200);
    expect((await simGet(sim, '/api/v1/pods?limit=10')).status).toBe(500);
    expect(sim.stats.events.log.map((l) => l.injected)).toEqual([429, undefined, undefined]);
    expect(sim.stats.events.requests.list).toBe(3);
  });

  it('a 410 inside the events watch stream, a 403 naming events', async () => {
    await simulator();
    sim.faults.failRequests({ resource: 'events', verb: 'watch', status: 410, inStream: true });
    sim.faults.failRequests({ resource: 'all', verb: 'list', status: 403, times: 2 });
    const { lines } = await simWatch(sim, `resourceVersion=${sim.store.resourceVersion()}`, {
      resource: 'events',
    });
    expect(lines).toMatchObject([{ type: 'ERROR', object: { code: 410, reason: 'Expired' } }]);
    const forbidden = JSON.parse((await simGet(sim, '/api/v1/events')).body);
    expect(forbidden.message).toContain('cannot list resource "events"');
    expect((await simGet(sim, '/api/v1/pods')).status).toBe(403);
  });

  it('drops, cuts after n events, garbles and compacts event streams without touching pod streams', async () => {
    await simulator();
    const from = sim.store.resourceVersion();
    for (let i = 1; i <= 3; i++) sim.events.put(event(`web.${i}`));
    sim.faults.dropWatchesAfterEvents(2, 'events');
    const cut = await simWatch(sim, `resourceVersion=${from}`, { resource: 'events' });
    expect(cut.ended).toBe('reset');
    expect(cut.lines.map((l) => l.type)).toEqual(['ADDED', 'ADDED']);
    sim.faults.dropWatchesAfterEvents(undefined, 'events');
    sim.faults.garbleNextLines(1, 'events');
    const garbled = await simWatch(sim, `resourceVersion=${from}`, { resource: 'events', maxLines: 2 });
    expect(garbled.lines.map((l) => l.type)).toEqual(['GARBAGE', 'ADDED']);

    const podWatch = simWatch(sim, `resourceVersion=${from}`, { timeoutMs: 1_000 });
    const eventWatch = simWatch(sim, `resourceVersion=${sim.store.resourceVersion()}`, {
      resource: 'events',
      timeoutMs: 1_000,
    });
    await waitFor(() => sim.openWatches('all') === 2);
    sim.faults.dropWatches({ resource: 'events' });
    expect((await eventWatch).ended).toBe('reset');
    expect((await podWatch).ended).toBe('client');

    sim.faults.compact('events');
    const compacted = await simWatch(sim, `resourceVersion=${from}`, { resource: 'events' });
    expect(compacted.lines).toMatchObject([{ type: 'ERROR', object: { code: 410 } }]);
  });
  it('clear() lifts event faults too, also on streams already open', async () => {
    await simulator();
    sim.faults.failRequests({ resource: 'events', verb: 'list', status: 500, times: 5 });
    sim.faults.garbleNextLines(3, 'events');
    const watching = simWatch(sim, `resourceVersion=${sim.store.resourceVersion()}`, {
      resource: 'events',
      maxLines: 1,
    });
    await waitFor(() => sim.openWatches('events') === 1);
    expect((await simGet(sim, '/api/v1/events')).status).toBe(500);
    sim.faults.clear();
    expect((await simGet(sim, '/api/v1/events')).status).toBe(200);
    sim.events.put(event('web.1'));
    expect((await watching).lines.map((l) => l.type)).toEqual(['ADDED']);
  });
});

describe('with the real @kubernetes/client-node', () => {
  it('lists pod events with a field selector and follows their watch', async () => {
    await simulator();
    sim.events.put(event('web.1'));
    sim.events.put(event('node-a.1', { kind: 'Node', name: 'node-a' }));
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfigYaml());
    const core = kc.makeApiClient(CoreV1Api);
    const list = await core.listEventForAllNamespaces({
      fieldSelector: 'involvedObject.kind=Pod',
      limit: 500,
    });
    expect(list.items.map((e) => [e.metadata.name, e.involvedObject.kind, e.count])).toEqual([
      ['web.1', 'Pod', 1],
    ]);
    const namespaced = await core.listNamespacedEvent({ namespace: 'prod' });
    expect(namespaced.items).toHaveLength(2);

    const seen: [string, string | undefined, number | undefined][] = [];
    const done = new Promise<unknown>((resolve) => {
      void new Watch(kc).watch(
        '/api/v1/events',
        {
          resourceVersion: list.metadata?.resourceVersion,
          fieldSelector: 'involvedObject.kind=Pod',
          allowWatchBookmarks: true,
          timeoutSeconds: 1,
        },
        (type, object: { metadata?: { name?: string }; count?: number }) =>
          seen.push([type, object.metadata?.name, object.count]),
        resolve,
      );
    });
    await waitFor(() => sim.openWatches('events') === 1);
    sim.events.patch('prod', 'web.1', (e) => {
      e.count = 2;
    });
    sim.events.patch('prod', 'node-a.1', (e) => {
      e.count = 2;
    });
    clock.advance(3_600_000);
    expect(await done).toBeNull();
    expect(seen.filter(([type]) => type !== 'BOOKMARK')).toEqual([
      ['MODIFIED', 'web.1', 2],
      ['DELETED', 'web.1', 2],
    ]);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
