import type { ReflectorDeps } from './contracts.js';

/** What a reflector loop remembers between its list and watch passes, whatever the resource. */
export interface ReflectorState {
  lastRV: string;
  listedOnce: boolean;
  listing: boolean;
  /** The latest moment the agent can vouch it had every change before (null before the first list). */
  lastInSyncAt: number | null;
  /**
   * When the loop last heard where the resource stands: a list began, or a watch event or bookmark
   * arrived (null before the first list). Unlike lastInSyncAt, bookmarks move it.
   */
  lastInTouchAt: number | null;
}

export function createReflectorState(): ReflectorState {
  return { lastRV: '', listedOnce: false, listing: false, lastInSyncAt: null, lastInTouchAt: null };
}

/** A list page, a watch opening, an event or a bookmark arrived: the API is reachable (/healthz). */
export function noteContact(deps: Pick<ReflectorDeps, 'metrics' | 'runtime'>): void {
  deps.metrics.lastContactTimestamp = deps.runtime.now();
}
