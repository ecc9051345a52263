/**
 * Port of k8s.io/apimachinery/pkg/util/duration.HumanDuration (unchanged since 2019; mirrored from
 * the v0.33 source). Years are 365 days; no calendar arithmetic. Input is a duration in milliseconds.
 */
export function humanDuration(ms: number): string {
  // Go: int(d.Seconds()) truncates toward zero; a deviation under 2 s counts as "now".
  const seconds = Math.trunc(ms / 1000);
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

/** apimachinery's translateTimestampSince: `<unknown>` for the zero time. */
export function timestampSince(at: number | undefined, now: number): string {
  return at === undefined ? '<unknown>' : humanDuration(now - at);
}
