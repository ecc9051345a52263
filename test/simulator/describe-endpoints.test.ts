import { afterEach, describe, expect, it } from 'vitest';
import { type SimEvent, type Simulator, startSimulator } from '../../simulator/index.js';
import { runningPods, simGet } from '../support/sim-client.js';

/** What `kubectl describe pod` reads besides the pod: discovery, GET pod, and field-selected events. */

let sim: Simulator;
afterEach(async () => {
  await sim?.close();
});

async function simulator() {
  sim = await startSimulator({ token: 'sim-token' });
  return sim;
}

function event(namespace: string, name: string, involved: Record<string, string>, extra = {}): SimEvent {
  return {
    metadata: { name, namespace },
    involvedObject: { kind: 'Pod', namespace, ...involved },
    reason: 'Started',
    type: 'Normal',
    source: { component: 'kubelet' },
    ...extra,
  };
}

async function listEvents(
  path: string,
): Promise<{ status: number; names: string[]; body: Record<string, unknown> }> {
  const res = await simGet(sim, path);
  const body = JSON.parse(res.body) as { items?: { metadata: { name: string } }[] };
  return { status: res.status, names: (body.items ?? []).map((e) => e.metadata.name), body };
}

describe('discovery for kubectl', () => {
  it.each([
    ['/api', { kind: 'APIVersions', versions: ['v1'] }],
    ['/apis', { kind: 'APIGroupList', groups: [] }],
    ['/api/v1', { kind: 'APIResourceList', groupVersion: 'v1' }],
  ])('%s answers the legacy discovery document', async (path, expected) => {
    await simulator();
    const res = await simGet(sim, path);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject(expected);
  });

  it('/api/v1 lists pods and events as namespaced resources', async () => {
    await simulator();
    const { resources } = JSON.parse((await simGet(sim, '/api/v1')).body) as {
      resources: { name: string; kind: string; namespaced: boolean }[];
    };
    expect(resources.map((r) => [r.name, r.kind, r.namespaced])).toEqual([
      ['events', 'Event', true],
      ['pods', 'Pod', true],
    ]);
  });
});

describe('GET one pod', () => {
  it('answers the pod with kind and apiVersion, and 404 NotFound for an unknown name', async () => {
    await simulator();
    const [pod] = runningPods(1);
    sim.store.create(pod!);
    const found = await simGet(sim, `/api/v1/namespaces/prod/pods/${pod!.metadata.name}`);
    expect(found.status).toBe(200);
    expect(JSON.parse(found.body)).toMatchObject({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { uid: pod!.metadata.uid },
    });
    const missing = await simGet(sim, '/api/v1/namespaces/prod/pods/nope');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toMatchObject({ reason: 'NotFound', message: 'pods "nope" not found' });
  });
});

describe('event lists', () => {
  it('select by involvedObject name, namespace and uid, as kubectl describe pod asks', async () => {
    await simulator();
    sim.events.put(event('prod', 'web.2', { name: 'web', uid: 'u2' }));
    sim.events.put(event('prod', 'web.1', { name: 'web', uid: 'u1' }));
    sim.events.put(event('prod', 'web.3', { name: 'web', uid: 'u1' }));
    sim.events.put(event('prod', 'other.1', { name: 'other', uid: 'u1' }));
    sim.events.put(event('dev', 'web.4', { name: 'web', uid: 'u1', namespace: 'prod' }));
    const selector = encodeURIComponent(
      'involvedObject.name=web,involvedObject.namespace=prod,involvedObject.uid=u1',
    );
    const listed = await listEvents(`/api/v1/namespaces/prod/events?fieldSelector=${selector}&limit=500`);
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ kind: 'EventList', apiVersion: 'v1' });
    expect(listed.names).toEqual(['web.1', 'web.3']);
  });

  it.each([
    ['involvedObject.kind=Node', ['node-a.1']],
    ['involvedObject.kind!=Node', ['web.1']],
    ['type==Warning', ['node-a.1']],
    ['source=my-controller', ['web.1']],
    ['reason=Started,involvedObject.kind=Pod', ['web.1']],
    ['', ['node-a.1', 'web.1']],
  ])('field selector %j', async (selector, expected) => {
    await simulator();
    sim.events.put(event('default', 'node-a.1', { kind: 'Node', name: 'node-a' }, { type: 'Warning' }));
    sim.events.put(
      event('default', 'web.1', { name: 'web' }, { source: {}, reportingComponent: 'my-controller' }),
    );
    const listed = await listEvents(`/api/v1/events?fieldSelector=${encodeURIComponent(selector)}`);
    expect(listed.names).toEqual(expected);
  });

  it('unescapes selector values as fields.ParseSelector does', async () => {
    await simulator();
    sim.events.put(event('prod', 'web.1', { name: 'web', fieldPath: 'a,b=c' }));
    const listed = await listEvents(
      `/api/v1/namespaces/prod/events?fieldSelector=${encodeURIComponent('involvedObject.fieldPath=a\\,b\\=c')}`,
    );
    expect(listed.names).toEqual(['web.1']);
  });

  it('an unsupported field is 400 BadRequest', async () => {
    await simulator();
    const res = await simGet(sim, '/api/v1/namespaces/prod/events?fieldSelector=spec.nodeName%3Dx');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({
      reason: 'BadRequest',
      message: 'field label not supported: spec.nodeName',
    });
  });

  it('pages with limit and continue, in key order, and replacing an event keeps one copy', async () => {
    await simulator();
    for (const name of ['e.5', 'e.1', 'e.4', 'e.2', 'e.3'])
      sim.events.put(event('prod', name, { name: 'e' }));
    sim.events.put(event('prod', 'e.3', { name: 'e' }, { reason: 'Again' }));
    const first = await listEvents('/api/v1/namespaces/prod/events?limit=2');
    expect(first.names).toEqual(['e.1', 'e.2']);
    const metadata = first.body.metadata as { continue: string; remainingItemCount: number };
    expect(metadata.remainingItemCount).toBe(3);
    const second = await listEvents(`/api/v1/namespaces/prod/events?limit=2&continue=${metadata.continue}`);
    expect(second.names).toEqual(['e.3', 'e.4']);
    const third = await listEvents(
      `/api/v1/namespaces/prod/events?limit=2&continue=${(second.body.metadata as { continue: string }).continue}`,
    );
    expect(third.names).toEqual(['e.5']);
    expect((third.body.metadata as { continue?: string }).continue).toBeUndefined();
    expect(sim.events.size()).toBe(5);
  });
});
