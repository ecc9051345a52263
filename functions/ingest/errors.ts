import type { FunctionUrlResult } from '../http/function-url.js';
import { StoreUnavailableError } from '../store/table/table-client.js';

/**
 * The ingest's expected failures, each with the HTTP status the wire contract gives it
 * (docs/wire-format.md). Messages are written for the agent's operator; internals never reach the
 * body. `errorResponse` is the only place errors become HTTP.
 */
export class IngestError extends Error {
  override readonly name: string = 'IngestError';
  constructor(
    readonly status: number,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const badRequest = (message: string, issues: readonly string[] = []) =>
  new IngestError(400, message, issues.length === 0 ? {} : { issues });
export const unauthorized = () =>
  new IngestError(401, 'missing caller identity: sign the request (SigV4) or send the bearer token');
export const forbidden = (cluster: string) =>
  new IngestError(
    403,
    `this caller may not write cluster "${cluster}"; check the cluster's agent role or token`,
  );
export const notFound = () => new IngestError(404, 'no such route: POST /v1/events');
export const methodNotAllowed = () => new IngestError(405, 'use POST /v1/events');
export const tooLarge = (what: string, limitBytes: number) =>
  new IngestError(413, `${what} is larger than ${limitBytes} bytes: send smaller batches`, { limitBytes });
export const unsupportedMedia = (message: string) => new IngestError(415, message);

export function errorResponse(error: unknown): FunctionUrlResult {
  if (error instanceof IngestError) return json(error.status, { error: error.message, ...error.details });
  if (error instanceof StoreUnavailableError) {
    return json(503, { error: 'the store is unavailable or busy; retry the batch' }, { 'retry-after': '1' });
  }
  return json(500, { error: 'internal error; retry the batch' });
}

export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): FunctionUrlResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(body),
  };
}
