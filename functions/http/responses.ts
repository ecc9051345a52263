import { StoreUnavailableError } from '../store/table/table-client.js';
import type { FunctionUrlResult } from './function-url.js';

/**
 * The functions' one error taxonomy and its one mapping to HTTP (docs/wire-format.md,
 * docs/query-api.md). Every failure body is `{"error": {"code", "message", "requestId", …details}}`
 * whichever function answers; messages are written for the caller and say what to do; causes
 * (store and SDK errors) stay in the log and never reach a body.
 */
export type ErrorCode =
  | 'invalid_body'
  | 'invalid_parameter'
  /** A request line the server cannot read (e.g. a malformed target such as `//[`). */
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'too_large'
  | 'unsupported_media_type'
  | 'too_many_results'
  | 'unavailable'
  | 'internal';

const STATUS: Readonly<Record<ErrorCode, number>> = {
  invalid_body: 400,
  invalid_parameter: 400,
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  too_large: 413,
  unsupported_media_type: 415,
  too_many_results: 422,
  unavailable: 503,
  internal: 500,
};

export interface HttpErrorOptions {
  /** Extra fields for the body's `error` object, e.g. `issues` or `limitBytes`. */
  readonly details?: Readonly<Record<string, unknown>>;
  /** Extra response headers, e.g. `allow` on a 405. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly cause?: unknown;
}

export class HttpError extends Error {
  override readonly name: string = 'HttpError';
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: ErrorCode, message: string, options: HttpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return STATUS[this.code];
  }
}

/**
 * Anything thrown, as the error a caller may see: an HttpError as it is; the store's "unavailable"
 * (an outage, throttling, or a write conflict that outlasted its retries: StoreConflictError is one)
 * as a retryable 503; everything else as a 500 that names nothing internal.
 */
export function classifyError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof StoreUnavailableError) {
    return new HttpError('unavailable', 'the store is unavailable or busy; retry shortly', { cause: error });
  }
  return new HttpError('internal', 'internal error', { cause: error });
}

/** The one place errors become responses. A 500's message is replaced: it may name internals. */
export function errorResponse(error: HttpError, requestId: string): FunctionUrlResult {
  const message = error.code === 'internal' ? `internal error (request id ${requestId})` : error.message;
  return jsonResponse(
    error.status,
    { error: { code: error.code, message, requestId, ...error.details } },
    { ...(error.code === 'unavailable' ? { 'retry-after': '1' } : {}), ...error.headers },
  );
}

export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): FunctionUrlResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}
