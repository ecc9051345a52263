import { describe, expect, it } from 'vitest';
import { createStore } from '../../functions/store/dynamodb-store.js';
import type { Store } from '../../functions/store/port.js';
import { badImagePod, deleteAfter, healthyStart } from '../ingest/lifecycles.js';
import { deliver } from '../store/convergence-support.js';
import { eventVersion, revisions, T0 } from '../support/event-builders.js';
import { createMemoryTable } from '../support/memory-table.js';
import { queryApp } from './query-app.js';

/** GET /v1/pod-events over a real store (the in-memory table), fed through the ingest's parser. */
const NOW = T0 + 3_600_000;
const CLUSTER = 'prod-eu-1';

async function recorded(): Promise<Store> {
  const store = createStore({ table: createMemoryTable(), now: () => NOW });
  const nextRv = revisions();
  const seed = deleteAfter(badImagePod({ name: 'pod-phase', uid: 'uid-seed', createdAt: 0 }, nextRv), 200);
  const web = healthyStart({ name: 'web-1', namespace: 'shop', uid: 'uid-web', createdAt: 0 }, nextRv);
  const seedPod = { name: 'pod-phase', uid: 'uid-seed' };
  await deliver(store, [
    ...seed.events,
    ...web.events,
    eventVersion(
      { uid: 'ev-sched', pod: seedPod, reason: 'Scheduled', component: 'default-scheduler', first: 0 },
      '9001',
    ),
    eventVersion({ uid: 'ev-pull', pod: seedPod, reason: 'Failed', type: 'Warning', first: 41 }, '9002'),
    eventVersion(
      { uid: 'ev-back', pod: seedPod, reason: 'BackOff', type: 'Warning', first: 52, last: 52, count: 1 },
      '9003',
    ),
    eventVersion(
      { uid: 'ev-back', pod: seedPod, reason: 'BackOff', type: 'Warning', first: 52, last: 110, count: 2 },
      '9004',
    ),
    eventVersion(
      {
        uid: 'ev-web',
        pod: { name: 'web-1', namespace: 'shop', uid: 'uid-web' },
        reason: 'Started',
        first: 3,
      },
      '9005',
    ),
  ]);
  return store;
}

const reasons = (json: Record<string, unknown>) =>
  (json.events as { event: { versions: { event: { reason: string; count?: number } }[] } }[]).map((e) => {
    const newest = e.event.versions.at(-1)?.event;
    return `${newest?.reason}${(newest?.count ?? 1) > 1 ? ` x${newest?.count}` : ''}`;
  });

describe('GET /v1/pod-events', () => {
  it("lists a cluster's pod events last seen in the window, oldest first, each as of its newest version", async () => {
    const app = queryApp(await recorded(), { now: NOW });
    const response = await app.get('/v1/pod-events', { cluster: CLUSTER, since: '2h' });
    expect(response.statusCode).toBe(200);
    expect(reasons(response.json)).toEqual(['Scheduled', 'Started', 'Failed', 'BackOff x2']);
  });

  it('narrows to a namespace, a reason and a type', async () => {
    const app = queryApp(await recorded(), { now: NOW });
    expect(
      reasons((await app.get('/v1/pod-events', { cluster: CLUSTER, namespace: 'shop', since: '2h' })).json),
    ).toEqual(['Started']);
    expect(
      reasons(
        (
          await app.get('/v1/pod-events', {
            cluster: CLUSTER,
            type: 'Warning',
            reason: 'BackOff',
            since: '2h',
          })
        ).json,
      ),
    ).toEqual(['BackOff x2']);
  });

  it("shows a deleted pod's events by name, as of the window's end", async () => {
    const app = queryApp(await recorded(), { now: NOW });
    const until = new Date(T0 + 60_000).toISOString();
    const response = await app.get('/v1/pod-events', {
      cluster: CLUSTER,
      namespace: 'default',
      name: 'pod-phase',
      since: new Date(T0 - 60_000).toISOString(),
      until,
    });
    // BackOff's second version (at 110 s) is after the window: the event shows as it was then.
    expect(reasons(response.json)).toEqual(['Scheduled', 'Failed', 'BackOff']);
  });

  it('refuses what it cannot answer with a 400 that names the parameter', async () => {
    const app = queryApp(await recorded(), { now: NOW });
    const noNamespace = await app.get('/v1/pod-events', { cluster: CLUSTER, name: 'pod-phase' });
    expect(noNamespace.statusCode).toBe(400);
    expect(JSON.stringify(noNamespace.json)).toMatch(/name.*needs namespace/);
    const badReason = await app.get('/v1/pod-events', { cluster: CLUSTER, reason: 'no such#reason' });
    expect(badReason.statusCode).toBe(400);
    expect(JSON.stringify(badReason.json)).toMatch(/reason/);
  });
});
