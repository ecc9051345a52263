import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WireEvent } from '../../functions/domain/wire-format.js';
import type { Store } from '../../functions/store/port.js';
import type { TableClient } from '../../functions/store/table/table-client.js';
import { clusterHistoryWithEvents } from '../ingest/cluster-history.js';
import { crashLoop } from '../ingest/lifecycles.js';
import { type Backend, type Backends, openBackend } from '../support/dynamodb-stores.js';
import { prng, revisions, shuffle, T0 } from '../support/event-builders.js';
import { createMemoryTable } from '../support/memory-table.js';
import { canonical, deliver, duplicated, dyingTable, randomSizes, storeOn } from './convergence-support.js';

/**
 * The convergence bar (docs/wire-format.md, Semantics): the stored state depends only on the SET of events — not on
 * order, duplication, batching, concurrent writers, or a writer dying between two store calls and
 * retrying. Each run builds a seeded cluster history, stores one clean serial delivery as the
 * reference, and compares every other delivery's whole stored state with it (convergence-support.ts
 * says what "whole" leaves out). Many seeds on the in-memory table, a few on the real emulators.
 */
const NOW = () => T0 + 2 * 3600_000;

type Delivery = (
  store: Store,
  table: TableClient,
  history: readonly WireEvent[],
  random: () => number,
) => Promise<void>;

const IN_ORDER = 'in order, random batches';
const DUPLICATED = 'duplicated 3× (later copies observed later), shuffled, random batches';
const SHUFFLED = 'fully shuffled, one event per batch';
const CONCURRENT = '4 concurrent writers, each its own process';

const DELIVERIES: Record<string, Delivery> = {
  [IN_ORDER]: (s, _t, events, random) => deliver(s, events, randomSizes(random)),
  [DUPLICATED]: (s, _t, events, random) => deliver(s, duplicated(events, 3, random), randomSizes(random)),
  [SHUFFLED]: (s, _t, events, random) => deliver(s, shuffle(events, random)),
  [CONCURRENT]: async (_s, table, events, random) => {
    const copies = duplicated(events, 2, random);
    const streams = [0, 1, 2, 3].map((w) => copies.filter((_, i) => i % 4 === w));
    await Promise.all(
      streams.map((stream) => deliver(storeOn(table, NOW), stream, randomSizes(random, 8, 6))),
    );
  },
};

const PLAN: Record<Backend, { seeds: number; pods: number; deliveries: string[] }> = {
  memory: { seeds: 16, pods: 10, deliveries: [IN_ORDER, DUPLICATED, SHUFFLED, CONCURRENT] },
  dynalite: { seeds: 1, pods: 5, deliveries: [DUPLICATED, SHUFFLED, CONCURRENT] },
  'dynamodb-local': { seeds: 1, pods: 4, deliveries: [DUPLICATED, CONCURRENT] },
};

describe.each(Object.keys(PLAN) as Backend[])('convergence on %s', (backend) => {
  let backends: Backends;
  beforeAll(async () => {
    backends = await openBackend(backend);
  });
  afterAll(() => backends.stop());
  const plan = PLAN[backend];
  const seeds = Array.from({ length: plan.seeds }, (_, i) => 7919 * (i + 1));

  async function reference(seed: number) {
    const history = clusterHistoryWithEvents(seed, plan.pods);
    const clean = await backends.fresh(NOW);
    await deliver(clean.store, history.events);
    return { events: history.events, expected: canonical(await clean.dump()) };
  }

  test.each(seeds)(
    'seed %i: order, duplicates, batching and concurrent writers change nothing',
    async (seed) => {
      const { events, expected } = await reference(seed);
      const random = prng(seed);
      for (const name of plan.deliveries) {
        const target = await backends.fresh(NOW);
        await DELIVERIES[name]?.(target.store, target.table, events, random);
        expect(canonical(await target.dump()), `${name} (seed ${seed})`).toEqual(expected);
      }
    },
  );

  test.each(seeds)(
    'seed %i: a writer killed between any two store calls, then retried, converges',
    async (seed) => {
      const { events: all, expected } = await reference(seed);
      const random = prng(seed + 1);
      const events = shuffle(all, random);
      const sizes = randomSizes(random, 8, 8);
      const target = await backends.fresh(NOW);
      // The healthy writer keeps its head cache across batches, so it also meets heads gone stale.
      const healthy = target.store;
      let i = 0;
      for (let n = 0; i < events.length; n++) {
        const size = sizes[n % sizes.length] ?? 1;
        const slice = events.slice(i, i + size);
        // Each batch's first writer dies at a random store call: before it, or just after it took effect.
        const dying = storeOn(dyingTable(target.table, 1 + Math.floor(random() * 40), random() < 0.5), NOW);
        await deliver(dying, slice, [size]).catch((error: Error) => {
          expect(error.message).toMatch(/injected crash/);
        });
        await deliver(healthy, slice, [size]);
        i += size;
      }
      expect(canonical(await target.dump())).toEqual(expected);
    },
  );
});

