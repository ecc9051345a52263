import type { Page, StoreCursor } from './port.js';
import type { Item, TableClient } from './table-client.js';

/**
 * Reads time-bucketed, sharded index partitions in sort-key order: groups (one per day) in order,
 * and within a group a k-way merge of its shards, so callers see one ordered stream. The cursor
 * records, per shard, the last sort key handed out; whatever was read past it is read again next
 * page, so a page costs about `limit` items per shard at most and a full read costs what it returns.
 */
export interface ShardedRead {
  readonly groups: readonly (readonly string[])[];
  /** Inclusive sort-key bounds for every partition. */
  readonly from: string;
  readonly to: string;
  readonly keep: (item: Item) => boolean;
  readonly limit: number;
  readonly cursor?: StoreCursor;
}

interface Cursor {
  readonly g: number;
  readonly at: Readonly<Record<string, string>>;
}

export async function readSharded(table: TableClient, read: ShardedRead): Promise<Page<Item>> {
  const stats = { requests: 0, itemsRead: 0 };
  const start = parseCursor(read.cursor);
  const out: Item[] = [];
  let group = start.g;
  let positions: Record<string, string> = { ...start.at };
  while (group < read.groups.length && out.length < read.limit) {
    const shards = read.groups[group] ?? [];
    const done = new Set<string>();
    while (done.size < shards.length && out.length < read.limit) {
      const need = read.limit - out.length;
      const fetched: { pk: string; item: Item }[] = [];
      const exhausted = new Set<string>();
      await Promise.all(
        shards
          .filter((pk) => !done.has(pk))
          .map(async (pk) => {
            const after = positions[pk];
            const page = await table.query({
              pk,
              from: read.from,
              to: read.to,
              forward: true,
              consistent: false,
              limit: need,
              ...(after === undefined ? {} : { after }),
            });
            stats.requests++;
            stats.itemsRead += page.items.length;
            for (const item of page.items) fetched.push({ pk, item });
            if (page.last === undefined) exhausted.add(pk);
          }),
      );
      fetched.sort((a, b) => compare(String(a.item.sk), String(b.item.sk)) || compare(a.pk, b.pk));
      // Everything fetched from a shard up to the last item taken is consumed; a shard that gave
      // nothing more and is exhausted is done.
      let taken = 0;
      for (const { pk, item } of fetched) {
        if (out.length >= read.limit) break;
        positions = { ...positions, [pk]: String(item.sk) };
        taken++;
        if (read.keep(item)) out.push(item);
      }
      for (const pk of shards) {
        if (done.has(pk)) continue;
        const remaining = fetched.slice(taken).some((f) => f.pk === pk);
        if (exhausted.has(pk) && !remaining) done.add(pk);
      }
      if (taken === 0 && fetched.length === 0) break;
    }
    if (done.size === shards.length) {
      group++;
      positions = {};
    }
  }
  const more = group < read.groups.length;
  return { items: out, ...(more ? { next: { g: group, at: positions } satisfies Cursor } : {}), stats };
}

function parseCursor(cursor: StoreCursor | undefined): Cursor {
  if (cursor === undefined || cursor === null || typeof cursor !== 'object') return { g: 0, at: {} };
  const c = cursor as { g?: unknown; at?: unknown };
  const at: Record<string, string> = {};
  if (c.at !== null && typeof c.at === 'object') {
    for (const [pk, sk] of Object.entries(c.at)) if (typeof sk === 'string') at[pk] = sk;
  }
  return { g: typeof c.g === 'number' && Number.isInteger(c.g) && c.g >= 0 ? c.g : 0, at };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The UTC days a window [since, until) touches, oldest first (bounded by `max`). */
export function windowDays(since: string, until: string, max: number): string[] {
  const days: string[] = [];
  let ms = Date.parse(`${since.slice(0, 10)}T00:00:00.000Z`);
  const end = Date.parse(until);
  while (ms < end && days.length < max) {
    days.push(new Date(ms).toISOString().slice(0, 10));
    ms += 86_400_000;
  }
  return days;
}
