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
