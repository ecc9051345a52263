import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { STATUS_KEY_BYTES } from '../../functions/store/schema/keys.js';
import { ITEM_LIMIT_BYTES, itemSize } from '../../functions/store/table/item-size.js';
import { type Backend, type Backends, openBackend } from '../support/dynamodb-stores.js';
import { batch, podEvent, podObject, prng, revisions, shuffle, T0 } from '../support/event-builders.js';
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

  /**
   * Issue 17, the last edge: observations each under the 64 KiB bound, but many of them for one pod.
   * Pages and the head's tail are cut by size as well as by hash, so in-order deliveries never build
   * a head over DynamoDB's 400 KB; a batch of late observations (older resource versions than the
   * head's tail), which all land in the head's inbox at once, is written event by event instead.
   * Nothing is refused, nothing is lost, no 5xx.
   */
  test('twelve ~60 KiB states, then twelve older ones in one batch, are all recorded', async () => {
    const { table, dump, store } = await backends.fresh(() => NOW);
    const app = ingestApp({
      table,
      now: NOW,
      env: { MAX_BODY_BYTES: String(16 << 20), MAX_DECODED_BYTES: String(32 << 20) },
    });
    const random = prng(23);
    // Incompressible texts (stored bodies are deflated), at the 256-character cut.
    const noise = () =>
      Buffer.from(Array.from({ length: 192 }, () => Math.floor(random() * 256))).toString('base64');
    const names = Array.from({ length: 80 }, (_, i) => `c${i}`);
    // Resource version n at second 100 + 10 n; every state a STATUS of its own, so one row each.
    const state = (n: number) =>
      podEvent(
        'MODIFIED',
        100 + 10 * n,
        podObject(
          { name: 'big', uid: 'big', createdAt: 0, containers: names },
          {
            node: 'node-1',
            phase: 'Running',
            containers: names.map((name) => ({
              name,
              waiting: n % 2 === 0 ? 'CrashLoopBackOff' : 'ErrImagePull',
              message: noise(),
              restarts: 1,
              last: { reason: 'Error', exitCode: 1, message: noise(), startedAt: 5, finishedAt: 99 },
            })),
          },
          String(1000 + n),
        ),
      );
    const newer = Array.from({ length: 12 }, (_, i) => state(12 + i));
    const first = await app.post(batch(CLUSTER, newer));
    expect(first.statusCode).toBe(200);
    expect(first.json).toMatchObject({ accepted: 12, rejected: [] });

    const older = Array.from({ length: 12 }, (_, i) => state(i));
    const second = await app.post(batch(CLUSTER, older));
    expect(second.statusCode).toBe(200);
    expect(second.json).toMatchObject({ accepted: 12, rejected: [] });

    const timeline = await store.getTimeline({ cluster: CLUSTER, uid: 'big' });
    expect(timeline.items.map((e) => e.resourceVersion)).toEqual(
      Array.from({ length: 24 }, (_, n) => String(1000 + n)),
    );
    for (const item of await dump())
      expect(itemSize(item), String(item.sk)).toBeLessThanOrEqual(ITEM_LIMIT_BYTES);
  }, 120_000);
});
