import type { Writable } from 'node:stream';
import type { FunctionUrlEvent, FunctionUrlHandler, FunctionUrlResult } from '../http/function-url.js';
import type { StoreReader } from '../store/port.js';
import type { QueryConfig } from './config.js';
import { createCursorCodec } from './cursor.js';
import { classifyError, errorResponse, httpStatus, QueryError } from './errors.js';
import { QueryParams } from './params.js';
import { type Route, UNBOUND_PARAMETERS } from './route.js';
import { ROUTES } from './routes/index.js';

export type QueryLog = (line: Readonly<Record<string, unknown>>) => void;

export interface QueryHandlerDeps {
  readonly reader: StoreReader;
  readonly config: QueryConfig;
  /** ms since the epoch. */
  readonly clock: () => number;
  readonly log: QueryLog;
  /** Defaults to every route; tests may pass a subset. */
  readonly routes?: readonly Route[];
}

/** One JSON line per call, to the given stream (stdout in Lambda, where CloudWatch collects it). */
export function jsonLogger(stream: Writable): QueryLog {
  return (line) => {
    stream.write(`${JSON.stringify(line)}\n`);
  };
}

/**
 * The query API as a Function URL handler (the same code runs in Lambda and behind `podtrail serve`).
 * Parses the event, runs the route, and maps every outcome to a response; logs one line per request
 * with the route, status, latency and store cost, never parameters' values or bodies.
 */
export function createQueryHandler(deps: QueryHandlerDeps): FunctionUrlHandler {
  const routes = deps.routes ?? ROUTES;
  const codec = createCursorCodec(deps.config.cursorKey, deps.config.previousCursorKeys);

  return async (event: FunctionUrlEvent): Promise<FunctionUrlResult> => {
    const started = deps.clock();
    const cost = { requests: 0, itemsRead: 0 };
    const path = normalisePath(event.rawPath);
    const route = routes.find((r) => r.path === path);
    let response: FunctionUrlResult;
    let items = 0;
    let failure: QueryError | undefined;
    try {
      const method = event.requestContext.http.method.toUpperCase();
      if (route === undefined) {
        throw new QueryError(
          'not_found',
          `no route ${path}; routes: ${routes.map((r) => r.path).join(', ')}`,
        );
      }
      if (method !== 'GET') throw new QueryError('method_not_allowed', `${method} is not allowed: use GET`);
      const allowed = route.paged ? [...route.parameters, 'cursor'] : route.parameters;
      const params = new QueryParams(event.rawQueryString, allowed);
      const canonical = params.canonical(UNBOUND_PARAMETERS);
      const token = params.raw('cursor');
      const result = await route.run({
        reader: deps.reader,
        config: deps.config,
        params,
        now: started,
        cursorState: token === undefined ? undefined : codec.open(route.path, canonical, token),
        sealCursor: (state) => codec.seal(route.path, canonical, state),
        count: (page) => {
          cost.requests += page.stats.requests;
          cost.itemsRead += page.stats.itemsRead;
          return page;
        },
      });
      items = result.items;
      response = {
        statusCode: 200,
        headers: {
          'content-type': 'application/json',
          'cache-control': 'no-store',
          'x-podtrail-store-cost': `requests=${cost.requests};items=${cost.itemsRead}`,
        },
        body: JSON.stringify(result.body),
      };
    } catch (error) {
      failure = classifyError(error);
      response = errorResponse(failure, event);
    }
    deps.log({
      level: failure === undefined || httpStatus(failure) < 500 ? 'info' : 'error',
      msg: 'query',
      requestId: event.requestContext.requestId,
      route: route?.path ?? 'unknown',
      status: response.statusCode,
      ms: deps.clock() - started,
      items,
      storeRequests: cost.requests,
      itemsRead: cost.itemsRead,
      ...(failure === undefined ? {} : { error: failure.code, ...causeOf(failure) }),
    });
    return response;
  };
}

function normalisePath(rawPath: string): string {
  const path = rawPath.replace(/\/+$/, '');
  return path === '' ? '/' : path;
}

/** For 5xx only: the cause's class and message, which may name internals and so stay in the log. */
function causeOf(failure: QueryError): Record<string, string> {
  if (httpStatus(failure) < 500 || !(failure.cause instanceof Error)) return {};
  return { cause: `${failure.cause.name}: ${failure.cause.message}` };
}
