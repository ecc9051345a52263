import type { StoreCursor } from '../../store/port.js';
import type { QueryParams } from '../params.js';
import { readState } from './state.js';

/** The default window when `since` is not given: the last 24 hours. */
export const DEFAULT_WINDOW_MS = 24 * 3_600_000;

/** A paged windowed query's cursor: the window resolved on the first page, and the store position. */
export interface WindowState {
  readonly since: string;
  readonly until: string;
  readonly store?: StoreCursor;
}

export function readWindowState(value: unknown): WindowState | undefined {
  return readState<WindowState>(value, isWindowState);
}

/** The first page resolves the window (relative times against now); later pages reuse it. */
export function windowOf(
  params: QueryParams,
  now: number,
  state: WindowState | undefined,
): { since: string; until: string } {
  const window = params.window(now, DEFAULT_WINDOW_MS);
  return state === undefined ? window : { since: state.since, until: state.until };
}

function isWindowState(value: unknown): value is WindowState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { since?: unknown; until?: unknown };
  return typeof v.since === 'string' && typeof v.until === 'string';
}

/** The `next` cursor of a windowed page: the window, sealed with the store's position. */
export function nextCursor(
  seal: (state: unknown) => string,
  window: { since: string; until: string },
  store: StoreCursor | undefined,
): { next?: string } {
  if (store === undefined) return {};
  const state: WindowState = { ...window, store };
  return { next: seal(state) };
}
