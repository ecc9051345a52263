/**
 * Kubernetes time formats: metav1.Time (RFC 3339, UTC, whole seconds) and metav1.MicroTime
 * (microseconds, always six digits), and Go's time.Duration.String() for the durations the kubelet
 * writes into messages.
 */

/** metav1.Time: whole seconds (truncated), e.g. 2026-11-23T10:00:41Z. */
export function kubeTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** metav1.MicroTime as the API serializes it, e.g. 2026-11-23T10:00:00.200000Z (ms precision here). */
export function microTime(ms: number): string {
  return new Date(Math.floor(ms)).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * Go's Duration.String() of a whole number of milliseconds: 796ms, 1.594s, 1m2.3s, 1h0m0s (the
 * kubelet truncates pull durations to milliseconds before printing them).
 */
export function goDuration(ms: number): string {
  const whole = Math.trunc(ms);
  if (whole === 0) return '0s';
  if (whole < 1_000) return `${whole}ms`;
  const hours = Math.floor(whole / 3_600_000);
  const minutes = Math.floor((whole % 3_600_000) / 60_000);
  const millis = whole % 60_000;
  const seconds = `${Math.floor(millis / 1_000)}${fraction(millis % 1_000)}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${minutes}m${seconds}`;
  return seconds;
}

function fraction(ms: number): string {
  return ms === 0 ? '' : `.${String(ms).padStart(3, '0').replace(/0+$/, '')}`;
}
