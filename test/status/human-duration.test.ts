/**
 * apimachinery's HumanDuration at every boundary of its table (duration.go and duration_test.go),
 * translateTimestampSince, and the metav1.Time parsing that feeds them.
 */
import { describe, expect, it } from 'vitest';
import { humanDuration, parseMetaTime, timestampSince } from '../../functions/domain/human-duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('HumanDuration', () => {
  it.each<[string, number, string]>([
    ['2 s in the future is <invalid>', -2 * S, '<invalid>'],
    ['1.999 s in the future rounds toward zero to 0s', -1999, '0s'],
    ['1 s in the future is 0s', -1 * S, '0s'],
    ['just under 1 s in the future is 0s', -999, '0s'],
    ['now is 0s', 0, '0s'],
    ['under a second is 0s', 999, '0s'],
    ['seconds are whole: 1.999 s is 1s', 1999, '1s'],
    ['119 s is still seconds', 119 * S, '119s'],
    ['119.999 s is still seconds', 119_999, '119s'],
    ['120 s is 2m', 120 * S, '2m'],
    ['2m1s keeps the seconds', 121 * S, '2m1s'],
    ['3m10s', 3 * M + 10 * S, '3m10s'],
    ['9m59s keeps the seconds', 9 * M + 59 * S, '9m59s'],
    ['10 m drops the seconds', 10 * M, '10m'],
    ['10m59s drops the seconds', 10 * M + 59 * S, '10m'],
    ['an hour is 60m', H, '60m'],
    ['179m is still minutes', 179 * M + 59 * S, '179m'],
    ['3 h is 3h', 3 * H, '3h'],
    ['3h1m keeps the minutes', 3 * H + M, '3h1m'],
    ['7h59m keeps the minutes', 7 * H + 59 * M, '7h59m'],
    ['8 h drops the minutes', 8 * H, '8h'],
    ['8h59m drops the minutes', 8 * H + 59 * M, '8h'],
    ['47 h is still hours', 47 * H + 59 * M, '47h'],
    ['48 h is 2d', 48 * H, '2d'],
    ['2d1h keeps the hours', 49 * H, '2d1h'],
    ['7d23h keeps the hours', 7 * D + 23 * H, '7d23h'],
    ['8 d drops the hours', 8 * D, '8d'],
    ['8d23h drops the hours', 8 * D + 23 * H, '8d'],
    ['90 days is 90d', 90 * D, '90d'],
    ['370 days is 370d', 370 * D, '370d'],
    ['729 d is still days', 729 * D + 23 * H, '729d'],
    ['730 d is 2y', 730 * D, '2y'],
    ['2y1d keeps the days', 731 * D, '2y1d'],
    ['7y364d keeps the days', 7 * Y + 364 * D, '7y364d'],
    ['8 y drops the days', 8 * Y, '8y'],
    ['8y364d drops the days', 8 * Y + 364 * D, '8y'],
    ['10 years of 365 days is 10y', 10 * Y, '10y'],
    ['a leap day does not make a year: 10y2d', 10 * Y + 2 * D, '10y'],
    ['beyond time.Duration (292 y) saturates at 292y', 1000 * Y, '292y'],
    ['far in the future saturates to <invalid>', -1000 * Y, '<invalid>'],
  ])('%s', (_, ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});

describe('translateTimestampSince', () => {
  it('prints <unknown> for the zero time', () => {
    expect(timestampSince(undefined, 0)).toBe('<unknown>');
  });
  it('prints the duration since the time', () => {
    expect(timestampSince(Date.parse('2026-11-23T09:57:30Z'), Date.parse('2026-11-23T10:00:00Z'))).toBe(
      '2m30s',
    );
  });
});

describe('metav1.Time parsing (time.Parse with time.RFC3339)', () => {
  it.each<[string, unknown, number | undefined]>([
    ['UTC with Z', '2026-11-23T10:00:00Z', Date.UTC(2026, 10, 23, 10)],
    ['a positive offset', '2026-11-23T12:00:00+02:00', Date.UTC(2026, 10, 23, 10)],
    ['a negative offset', '2026-11-23T05:30:00-04:30', Date.UTC(2026, 10, 23, 10)],
    ['a fraction after a dot', '2026-11-23T10:00:00.250Z', Date.UTC(2026, 10, 23, 10) + 250],
    ['a fraction after a comma', '2026-11-23T10:00:00,5Z', Date.UTC(2026, 10, 23, 10) + 500],
    [
      'nanoseconds keep their sub-millisecond part',
      '2026-11-23T10:00:00.000500000Z',
      Date.UTC(2026, 10, 23, 10) + 0.5,
    ],
    ['29 February of a leap year', '2028-02-29T00:00:00Z', Date.UTC(2028, 1, 29)],
    ['year 0', '0000-01-01T00:00:00Z', -62_167_219_200_000],
    ["Go's zero time is the zero time", '0001-01-01T00:00:00Z', undefined],
    ["Go's zero time written with an offset is still zero", '0001-01-01T01:00:00+01:00', undefined],
    ['null', null, undefined],
    ['a number', 1_700_000_000, undefined],
    ['an empty string', '', undefined],
    ['a date without a time', '2026-11-23', undefined],
    ['no time zone', '2026-11-23T10:00:00', undefined],
    ['a space instead of T', '2026-11-23 10:00:00Z', undefined],
    ['a lower-case t', '2026-11-23t10:00:00Z', undefined],
    ['a lower-case z', '2026-11-23T10:00:00z', undefined],
    ['30 February', '2026-02-30T00:00:00Z', undefined],
    ['29 February of a common year', '2026-02-29T00:00:00Z', undefined],
    ['hour 24', '2026-11-23T24:00:00Z', undefined],
    ['a leap second', '2026-12-31T23:59:60Z', undefined],
    ['month 13', '2026-13-01T00:00:00Z', undefined],
    ['a one-digit day', '2026-11-3T10:00:00Z', undefined],
    ['a dot with no digits', '2026-11-23T10:00:00.Z', undefined],
    ['an offset without a colon', '2026-11-23T10:00:00+0200', undefined],
    ['trailing text', '2026-11-23T10:00:00Z ', undefined],
  ])('%s', (_, value, expected) => {
    expect(parseMetaTime(value)).toBe(expected);
  });
});
