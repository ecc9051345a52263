import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { DICTIONARY } from './body-dictionary.js';

/**
 * Bulky item bodies (pod heads, observation pages) are JSON compressed with raw DEFLATE and a
 * preset dictionary (codec-dictionary.ts, version 1; items carry it as `z`): a head of a few
 * hundred bytes shrinks ~10×, which is what keeps a head write at one write unit. Deterministic
 * (same input, same bytes).
 */
export function encodeBody(value: unknown): Uint8Array {
  return new Uint8Array(deflateRawSync(Buffer.from(JSON.stringify(value)), { dictionary: DICTIONARY }));
}

export function decodeBody<T>(bytes: Uint8Array): T {
  return JSON.parse(inflateRawSync(bytes, { dictionary: DICTIONARY }).toString('utf8')) as T;
}

/** A short content hash: 96 bits is ample for compare-and-swap on one item's content. */
export function contentHash(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('base64url').slice(0, 16);
}
