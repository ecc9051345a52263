import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../simulator/index.js';
import { runningPods, simGet, simWatch } from '../support/sim-client.js';

let sim: Simulator;
afterEach(async () => {
  await sim?.close();
});

async function simulator(pods = 3, options: Parameters<typeof startSimulator>[0] = {}) {
  sim = await startSimulator({ token: 'sim-token', ...options });
  sim.store.seed(runningPods(pods));
  return sim;
}

const touch = (uid: string, message: string) =>
  sim.store.update(uid, (p) => {
    p.status.message = message;
  });

describe('fault injection', () => {
  it('fails the next matching requests with a Status body and Retry-After, then recovers', async () => {
    await simulator();
    sim.faults.failRequests({ verb: 'list', status: 429, retryAfterSeconds: 3, times: 2 });
    const watch = await simGet(sim, '/api/v1/pods?watch=true&timeoutSeconds=1');
    expect(watch.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await simGet(sim, '/api/v1/pods?limit=10');
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toBe('3');
      expect(JSON.parse(res.body)).toMatchObject({
        reason: 'TooManyRequests',
        code: 429,
        details: { retryAfterSeconds: 3 },
      });
    }
    expect((await simGet(sim, '/api/v1/pods?limit=10')).status).toBe(200);
    expect(sim.stats.log.filter((l) => l.injected === 429)).toHaveLength(2);
  });

  it('can fail a watch inside the stream: 200, one ERROR event, close', async () => {
    await simulator();
    sim.faults.failRequests({ verb: 'watch', status: 500, inStream: true });
    const { lines, ended } = await simWatch(sim, `resourceVersion=${sim.store.resourceVersion()}`);
    expect(ended).toBe('server');
    expect(lines).toMatchObject([{ type: 'ERROR', object: { code: 500, reason: 'InternalError' } }]);
  });

  it('cuts open streams, optionally in the middle of a line', async () => {
    await simulator();
    const watching = simWatch(sim, `resourceVersion=${sim.store.resourceVersion()}`, { timeoutMs: 2_000 });
    await waitFor(() => sim.openWatches() === 1);
    sim.faults.dropWatches({ halfLine: true });
    const { ended, raw } = await watching;
    expect(ended).toBe('reset');
    expect(raw.length).toBeGreaterThan(0);
    expect(raw.endsWith('\n')).toBe(false);
  });

  it('cuts each new stream after a number of events', async () => {
    await simulator();
    const [uid] = sim.store.uids();
    const from = sim.store.resourceVersion();
    for (let i = 0; i < 5; i++) touch(uid!, `m${i}`);
    sim.faults.dropWatchesAfterEvents(2);
    const { lines, ended } = await simWatch(sim, `resourceVersion=${from}`);
    expect(ended).toBe('reset');
    expect(lines.map((l) => l.type)).toEqual(['MODIFIED', 'MODIFIED']);
  });

  it('stalls streams: no events and no bookmarks, the connection stays open', async () => {
    await simulator(3, { bookmarkIntervalMs: 100 });
    const [uid] = sim.store.uids();
    sim.faults.stallWatches(5_000);
    const watching = simWatch(
      sim,
      `resourceVersion=${sim.store.resourceVersion()}&allowWatchBookmarks=true`,
      { timeoutMs: 600 },
    );
    await waitFor(() => sim.openWatches() === 1);
    touch(uid!, 'unseen');
    const { lines, ended } = await watching;
    expect(ended).toBe('client');
    expect(lines).toEqual([]);
  });

  it('an outage resets connections until it is over', async () => {
    await simulator();
    sim.faults.outage(300);
    await expect(simGet(sim, '/api/v1/pods')).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 350));
    expect((await simGet(sim, '/api/v1/pods')).status).toBe(200);
  });

  it('an outage can answer 503 instead', async () => {
    await simulator();
    sim.faults.outage(300, 'unavailable');
    const res = await simGet(sim, '/api/v1/pods');
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body)).toMatchObject({ reason: 'ServiceUnavailable' });
  });

  it('compaction makes every older resourceVersion Expired', async () => {
    await simulator();
    const from = sim.store.resourceVersion();
    touch(sim.store.uids()[0]!, 'x');
    sim.faults.compact();
    const { lines } = await simWatch(sim, `resourceVersion=${from}`);
    expect(lines).toMatchObject([{ type: 'ERROR', object: { code: 410, reason: 'Expired' } }]);
  });

  it('writes a malformed line before the next events', async () => {
    await simulator();
    const from = sim.store.resourceVersion();
    touch(sim.store.uids()[0]!, 'x');
    sim.faults.garbleNextLines(1);
    const { lines } = await simWatch(sim, `resourceVersion=${from}`, { maxLines: 2 });
    expect(lines.map((l) => l.type)).toEqual(['GARBAGE', 'MODIFIED']);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
