import { ApiStatusError, TransportError } from '../errors.js';
import type { WatchEndReason } from '../ops/metrics.js';

/**
 * What to do after a watch ends: tiny named rules in the spirit of client-go's reflector
 * (`isWatchErrorRetriable`, `isExpiredError`…). Re-list only when the resourceVersion is gone
 * (410 / Expired, too-large, or an unknown ERROR); everything else re-watches from the last
 * resourceVersion, which replays what happened meanwhile.
 */

export type WatchOutcome =
  | { readonly kind: 'closed'; readonly events: number; readonly durationMs: number }
  | { readonly kind: 'error-event'; readonly status: ApiStatusError }
  | { readonly kind: 'failed'; readonly error: unknown; readonly events: number };

export type NextStep =
  /** Re-watch at once from the last resourceVersion. */
  | { readonly action: 'rewatch'; readonly backoff: false }
  /** Re-watch from the last resourceVersion after a back-off. */
  | { readonly action: 'rewatch'; readonly backoff: true; readonly retryAfterMs?: number }
  /** List again (after a back-off), then watch from the new list. */
  | { readonly action: 'relist'; readonly backoff: true; readonly retryAfterMs?: number };

/** Internal errors retried this many times in a row before re-listing (client-go re-lists at once). */
export const MAX_INTERNAL_ERROR_REWATCHES = 3;

/** A watch that ends within this long having delivered nothing is treated as a failure, not a close. */
export const VERY_SHORT_WATCH_MS = 1_000;

export function nextStepAfterWatch(outcome: WatchOutcome, consecutiveInternalErrors: number): NextStep {
  if (outcome.kind === 'closed') {
    // client-go's VeryShortWatchError: a server that closes at once must not be hammered.
    if (outcome.events === 0 && outcome.durationMs < VERY_SHORT_WATCH_MS)
      return { action: 'rewatch', backoff: true };
    return { action: 'rewatch', backoff: false };
  }
  const error = outcome.kind === 'error-event' ? outcome.status : outcome.error;
  if (error instanceof ApiStatusError) return nextStepAfterStatus(error, consecutiveInternalErrors);
  // Resets, inactivity, malformed lines: the resourceVersion is still good.
  return { action: 'rewatch', backoff: true };
}

function nextStepAfterStatus(error: ApiStatusError, consecutiveInternalErrors: number): NextStep {
  const { code, reason } = error.status;
  const retryAfter = error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs };
  if (isResourceVersionExpired(error)) return { action: 'relist', backoff: true };
  if (code === 429) return { action: 'rewatch', backoff: true, ...retryAfter };
  if (isTooLarge(error)) return { action: 'relist', backoff: true };
  if (code >= 500 || code === 401 || code === 403 || reason === 'InternalError') {
    if (code >= 500 && consecutiveInternalErrors >= MAX_INTERNAL_ERROR_REWATCHES)
      return { action: 'relist', backoff: true, ...retryAfter };
    return { action: 'rewatch', backoff: true, ...retryAfter };
  }
  return { action: 'relist', backoff: true, ...retryAfter };
}

/** 410 Gone / reason Expired: the resourceVersion (or continue token) is too old. */
export function isResourceVersionExpired(error: unknown): boolean {
  return (
    error instanceof ApiStatusError &&
    (error.status.code === 410 || error.status.reason === 'Expired' || error.status.reason === 'Gone')
  );
}

export function watchEndReason(outcome: WatchOutcome): WatchEndReason {
  if (outcome.kind === 'closed') return 'closed';
  if (outcome.kind === 'error-event') return 'error_event';
  if (outcome.error instanceof ApiStatusError) return 'http_error';
  if (outcome.error instanceof TransportError) return outcome.error.failure;
  return 'network';
}

/**
 * How much earlier than its own last certainty the agent dates a gap. An event reaches the agent
 * some time after the API server committed it (watch-cache fan-out, network, a busy event loop);
 * dating gaps from the agent's receive time alone could claim "nothing missed before T" for an
 * event committed just before T. Two seconds covers that lag with room to spare.
 */
export const GAP_MARGIN_MS = 2_000;

/** A watch timeout in [min, max] seconds, spread to spare the API server (client-go: 5–10 min). */
export function watchTimeoutSeconds(min: number, max: number, random: () => number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** The Status an outcome carries, if any (an ERROR event, or a non-2xx answer). */
export function statusOf(outcome: WatchOutcome): ApiStatusError | undefined {
  if (outcome.kind === 'error-event') return outcome.status;
  if (outcome.kind === 'failed' && outcome.error instanceof ApiStatusError) return outcome.error;
  return undefined;
}

/** 504 "Too large resource version": the server is behind the resourceVersion we asked for. */
export function isTooLarge(error: unknown): boolean {
  return (
    error instanceof ApiStatusError &&
    error.status.code === 504 &&
    /too large resource version/i.test(error.status.message)
  );
}

/** An ERROR event carries a metav1.Status as its object. */
export function statusFromEvent(object: unknown): ApiStatusError {
  const s = (object ?? {}) as {
    code?: unknown;
    reason?: unknown;
    message?: unknown;
    details?: { retryAfterSeconds?: unknown };
  };
  const retryAfterSeconds =
    typeof s.details?.retryAfterSeconds === 'number' ? s.details.retryAfterSeconds : undefined;
  return new ApiStatusError(
    {
      code: typeof s.code === 'number' ? s.code : 500,
      reason: typeof s.reason === 'string' ? s.reason : '',
      message: typeof s.message === 'string' ? s.message : '',
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    },
    retryAfterSeconds === undefined ? undefined : retryAfterSeconds * 1000,
  );
}
