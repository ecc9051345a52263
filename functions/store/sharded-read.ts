import type { Page, StoreCursor } from './port.js';
import type { Item, TableClient } from './table-client.js';

/**
 * Reads time-bucketed, sharded index partitions in sort-key order: groups (one per day) in order,
 * and within a group a k-way merge of its shards, so callers see one ordered stream. Each shard is
 * read in small batches — ⌈items still wanted / shards still open⌉ — and only a shard whose batch
 * is used up is read again, so a page reads about what it returns plus one small batch per shard.
 * The cursor records, per shard, the last sort key handed out; what was read past it is read again
 * on the next page.
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
    const buffers = new Map<string, Item[]>(shards.map((pk) => [pk, []]));
    const exhausted = new Set<string>();
    const fetchedTo = new Map<string, string>();
    const drained = (pk: string) => (buffers.get(pk)?.length ?? 0) === 0;
    const open = () => shards.filter((pk) => !(exhausted.has(pk) && drained(pk)));
    while (open().length > 0 && out.length < read.limit) {
      const wanted = read.limit - out.length;
      const batch = Math.max(1, Math.ceil(wanted / open().length));
      await Promise.all(
        open()
          .filter((pk) => drained(pk) && !exhausted.has(pk))
          .map(async (pk) => {
            const after = fetchedTo.get(pk) ?? positions[pk];
            const page = await table.query({
              pk,
              from: read.from,
              to: read.to,
              forward: true,
              consistent: false,
              limit: batch,
              ...(after === undefined ? {} : { after }),
            });
            stats.requests++;
            stats.itemsRead += page.items.length;
            buffers.set(pk, [...page.items]);
            const last = page.items.at(-1);
            if (last !== undefined) fetchedTo.set(pk, String(last.sk));
            if (page.last === undefined || last === undefined) exhausted.add(pk);
          }),
      );
      // Hand out items in order while every shard that may hold more has some read: otherwise
      // its next item could sort first.
      while (out.length < read.limit) {
        const candidates = shards.filter((pk) => !drained(pk));
        if (candidates.length === 0 || shards.some((pk) => drained(pk) && !exhausted.has(pk))) break;
        const pk = candidates.reduce((best, next) =>
          compare(headSk(buffers, next), headSk(buffers, best)) < 0 ? next : best,
        );
        const item = buffers.get(pk)?.shift() as Item;
        positions = { ...positions, [pk]: String(item.sk) };
        if (read.keep(item)) out.push(item);
      }
    }
    if (open().length > 0) break;
    group++;
    positions = {};
  }
  const more = group < read.groups.length;
  return { items: out, ...(more ? { next: { g: group, at: positions } satisfies Cursor } : {}), stats };
}

function headSk(buffers: ReadonlyMap<string, readonly Item[]>, pk: string): string {
  return String(buffers.get(pk)?.[0]?.sk ?? '');
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
