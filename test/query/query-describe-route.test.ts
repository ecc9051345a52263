import { describe, expect, it } from 'vitest';
import { createStore } from '../../functions/store/dynamodb-store.js';
import type { Store } from '../../functions/store/port.js';
import { badImagePod, deleteAfter } from '../ingest/lifecycles.js';
import { deliver } from '../store/convergence-support.js';
import { at, eventVersion, revisions, T0 } from '../support/event-builders.js';
import { createMemoryTable } from '../support/memory-table.js';
import { queryApp } from './query-app.js';

/** GET /v1/describe over a real store (the in-memory table), fed through the ingest's parser. */
const NOW = T0 + 3_600_000;
const CLUSTER = 'prod-eu-1';
const seedPod = { name: 'pod-phase', uid: 'uid-seed' };
const backOff = (count: number, last: number, rv: string) =>
  eventVersion(
    { uid: 'ev-back', pod: seedPod, reason: 'BackOff', type: 'Warning', first: 52, last, count },
    rv,
  );

async function recorded(): Promise<Store> {
  const store = createStore({ table: createMemoryTable(), now: () => NOW });
  const seed = deleteAfter(badImagePod({ ...seedPod, createdAt: 0 }, revisions()), 200);
  await deliver(store, [...seed.events, backOff(1, 52, '9003'), backOff(4, 110, '9004')]);
  return store;
}

type Described = {
  at: string;
  uid: string;
  pod?: { metadata: { name: string; deletionTimestamp?: string }; status: { phase: string } };
  events: { reason: string; count?: number }[];
  incarnations: { uid: string }[];
};

describe('GET /v1/describe', () => {
  it('describes a deleted pod as of its deletion by default: the object and each event then', async () => {
    const app = queryApp(await recorded(), { now: NOW });
    const response = await app.get('/v1/describe', {
      cluster: CLUSTER,
      namespace: 'default',
      name: 'pod-phase',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json as unknown as Described;
    expect(body.uid).toBe('uid-seed');
    expect(body.pod?.metadata).toMatchObject({ name: 'pod-phase', deletionTimestamp: expect.any(String) });
    expect(body.events.map((e) => `${e.reason} x${e.count}`)).toEqual(['BackOff x4']);
    expect(body.incarnations.map((p) => p.uid)).toEqual(['uid-seed']);
  });

  it('describes the pod as of `at`, by uid alone too', async () => {
    const app = queryApp(await recorded(), { now: NOW });
    const response = await app.get('/v1/describe', { cluster: CLUSTER, uid: 'uid-seed', at: at(60) });
    const body = response.json as unknown as Described;
    expect(body.at).toBe(at(60));
    expect(body.pod?.metadata.deletionTimestamp).toBeUndefined();
    expect(body.events.map((e) => `${e.reason} x${e.count}`)).toEqual(['BackOff x1']);
  });

  it.each([
    [{ cluster: CLUSTER, namespace: 'default', name: 'nobody' }, 404, 'not_found'],
    [{ cluster: CLUSTER, uid: 'uid-nobody' }, 404, 'not_found'],
    [{ cluster: CLUSTER, namespace: 'default' }, 400, 'invalid_parameter'],
    [
      { cluster: CLUSTER, namespace: 'default', name: 'pod-phase', at: 'yesterday' },
      400,
      'invalid_parameter',
    ],
  ])('%j answers %i', async (query, status, code) => {
    const app = queryApp(await recorded(), { now: NOW });
    const response = await app.get('/v1/describe', query);
    expect(response.statusCode).toBe(status);
    expect(JSON.stringify(response.json)).toContain(code);
  });
});
