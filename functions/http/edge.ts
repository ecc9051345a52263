import type { FunctionUrlEvent, FunctionUrlHandler, FunctionUrlResult } from './function-url.js';
import type { Log, LogLine } from './json-log.js';
import { classifyError, errorResponse, HttpError } from './responses.js';

/**
 * What both functions wrap around their work, Hono's shape (event → app → result): one JSON log
 * line per request and the one place failures become responses. `app` answers with a result, or
 * with an HttpError as a value for an expected refusal (404, 405, 401, 403); what it throws is
 * classified (classifyError). `note` adds fields to the request's log line as the app learns them.
 *
 * The line: `{level, msg, requestId, …noted, status, ms}`, plus `error` (the code) on a failure and
 * `cause` on a 5xx. Level: info below 400, warn for 4xx, error for 5xx.
 */
export type EdgeApp = (
  event: FunctionUrlEvent,
  note: (fields: LogLine) => void,
) => Promise<FunctionUrlResult | HttpError>;

export interface EdgeOptions {
  /** The log line's `msg`: the function's name. */
  readonly name: string;
  /** ms since the epoch. */
  readonly clock: () => number;
  readonly log: Log;
}

export function httpEdge(options: EdgeOptions, app: EdgeApp): FunctionUrlHandler {
  return async (event) => {
    const started = options.clock();
    const noted: Record<string, unknown> = {};
    let outcome: FunctionUrlResult | HttpError;
    try {
      outcome = await app(event, (fields) => Object.assign(noted, fields));
    } catch (error) {
      outcome = classifyError(error);
    }
    const requestId = event.requestContext.requestId;
    const failure = outcome instanceof HttpError ? outcome : undefined;
    const response = outcome instanceof HttpError ? errorResponse(outcome, requestId) : outcome;
    options.log({
      level: response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
      msg: options.name,
      requestId,
      ...noted,
      status: response.statusCode,
      ms: options.clock() - started,
      ...(failure === undefined ? {} : { error: failure.code, ...causeOf(failure) }),
    });
    return response;
  };
}

/** For a 5xx only: what went wrong inside, which may name internals and so stays in the log. */
function causeOf(failure: HttpError): { cause?: string } {
  if (failure.status < 500) return {};
  const cause = failure.cause;
  return { cause: cause instanceof Error ? `${cause.name}: ${cause.message}` : failure.message };
}
