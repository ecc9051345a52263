import type { PostOutcome } from './ingest-client.js';

/**
 * What the forwarder does after one POST of a batch: tiny named rules, as the reflector's
 * `nextStepAfterWatch` (reflector/policy.ts). The batch is the unit: the same bytes are sent
 * again until the ingest takes them or refuses them for good, so each pod's events reach the
 * ingest in watch order, and only what a resend could never deliver is given up (and reported
 * as a gap). The HTTP status → outcome mapping is in ingest-client.ts, the wait in backoff.ts
 * (FORWARDER_BACKOFF).
 */

export type PostStep =
  /** The ingest stored the batch (events it rejected one by one are counted, not resent). */
  | { readonly action: 'done'; readonly backoff: false }
  /** Send the first `at` events, then the rest, each as a batch of its own. */
  | { readonly action: 'split'; readonly backoff: false; readonly at: number }
  /** Give the batch up: resent, it would be refused again. Its events are reported lost. */
  | { readonly action: 'drop'; readonly backoff: false }
  /** Send the same batch again after a back-off, never sooner than Retry-After. */
  | { readonly action: 'retry'; readonly backoff: true; readonly retryAfterMs?: number };

/** The steps that end the attempts at one batch. */
export type SettledStep = Exclude<PostStep, { readonly action: 'retry' }>;

/** `events`: how many events the batch holds. */
export function nextStepAfterPost(outcome: PostOutcome, events: number): PostStep {
  switch (outcome.kind) {
    case 'ok':
      return { action: 'done', backoff: false };
    // 400: the ingest cannot read the batch at all; the same bytes would get the same answer.
    case 'rejected':
      return { action: 'drop', backoff: false };
    // 413: halves until each fits; a single event too large for the ingest can never be sent.
    case 'too-large':
      return events > 1
        ? { action: 'split', backoff: false, at: Math.ceil(events / 2) }
        : { action: 'drop', backoff: false };
    // 401/403: credentials can be fixed (IAM role, token Secret) while the agent runs.
    case 'auth':
      return { action: 'retry', backoff: true };
    // 429, 5xx, timeouts, network, signing: the ingest will be back.
    case 'retry':
      return outcome.retryAfterMs === undefined
        ? { action: 'retry', backoff: true }
        : { action: 'retry', backoff: true, retryAfterMs: outcome.retryAfterMs };
  }
}
