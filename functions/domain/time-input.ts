/**
 * How people write times and durations: one grammar for the CLI's flags (`--since`, `--until`,
 * `--demo-start`) and the query API's parameters (`since`, `until`).
 *
 * A duration is kubectl's (Go's time.ParseDuration, which `kubectl logs --since` uses) plus days and
 * weeks: units from largest to smallest, each at most once, decimals allowed — `500ms`, `30s`, `5m`,
 * `2h`, `1h30m`, `1.5h`, `7d`, `1w2d`. A bare number is refused (seconds? minutes?), and so is a
 * sign. A time is RFC 3339 with an offset (`2026-11-23T10:00:00Z`, `…+01:00`, any fraction).
 */

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;
const DURATION = new RegExp(
  `^(?:${NUMBER}w)?(?:${NUMBER}d)?(?:${NUMBER}h)?(?:${NUMBER}m)?(?:${NUMBER}s)?(?:${NUMBER}ms)?$`,
);
/** ms per unit, in the order of DURATION's groups. */
const UNIT_MS = [7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1] as const;

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Longer input is not a time or duration anyone typed; refusing it keeps the regexes cheap. */
const MAX_CHARS = 64;

/** A duration in whole milliseconds (rounded), or undefined when `text` is not one. */
export function parseDurationMs(text: string): number | undefined {
  if (text === '' || text.length > MAX_CHARS) return undefined;
  const match = DURATION.exec(text);
  if (match === null) return undefined;
  let ms = 0;
  UNIT_MS.forEach((unit, i) => {
    const part = match[i + 1];
    if (part !== undefined) ms += Number(part) * unit;
  });
  const whole = Math.round(ms);
  return Number.isSafeInteger(whole) ? whole : undefined;
}

/** An RFC 3339 time in ms since the epoch, or undefined. */
export function parseTime(text: string): number | undefined {
  if (text.length > MAX_CHARS || !RFC3339.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The instants a time may name: RFC 3339's four-digit years. Beyond them a JS Date cannot print
 * (`since=104000000d` is before any Date), and the store's keys, which sort as text, would not
 * order; callers refuse them with a message naming the input.
 */
export const EARLIEST_INSTANT_MS = Date.parse('0000-01-01T00:00:00.000Z');
export const LATEST_INSTANT_MS = Date.parse('9999-12-31T23:59:59.999Z');
export const INSTANT_RANGE_TEXT = 'between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z';

export function isInstantInRange(ms: number): boolean {
  return ms >= EARLIEST_INSTANT_MS && ms <= LATEST_INSTANT_MS;
}

/** ms since the epoch for an RFC 3339 time, or `now − duration` for `2h`, `1h30m`, `7d`. */
export function parseInstantOrAgo(text: string, now: number): number | undefined {
  const time = parseTime(text);
  if (time !== undefined) return time;
  const ago = parseDurationMs(text);
  return ago === undefined ? undefined : now - ago;
}
