/**
 * Port of k8s.io/apimachinery/pkg/util/duration.HumanDuration (unchanged since 2019; mirrored from
 * the v0.33 source). Years are 365 days; no calendar arithmetic. Input is a duration in milliseconds.
 */
export function humanDuration(ms: number): string {
  // Go: int(d.Seconds()) truncates toward zero; a deviation under 2 s counts as "now".
  const seconds = Math.trunc(saturate(ms) / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;

  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;

  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;

  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;

  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const dy = days % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${years}y`;
}

/**
 * time.Time.Sub saturates at the int64-nanosecond range of time.Duration (about ±292 years), so a
 * timestamp centuries away prints "292y" (or "<invalid>"), not its true distance. In ms, truncated.
 */
const MAX_DURATION_MS = 9_223_372_036_854;

function saturate(ms: number): number {
  if (Number.isNaN(ms)) return 0;
  if (ms > MAX_DURATION_MS) return MAX_DURATION_MS;
  if (ms < -MAX_DURATION_MS) return -MAX_DURATION_MS;
  return ms;
}

/** `time.Time{}` in Go, i.e. 0001-01-01T00:00:00Z, in ms since the epoch. */
export const GO_ZERO_TIME_MS = -62_135_596_800_000;

/**
 * A metav1.Time as decoded from JSON, in ms since the epoch (sub-millisecond digits kept as a
 * fraction), or undefined for the zero time: missing, null, not a string, not RFC 3339, or
 * 0001-01-01T00:00:00Z itself (IsZero). Follows Go's time.Parse(time.RFC3339) fast path: four-digit
 * year, two-digit fields with range checks (including days in the month), optional fraction
 * after "." or ",", then "Z" or ±hh:mm. Hand-written because Date.parse is both slower and more
 * lenient ("2026-02-30", "24:00:00" and lower-case "t" all parse there, never in Go).
 */
export function parseMetaTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length < 20) return undefined;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  if (
    value.charCodeAt(4) !== 45 || // -
    value.charCodeAt(7) !== 45 ||
    value.charCodeAt(10) !== 84 || // T
    value.charCodeAt(13) !== 58 || // :
    value.charCodeAt(16) !== 58 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysIn(month, year) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    year < 0
  ) {
    return undefined;
  }
  let i = 19;
  let fractionMs = 0;
  const mark = value.charCodeAt(i);
  if ((mark === 46 || mark === 44) && isDigit(value.charCodeAt(i + 1))) {
    let scale = 100;
    for (i++; i < value.length && isDigit(value.charCodeAt(i)); i++) {
      fractionMs += (value.charCodeAt(i) - 48) * scale;
      scale /= 10;
    }
  }
  let offsetMinutes = 0;
  if (value.length - i === 1 && value.charCodeAt(i) === 90) {
    // Z
  } else if (value.length - i === 6 && value.charCodeAt(i + 3) === 58) {
    const sign = value.charCodeAt(i);
    const hh = digits(value, i + 1, 2);
    const mm = digits(value, i + 4, 2);
    if ((sign !== 43 && sign !== 45) || hh < 0 || hh > 23 || mm < 0 || mm > 59) return undefined;
    offsetMinutes = (sign === 45 ? -1 : 1) * (hh * 60 + mm);
  } else {
    return undefined;
  }
  const ms =
    daysFromCivil(year, month, day) * 86_400_000 +
    ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 +
    fractionMs;
  return ms === GO_ZERO_TIME_MS ? undefined : ms;
}

/** The non-negative integer in `count` decimal digits at `at`, or -1. */
function digits(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return -1;
    n = n * 10 + c - 48;
  }
  return n;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** apimachinery's translateTimestampSince: `<unknown>` for the zero time. */
export function timestampSince(at: number | undefined, now: number): string {
  return at === undefined ? '<unknown>' : humanDuration(now - at);
}
