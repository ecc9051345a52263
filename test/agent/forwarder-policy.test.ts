import { describe, expect, it } from 'vitest';
import type { PostOutcome } from '../../agent/forwarder/ingest-client.js';
import {
  type FailureHistory,
  nextStepAfterPost,
  POISON_BOUND,
  type PostStep,
} from '../../agent/forwarder/policy.js';

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

describe('a batch the ingest keeps failing (5xx): isolate what fails, drop it alone (POISON_BOUND)', () => {
  const history = (h: Partial<FailureHistory>): FailureHistory => ({
    serverErrors: 1,
    suspect: false,
    failingForMs: 0,
    acceptedSince: false,
    deferred: false,
    canDefer: false,
    ...h,
  });
  const retry = { action: 'retry', backoff: true };
  it.each<[string, PostOutcome, number, Partial<FailureHistory>, PostStep | typeof retry]>([
    ['a first 500 retries', unavailable(500), 8, { serverErrors: 1 }, retry],
    [
      `a batch answered 5xx ${POISON_BOUND.splitAfter} times is split`,
      unavailable(500),
      8,
      { serverErrors: POISON_BOUND.splitAfter },
      { action: 'split', backoff: false, at: 4 },
    ],
    [
      'a half of a failing batch splits at its first 5xx',
      unavailable(502),
      5,
      { serverErrors: 1, suspect: true },
      { action: 'split', backoff: false, at: 3 },
    ],
    [
      '503 (the store is unavailable: no event causes it) never splits',
      unavailable(503),
      8,
      { serverErrors: 9, suspect: true },
      retry,
    ],
    [
      'nor drops a single event',
      unavailable(503),
      1,
      { serverErrors: 9, acceptedSince: true, failingForMs: POISON_BOUND.loneDropAfterMs },
      retry,
    ],
    ['429 never splits, however often', unavailable(429), 8, { serverErrors: 0, suspect: true }, retry],
    ['a network failure never splits', unavailable(undefined), 8, { serverErrors: 9, suspect: true }, retry],
    [
      'a single event failing while other batches are accepted is dropped',
      unavailable(500),
      1,
      { serverErrors: POISON_BOUND.dropAfter, acceptedSince: true },
      { action: 'drop-failing', backoff: false },
    ],
    [
      'a single event failing below the bound is retried',
      unavailable(500),
      1,
      { serverErrors: POISON_BOUND.dropAfter - 1, acceptedSince: true },
      retry,
    ],
    [
      'a single event failing with no batch accepted meanwhile lets the next batch go first',
      unavailable(500),
      1,
      { serverErrors: POISON_BOUND.dropAfter, canDefer: true },
      { action: 'defer', backoff: false },
    ],
    [
      'an outage (nothing accepted, already deferred) is retried: nothing is dropped',
      unavailable(500),
      1,
      { serverErrors: 50, canDefer: true, deferred: true, failingForMs: POISON_BOUND.loneDropAfterMs - 1 },
      retry,
    ],
    [
      'a lone event failing for the whole bound is dropped',
      unavailable(500),
      1,
      { serverErrors: 50, failingForMs: POISON_BOUND.loneDropAfterMs },
      { action: 'drop-failing', backoff: false },
    ],
  ])('%s', (_rule, outcome, events, h, expected) => {
    expect(nextStepAfterPost(outcome, events, history(h))).toEqual(expected);
  });
});