test('interleaved writers on the in-memory table: every seeded schedule converges', async () => {
  const history = clusterHistoryWithEvents(4242, 8);
  const clean = createMemoryTable();
  await deliver(storeOn(clean, NOW), history.events);
  const expected = canonical(clean.dump());
  for (let schedule = 0; schedule < 8; schedule++) {
    const random = prng(100 + schedule);
    // A seeded scheduler: before each store call, yield a random number of turns to other writers.
    const table = createMemoryTable({
      pause: async () => {
        for (let turns = Math.floor(random() * 4); turns > 0; turns--)
          await new Promise((r) => setImmediate(r));
      },
    });
    const events = shuffle(history.events, random);
    const streams = [0, 1, 2, 3].map((w) => events.filter((_, i) => i % 4 === w));
    await Promise.all(streams.map((stream) => deliver(storeOn(table, NOW), stream, [1, 3, 2])));
    expect(canonical(table.dump()), `schedule ${schedule}`).toEqual(expected);
  }
});

/**
 * A pod whose describe card and extras change during its life (an annotation, an in-place resize,
 * a long termination message) across a UTC midnight: the content-addressed parts stored, and
 * their expiries, are the same whatever order, duplication or batching the events came in.
 */
test('describe cards and extras converge: changed mid-life, across midnight', async () => {
  const MIDNIGHT = 14 * 3600; // T0 is 10:00 UTC
  const events: WireEvent[] = crashLoop(
    { name: 'resized', uid: 'uid-resized', createdAt: MIDNIGHT - 30 },
    revisions(),
    4,
  ).events.map((event, i) => {
    const pod = structuredClone(event.pod) as {
      metadata: Record<string, unknown>;
      spec: { containers: Record<string, unknown>[] };
      status: { containerStatuses?: Record<string, unknown>[] };
    };
    if (i >= 3) pod.metadata.annotations = { 'example.com/revision': '2' };
    if (i >= 6)
      pod.spec.containers = pod.spec.containers.map((c) => ({
        ...c,
        resources: { limits: { memory: '1Gi' } },
      }));
    if (i >= 8)
      for (const c of pod.status.containerStatuses ?? []) c.containerID = `containerd://${'e'.repeat(64)}`;
    if (i === 9) pod.status = { ...pod.status, message: 'x'.repeat(300) } as typeof pod.status;
    return { ...event, pod };
  });
  const clean = createMemoryTable();
  await deliver(storeOn(clean, NOW), events);
  const expected = canonical(clean.dump());
  const parts = expected.filter((i) => /#[CD]#/.test(String((i as { sk: string }).sk)));
  expect(parts.map((i) => String((i as { sk: string }).sk).split('#')[1]).sort()).toEqual([
    'C',
    'C',
    'C',
    'D',
  ]);
  for (let run = 0; run < 12; run++) {
    const random = prng(500 + run);
    const table = createMemoryTable();
    await deliver(storeOn(table, NOW), duplicated(shuffle(events, random), 2, random), randomSizes(random));
    expect(canonical(table.dump()), `run ${run}`).toEqual(expected);
  }
});
