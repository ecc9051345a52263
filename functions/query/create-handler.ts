import { httpEdge } from '../http/edge.js';
import type { FunctionUrlHandler } from '../http/function-url.js';
import type { Log } from '../http/json-log.js';
import { HttpError, jsonResponse } from '../http/responses.js';
import type { StoreReader } from '../store/port.js';
import type { QueryConfig } from './config.js';
import { createCursorCodec } from './cursor.js';
import { QueryParams } from './params.js';
import { type Route, UNBOUND_PARAMETERS } from './route.js';
import { ROUTES } from './routes/index.js';

export interface QueryHandlerDeps {
  readonly reader: StoreReader;
  readonly config: QueryConfig;
  /** ms since the epoch. */
  readonly clock: () => number;
  readonly log: Log;
  /** Defaults to every route; tests may pass a subset. */
  readonly routes?: readonly Route[];
}

/**
 * The query API as a Function URL handler (the same code runs in Lambda and behind `podtrail serve`).
 * Finds the route, validates its parameters and cursor, runs it, and answers JSON; the log line
 * (functions/http/edge.ts) carries the route, the items returned and the store cost, never
 * parameters' values or bodies.
 */
export function createQueryHandler(deps: QueryHandlerDeps): FunctionUrlHandler {
  const routes = deps.routes ?? ROUTES;
  const codec = createCursorCodec(deps.config.cursorKey, deps.config.previousCursorKeys);

  return httpEdge({ name: 'query', clock: deps.clock, log: deps.log }, async (event, note) => {
    const now = deps.clock();
    const path = normalisePath(event.rawPath);
    const route = routes.find((r) => r.path === path);
    const cost = { storeRequests: 0, itemsRead: 0 };
    note({ route: route?.path ?? 'unknown', items: 0, ...cost });
    if (route === undefined) {
      return new HttpError('not_found', `no route ${path}; routes: ${routes.map((r) => r.path).join(', ')}`);
    }
    const method = event.requestContext.http.method.toUpperCase();
    if (method !== 'GET') {
      return new HttpError('method_not_allowed', `${method} is not allowed: use GET`, {
        headers: { allow: 'GET' },
      });
    }
    const allowed = route.paged ? [...route.parameters, 'cursor'] : route.parameters;
    const params = new QueryParams(event.rawQueryString, allowed);
    const canonical = params.canonical(UNBOUND_PARAMETERS);
    const token = params.raw('cursor');
    const result = await route.run({
      reader: deps.reader,
      config: deps.config,
      params,
      now,
      cursorState: token === undefined ? undefined : codec.open(route.path, canonical, token),
      sealCursor: (state) => codec.seal(route.path, canonical, state),
      count: (page) => {
        cost.storeRequests += page.stats.requests;
        cost.itemsRead += page.stats.itemsRead;
        note(cost);
        return page;
      },
    });
    note({ items: result.items });
    return jsonResponse(200, result.body, {
      'x-podtrail-store-cost': `requests=${cost.storeRequests};items=${cost.itemsRead}`,
    });
  });
}

function normalisePath(rawPath: string): string {
  const path = rawPath.replace(/\/+$/, '');
  return path === '' ? '/' : path;
}
