import { describe, expect, it } from 'vitest';
import { ApiStatusError, TransportError } from '../../agent/errors.js';
import { nextStepAfterWatch, type WatchOutcome } from '../../agent/reflector/policy.js';

const status = (code: number, reason: string, message = '', retryAfterMs?: number) =>
  new ApiStatusError({ code, reason, message }, retryAfterMs);

describe('what the reflector does after a watch ends', () => {
  it.each<[string, WatchOutcome, number, ReturnType<typeof nextStepAfterWatch>]>([
    [
      'a clean close (timeoutSeconds) re-watches at once',
      { kind: 'closed', events: 3, durationMs: 300_000 },
      0,
      { action: 'rewatch', backoff: false },
    ],
    [
      'a close within a second with no events backs off',
      { kind: 'closed', events: 0, durationMs: 20 },
      0,
      { action: 'rewatch', backoff: true },
    ],
    [
      'an ERROR 410 event re-lists',
      { kind: 'error-event', status: status(410, 'Expired') },
      0,
      { action: 'relist', backoff: true },
    ],
    [
      'an HTTP 410 re-lists',
      { kind: 'failed', error: status(410, 'Gone'), events: 0 },
      0,
      { action: 'relist', backoff: true },
    ],
    [
      '429 re-watches after Retry-After',
      { kind: 'failed', error: status(429, 'TooManyRequests', '', 7_000), events: 0 },
      0,
      { action: 'rewatch', backoff: true, retryAfterMs: 7_000 },
    ],
    [
      '500 re-watches',
      { kind: 'error-event', status: status(500, 'InternalError') },
      1,
      { action: 'rewatch', backoff: true },
    ],
    [
      '500 three times in a row re-lists',
      { kind: 'error-event', status: status(500, 'InternalError') },
      3,
      { action: 'relist', backoff: true },
    ],
    [
      '403 re-watches (RBAC may be fixed) after a back-off',
      { kind: 'failed', error: status(403, 'Forbidden'), events: 0 },
      0,
      { action: 'rewatch', backoff: true },
    ],
    [
      '504 too large resource version re-lists',
      { kind: 'error-event', status: status(504, 'Timeout', 'Too large resource version: 9, current: 3') },
      0,
      { action: 'relist', backoff: true },
    ],
    [
      'an unknown ERROR re-lists',
      { kind: 'error-event', status: status(422, 'Invalid') },
      0,
      { action: 'relist', backoff: true },
    ],
    [
      'a reset stream re-watches from the last resourceVersion',
      { kind: 'failed', error: new TransportError('network', 'ECONNRESET'), events: 9 },
      0,
      { action: 'rewatch', backoff: true },
    ],
    [
      'an inactive stream re-watches',
      { kind: 'failed', error: new TransportError('inactivity', 'silent'), events: 0 },
      0,
      { action: 'rewatch', backoff: true },
    ],
    [
      'a malformed line re-watches',
      { kind: 'failed', error: new TransportError('malformed', 'bad'), events: 2 },
      0,
      { action: 'rewatch', backoff: true },
    ],
  ])('%s', (_rule, outcome, internalErrors, expected) => {
    expect(nextStepAfterWatch(outcome, internalErrors)).toEqual(expected);
  });
});
