import { describe, expect, it } from 'vitest';
import { parseDurationMs, parseInstantOrAgo } from '../../functions/domain/time-input.js';
import { InvalidParameterError } from '../../functions/query/errors.js';
import { QueryParams } from '../../functions/query/params.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');

/** One grammar for query parameters and CLI flags (functions/domain/time-input.ts). */
describe('times and durations', () => {
  it.each([
    ['2h', 2 * 3_600_000],
    ['30m', 30 * 60_000],
    ['1h30m', 90 * 60_000],
    ['7d', 7 * 86_400_000],
    ['1w', 7 * 86_400_000],
    ['1w2d3h4m5s', ((((7 + 2) * 24 + 3) * 60 + 4) * 60 + 5) * 1000],
    ['90s', 90_000],
    ['0s', 0],
    // What the agent's settings (and Go's time.ParseDuration) accept too:
    ['500ms', 500],
    ['1m30s500ms', 90_500],
    ['1.5h', 90 * 60_000],
    ['0.25s', 250],
  ])('duration %s is %d ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each([
    ['empty', ''],
    ['a bare number (seconds or minutes?)', '2'],
    ['a unit alone', 'h'],
    ['a space', '2 h'],
    ['an upper-case unit', '2H'],
    ['a sign', '-2h'],
    ['a unit before its number', 'm30'],
    ['a unit twice', '2h2h'],
    ['units out of order', '30m2h'],
    ['a fraction without digits', '.5h'],
    ['years (not a fixed length)', '3y'],
    ['longer than anyone types', `${'1'.repeat(70)}s`],
  ])('%s (%j) is not a duration', (_case, text) => {
    expect(parseDurationMs(text)).toBeUndefined();
  });

  it.each([
    ['2026-11-23T10:00:00Z', Date.parse('2026-11-23T10:00:00Z')],
    ['2026-11-23T10:00:00.250Z', Date.parse('2026-11-23T10:00:00.250Z')],
    ['2026-11-23T11:00:00+01:00', Date.parse('2026-11-23T10:00:00Z')],
    ['2h', NOW - 2 * 3_600_000],
  ])('instant %s resolves against now', (text, ms) => {
    expect(parseInstantOrAgo(text, NOW)).toBe(ms);
  });

  it.each(['2026-11-23', '2026-11-23 10:00:00Z', '2026-13-40T10:00:00Z', 'yesterday'])(
    '"%s" is rejected',
    (text) => {
      expect(parseInstantOrAgo(text, NOW)).toBeUndefined();
    },
  );
});

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidParameterError) return error.message;
    throw error;
  }
  throw new Error('expected an InvalidParameterError');
}

describe('parameter messages name the parameter, quote the value and say what is expected', () => {
  it.each([
    [
      'a bad since',
      'since=2%20h',
      (p: QueryParams) => p.window(NOW, 3_600_000),
      'since: "2 h" is not a time: expected RFC 3339 (e.g. 2026-11-23T10:00:00Z) or a duration like 2h, 30m, 7d',
    ],
    [
      'since after until',
      'since=2026-11-23T11:00:00Z&until=2026-11-23T10:00:00Z',
      (p: QueryParams) => p.window(NOW, 3_600_000),
      'since: 2026-11-23T11:00:00.000Z is not before until 2026-11-23T10:00:00.000Z',
    ],
    [
      'a limit out of range',
      'limit=0',
      (p: QueryParams) => p.integer('limit', { min: 1, max: 1000, default: 100 }),
      'limit: "0" is out of range: expected an integer from 1 to 1000',
    ],
    [
      'a limit that is not a number',
      'limit=ten',
      (p: QueryParams) => p.integer('limit', { min: 1, max: 1000, default: 100 }),
      'limit: "ten" is out of range: expected an integer from 1 to 1000',
    ],
    [
      'a missing cluster',
      '',
      (p: QueryParams) => p.cluster(true),
      'cluster: required (the cluster name the agent reports, e.g. prod-eu-1)',
    ],
    [
      'an invalid cluster name',
      'cluster=Prod_EU',
      (p: QueryParams) => p.cluster(true),
      'cluster: "Prod_EU" is not a cluster name (lower-case DNS label, e.g. prod-eu-1)',
    ],
    [
      'an unknown group key',
      'groupBy=cluster,team',
      (p: QueryParams) => p.list('groupBy', ['cluster', 'namespace'], ['cluster']),
      'groupBy: "team" is not one of cluster, namespace (give a comma-separated list)',
    ],
  ])('%s', (_name, query, read, expected) => {
    const params = new QueryParams(query, ['since', 'until', 'limit', 'cluster', 'groupBy']);
    expect(message(() => read(params))).toBe(expected);
  });

  it('an unknown parameter lists the accepted ones', () => {
    expect(message(() => new QueryParams('cluster=a&sinse=2h', ['cluster', 'since']))).toBe(
      'sinse: unknown parameter; this route accepts "cluster", "since"',
    );
  });

  it('a repeated parameter is refused rather than one copy silently winning', () => {
    expect(message(() => new QueryParams('cluster=a&cluster=b', ['cluster']))).toBe(
      'cluster: given more than once; give it once',
    );
  });
});

describe('canonical parameters', () => {
  it('sort names and leave out the unbound ones', () => {
    const params = new QueryParams('until=b&cursor=x&cluster=c%20d&limit=5&since=a', [
      'since',
      'until',
      'cluster',
      'cursor',
      'limit',
    ]);
    expect(params.canonical(['cursor', 'limit'])).toBe('cluster=c%20d&since=a&until=b');
  });
});
