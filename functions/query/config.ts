import { ConfigError, type Env, readStoreConfig, type StoreConfig } from '../http/config.js';
import { DEFAULT_RETENTION_DAYS } from '../store/schema/table-definition.js';

/**
 * The query function's configuration, read once from the environment. The CDK stack sets every
 * variable: TABLE_NAME (the table it grants read access to) and CURSOR_KEY (a random secret it
 * generates, used to HMAC-sign pagination cursors so that clients cannot forge store positions).
 * Local mode (`podtrail serve`) builds the same object from its own generated secret.
 */
export interface QueryConfig extends StoreConfig {
  /** HMAC-SHA256 key for cursors; at least MIN_CURSOR_KEY_BYTES bytes. */
  readonly cursorKey: Uint8Array;
  /** Keys of the previous rotation, accepted for verification only (CURSOR_KEY_PREVIOUS, comma-separated). */
  readonly previousCursorKeys: readonly Uint8Array[];
}

/** 32 bytes: the HMAC-SHA256 block-size guidance (RFC 2104 §3: keys shorter than the output weaken it). */
export const MIN_CURSOR_KEY_BYTES = 32;

export function readQueryConfig(env: Env): QueryConfig {
  const cursorKey = parseKey(env.CURSOR_KEY, 'CURSOR_KEY');
  const previous = (env.CURSOR_KEY_PREVIOUS ?? '')
    .split(',')
    .filter((k) => k.trim() !== '')
    .map((k) => parseKey(k.trim(), 'CURSOR_KEY_PREVIOUS'));
  return Object.freeze({
    ...readStoreConfig(env),
    cursorKey,
    previousCursorKeys: Object.freeze(previous),
  });
}

/** For local mode and tests: a config from an explicit key and table. */
export function queryConfig(options: {
  cursorKey: Uint8Array;
  tableName: string;
  retentionDays?: number;
}): QueryConfig {
  if (options.cursorKey.byteLength < MIN_CURSOR_KEY_BYTES) {
    throw new ConfigError(`cursor key must be at least ${MIN_CURSOR_KEY_BYTES} bytes`);
  }
  return Object.freeze({
    tableName: options.tableName,
    cursorKey: options.cursorKey,
    previousCursorKeys: Object.freeze([]),
    retentionDays: options.retentionDays ?? DEFAULT_RETENTION_DAYS,
  });
}

function parseKey(raw: string | undefined, name: string): Uint8Array {
  if (raw === undefined || raw === '') {
    throw new ConfigError(`${name} is required: a random secret of at least ${MIN_CURSOR_KEY_BYTES} bytes`);
  }
  const key = new TextEncoder().encode(raw);
  if (key.byteLength < MIN_CURSOR_KEY_BYTES) {
    throw new ConfigError(`${name} must be at least ${MIN_CURSOR_KEY_BYTES} bytes long`);
  }
  return key;
}
