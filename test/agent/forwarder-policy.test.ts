import { describe, expect, it } from 'vitest';
import type { PostOutcome } from '../../agent/forwarder/ingest-client.js';
import { nextStepAfterPost, type PostStep } from '../../agent/forwarder/policy.js';

const stored: PostOutcome = { kind: 'ok', result: { accepted: 3, unchanged: 0, stale: 0, rejected: [] } };
const unavailable = (status: number | undefined, retryAfterMs?: number): PostOutcome => ({
  kind: 'retry',
  status,
  retryAfterMs,
  detail: status === undefined ? 'ECONNRESET' : `HTTP ${status}`,
});

describe('what the forwarder does after posting a batch', () => {
  it.each<[string, PostOutcome, number, PostStep]>([
    ['a stored batch is done', stored, 3, { action: 'done', backoff: false }],
    [
      'a stored batch with events rejected one by one is done (they are not resent)',
      {
        kind: 'ok',
        result: { accepted: 2, unchanged: 0, stale: 0, rejected: [{ index: 1, issues: ['events[1]: bad'] }] },
      },
      3,
      { action: 'done', backoff: false },
    ],
    [
      '400 drops the batch without a retry',
      { kind: 'rejected', status: 400 },
      3,
      { action: 'drop', backoff: false },
    ],
    ['413 splits the batch in halves', { kind: 'too-large' }, 4, { action: 'split', backoff: false, at: 2 }],
    [
      '413 splits an odd batch with the larger half first',
      { kind: 'too-large' },
      5,
      { action: 'split', backoff: false, at: 3 },
    ],
    ['413 for a single event drops it', { kind: 'too-large' }, 1, { action: 'drop', backoff: false }],
    ['401 retries after a back-off', { kind: 'auth', status: 401 }, 3, { action: 'retry', backoff: true }],
    ['403 retries after a back-off', { kind: 'auth', status: 403 }, 3, { action: 'retry', backoff: true }],
    [
      '429 retries no sooner than Retry-After',
      unavailable(429, 7_000),
      3,
      { action: 'retry', backoff: true, retryAfterMs: 7_000 },
    ],
    [
      '503 without Retry-After retries after a back-off',
      unavailable(503),
      3,
      { action: 'retry', backoff: true },
    ],
    [
      'a network failure retries after a back-off',
      unavailable(undefined),
      3,
      { action: 'retry', backoff: true },
    ],
  ])('%s', (_rule, outcome, events, expected) => {
    expect(nextStepAfterPost(outcome, events)).toEqual(expected);
  });
});
