import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidParameterError } from './errors.js';

/**
 * Opaque, tamper-evident pagination cursors: `base64url(JSON state) "." base64url(HMAC-SHA256)`.
 * The MAC covers a version tag, the route, the query's canonical parameters (all but cursor and
 * limit) and the state, so a cursor only continues the query that issued it: an edited state, a
 * cursor from another route or other parameters, or one signed with another key is rejected with
 * 400 "invalid cursor". The state carries the store's position and anything resolved on the first
 * page (such as a relative `since=2h` window), so later pages see the same window.
 */
export interface CursorCodec {
  seal(route: string, canonicalParams: string, state: unknown): string;
  open(route: string, canonicalParams: string, token: string): unknown;
}

/** Bumped whenever a store position changes shape, so an older cursor is refused, not misread. */
const VERSION = 'podtrail-cursor-v2';
/** A cursor longer than this is not one of ours (store positions are a few hundred bytes). */
const MAX_CURSOR_CHARS = 4096;

export function createCursorCodec(key: Uint8Array, previousKeys: readonly Uint8Array[] = []): CursorCodec {
  const mac = (k: Uint8Array, route: string, params: string, payload: string): Buffer =>
    createHmac('sha256', k).update(`${VERSION}\n${route}\n${params}\n${payload}`).digest();

  return {
    seal(route, canonicalParams, state) {
      const payload = Buffer.from(JSON.stringify(state ?? null)).toString('base64url');
      return `${payload}.${mac(key, route, canonicalParams, payload).toString('base64url')}`;
    },
    open(route, canonicalParams, token) {
      const dot = token.indexOf('.');
      if (token.length > MAX_CURSOR_CHARS || dot <= 0 || dot !== token.lastIndexOf('.')) throw invalid();
      const payload = token.slice(0, dot);
      const given = Buffer.from(token.slice(dot + 1), 'base64url');
      const verified = [key, ...previousKeys].some((k) => {
        const expected = mac(k, route, canonicalParams, payload);
        return given.length === expected.length && timingSafeEqual(given, expected);
      });
      if (!verified) throw invalid();
      try {
        return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
      } catch (cause) {
        throw invalid(cause);
      }
    },
  };
}

function invalid(cause?: unknown): InvalidParameterError {
  return new InvalidParameterError(
    'cursor',
    'invalid cursor: it was not issued for this query (pass the "next" value of the previous page with the same parameters)',
    { cause },
  );
}
