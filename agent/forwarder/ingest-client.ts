import { EVENTS_PATH, type IngestResult } from '../../functions/domain/wire-format.js';
import type { OutgoingRequest } from '../http-auth.js';

/**
 * One POST of one gzipped batch to `<ingest-url>/v1/events`, its outcome as a value (docs/wire-format.md):
 * 200 → `ok` (with the per-event rejections), 400 → `rejected` (the batch is unusable),
 * 401/403 → `auth`, 413 → `too-large`, 429/5xx/timeout/network/signing → `retry` (with any
 * Retry-After). What the forwarder does with each is policy.ts's `nextStepAfterPost`. Every
 * attempt is signed anew (SigV4 covers x-amz-date).
 */

export type PostOutcome =
  | { readonly kind: 'ok'; readonly result: IngestResult }
  | { readonly kind: 'rejected'; readonly status: number }
  | { readonly kind: 'too-large' }
  | { readonly kind: 'auth'; readonly status: number }
  | {
      readonly kind: 'retry';
      readonly status: number | undefined;
      readonly retryAfterMs: number | undefined;
      readonly detail: string;
    };

export interface IngestClient {
  post(gzippedBody: Uint8Array, signal: AbortSignal): Promise<PostOutcome>;
}

export interface IngestClientOptions {
  readonly ingestUrl: URL;
  readonly authenticate: (request: OutgoingRequest) => Promise<Record<string, string>>;
  readonly requestTimeoutMs: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

export function eventsUrl(ingestUrl: URL): URL {
  const url = new URL(ingestUrl.href);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${EVENTS_PATH}`;
  url.search = '';
  url.hash = '';
  return url;
}

export function createIngestClient(options: IngestClientOptions): IngestClient {
  const url = eventsUrl(options.ingestUrl);
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  return {
    async post(body, signal) {
      let headers: Record<string, string>;
      try {
        headers = await options.authenticate({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          body,
        });
      } catch (error) {
        // Credentials could not be obtained (e.g. the Pod Identity agent is not reachable yet).
        return {
          kind: 'retry',
          status: undefined,
          retryAfterMs: undefined,
          detail: `signing failed: ${(error as Error).message}`,
        };
      }
      const timeout = AbortSignal.timeout(options.requestTimeoutMs);
      let response: Response;
      try {
        response = await doFetch(url, {
          method: 'POST',
          headers,
          body: body as Uint8Array<ArrayBuffer>,
          signal: AbortSignal.any([signal, timeout]),
        });
      } catch (error) {
        const e = error as Error & { cause?: { code?: string } };
        return { kind: 'retry', status: undefined, retryAfterMs: undefined, detail: e.cause?.code ?? e.name };
      }
      const text = await response.text().catch(() => '');
      const status = response.status;
      if (status === 200) return { kind: 'ok', result: parseResult(text) };
      if (status === 400) return { kind: 'rejected', status };
      if (status === 413) return { kind: 'too-large' };
      if (status === 401 || status === 403) return { kind: 'auth', status };
      return {
        kind: 'retry',
        status,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now()),
        detail: `HTTP ${status}`,
      };
    },
  };
}

/** Lenient: a 200 whose body we cannot read still means "stored"; counts default to the batch. */
function parseResult(text: string): IngestResult {
  try {
    const parsed = JSON.parse(text) as Partial<IngestResult>;
    return {
      accepted: typeof parsed.accepted === 'number' ? parsed.accepted : 0,
      unchanged: typeof parsed.unchanged === 'number' ? parsed.unchanged : 0,
      stale: typeof parsed.stale === 'number' ? parsed.stale : 0,
      rejected: Array.isArray(parsed.rejected) ? parsed.rejected : [],
    };
  } catch {
    return { accepted: 0, unchanged: 0, stale: 0, rejected: [] };
  }
}

/** Retry-After: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). Capped at 5 minutes. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(0, ms), 300_000);
}
