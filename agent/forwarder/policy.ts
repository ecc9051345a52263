import type { PostOutcome } from './ingest-client.js';

/**
 * What the forwarder does after one POST of a batch: tiny named rules, as the reflector's
 * `nextStepAfterWatch` (reflector/policy.ts). The batch is the unit: the same bytes are sent
 * again until the ingest takes them or refuses them for good, so each pod's events reach the
 * ingest in watch order, and only what a resend could never deliver is given up (and reported
 * as a gap) — including a single event the ingest keeps failing while it takes others
 * (POISON_BOUND). The HTTP status → outcome mapping is in ingest-client.ts, the wait in backoff.ts
 * (FORWARDER_BACKOFF).
 */

export type PostStep =
  /** The ingest stored the batch (events it rejected one by one are counted, not resent). */
  | { readonly action: 'done'; readonly backoff: false }
  /** Send the first `at` events, then the rest, each as a batch of its own. */
  | { readonly action: 'split'; readonly backoff: false; readonly at: number }
  /** Give the batch up: resent, it would be refused again. Its events are reported lost. */
  | { readonly action: 'drop'; readonly backoff: false }
  /**
   * A single event the ingest keeps failing (5xx) while it takes other batches: a poison event.
   * Given up like a drop, counted, logged and reported as a gap, so the cluster keeps flowing.
   */
  | { readonly action: 'drop-failing'; readonly backoff: false }
  /**
   * A single event failing past the bound, with no sign yet that the ingest takes anything else:
   * send the next batch first, then this one again (an outage fails both, and nothing is lost).
   */
  | { readonly action: 'defer'; readonly backoff: false }
  /** Send the same batch again after a back-off, never sooner than Retry-After. */
  | { readonly action: 'retry'; readonly backoff: true; readonly retryAfterMs?: number };

/** The steps that end the attempts at one batch. */
export type SettledStep = Exclude<PostStep, { readonly action: 'retry' }>;

/**
 * Isolating what the ingest keeps failing (docs/agent.md, "Poison events"): a batch answered 5xx
 * `splitAfter` times is split in halves, and each half of such a batch again after one more 5xx;
 * a single event answered 5xx `dropAfter` times is dropped once another batch was accepted since
 * its batch began failing, or once it has failed for `loneDropAfterMs`; until then it yields its
 * turn to the next batch once, to find out. An outage fails every batch, so nothing is dropped for
 * it sooner than `loneDropAfterMs` — and then one event, reported as a gap.
 */
export const POISON_BOUND = Object.freeze({ splitAfter: 3, dropAfter: 3, loneDropAfterMs: 10 * 60_000 });

/** What the forwarder knows of a batch's 5xx answers when it asks what to do next. */
export interface FailureHistory {
  /** 5xx answers to this batch, the one being decided included. */
  readonly serverErrors: number;
  /** The batch is a half of one split for failing: split again at the first 5xx. */
  readonly suspect: boolean;
  /** Since this batch's own first 5xx answer. */
  readonly failingForMs: number;
  /** Another batch was accepted since then: the ingest works, this batch is the problem. */
  readonly acceptedSince: boolean;
  /** This single event already yielded its turn once. */
  readonly deferred: boolean;
  /** There is another batch to send first. */
  readonly canDefer: boolean;
}

const NO_FAILURES: FailureHistory = {
  serverErrors: 0,
  suspect: false,
  failingForMs: 0,
  acceptedSince: false,
  deferred: false,
  canDefer: false,
};

/** `events`: how many events the batch holds. */
export function nextStepAfterPost(
  outcome: PostOutcome,
  events: number,
  history: FailureHistory = NO_FAILURES,
): PostStep {
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
    // 429, 5xx, timeouts, network, signing: the ingest will be back — unless it keeps failing
    // this batch (5xx) while it takes others: then isolate what fails, and drop it alone.
    case 'retry':
      if (countsAsFailing(outcome)) {
        const failing = poisonStep(events, history);
        if (failing !== undefined) return failing;
      }
      return outcome.retryAfterMs === undefined
        ? { action: 'retry', backoff: true }
        : { action: 'retry', backoff: true, retryAfterMs: outcome.retryAfterMs };
  }
}

/**
 * A 5xx that may be this batch's own doing: 500 (the ingest failed it), 502/504 (the function
 * crashed or timed out on it). Not 503: the ingest says `unavailable` when the store is throttled
 * or unreachable, which no event causes — and never a timeout or network error.
 */
export function countsAsFailing(outcome: PostOutcome): boolean {
  return (
    outcome.kind === 'retry' &&
    outcome.status !== undefined &&
    outcome.status >= 500 &&
    outcome.status !== 503
  );
}

function poisonStep(events: number, history: FailureHistory): PostStep | undefined {
  if (events > 1)
    return history.serverErrors >= (history.suspect ? 1 : POISON_BOUND.splitAfter)
      ? { action: 'split', backoff: false, at: Math.ceil(events / 2) }
      : undefined;
  if (history.serverErrors < POISON_BOUND.dropAfter) return undefined;
  if (history.acceptedSince || history.failingForMs >= POISON_BOUND.loneDropAfterMs)
    return { action: 'drop-failing', backoff: false };
  if (history.canDefer && !history.deferred) return { action: 'defer', backoff: false };
  return undefined;
}
