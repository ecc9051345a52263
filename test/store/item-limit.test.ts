import { describe, expect, it } from 'vitest';
import { parseBatch } from '../../functions/ingest/parse-batch.js';
import { createStore } from '../../functions/store/dynamodb-store.js';
import { decodeHead, decodePage } from '../../functions/store/items/pod-items.js';
import { headSk, isPageSk } from '../../functions/store/schema/keys.js';
import { ITEM_LIMIT_BYTES, itemSize } from '../../functions/store/table/item-size.js';
import { healthyStart } from '../ingest/lifecycles.js';
import { batch, prng, revisions, T0 } from '../support/event-builders.js';
import { createMemoryTable } from '../support/memory-table.js';

/**
 * The store's last line against DynamoDB's 400 KB item limit (issue 17): the ingest bounds each
 * observation, but should one reach the store that no item could hold, the store refuses that event
 * alone — before any write of it — and records the others of the same batch, the same pod's included.
 */
const NOW = T0 + 3_600_000;

describe('an event no item could hold', () => {
  it('is refused alone with the reason; the rest of its pod and batch is recorded', async () => {
    const table = createMemoryTable();
    const store = createStore({ table, now: () => NOW });
    const events = healthyStart({ name: 'web', uid: 'web-1', createdAt: 0 }, revisions()).events;
    const parsed = parseBatch(batch('prod', events)).batch;
    expect(parsed.pods.length).toBeGreaterThan(2);
    const random = prng(5);
    const huge = Buffer.from(Array.from({ length: 450_000 }, () => Math.floor(random() * 256))).toString(
      'base64',
    );
    const victim = parsed.pods[1];
    if (victim === undefined) throw new Error('no second event');
    const pods = parsed.pods.map((p) =>
      p === victim ? { ...p, observation: { ...p.observation, message: huge } } : p,
    );

    const outcome = await store.recordBatch({ ...parsed, pods });

    expect(outcome.rejected).toEqual([
      {
        index: victim.index,
        issues: [
          expect.stringMatching(
            new RegExp(
              `^events\\[${victim.index}\\]\\.pod: the pod's .* would be \\d+ bytes, more than DynamoDB's item limit \\(${ITEM_LIMIT_BYTES}\\); this event cannot be stored$`,
            ),
          ),
        ],
      },
    ]);
    expect(outcome.accepted).toBe(pods.length - 1);
    const stored = table.dump();
    for (const item of stored) expect(itemSize(item)).toBeLessThanOrEqual(ITEM_LIMIT_BYTES);
    const head = decodeHead(stored.find((i) => i.sk === headSk('web-1')));
    const pages = stored.filter((i) => isPageSk(String(i.sk))).map(decodePage);
    const recorded = [...pages.flatMap((p) => p.observations), ...(head?.state.tail ?? [])].map((o) => o.rv);
    expect(recorded.sort()).toEqual(
      pods
        .filter((p) => p.index !== victim.index)
        .map((p) => p.observation.rv)
        .sort(),
    );
  });
});
