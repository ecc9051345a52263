import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Bulky item bodies (pod heads, observation pages) are JSON compressed with raw DEFLATE: a page of
 * near-identical pod states shrinks ~5×, which is what keeps a head write at one write unit.
 * Deterministic (same input, same bytes), so content hashes identify content.
 */
export function encodeBody(value: unknown): Uint8Array {
  return new Uint8Array(deflateRawSync(Buffer.from(JSON.stringify(value))));
}

export function decodeBody<T>(bytes: Uint8Array): T {
  return JSON.parse(inflateRawSync(bytes).toString('utf8')) as T;
}

/** A short content hash: 96 bits is ample for compare-and-swap on one item's content. */
export function contentHash(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 16);
}
