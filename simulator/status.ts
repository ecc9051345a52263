/** metav1.Status bodies, byte-compatible with what the API server sends for errors. */

export interface StatusBody {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly metadata: Record<string, never>;
  readonly status: 'Failure';
  readonly message: string;
  readonly reason: string;
  readonly code: number;
  readonly details?: {
    readonly retryAfterSeconds?: number;
    readonly causes?: readonly { reason: string; message: string }[];
  };
}

export function statusBody(
  code: number,
  reason: string,
  message: string,
  retryAfterSeconds?: number,
): StatusBody {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
    ...(retryAfterSeconds === undefined ? {} : { details: { retryAfterSeconds } }),
  };
}

/** The default reason and message for an HTTP status, as apimachinery's errors package words them. */
export function defaultStatus(code: number, retryAfterSeconds?: number, resource = 'pods'): StatusBody {
  switch (code) {
    case 401:
      return statusBody(401, 'Unauthorized', 'Unauthorized');
    case 403:
      return statusBody(
        403,
        'Forbidden',
        `${resource} is forbidden: User "system:serviceaccount:podtrail:podtrail-agent" cannot list resource "${resource}" in API group "" at the cluster scope`,
      );
    case 410:
      return statusBody(410, 'Expired', 'too old resource version');
    case 429:
      return statusBody(
        429,
        'TooManyRequests',
        'Too many requests, please try again later.',
        retryAfterSeconds ?? 1,
      );
    case 500:
      return statusBody(500, 'InternalError', 'Internal error occurred: etcdserver: request timed out');
    case 503:
      return statusBody(503, 'ServiceUnavailable', 'the server is currently unable to handle the request');
    default:
      return statusBody(code, 'Unknown', `simulated failure ${code}`);
  }
}

export const EXPIRED_CONTINUE_MESSAGE =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.';

export function tooOldResourceVersion(requested: number, oldest: number): StatusBody {
  return statusBody(410, 'Expired', `too old resource version: ${requested} (${oldest})`);
}
