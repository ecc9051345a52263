/**
 * The agent's few error kinds. Expected outcomes of a request (a 410, a 429) are carried by
 * ApiStatusError so that policy code can decide on them; nothing here is thrown for flow control
 * inside the forwarder, which turns HTTP outcomes into values (see forwarder/ingest-client.ts).
 */
export class AgentError extends Error {
  override readonly name: string = 'AgentError';
}

/** The configuration cannot work; `issues` lists every problem found, each saying what to do. */
export class ConfigError extends AgentError {
  override readonly name = 'ConfigError';
  constructor(readonly issues: readonly string[]) {
    super(`invalid agent configuration:\n  - ${issues.join('\n  - ')}`);
  }
}

/** Fields of a metav1.Status the reflector decides on. */
export interface ApiStatus {
  readonly code: number;
  readonly reason: string;
  readonly message: string;
  readonly retryAfterSeconds?: number;
}

/** The API server answered with a non-2xx status (or sent an ERROR watch event). */
export class ApiStatusError extends AgentError {
  override readonly name = 'ApiStatusError';
  constructor(
    readonly status: ApiStatus,
    /** From the Retry-After header or the Status details, in ms. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(`API server answered ${status.code} ${status.reason}: ${status.message}`);
  }
}

export type TransportFailure = 'network' | 'inactivity' | 'malformed';

/** The connection failed, went silent, or carried something that is not the API's JSON. */
export class TransportError extends AgentError {
  override readonly name = 'TransportError';
  constructor(
    readonly failure: TransportFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
