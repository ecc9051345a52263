import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMemoryTable } from '../../functions/store/memory-table.js';
import { clusterHistory } from '../ingest/cluster-history.js';
import { type Backend, type Backends, openBackend } from '../support/dynamodb-stores.js';
import { prng, shuffle, T0 } from '../support/event-builders.js';
import {
  CLUSTER,
  canonical,
  deliver,
  duplicated,
  dyingTable,
  randomSizes,
  storeOn,
} from './convergence-support.js';

/**
 * The convergence bar (design.md §5): the stored state depends only on the SET of events — not on
 * order, duplication, batching, concurrent writers, or a writer dying between two store calls and
 * retrying. Each run builds a seeded cluster history, stores one clean serial delivery as the
 * reference, and compares every other delivery's whole stored state with it.
 */
const NOW = () => T0 + 2 * 3600_000;

const RUNS: Record<Backend, { seeds: number; pods: number }> = {
  memory: { seeds: 30, pods: 10 },
  dynalite: { seeds: 2, pods: 6 },
  'dynamodb-local': { seeds: 1, pods: 6 },
};

describe.each(Object.keys(RUNS) as Backend[])('convergence on %s', (backend) => {
  let backends: Backends;
  beforeAll(async () => {
    backends = await openBackend(backend);
  });
  afterAll(() => backends.stop());

  const { seeds, pods } = RUNS[backend];
  const cases = Array.from({ length: seeds }, (_, i) => 7919 * (i + 1));

  async function reference(seed: number) {
    const history = clusterHistory(seed, pods);
    const clean = await backends.fresh(NOW);
    await deliver(clean.store, history.events);
    return { history, expected: canonical(await clean.dump()) };
  }

  test.each(cases)(
    'seed %i: order, duplicates, batching and 4 concurrent writers change nothing',
    async (seed) => {
      const { history, expected } = await reference(seed);
      const random = prng(seed);
      const deliveries: [string, (store: Parameters<typeof deliver>[0]) => Promise<void>][] = [
        ['in order, random batches', (s) => deliver(s, history.events, randomSizes(random))],
        [
          'duplicated 3× and shuffled',
          (s) => deliver(s, duplicated(history.events, 3, random), randomSizes(random)),
        ],
        ['fully shuffled, one per batch', (s) => deliver(s, shuffle(history.events, random))],
        [
          '4 concurrent writers',
          async (s) => {
            const events = duplicated(history.events, 2, random);
            const streams = [0, 1, 2, 3].map((w) => events.filter((_, i) => i % 4 === w));
            await Promise.all(streams.map((stream) => deliver(s, stream, randomSizes(random, 8, 6))));
          },
        ],
      ];
      for (const [name, run] of deliveries) {
        const target = await backends.fresh(NOW);
        await run(target.store);
        expect(canonical(await target.dump()), `${name} (seed ${seed})`).toEqual(expected);
      }
    },
  );

  test.each(cases)(
    'seed %i: a writer killed between any two store calls, then retried, converges',
    async (seed) => {
      const { history, expected } = await reference(seed);
      const random = prng(seed + 1);
      const events = shuffle(history.events, random);
      const sizes = randomSizes(random, 8, 8);
      const target = await backends.fresh(NOW);
      const healthy = target.store;
      // Kill points are spread over the whole delivery: each batch dies once, at a random call.
      let i = 0;
      let n = 0;
      while (i < events.length) {
        const size = sizes[n++ % sizes.length] ?? 1;
        const slice = events.slice(i, i + size);
        const failAt = 1 + Math.floor(random() * 40);
        const dying = storeOn(dyingTable(target.table, failAt, random() < 0.5), NOW);
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

test('interleaved writers on the in-memory table: every schedule converges', async () => {
  const history = clusterHistory(4242, 8);
  const clean = createMemoryTable();
  await deliver(storeOn(clean, NOW), history.events);
  const expected = canonical(clean.dump());
  for (let schedule = 0; schedule < 10; schedule++) {
    const random = prng(100 + schedule);
    // A seeded scheduler: before each store call, yield a random number of turns to other writers.
    const table = createMemoryTable({
      pause: async () => {
        for (let turns = Math.floor(random() * 4); turns > 0; turns--)
          await new Promise((r) => setImmediate(r));
      },
    });
    const store = storeOn(table, NOW);
    const events = shuffle(history.events, random);
    const streams = [0, 1, 2, 3].map((w) => events.filter((_, i) => i % 4 === w));
    await Promise.all(streams.map((stream) => deliver(store, stream, [1, 3, 2])));
    expect(canonical(table.dump()), `schedule ${schedule}`).toEqual(expected);
  }
  expect(CLUSTER).toBe('prod-eu-1');
});
