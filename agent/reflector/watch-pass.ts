import type { ApiStatusError } from '../errors.js';
import type { ReflectorConfig, ReflectorDeps, TrackedObject } from './contracts.js';
import { statusFromEvent, type WatchOutcome, watchTimeoutSeconds } from './policy.js';
import { noteContact, type ReflectorState } from './state.js';

/**
 * One watch, from the last resourceVersion, with bookmarks and a random timeoutSeconds. Every
 * event is handled synchronously as it is read (the queue never blocks), the resourceVersion
 * advances with each event and bookmark, and the stream's end is returned as a value for the
 * policy to judge.
 */
export async function watchOnce(
  state: ReflectorState,
  config: ReflectorConfig,
  deps: ReflectorDeps,
  signal: AbortSignal,
): Promise<WatchOutcome> {
  const { runtime, metrics } = deps;
  const started = runtime.now();
  const timeoutSeconds = watchTimeoutSeconds(
    config.minWatchTimeoutSeconds,
    config.maxWatchTimeoutSeconds,
    runtime.random,
  );
  let events = 0;
  let errorEvent: ApiStatusError | undefined;
  try {
    await deps.api.watch(
      { resourceVersion: state.lastRV, timeoutSeconds },
      (type, object) => {
        const t = runtime.now();
        if (type === 'ERROR') {
          metrics.watchEvents.ERROR++;
          errorEvent = statusFromEvent(object);
          return 'stop';
        }
        if (type === 'BOOKMARK') {
          metrics.watchEvents.BOOKMARK++;
          const rv = (object as { metadata?: { resourceVersion?: unknown } } | null)?.metadata
            ?.resourceVersion;
          if (typeof rv === 'string' && rv !== '') state.lastRV = rv;
          state.lastInTouchAt = t;
        } else if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') {
          const tracked = deps.tracker.watched(type, object, t);
          if (tracked === undefined) return 'continue';
          metrics.watchEvents[type]++;
          events++;
          state.lastRV = tracked.resourceVersion;
          state.lastInSyncAt = inSyncAnchor(t, tracked);
          state.lastInTouchAt = t;
        } else {
          return 'continue';
        }
        noteContact(deps);
        return 'continue';
      },
      { signal, inactivityMs: config.inactivityTimeoutMs, onOpen: () => noteContact(deps) },
    );
    if (errorEvent !== undefined) return { kind: 'error-event', status: errorEvent };
    return { kind: 'closed', events, durationMs: runtime.now() - started };
  } catch (error) {
    if (errorEvent !== undefined) return { kind: 'error-event', status: errorEvent };
    return { kind: 'failed', error, events };
  }
}

/**
 * The latest moment the agent can vouch it has everything before: when this event's change was
 * committed (its newest managedFields time), or when we received it if that is earlier. Using the
 * receive time alone would be wrong when the agent lags behind its stream: everything committed
 * between the change and our reading it could then be claimed as "not missed". Bookmarks carry no
 * time, so they do not move the anchor (a conservative gapSince in quiet clusters).
 */
function inSyncAnchor(receivedAtMs: number, object: TrackedObject): number {
  return object.changedAtMs === undefined ? receivedAtMs : Math.min(receivedAtMs, object.changedAtMs);
}
