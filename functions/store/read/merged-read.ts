import type { Page, StoreCursor } from '../port.js';
import { ATTR } from '../schema/attributes.js';
import { inParallel } from '../table/in-parallel.js';
import type { Item, TableClient } from '../table/table-client.js';

/**
 * Reads index partitions in sort-key order: groups (e.g. one per day) in order, and within a group
 * a k-way merge of its partitions (partitions, or one per cluster), so callers see one ordered stream.
 * Each partition is read in small batches — ⌈items still wanted / partitions still open⌉ — and only
 * one whose batch is used up is read again, so a page reads about what it returns plus one small
 * batch per partition. The cursor records the last item handed out (its sort key and partition
 * key); what was read past it is read again on the next page.
 */
export interface MergedRead {
  readonly groups: readonly (readonly string[])[];
  /** Inclusive sort-key bounds for every partition. */
  readonly from: string;
  readonly to: string;
  readonly keep: (item: Item) => boolean;
  readonly limit: number;
  readonly cursor?: StoreCursor;
}

/** Queries in flight at once: a fleet of hundreds of clusters must not open hundreds of sockets. */
const PARALLEL_QUERIES = 32;

/**
 * Where a page ended: group g, and the last item handed out (or passed over) — its sort key s and
 * its partition key p. Items come in (sort key, partition key) order, so that is all it takes to
 * resume every partition, however many there are — and it still holds when the partitions of a
 * group change between pages (a cluster registering in the middle of a fleet-wide read).
 */
interface Cursor {
  readonly g: number;
  readonly s?: string;
  readonly p?: string;
}

export async function readMerged(table: TableClient, read: MergedRead): Promise<Page<Item>> {
  const stats = { requests: 0, itemsRead: 0 };
  const out: Item[] = [];
  let cursor = parseCursor(read.cursor);
  while (cursor.g < read.groups.length && out.length < read.limit) {
    const partitions = read.groups[cursor.g] ?? [];
    const buffers = partitions.map((): Item[] => []);
    const exhausted = new Set<number>();
    const fetchedTo = new Map<number, string>();
    const resume = cursor;
    const drained = (j: number) => (buffers[j]?.length ?? 0) === 0;
    const open = () => partitions.map((_, j) => j).filter((j) => !(exhausted.has(j) && drained(j)));
    while (open().length > 0 && out.length < read.limit) {
      const wanted = read.limit - out.length;
      const batch = Math.max(1, Math.ceil(wanted / open().length));
      await inParallel(
        open().filter((j) => drained(j) && !exhausted.has(j)),
        PARALLEL_QUERIES,
        async (j) => {
          const page = await table.query({
            pk: partitions[j] as string,
            ...startOf(read, resume, j, fetchedTo.get(j)),
            to: read.to,
            forward: true,
            consistent: false,
            limit: batch,
          });
          stats.requests++;
          stats.itemsRead += page.items.length;
          buffers[j] = [...page.items];
          const last = page.items.at(-1);
          if (last !== undefined) fetchedTo.set(j, String(last[ATTR.sk]));
          if (page.last === undefined || last === undefined) exhausted.add(j);
        },
      );
      // Hand out items in order while every partition that may hold more has some read: otherwise
      // its next item could sort first. Ties go to the lower partition key.
      while (out.length < read.limit) {
        if (partitions.some((_, j) => drained(j) && !exhausted.has(j))) break;
        let best: number | undefined;
        for (let j = 0; j < partitions.length; j++) {
          if (drained(j)) continue;
          if (best === undefined || before(partitions, buffers, j, best)) best = j;
        }
        if (best === undefined) break;
        const item = buffers[best]?.shift() as Item;
        cursor = { g: cursor.g, s: String(item[ATTR.sk]), p: partitions[best] as string };
        if (read.keep(item)) out.push(item);
      }
    }
    if (open().length > 0) break;
    cursor = { g: cursor.g + 1 };
  }
  const more = cursor.g < read.groups.length;
  return { items: out, ...(more ? { next: cursor satisfies Cursor } : {}), stats };
}

/** Whether partition j's next item comes before partition k's: by sort key, then partition key. */
function before(partitions: readonly string[], buffers: readonly Item[][], j: number, k: number): boolean {
  const a = String(buffers[j]?.[0]?.[ATTR.sk]);
  const b = String(buffers[k]?.[0]?.[ATTR.sk]);
  return a < b || (a === b && (partitions[j] as string) < (partitions[k] as string));
}

/** Where partition j is read from: after what it already read, else after the cursor's position. */
function startOf(
  read: MergedRead,
  resume: Cursor,
  j: number,
  fetchedTo: string | undefined,
): { from: string; after?: string } {
  if (fetchedTo !== undefined) return { from: read.from, after: fetchedTo };
  if (resume.s === undefined || resume.p === undefined) return { from: read.from };
  const pk = read.groups[resume.g]?.[j] as string;
  // Partitions up to the cursor's have handed out its sort key already; later ones have not. (The
  // cursor's sort key came from this read, so it lies within its bounds.)
  if (pk <= resume.p) return { from: read.from, after: resume.s };
  return { from: resume.s };
}

function parseCursor(cursor: StoreCursor | undefined): Cursor {
  if (cursor === undefined || cursor === null || typeof cursor !== 'object') return { g: 0 };
  const c = cursor as { g?: unknown; s?: unknown; p?: unknown };
  const g = typeof c.g === 'number' && Number.isInteger(c.g) && c.g >= 0 ? c.g : 0;
  if (typeof c.s !== 'string' || typeof c.p !== 'string') return { g };
  return { g, s: c.s, p: c.p };
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
