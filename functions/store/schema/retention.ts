/**
 * TTL (TABLE_DEFINITION.ttlAttribute, epoch seconds) is counted from the event's own time, never the write time, so
 * stored state stays a function of the events (docs/wire-format.md, Semantics). Readers drop items whose TTL has
 * passed, because DynamoDB deletes them only eventually and dynalite never does.
 */
const DAY_SECONDS = 86_400;

export function expiresAt(time: string, retentionDays: number): number {
  return Math.floor(Date.parse(time) / 1000) + retentionDays * DAY_SECONDS;
}

/** Expiry of something that lives as long as its newest day: end of that UTC day + retention. */
export function expiresAfterDay(time: string, retentionDays: number): number {
  const dayStart = Date.parse(`${time.slice(0, 10)}T00:00:00.000Z`) / 1000;
  return dayStart + DAY_SECONDS + retentionDays * DAY_SECONDS;
}

export function isExpired(expires: unknown, nowMs: number): boolean {
  return typeof expires === 'number' && expires * 1000 <= nowMs;
}

/** An event already past retention when it arrives: counted as stale, never stored. */
export function isStale(eventTime: string, retentionDays: number, nowMs: number): boolean {
  return isExpired(expiresAt(eventTime, retentionDays), nowMs);
}
