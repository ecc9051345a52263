import { createBackoff } from '../backoff.js';
import { ApiStatusError } from '../errors.js';
import type { ReflectorConfig, ReflectorDeps } from './contracts.js';
import { listAll } from './list-pass.js';
import {
  MAX_INTERNAL_ERROR_REWATCHES,
  type NextStep,
  nextStepAfterWatch,
  statusOf,
  type WatchOutcome,
  watchEndReason,
} from './policy.js';
import { createReflectorState } from './state.js';
import { watchOnce } from './watch-pass.js';

export type { ReflectorConfig, ReflectorDeps, ResourceTracker } from './contracts.js';

/**
 * The list/watch loop, modelled on client-go's Reflector (tools/cache/reflector.go) with the
 * changes the reference recommends (client-node.md §4.3): paged lists (list-pass.ts), watches
 * from the list's resourceVersion with bookmarks and a random timeoutSeconds (watch-pass.ts),
 * re-watch on every end except 410/Expired, re-list only then, back-off with jitter between
 * failures (policy.ts, ../backoff.ts). It never stops by itself: only its signal ends it.
 *
 * The loop knows nothing of the resource beyond its API: every listed object and watch event goes
 * to the ResourceTracker it was given (pod-tracker.ts, event-tracker.ts), which decides what is
 * news and hands it to the forwarder. The agent runs one loop per resource, each with its own
 * state, back-off and figures.
 */

export interface Reflector {
  run(signal: AbortSignal): Promise<void>;
  /** Where the loop stands: its resourceVersion, and whether a list is under way or ever completed. */
  position(): ReflectorPosition;
}

export interface ReflectorPosition {
  readonly resourceVersion: string;
  readonly listing: boolean;
  readonly listedOnce: boolean;
}

export function createReflector(config: ReflectorConfig, deps: ReflectorDeps): Reflector {
  const state = createReflectorState();
  const { api, runtime, log, metrics } = deps;

  async function run(signal: AbortSignal): Promise<void> {
    const backoff = createBackoff(config.backoff, runtime.now, runtime.random);
    let needList = true;
    let internalErrors = 0;
    while (!signal.aborted) {
      let step: NextStep;
      try {
        if (needList) {
          await listAll(state, config, deps, signal);
          needList = false;
        }
        const outcome = await watchOnce(state, config, deps, signal);
        if (signal.aborted) break;
        const reason = watchEndReason(outcome);
        metrics.watchEnds[reason]++;
        const status = statusOf(outcome);
        internalErrors = status !== undefined && status.status.code >= 500 ? internalErrors + 1 : 0;
        step = nextStepAfterWatch(outcome, internalErrors);
        if (internalErrors >= MAX_INTERNAL_ERROR_REWATCHES && step.action === 'relist') internalErrors = 0;
        logWatchEnd(outcome, reason, step);
      } catch (error) {
        if (signal.aborted) break;
        state.listing = false;
        const retryAfterMs = error instanceof ApiStatusError ? error.retryAfterMs : undefined;
        step = { action: 'relist', backoff: true, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
        logFailure('list failed', error);
      }
      if (step.action === 'relist') needList = true;
      if (step.backoff) await runtime.sleep(backoff.next(step.retryAfterMs), signal);
    }
  }

  function logWatchEnd(outcome: WatchOutcome, reason: string, step: NextStep): void {
    const fields = { reason, next: step.action, backoff: step.backoff, resourceVersion: state.lastRV };
    if (outcome.kind === 'closed') log.info('watch ended', { ...fields, events: outcome.events });
    else if (outcome.kind === 'error-event') {
      const { code, message } = outcome.status.status;
      log.warn('watch ended with an error event', { ...fields, code, message });
    } else logFailure('watch failed', outcome.error, fields);
  }

  /** 401/403 are logged as errors, with what to check: the agent cannot fix them itself. */
  function logFailure(
    msg: string,
    error: unknown,
    fields: Record<string, string | number | boolean> = {},
  ): void {
    if (!(error instanceof ApiStatusError)) {
      log.warn(msg, { ...fields, error: (error as Error).message });
      return;
    }
    const { code, reason, message } = error.status;
    if (code === 401 || code === 403) {
      log.error(msg, {
        ...fields,
        code,
        reason,
        message,
        hint: `the agent needs get/list/watch on ${api.resource} cluster-wide: check its ServiceAccount, ClusterRole and ClusterRoleBinding`,
      });
    } else log.warn(msg, { ...fields, code, reason, message });
  }

  return {
    run,
    position: () => ({
      resourceVersion: state.lastRV,
      listing: state.listing,
      listedOnce: state.listedOnce,
    }),
  };
}
