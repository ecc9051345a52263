import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { STATUS_KEY_BYTES } from '../../functions/store/schema/keys.js';
import { type Backend, type Backends, openBackend } from '../support/dynamodb-stores.js';
import { batch, prng, revisions, shuffle, T0 } from '../support/event-builders.js';
import { goodEvents, poisonCases } from '../support/poison-events.js';
import { ingestApp } from './ingest-app.js';

/**
 * Issue 17: an event whose strings would overflow DynamoDB's key limits (2,048 bytes a partition
 * key, 1,024 a sort key) costs only itself, on the emulators that enforce those limits: it is
 * recorded with bounded keys, or rejected alone with a precise issue — never a 5xx, never a partial
 * write — and the good events of the same batch are all recorded.
 */
const CLUSTER = 'prod-eu-1';
const NOW = T0 + 3_600_000;

describe.each(['dynalite', 'dynamodb-local'] as Backend[])('poison events on %s', (backend) => {
  let backends: Backends;
  beforeAll(async () => {
    backends = await openBackend(backend);
  }, 90_000);
  afterAll(() => backends.stop());

  test('a poison event among good ones costs only itself, and the same batch again changes nothing', async () => {
    const { table, dump, store } = await backends.fresh(() => NOW);
    const app = ingestApp({
      table,
      now: NOW,
      env: { MAX_BODY_BYTES: String(4 << 20), MAX_DECODED_BYTES: String(16 << 20) },
    });
    const nextRv = revisions();
    const good = goodEvents(nextRv);
    const poison = poisonCases(nextRv);
    const events = [...good, ...poison.map((p) => p.event)];
    const order = shuffle(
      events.map((_, i) => i),
      prng(17),
    );
    const sent = order.map((i) => events[i]!);
    const response = await app.post(batch(CLUSTER, sent));
    expect(response.statusCode).toBe(200);

    const rejected = response.json.rejected as { index: number; issues: string[] }[];
    const expectRejected = poison.filter((p) => p.outcome !== 'accepted');
    expect(rejected.map((r) => sent[r.index])).toEqual(
      expect.arrayContaining(expectRejected.map((p) => p.event)),
    );
    expect(rejected).toHaveLength(expectRejected.length);
    for (const r of rejected) {
      const which = poison.find((p) => p.event === sent[r.index]);
      if (which === undefined || which.outcome === 'accepted') throw new Error('a good event was rejected');
      expect(r.issues.join('\n')).toMatch(which.outcome.rejected);
      expect(r.issues[0]).toMatch(new RegExp(`^events\\[${r.index}\\]\\.`));
    }
    expect(response.json.accepted).toBe(events.length - rejected.length);

    const items = await dump();
    const text = JSON.stringify(items);
    for (const p of expectRejected) expect(text).not.toContain(p.uid);
    for (const item of items) {
      expect(Buffer.byteLength(String(item.pk))).toBeLessThanOrEqual(2048);
      expect(Buffer.byteLength(String(item.sk))).toBeLessThanOrEqual(1024);
      if (String(item.pk).startsWith('E#'))
        expect(Buffer.byteLength(String(item.pk))).toBeLessThanOrEqual(STATUS_KEY_BYTES + CLUSTER.length + 3);
    }
    const acceptedPods = poison.filter((p) => p.outcome === 'accepted' && p.kind === 'pod').map((p) => p.uid);
    for (const uid of ['good-0', 'good-1', 'good-2', ...acceptedPods])
      expect((await store.getTimeline({ cluster: CLUSTER, uid })).items.length, uid).toBeGreaterThan(0);
    const [good0] = (await store.getPodHistory({ cluster: CLUSTER, namespace: 'default', name: 'good-0' }))
      .items;
    expect(good0?.events?.map((e) => e.uid)).toContain('poison-event');

    // Convergence: the same input, the same keys — nothing new, nothing rewritten.
    const again = await app.post(batch(CLUSTER, sent));
    expect(again.statusCode).toBe(200);
    expect(again.json.unchanged).toBe(events.length - rejected.length);
    expect(await dump()).toEqual(items);
  }, 60_000);
});
