import type { TimeZoneChoice } from '../format.js';

/**
 * Splits a window into calendar days of the chosen zone (UTC, or the browser's local zone), for the
 * fleet's restarts-per-day bars. Each day is clipped to the window, so the days' counts add up to
 * the window's. A window of more than `maxDays` days gets buckets of several days each.
 */
export interface DayBucket {
  /** The first day's date in the zone, YYYY-MM-DD. */
  readonly label: string;
  readonly since: string;
  readonly until: string;
}

const DAY = 86_400_000;

export function dayBuckets(
  window: { since: string; until: string },
  tz: TimeZoneChoice,
  maxDays = 31,
): DayBucket[] {
  const since = Date.parse(window.since);
  const until = Date.parse(window.until);
  if (!(until > since)) return [];
  const step = Math.max(1, Math.ceil((until - since) / DAY / maxDays));
  const buckets: DayBucket[] = [];
  let start = startOfDay(since, tz);
  while (start < until) {
    const end = addDays(start, step, tz);
    const from = Math.max(start, since);
    buckets.push({
      label: dayLabel(start, tz),
      since: new Date(from).toISOString(),
      until: new Date(Math.min(end, until)).toISOString(),
    });
    start = end;
  }
  return buckets;
}

function startOfDay(ms: number, tz: TimeZoneChoice): number {
  const d = new Date(ms);
  if (tz === 'utc') d.setUTCHours(0, 0, 0, 0);
  else d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Calendar days, not 24 h: a local day across a DST change is 23 or 25 hours. */
function addDays(ms: number, days: number, tz: TimeZoneChoice): number {
  const d = new Date(ms);
  if (tz === 'utc') d.setUTCDate(d.getUTCDate() + days);
  else d.setDate(d.getDate() + days);
  return d.getTime();
}

function dayLabel(ms: number, tz: TimeZoneChoice): string {
  const d = new Date(ms);
  const [y, m, day] =
    tz === 'utc'
      ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]
      : [d.getFullYear(), d.getMonth() + 1, d.getDate()];
  return `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
