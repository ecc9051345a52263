import { compareText } from '../../functions/domain/compare-text.js';
import { itemSize, readUnits, writeUnits } from '../../functions/store/table/item-size.js';
import {
  type Condition,
  type Item,
  type ItemKey,
  keyOf,
  newMeter,
  type QueryPage,
  type QueryRequest,
  type TableClient,
  type TableMeter,
  type WriteOutcome,
} from '../../functions/store/table/table-client.js';

/**
 * An in-process TableClient over a Map, with DynamoDB's semantics for the operations the store uses
 * (conditions, inclusive sort-key ranges, exclusive start keys, page limits) and its capacity
 * arithmetic. It exists so property tests can run thousands of deliveries in seconds; the same
 * tests also run, fewer times, against DynamoDB Local and dynalite through dynamodb-table.ts.
 *
 * `pause` is awaited before every operation: tests pass a seeded scheduler to interleave writers.
 */
export interface MemoryTable extends TableClient {
  readonly meter: TableMeter;
  /** Every item, sorted by key: for tests that compare whole stored states. */
  dump(): Item[];
}

export function createMemoryTable(options: { pause?: () => Promise<void> } = {}): MemoryTable {
  const partitions = new Map<string, Map<string, Item>>();
  const meter = newMeter();
  const pause = options.pause ?? (() => Promise.resolve());

  const read = (key: ItemKey) => partitions.get(key.pk)?.get(key.sk);
  const write = (item: Item) => {
    const { pk, sk } = keyOf(item);
    let partition = partitions.get(pk);
    if (partition === undefined) {
      partition = new Map();
      partitions.set(pk, partition);
    }
    partition.set(sk, freeze(item));
  };

  return {
    meter,
    async get(key, consistent) {
      await pause();
      meter.requests++;
      const item = read(key);
      meter.readUnits += readUnits(item === undefined ? 0 : itemSize(item), consistent);
      return item;
    },
    async batchGet(keys, consistent) {
      await pause();
      meter.requests += Math.max(1, Math.ceil(keys.length / 100));
      const items: Item[] = [];
      for (const key of keys) {
        const item = read(key);
        if (item === undefined) continue;
        meter.readUnits += readUnits(itemSize(item), consistent);
        items.push(item);
      }
      return items;
    },
    async put(item, condition) {
      await pause();
      meter.requests++;
      const existing = read(keyOf(item));
      meter.writeUnits += writeUnits(
        Math.max(itemSize(item), existing === undefined ? 0 : itemSize(existing)),
      );
      if (!passes(existing, condition)) return 'condition-failed';
      write(item);
      return 'written';
    },
    async delete(key, condition): Promise<WriteOutcome> {
      await pause();
      meter.requests++;
      const existing = read(key);
      meter.writeUnits += writeUnits(existing === undefined ? 0 : itemSize(existing));
      if (!passes(existing, condition)) return 'condition-failed';
      partitions.get(key.pk)?.delete(key.sk);
      return 'written';
    },
    async batchPut(items) {
      await pause();
      meter.requests += Math.max(1, Math.ceil(items.length / 25));
      for (const item of items) {
        meter.writeUnits += writeUnits(itemSize(item));
        write(item);
      }
    },
    async query(request: QueryRequest): Promise<QueryPage> {
      await pause();
      meter.requests++;
      const partition = partitions.get(request.pk);
      const keys = [...(partition?.keys() ?? [])].filter((sk) => inRange(sk, request)).sort(compareText);
      if (!request.forward) keys.reverse();
      const start = request.after === undefined ? 0 : firstAfter(keys, request.after, request.forward);
      const limit = request.limit ?? Number.POSITIVE_INFINITY;
      const page = keys.slice(start, start + limit);
      const items = page.map((sk) => partition?.get(sk)).filter((i): i is Item => i !== undefined);
      meter.readUnits += readUnits(
        items.reduce((sum, i) => sum + itemSize(i), 0),
        request.consistent,
      );
      const more = start + limit < keys.length;
      const last = page.at(-1);
      return more && last !== undefined ? { items, last } : { items };
    },
    dump() {
      return [...partitions.keys()]
        .sort(compareText)
        .flatMap((pk) =>
          [...(partitions.get(pk)?.entries() ?? [])].sort(([a], [b]) => compareText(a, b)).map(([, i]) => i),
        );
    },
  };
}

export function passes(existing: Item | undefined, condition: Condition | undefined): boolean {
  if (condition === undefined) return true;
  if (existing === undefined) return condition.ifAbsent;
  if (condition.attr === undefined) return false;
  const actual = existing[condition.attr];
  const expected = condition.value;
  if (actual === undefined || expected === undefined || typeof actual !== typeof expected) return false;
  const a = actual as string | number;
  if (condition.op === '=') return a === expected;
  if (condition.op === '<=') return a <= expected;
  if (condition.op === '>') return a > expected;
  return a < expected;
}

function inRange(sk: string, request: QueryRequest): boolean {
  return (request.from === undefined || sk >= request.from) && (request.to === undefined || sk <= request.to);
}

function firstAfter(keys: readonly string[], after: string, forward: boolean): number {
  const index = keys.findIndex((sk) => (forward ? sk > after : sk < after));
  return index === -1 ? keys.length : index;
}

function freeze(item: Item): Item {
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue;
    copy[name] =
      value instanceof Uint8Array ? new Uint8Array(value) : Array.isArray(value) ? [...value] : value;
  }
  return Object.freeze(copy) as Item;
}
