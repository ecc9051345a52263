import { GO_ZERO_TIME_MS, parseMetaTime, timestampSince } from '../human-duration.js';

/**
 * The two kinds of time describe prints.
 *
 * Absolute (`Start Time`, `Started`, `Finished`): Go's RFC1123Z layout `Mon, 02 Jan 2006 15:04:05
 * -0700` in kubectl's local zone, because metav1.Time converts to local time when it is decoded.
 * A missing or null time is Go's zero Time, which was never converted and prints in UTC; a
 * timestamp string is converted even when it is the zero instant.
 *
 * Relative (`Terminating (lasts …)`, event ages): translateTimestampSince, HumanDuration(now − t),
 * or `<unknown>` for the zero time.
 */

export const ZERO_TIME_TEXT = 'Mon, 01 Jan 0001 00:00:00 +0000';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** A metav1.Time field as kubectl prints it with `Format(time.RFC1123Z)`. */
export function formatAbsoluteTime(value: unknown, timeZone: string): string {
  if (typeof value !== 'string' || value === '') return ZERO_TIME_TEXT;
  const ms = parseMetaTime(value) ?? GO_ZERO_TIME_MS;
  const seconds = Math.floor(ms / 1000);
  const offset = zoneOffsetSeconds(seconds, timeZone);
  const local = new Date((seconds + offset) * 1000);
  const year = local.getUTCFullYear();
  return (
    `${DAYS[local.getUTCDay()]}, ${pad(local.getUTCDate(), 2)} ${MONTHS[local.getUTCMonth()]} ` +
    `${year < 0 ? `-${pad(-year, 4)}` : pad(year, 4)} ` +
    `${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}:${pad(local.getUTCSeconds(), 2)} ` +
    formatOffset(offset)
  );
}

/** Go's `-0700`: whole minutes of the offset (truncated toward zero), as ±hhmm. */
function formatOffset(offsetSeconds: number): string {
  const minutes = Math.trunc(offsetSeconds / 60);
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.trunc(abs / 60), 2)}${pad(abs % 60, 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

const formatters = new Map<string, Intl.DateTimeFormat | undefined>();

/** UTC offset of `timeZone` at an instant, in seconds (local mean time included); unknown zones are UTC, as in Go. */
function zoneOffsetSeconds(seconds: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === '') return 0;
  const formatter = zoneFormatter(timeZone);
  if (formatter === undefined) return 0;
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(new Date(seconds * 1000))) parts[part.type] = part.value;
  const year = Number(parts.year);
  const wall = new Date(0);
  wall.setUTCFullYear(parts.era === 'BC' ? 1 - year : year, Number(parts.month) - 1, Number(parts.day));
  wall.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
  const offset = wall.getTime() / 1000 - seconds;
  return Number.isFinite(offset) ? offset : 0;
}

function zoneFormatter(timeZone: string): Intl.DateTimeFormat | undefined {
  if (!formatters.has(timeZone)) {
    let formatter: Intl.DateTimeFormat | undefined;
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      formatter = undefined;
    }
    formatters.set(timeZone, formatter);
  }
  return formatters.get(timeZone);
}

/** translateTimestampSince / translateMicroTimestampSince of a JSON timestamp field. */
export function since(value: unknown, now: number): string {
  return timestampSince(parseMetaTime(value), now);
}
