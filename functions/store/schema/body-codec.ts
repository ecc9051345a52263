import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { DICTIONARY } from './body-dictionary.js';

/**
 * Bulky item bodies (pod heads, observation pages) are JSON compressed with raw DEFLATE and a
 * preset dictionary (body-dictionary.ts): a head of a few hundred bytes shrinks ~10×, which is
 * what keeps a head write at one write unit. Deterministic (same input, same bytes), which the
 * convergence and storage-freeze tests rely on.
 */
export function encodeItemBody(value: unknown): Uint8Array {
  return new Uint8Array(deflateRawSync(Buffer.from(JSON.stringify(value)), { dictionary: DICTIONARY }));
}

export function decodeItemBody<T>(bytes: Uint8Array): T {
  return JSON.parse(inflateRawSync(bytes, { dictionary: DICTIONARY }).toString('utf8')) as T;
}
