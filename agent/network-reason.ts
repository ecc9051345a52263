/**
 * A failed connection's Node error code (`ECONNREFUSED`, …) in words, for the one-line errors the
 * CLI and `podtrail ui` print when the endpoint cannot be reached; undefined for codes without a
 * plainer wording (the caller then shows the error's own message).
 */
export function networkCodeReason(code: unknown): string | undefined {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ECONNRESET':
      return 'connection reset';
    case 'ETIMEDOUT':
      return 'connection timed out';
    default:
      return undefined;
  }
}
