import { expect, test } from 'vitest';
import type { WireEvent } from '../../functions/domain/wire-format.js';
import { createStore } from '../../functions/store/dynamodb-store.js';
import { crashLoop, healthyStart } from '../ingest/lifecycles.js';
import { deliver } from '../store/convergence-support.js';
import { at, eventVersion, type KubeEventParts, revisions, T0 } from '../support/event-builders.js';
import { createMemoryTable } from '../support/memory-table.js';
import { queryApp } from './query-app.js';

/**
 * What reading events costs the reports (docs/benchmarks.md, "Queries"), on the in-memory table,
 * whose meter applies DynamoDB's request and read-unit rules, through the real query handler and
 * store. 60 pods created in an hour, each with the events a kubelet records for a pod that starts:
 * Scheduled, Pulling, Pulled, Created, Started; 20 of them crash-loop (3 restarts) and also have
 * Unhealthy and BackOff (3 versions each) and Killing.
 */
const NOW = T0 + 2 * 3_600_000;
const WINDOW = { since: at(-60), until: at(3600) };
const IMAGE = 'registry.example/team/app:1.4.2';

function kubeletEvents(
  pod: { name: string; uid: string },
  t: number,
  crashes: boolean,
  nextRv: () => string,
) {
  const app = 'spec.containers{app}';
  const one = (uid: string, parts: Omit<KubeEventParts, 'uid' | 'pod'>): WireEvent =>
    eventVersion({ uid: `${uid}-${pod.uid}`, pod, ...parts }, nextRv());
  const events = [
    one('scheduled', {
      reason: 'Scheduled',
      component: 'default-scheduler',
      first: t,
      message: `Successfully assigned default/${pod.name} to node-1`,
    }),
    one('pulling', { reason: 'Pulling', fieldPath: app, first: t + 1, message: `Pulling image "${IMAGE}"` }),
    one('pulled', {
      reason: 'Pulled',
      fieldPath: app,
      first: t + 2,
      message: `Successfully pulled image "${IMAGE}" in 1.234s (1.234s including waiting). Image size: 52371200 bytes.`,
    }),
    one('created', { reason: 'Created', fieldPath: app, first: t + 2, message: 'Created container: app' }),
    one('started', { reason: 'Started', fieldPath: app, first: t + 3, message: 'Started container app' }),
  ];
  if (!crashes) return events;
  for (const count of [1, 2, 3]) {
    events.push(
      one('unhealthy', {
        reason: 'Unhealthy',
        type: 'Warning',
        fieldPath: app,
        first: t + 15,
        last: t + 15 + 25 * (count - 1),
        count,
        message: 'Liveness probe failed: HTTP probe failed with statuscode: 500',
      }),
      one('backoff', {
        reason: 'BackOff',
        type: 'Warning',
        fieldPath: app,
        first: t + 21,
        last: t + 21 + 25 * (count - 1),
        count,
        message: `Back-off restarting failed container app in pod ${pod.name}_default(${pod.uid})`,
      }),
    );
  }
  events.push(
    one('killing', {
      reason: 'Killing',
      fieldPath: app,
      first: t + 19,
      message: 'Container app failed liveness probe, will be restarted',
    }),
  );
  return events;
}

async function fleet() {
  const table = createMemoryTable();
  const store = createStore({ table, now: () => NOW });
  const nextRv = revisions();
  for (let i = 0; i < 60; i++) {
    const pod = { name: `web-${i}`, uid: `uid-${String(i).padStart(3, '0')}` };
    const crashes = i % 3 === 0;
    const t = i * 50;
    const life = crashes
      ? crashLoop({ ...pod, createdAt: t }, nextRv, 3)
      : healthyStart({ ...pod, createdAt: t }, nextRv);
    await deliver(store, [...life.events, ...kubeletEvents(pod, t, crashes, nextRv)], [50]);
  }
  return { table, app: queryApp(store, { now: NOW }) };
}

async function cost(f: Awaited<ReturnType<typeof fleet>>, path: string, query: Record<string, string>) {
  const before = { ...f.table.meter };
  const res = await f.app.get(path, query);
  expect(res.statusCode).toBe(200);
  return {
    body: res.json,
    requests: f.table.meter.requests - before.requests,
    readUnits: f.table.meter.readUnits - before.readUnits,
    header: res.headers?.['x-podtrail-store-cost'],
  };
}

test('startup with pulls costs one BatchGetItem per 100 started pods and two Queries per started pod', async () => {
  const f = await fleet();
  const plain = await cost(f, '/v1/startup', { ...WINDOW, cluster: 'prod-eu-1' });
  const pulls = await cost(f, '/v1/startup', { ...WINDOW, cluster: 'prod-eu-1', pulls: 'true' });
  expect((pulls.body as { overall: { pods: number; noPullData: number } }).overall).toMatchObject({
    pods: 60,
    noPullData: 0,
  });
  expect(plain).toMatchObject({ requests: 2, readUnits: 31.5, header: 'requests=2;items=120' });
  // 60 pods: + 1 BatchGetItem (their heads, 0.5 read units each) + 120 Queries of 0.5 read units
  // (eventually consistent, per 4 KB begun): a healthy pod's 5 event versions fit in 4 KB, a crash
  // looper's 12 take 1 unit; the Query for events without a pod uid finds none and costs 0.5.
  expect(pulls.requests - plain.requests).toBe(1 + 2 * 60);
  expect(pulls.readUnits - plain.readUnits).toBe(60 * 0.5 + 40 * 1 + 20 * 1.5);
  // Items: the 60 heads and every event version (5 a healthy pod, 12 a crash looper).
  expect(pulls.header).toBe(`requests=123;items=${120 + 60 + 40 * 5 + 20 * 12}`);
});

test('restarts with warnings costs the same per restarted pod of the groups returned', async () => {
  const f = await fleet();
  const plain = await cost(f, '/v1/restarts', { ...WINDOW, cluster: 'prod-eu-1', groupBy: 'namespace' });
  const warned = await cost(f, '/v1/restarts', {
    ...WINDOW,
    cluster: 'prod-eu-1',
    groupBy: 'namespace',
    warnings: 'true',
  });
  const groups = (warned.body as { groups: { restarts: number; pods: number; warnings: unknown }[] }).groups;
  expect(groups).toEqual([
    expect.objectContaining({ restarts: 60, pods: 20, warnings: { BackOff: 60, Unhealthy: 60 } }),
  ]);
  expect(plain).toMatchObject({ requests: 1, readUnits: 2.5, header: 'requests=1;items=60' });
  expect(warned.requests - plain.requests).toBe(1 + 2 * 20);
  expect(warned.readUnits - plain.readUnits).toBe(20 * 0.5 + 20 * 1.5);
  expect(warned.header).toBe(`requests=42;items=${60 + 20 + 20 * 12}`);
});
