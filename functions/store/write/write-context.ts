import type { ClusterContext } from '../pod/plan-types.js';
import type { HeadCache } from './head-cache.js';

/**
 * What the writers of one batch share: the cluster and its retention (the plan's context), the
 * process's head cache, and the waiting and randomness used to back off from conflicts (parameters,
 * so tests are exact).
 */
export interface WriteContext extends ClusterContext {
  /** Heads this process last saw (head-cache.ts): lets a writer skip the read before planning. */
  readonly heads?: HeadCache;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

/** Full jitter over an exponential cap: attempt 0 waits up to 20 ms, doubling, at most 1 s. */
export function conflictBackoff(ctx: WriteContext, attempt: number): Promise<void> {
  return ctx.sleep(ctx.random() * Math.min(1000, 20 * 2 ** attempt));
}
