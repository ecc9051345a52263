import type { AttributeValue, Item } from './table-client.js';

/**
 * DynamoDB's item size rule (attribute names plus values, UTF-8), and the capacity units it
 * implies: 1 write unit per KiB written, 1 read unit per 4 KiB read strongly (half eventually).
 * Used by the in-memory table to report realistic capacity, and by tests to keep items small.
 */
export function itemSize(item: Item): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue;
    bytes += Buffer.byteLength(name) + valueSize(value);
  }
  return bytes;
}

function valueSize(value: AttributeValue): number {
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (typeof value === 'number') return 21;
  if (typeof value === 'boolean') return 1;
  if (value instanceof Uint8Array) return value.byteLength;
  return 3 + value.reduce((sum, s) => sum + 1 + Buffer.byteLength(s), 0);
}

export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024));
}

export function readUnits(bytes: number, consistent: boolean): number {
  const units = Math.max(1, Math.ceil(bytes / 4096));
  return consistent ? units : units / 2;
}

/** DynamoDB refuses an item larger than 400 KB (names and values); the store stays 1 KiB below. */
export const ITEM_LIMIT_BYTES = 399 * 1024;

/**
 * A write the store would have to make is larger than DynamoDB accepts: thrown before the first
 * write of a pod's commit, so nothing partial is left; the batch then refuses the events that cause it.
 */
export class ItemTooLargeError extends Error {
  override readonly name = 'ItemTooLargeError';
  constructor(
    readonly what: string,
    readonly bytes: number,
  ) {
    super(`the pod's ${what} would be ${bytes} bytes, more than DynamoDB's item limit (${ITEM_LIMIT_BYTES})`);
  }
}

/** Throws ItemTooLargeError for the first of these items over ITEM_LIMIT_BYTES. */
export function assertItemsFit(what: string, items: readonly Item[]): void {
  for (const item of items) {
    const bytes = itemSize(item);
    if (bytes > ITEM_LIMIT_BYTES) throw new ItemTooLargeError(what, bytes);
  }
}
