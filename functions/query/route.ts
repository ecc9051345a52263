import type { Page, StoreReader } from '../store/port.js';
import type { QueryConfig } from './config.js';
import type { QueryParams } from './params.js';

/** What one route sees of a request; routes never touch the HTTP event. */
export interface RouteContext {
  readonly reader: StoreReader;
  readonly config: QueryConfig;
  readonly params: QueryParams;
  /** The request's time, ms since the epoch (relative windows resolve against it). */
  readonly now: number;
  /** The cursor given with this request (verified, decoded), or undefined on a first page. */
  readonly cursorState: unknown;
  /** Signs the state of the next page into an opaque cursor bound to this query. */
  readonly sealCursor: (state: unknown) => string;
  /** Adds a store page's cost to the request's totals (for the log line and response header). */
  readonly count: <T>(page: Page<T>) => Page<T>;
}

export interface Route {
  /** Exact path, e.g. /v1/timeline. */
  readonly path: string;
  /** One line for docs and the 404 listing. */
  readonly summary: string;
  /** Parameter names accepted besides `cursor` (unknown names are a 400). */
  readonly parameters: readonly string[];
  /** Whether the route pages (accepts `cursor`). */
  readonly paged: boolean;
  run(context: RouteContext): Promise<RouteResult>;
}

export interface RouteResult {
  readonly body: Record<string, unknown>;
  /** How many result items the body holds, for the log line. */
  readonly items: number;
}

/** Cursors bind to every parameter except these (a client may change the page size mid-way). */
export const UNBOUND_PARAMETERS = ['cursor', 'limit'] as const;
