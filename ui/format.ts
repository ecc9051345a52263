/**
 * Times as the page shows them: UTC by default, the browser's zone with `tz=local` in the URL.
 * The kubectl rows keep their own format (RFC 3339 in UTC, as the CLI prints them); everything else
 * the UI adds goes through here.
 */
export type TimeZoneChoice = 'utc' | 'local';

export function timeZoneOf(params: URLSearchParams): TimeZoneChoice {
  return params.get('tz') === 'local' ? 'local' : 'utc';
}

/** The IANA zone name for a choice: what describe and Intl get. */
export function zoneName(tz: TimeZoneChoice): string {
  return tz === 'utc' ? 'UTC' : Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function parts(ms: number, tz: TimeZoneChoice): Record<string, string> {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: zoneName(tz),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  const out: Record<string, string> = {};
  for (const part of format.formatToParts(ms)) out[part.type] = part.value;
  return out;
}

function toMs(time: string | number): number {
  return typeof time === 'number' ? time : Date.parse(time);
}

/** `2026-11-23 10:00:01 UTC` (or the local zone's abbreviation); the input as is when unparseable. */
export function formatTime(time: string | number, tz: TimeZoneChoice): string {
  const ms = toMs(time);
  if (Number.isNaN(ms)) return String(time);
  if (tz === 'utc') return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
  const p = parts(ms, tz);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${p.timeZoneName ?? ''}`.trim();
}

/** A tick label on a time axis: HH:MM:SS under a day's span, else MM-DD HH:MM, in the chosen zone. */
export function formatTick(ms: number, spanMs: number, tz: TimeZoneChoice): string {
  if (tz === 'utc') {
    const iso = new Date(ms).toISOString();
    return spanMs < 86_400_000 ? iso.slice(11, 19) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
  }
  const p = parts(ms, tz);
  return spanMs < 86_400_000
    ? `${p.hour}:${p.minute}:${p.second}`
    : `${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** RFC 3339 to the second in UTC: what the CLI's --at, --since and TIME column take and print. */
export function rfc3339(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** 1.2s, 45s, 3m20s, 2h5m, 3d4h: a duration in ms, two units at most. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1).replace(/\.0$/, '') : Math.round(s)}s`;
  const units: [string, number][] = [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ];
  let rest = Math.round(s);
  const out: string[] = [];
  for (const [unit, size] of units) {
    if (out.length === 2) break;
    const n = Math.floor(rest / size);
    if (n > 0 || out.length > 0) {
      if (n > 0) out.push(`${n}${unit}`);
      rest -= n * size;
    }
  }
  return out.join('');
}
