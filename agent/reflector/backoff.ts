/**
 * Exponential back-off with jitter and reset, after client-go's reflector
 * (`wait.NewExponentialBackoffManager(800ms, 30s, 2m, 2.0, 1.0)`): the delay doubles from 800 ms,
 * each wait is jittered up to 2× its base, and the sequence starts over once nothing failed for
 * 2 minutes. Unlike client-go the cap applies after the jitter, so 30 s is a true maximum.
 * A Retry-After from the server is a floor: we never come back sooner than asked.
 */
export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly resetAfterMs: number;
}

export const REFLECTOR_BACKOFF: BackoffPolicy = { initialMs: 800, maxMs: 30_000, resetAfterMs: 120_000 };

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
