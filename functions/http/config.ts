import { DEFAULT_RETENTION_DAYS } from '../store/schema/table-definition.js';

/**
 * What the functions' configs share (ingest/config.ts, query/config.ts): each reads the environment
 * once, at the first invocation, into a frozen object; every problem is a ConfigError naming the
 * variable and what to set. The CDK stack sets every required variable next to the matching grant.
 */
export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The table a function reads or writes, and how long its records live. */
export interface StoreConfig {
  /** TABLE_NAME, required: no default, so a function never silently uses a table it was not granted. */
  readonly tableName: string;
  readonly retentionDays: number;
}

export function readStoreConfig(env: Env): StoreConfig {
  return {
    tableName: requiredText(env, 'TABLE_NAME', 'the DynamoDB table name (the CDK stack sets it)'),
    retentionDays: positiveInt(env, 'RETENTION_DAYS', DEFAULT_RETENTION_DAYS),
  };
}

export function requiredText(env: Env, name: string, what: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new ConfigError(`${name} is required: ${what}`);
  return value;
}

/** A positive integer variable, or `fallback` when it is unset or empty. */
export function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new ConfigError(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}
