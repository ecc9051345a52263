import { CoreV1Api, KubeConfig, Watch } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../simulator/index.js';
import { runningPods, simGet, simWatch } from '../support/sim-client.js';

let sim: Simulator;
afterEach(async () => {
  await sim?.close();
});

async function simulatorWith(pods: number, options: Parameters<typeof startSimulator>[0] = {}) {
  sim = await startSimulator({ token: 'sim-token', ...options });
  sim.store.seed(runningPods(pods));
  return sim;
}

describe('paged lists', () => {
  it('pages share the first page resourceVersion and only the last page lacks a continue token', async () => {
    await simulatorWith(12);
    const first = JSON.parse((await simGet(sim, '/api/v1/pods?limit=5')).body);
    expect(first).toMatchObject({ kind: 'PodList', apiVersion: 'v1', metadata: { remainingItemCount: 7 } });
    expect(first.items).toHaveLength(5);
    sim.store.create(runningPods(1, { seed: 99 })[0]!);
    const second = JSON.parse(
      (await simGet(sim, `/api/v1/pods?limit=5&continue=${first.metadata.continue}`)).body,
    );
    const third = JSON.parse(
      (await simGet(sim, `/api/v1/pods?limit=5&continue=${second.metadata.continue}`)).body,
    );
    expect(second.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    expect(third.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    expect(third.items).toHaveLength(2);
    expect(third.metadata.continue).toBeUndefined();
    const names = [...first.items, ...second.items, ...third.items].map(
      (p: { metadata: { namespace: string; name: string } }) => `${p.metadata.namespace}/${p.metadata.name}`,
    );
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(12);
  });

  it('an expired continue token is 410 Expired with the API server message', async () => {
    await simulatorWith(6);
    const first = JSON.parse((await simGet(sim, '/api/v1/pods?limit=2')).body);
    sim.faults.expireContinueTokens();
    const res = await simGet(sim, `/api/v1/pods?limit=2&continue=${first.metadata.continue}`);
    expect(res.status).toBe(410);
    expect(JSON.parse(res.body)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
      reason: 'Expired',
      code: 410,
    });
  });

  it.each([
    ['resourceVersionMatch without resourceVersion', '?limit=5&resourceVersionMatch=NotOlderThan', 422],
    [
      'resourceVersionMatch with continue',
      '?limit=5&resourceVersion=1&resourceVersionMatch=NotOlderThan&continue=abc',
      422,
    ],
    ['an unknown resourceVersionMatch', '?resourceVersion=1&resourceVersionMatch=Newest', 422],
    [
      'a resourceVersion newer than the store',
      '?limit=5&resourceVersion=999999&resourceVersionMatch=NotOlderThan',
      504,
    ],
    ['a garbled continue token', '?limit=5&continue=%%%', 400],
  ])('%s is refused with a Status', async (_name, query, code) => {
    await simulatorWith(3);
    const res = await simGet(sim, `/api/v1/pods${query}`);
    expect(res.status).toBe(code);
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', status: 'Failure', code });
  });

  it('resourceVersion=0 ignores the limit, as the watch cache does', async () => {
    await simulatorWith(8);
    const list = JSON.parse((await simGet(sim, '/api/v1/pods?limit=3&resourceVersion=0')).body);
    expect(list.items).toHaveLength(8);
    expect(list.metadata.continue).toBeUndefined();
  });

  it('namespaced lists only hold that namespace, and a bad token is 401', async () => {
    await simulatorWith(0);
    sim.store.seed([
      ...runningPods(3, { namespace: 'a', seed: 1 }),
      ...runningPods(2, { namespace: 'b', seed: 2 }),
    ]);
    const list = JSON.parse((await simGet(sim, '/api/v1/namespaces/b/pods')).body);
    expect(list.items.map((p: { metadata: { namespace: string } }) => p.metadata.namespace)).toEqual([
      'b',
      'b',
    ]);
    expect((await simGet(sim, '/api/v1/pods', 'wrong')).status).toBe(401);
  });
});

describe('watch streams', () => {
  it('replays what came after a resourceVersion, and DELETED carries the deletion resourceVersion', async () => {
    await simulatorWith(2);
    const from = sim.store.resourceVersion();
    const [a, b] = sim.store.uids();
    sim.store.update(a!, (p) => {
      p.status.message = 'changed';
    });
    const deletion = sim.store.delete(b!);
    const { lines } = await simWatch(sim, `resourceVersion=${from}`, { maxLines: 2 });
    expect(lines.map((l) => l.type)).toEqual(['MODIFIED', 'DELETED']);
    expect(lines[1]?.object.metadata?.resourceVersion).toBe(String(deletion?.resourceVersion));
    expect(lines[1]).toMatchObject({ object: { kind: 'Pod', apiVersion: 'v1' } });
  });

  it('a watch without resourceVersion starts with ADDED for every pod', async () => {
    await simulatorWith(4);
    const { lines } = await simWatch(sim, '', { maxLines: 4 });
    expect(lines.map((l) => l.type)).toEqual(['ADDED', 'ADDED', 'ADDED', 'ADDED']);
  });

  it('a resourceVersion older than the history gets one ERROR 410 event, then the stream closes', async () => {
    await simulatorWith(2, { historyLimit: 3 });
    const from = sim.store.resourceVersion();
    const [uid] = sim.store.uids();
    for (let i = 0; i < 5; i++)
      sim.store.update(uid!, (p) => {
        p.status.message = `m${i}`;
      });
    const { lines, ended } = await simWatch(sim, `resourceVersion=${from}`);
    expect(ended).toBe('server');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      type: 'ERROR',
      object: { kind: 'Status', code: 410, reason: 'Expired' },
    });
    expect(lines[0]?.object.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
  });

  it('sends bookmarks only when allowed, and ends cleanly at timeoutSeconds after a last bookmark', async () => {
    await simulatorWith(1, { bookmarkIntervalMs: 200 });
    const rv = sim.store.resourceVersion();
    const started = Date.now();
    const withBookmarks = await simWatch(
      sim,
      `resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=1`,
    );
    expect(withBookmarks.ended).toBe('server');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(withBookmarks.lines.length).toBeGreaterThanOrEqual(3);
    expect(
      withBookmarks.lines.every(
        (l) => l.type === 'BOOKMARK' && l.object.metadata?.resourceVersion === String(rv),
      ),
    ).toBe(true);
    const without = await simWatch(sim, `resourceVersion=${rv}&timeoutSeconds=1`);
    expect(without).toMatchObject({ ended: 'server', lines: [] });
  });

  it('refuses sendInitialEvents as an API server with the WatchList gate off does', async () => {
    await simulatorWith(1);
    const res = await simGet(
      sim,
      '/api/v1/pods?watch=true&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&resourceVersion=',
    );
    expect(res.status).toBe(422);
    expect(JSON.parse(res.body).message).toContain('WatchList feature gate');
  });
});

describe('with the real @kubernetes/client-node', () => {
  it('lists pages and follows a watch', async () => {
    await simulatorWith(7);
    const kc = new KubeConfig();
    kc.loadFromString(sim.kubeconfigYaml());
    const core = kc.makeApiClient(CoreV1Api);
    const page = await core.listPodForAllNamespaces({ limit: 5 });
    expect(page.items).toHaveLength(5);
    const rest = await core.listPodForAllNamespaces({ limit: 5, _continue: page.metadata?._continue ?? '' });
    expect(rest.items).toHaveLength(2);

    const seen: string[] = [];
    const done = new Promise<unknown>((resolve) => {
      void new Watch(kc).watch(
        '/api/v1/pods',
        { resourceVersion: page.metadata?.resourceVersion, timeoutSeconds: 1 },
        (type) => seen.push(type),
        resolve,
      );
    });
    await new Promise((r) => setTimeout(r, 100));
    sim.store.update(sim.store.uids()[0]!, (p) => {
      p.status.message = 'x';
    });
    expect(await done).toBeNull();
    expect(seen).toEqual(['MODIFIED']);
  });
});
