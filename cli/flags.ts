import { parseTime } from '../functions/domain/time-input.js';
import { UsageError } from './io.js';

/** Output formats shared by every command that prints pods, following kubectl's `-o`. */
export const OUTPUT_FORMATS = ['table', 'wide', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function parseOutputFormat(
  value: string | undefined,
  allowed: readonly string[] = OUTPUT_FORMATS,
): string {
  const format = value ?? 'table';
  if (!allowed.includes(format)) {
    throw new UsageError(`unknown output format "${format}": use one of ${allowed.join(', ')}`);
  }
  return format;
}

/** An RFC 3339 instant (`2026-11-23T10:00:00Z`) in ms since the epoch. */
export function parseInstant(value: string, flag: string): number {
  const ms = parseTime(value);
  if (ms === undefined)
    throw new UsageError(`${flag}: "${value}" is not an RFC 3339 time such as 2026-11-23T10:00:00Z`);
  return ms;
}
