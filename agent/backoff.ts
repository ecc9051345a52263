/**
 * Exponential back-off with jitter and reset, after client-go's reflector
 * (`wait.NewExponentialBackoffManager(800ms, 30s, 2m, 2.0, 1.0)`): the delay doubles from
 * `initialMs`, each wait is jittered up to 2× its base, and the sequence starts over once nothing
 * failed for `resetAfterMs`. Unlike client-go the cap applies after the jitter, so `maxMs` is a
 * true maximum. A Retry-After from the server is a floor: we never come back sooner than asked.
 *
 * The two policies the agent runs are below, with their reasons; agent/config.ts takes its
 * defaults from them (PODTRAIL_BACKOFF overrides `initialMs` and `maxMs` of both).
 */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly resetAfterMs: number;
}

/**
 * Between list and watch attempts against the API server: client-go's numbers and reason. A
 * failing API server sees one request every 30 s from each agent, ~98 % less traffic than
 * retrying at once, and after 2 minutes without a failure the server is taken to be healthy again.
 */
export const REFLECTOR_BACKOFF: BackoffPolicy = Object.freeze({
  initialMs: 800,
  maxMs: 30_000,
  resetAfterMs: 120_000,
});

/**
 * Between attempts to deliver a batch to the ingest (429, 5xx, network, credentials), the same
 * numbers for the ingest's sake: one batch is in flight, so a struggling ingest sees at most one
 * request per wait from each agent; a throttled or cold Lambda usually answers again within a
 * second, so the first retry comes quickly; and once it is back, delivery resumes within 30 s
 * while the bounded queue holds what arrives meanwhile. An accepted batch starts the sequence over.
 */
export const FORWARDER_BACKOFF: BackoffPolicy = Object.freeze({
  initialMs: 800,
  maxMs: 30_000,
  resetAfterMs: 120_000,
});

export interface Backoff {
  /** The next wait, in ms. */
  next(retryAfterMs?: number): number;
  reset(): void;
  /** Failures since the last reset. */
  attempts(): number;
}

export function createBackoff(policy: BackoffPolicy, now: () => number, random: () => number): Backoff {
  let step = 0;
  let lastFailureAt: number | undefined;
  return {
    next(retryAfterMs) {
      const t = now();
      if (lastFailureAt !== undefined && t - lastFailureAt >= policy.resetAfterMs) step = 0;
      lastFailureAt = t;
      const base = Math.min(policy.maxMs, policy.initialMs * 2 ** step);
      step = Math.min(step + 1, 30);
      const jittered = Math.min(policy.maxMs, base * (1 + random()));
      return Math.max(jittered, retryAfterMs ?? 0);
    },
    reset() {
      step = 0;
      lastFailureAt = undefined;
    },
    attempts: () => step,
  };
}
