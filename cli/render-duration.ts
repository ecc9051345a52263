import { humanDuration } from '../functions/domain/human-duration.js';

/**
 * A latency for a table cell: `850ms`, `1.5s`, `42s`, then kubectl's HumanDuration from 2 minutes
 * on (`2m3s`, `15m`). Kubernetes timestamps have second resolution, so most values are whole seconds.
 */
export function formatLatency(ms: number | undefined): string {
  if (ms === undefined) return '-';
  if (ms === 0) return '0s';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 120_000) {
    const tenths = Math.round(ms / 100) / 10;
    return `${Number.isInteger(tenths) ? tenths.toFixed(0) : tenths.toFixed(1)}s`;
  }
  return humanDuration(ms);
}
