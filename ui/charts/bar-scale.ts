/**
 * Linear lengths for bar charts. A non-zero value is never drawn narrower than 1 px: on a wide
 * range a short bar would otherwise round to nothing and the count it stands for would vanish
 * (Grafana's state timeline had to add the same clamp). Zero stays zero, so "none" reads as none.
 */
export const MIN_BAR_PX = 1;

export function barLength(value: number, max: number, span: number): number {
  if (!(value > 0) || !(max > 0) || !(span > 0)) return 0;
  return Math.max(MIN_BAR_PX, (Math.min(value, max) / max) * span);
}

/**
 * A "nice" upper bound for an axis (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10^k, at least `max`), so
 * tick labels (0, half, top) are round and the longest bar fills most of the span.
 * Returns 1 for an empty chart so the scale never divides by zero.
 */
export function niceCeiling(max: number): number {
  if (!(max > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    if (step * magnitude >= max) return step * magnitude;
  }
  return 10 * magnitude;
}
