import type { FunctionUrlEvent, FunctionUrlResult } from '../http/function-url.js';

/**
 * The query function's error taxonomy. Every failure a caller can see is one of these codes; the
 * single mapping to HTTP is errorResponse. Messages are written for the caller and say what to do;
 * causes (store and SDK errors) are kept for the log and never put in a response body.
 */
export type QueryErrorCode =
  | 'invalid_parameter'
  | 'not_found'
  | 'method_not_allowed'
  | 'too_many_results'
  | 'unavailable'
  | 'internal';

const STATUS: Readonly<Record<QueryErrorCode, number>> = {
  invalid_parameter: 400,
  not_found: 404,
  method_not_allowed: 405,
  too_many_results: 422,
  unavailable: 503,
  internal: 500,
};

export class QueryError extends Error {
  override readonly name: string = 'QueryError';
  readonly code: QueryErrorCode;

  constructor(code: QueryErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** A query parameter that cannot be used as given; the message starts with the parameter's name. */
export class InvalidParameterError extends QueryError {
  override readonly name = 'InvalidParameterError';
  readonly parameter: string;

  constructor(parameter: string, message: string, options?: { cause?: unknown }) {
    super('invalid_parameter', `${parameter}: ${message}`, options);
    this.parameter = parameter;
  }
}

/**
 * Store errors the query function can report as temporary (throttling, timeouts, emulator restarts):
 * recognised by name or by the SDK's retryable/throttling markers, so this module needs no SDK import.
 */
function isTemporary(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; $retryable?: unknown; code?: unknown; cause?: unknown };
  const name = typeof e.name === 'string' ? e.name : '';
  if (/Throttl|ProvisionedThroughputExceeded|RequestLimitExceeded|Unavailable|Timeout/i.test(name))
    return true;
  if (e.$retryable !== undefined && e.$retryable !== null) return true;
  if (e.code === 'ECONNREFUSED' || e.code === 'ECONNRESET' || e.code === 'ETIMEDOUT') return true;
  return e.cause !== undefined && e.cause !== error && isTemporary(e.cause);
}

/** The HTTP status a failure maps to, and the public error it becomes. */
export function classifyError(error: unknown): QueryError {
  if (error instanceof QueryError) return error;
  if (isTemporary(error)) {
    return new QueryError('unavailable', 'the store is temporarily unavailable; retry shortly', {
      cause: error,
    });
  }
  return new QueryError('internal', 'internal error', { cause: error });
}

export function httpStatus(error: QueryError): number {
  return STATUS[error.code];
}

/** The one place errors become HTTP responses: `{"error":{"code","message","requestId"}}`. */
export function errorResponse(error: unknown, event: FunctionUrlEvent): FunctionUrlResult {
  const failure = classifyError(error);
  const status = httpStatus(failure);
  const requestId = event.requestContext.requestId;
  const message = failure.code === 'internal' ? `internal error (request id ${requestId})` : failure.message;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'cache-control': 'no-store',
  };
  if (failure.code === 'method_not_allowed') headers.allow = 'GET';
  if (failure.code === 'unavailable') headers['retry-after'] = '1';
  return {
    statusCode: status,
    headers,
    body: JSON.stringify({ error: { code: failure.code, message, requestId } }),
  };
}
