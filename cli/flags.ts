import type { parseArgs } from 'node:util';
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

/** `--port N` of the local servers: digits only, 0–65535 (0: any free port); absent → `fallback`. */
export function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535)
    throw new UsageError(`--port: "${value}" is not a port number (0-65535; 0 = any free port)`);
  return port;
}

export type OptionSpec = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

/**
 * The command line rewritten from kubectl's flag grammar (spf13/pflag) into what node's parseArgs
 * reads, so every flag takes the forms a kubectl user types:
 *   -o=wide, -n=shop, -f=pods.json      → -o wide …   (parseArgs would keep the "=")
 *   --no-headers=true, -A=false          → the flag, or nothing (pflag's boolean values)
 * `-owide` and `--output=wide` parseArgs reads as kubectl does. Everything after `--` is left alone.
 */
export function kubectlArgs(argv: readonly string[], options: OptionSpec): string[] {
  const byShort = new Map<string, string>();
  for (const [long, spec] of Object.entries(options))
    if (spec.short !== undefined) byShort.set(spec.short, long);
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.push(...argv.slice(i));
      break;
    }
    const short = /^-([^-])=(.*)$/s.exec(arg);
    const long = /^--([^=]+)=(.*)$/s.exec(arg);
    const name = short !== null ? byShort.get(short[1]!) : long?.[1];
    const value = short?.[2] ?? long?.[2];
    const spec = name === undefined ? undefined : options[name];
    if (spec === undefined || value === undefined) {
      out.push(arg);
      continue;
    }
    const written = short !== null ? `-${short[1]}` : `--${name}`;
    if (spec.type === 'string') out.push(written, value);
    else if (value === 'true') out.push(written);
    else if (value !== 'false')
      throw new UsageError(
        `${written}: "${value}" is not a boolean: use ${written}, ${written}=true or ${written}=false`,
      );
  }
  return out;
}
