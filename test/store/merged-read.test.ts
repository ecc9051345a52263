import { describe, expect, test } from 'vitest';
import { readMerged } from '../../functions/store/read/merged-read.js';
import type { Item } from '../../functions/store/table/table-client.js';
import { prng } from '../support/event-builders.js';
import { createMemoryTable } from '../support/memory-table.js';

/** Partitions of random time-like sort keys, some shared between partitions (ties). */
async function seeded(partitions: number, perPartition: number, seed: number) {
  const table = createMemoryTable();
  const random = prng(seed);
  const all: { pk: string; sk: string; index: number }[] = [];
  for (let p = 0; p < partitions; p++) {
    const pk = `T#${p}`;
    // Skewed: partition sizes and densities differ, so the merge cannot take turns.
    const count = Math.floor(perPartition * (0.2 + random() * 1.6));
    for (let n = 0; n < count; n++) {
      const sk = `2026-11-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}T${String(
        Math.floor(random() * 24),
      ).padStart(2, '0')}`;
      if (all.some((a) => a.pk === pk && a.sk === sk)) continue;
      await table.put({ pk, sk, p }, undefined);
      all.push({ pk, sk, index: p });
    }
  }
  all.sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : a.pk < b.pk ? -1 : a.pk > b.pk ? 1 : 0));
  return { table, all, pks: Array.from({ length: partitions }, (_, p) => `T#${p}`) };
}

async function readPages(
  table: ReturnType<typeof createMemoryTable>,
  groups: string[][],
  limit: number,
  keep: (item: Item) => boolean = () => true,
  window = { from: '', to: '\uffff' },
) {
  const items: Item[] = [];
  let read = 0;
  let pages = 0;
  let cursor: unknown;
  for (;;) {
    const page = await readMerged(table, {
      groups,
      ...window,
      keep,
      limit,
      ...(cursor === undefined ? {} : { cursor }),
    });
    pages++;
    read += page.stats.itemsRead;
    items.push(...page.items);
    if (page.items.length > limit) throw new Error('page over its limit');
    expect(JSON.stringify(page.next ?? null).length).toBeLessThan(200);
    cursor = page.next;
    if (cursor === undefined) return { items, read, pages };
  }
}

describe('readMerged', () => {
  test.each([1, 3, 7, 25, 1000])(
    'pages of %i hand out every item once, in (sort key, partition key) order',
    async (limit) => {
      const { table, all, pks } = await seeded(9, 40, limit);
      const { items } = await readPages(table, [pks], limit);
      expect(items.map((i) => `${String(i.pk)}|${String(i.sk)}`)).toEqual(all.map((a) => `${a.pk}|${a.sk}`));
    },
  );

  test('small pages over many partitions re-read about one small batch per page, not a page per partition', async () => {
    const { table, all, pks } = await seeded(8, 120, 11);
    const { read, pages } = await readPages(table, [pks], 100);
    expect(read).toBeGreaterThanOrEqual(all.length);
    // The old merge asked every partition for a whole page: up to 8 × 100 per page.
    expect(read / all.length).toBeLessThan(1.35);
    expect(pages).toBe(Math.ceil(all.length / 100) + (all.length % 100 === 0 ? 1 : 0));
  });

  test('groups are read one after another; a window bounds every partition; filtered items still advance', async () => {
    const a = await seeded(4, 30, 5);
    const from = '2026-11-10';
    const to = '2026-11-20';
    const keep = (i: Item) => Number(i.p) % 2 === 0;
    const { items } = await readPages(a.table, [a.pks.slice(0, 2), a.pks.slice(2)], 4, keep, { from, to });
    const expected = [0, 1].flatMap((g) =>
      a.all.filter(
        (x) => x.index >= g * 2 && x.index < g * 2 + 2 && x.sk >= from && x.sk <= to && x.index % 2 === 0,
      ),
    );
    expect(items.map((i) => `${String(i.pk)}|${String(i.sk)}`)).toEqual(
      expected.map((x) => `${x.pk}|${x.sk}`),
    );
  });

  test('a cursor stays small with hundreds of partitions', async () => {
    const { table, all, pks } = await seeded(300, 2, 3);
    const { items } = await readPages(table, [pks], 50);
    expect(items).toHaveLength(all.length);
  });

  test('a partition joining the group between pages (a new cluster) loses and repeats nothing', async () => {
    const { table, all, pks } = await seeded(4, 30, 9);
    // T#15 appears only after page 1; by partition key it sorts between T#1 and T#2.
    const late = ['2026-11-03T05', '2026-11-20T01', '2026-11-27T23'];
    const read = (groups: string[][], cursor?: unknown) =>
      readMerged(table, {
        groups,
        from: '',
        to: '\uffff',
        keep: () => true,
        limit: 7,
        ...(cursor === undefined ? {} : { cursor }),
      });
    const first = await read([pks]);
    for (const sk of late) await table.put({ pk: 'T#15', sk, p: 15 }, undefined);
    const grown = [...pks.slice(0, 2), 'T#15', ...pks.slice(2)];
    const rest: Item[] = [];
    let cursor = first.next;
    while (cursor !== undefined) {
      const page = await read([grown], cursor);
      rest.push(...page.items);
      cursor = page.next;
    }
    const seen = [...first.items, ...rest].map((i) => `${String(i.pk)}|${String(i.sk)}`);
    const lastOfFirst = first.items.at(-1);
    const expected = [
      ...all.map((a) => `${a.pk}|${a.sk}`),
      // The late partition's items after page 1's end are read; those before it are not (they
      // sort before what page 1 handed out).
      ...late.filter((sk) => sk > String(lastOfFirst?.sk)).map((sk) => `T#15|${sk}`),
    ];
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...expected].sort());
  });
});
