import { HttpError } from '../http/responses.js';

/**
 * The ingest's refusals, each with the status the wire contract gives it (docs/wire-format.md).
 * Messages are written for the agent's operator; functions/http/responses.ts turns them into the
 * one error body both functions answer with.
 */
export const invalidBody = (message: string, issues: readonly string[] = []) =>
  new HttpError('invalid_body', message, issues.length === 0 ? {} : { details: { issues } });
export const unauthorized = () =>
  new HttpError('unauthorized', 'missing caller identity: sign the request (SigV4) or send the bearer token');
export const forbidden = (cluster: string) =>
  new HttpError(
    'forbidden',
    `this caller may not write cluster "${cluster}"; check the cluster's agent role or token`,
  );
export const notFound = () => new HttpError('not_found', 'no such route: POST /v1/events');
export const methodNotAllowed = () =>
  new HttpError('method_not_allowed', 'use POST /v1/events', { headers: { allow: 'POST' } });
export const tooLarge = (what: string, limitBytes: number) =>
  new HttpError('too_large', `${what} is larger than ${limitBytes} bytes: send smaller batches`, {
    details: { limitBytes },
  });
export const tooManyEvents = (count: number, limitEvents: number) =>
  new HttpError(
    'too_large',
    `a batch of ${count} events is more than ${limitEvents} events: send smaller batches`,
    {
      details: { limitEvents },
    },
  );
export const unsupportedMedia = (message: string) => new HttpError('unsupported_media_type', message);
