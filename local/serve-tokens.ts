import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_NAME_PATTERN } from '../functions/domain/names.js';

/**
 * Bearer tokens for `podtrail serve`. The default token (name `default`) may write every cluster:
 * it is PODTRAIL_TOKEN when set, else generated once (256 random bits) and kept in
 * `<data dir>/token`, mode 0600 — never a fixed default. `<data dir>/tokens.json` may add tokens
 * limited to some clusters, like per-cluster agent roles in AWS:
 *   { "tokens": [ { "name": "agent-prod", "token": "…", "clusters": ["prod-eu-1"] } ] }
 * A token authenticates as the principal `local:<name>`.
 */
export interface LocalToken {
  readonly name: string;
  readonly token: string;
  /** Clusters it may write; ['*'] for all. */
  readonly clusters: readonly string[];
}

export interface TokenBook {
  readonly tokens: readonly LocalToken[];
  /** The default token, printed by `podtrail serve`. */
  readonly primary: LocalToken;
  /** The ingest's CLUSTER_PRINCIPALS for these tokens. */
  readonly clusterPrincipals: Readonly<Record<string, readonly string[]>>;
  /** The principal a bearer token authenticates as, or undefined (compared in constant time). */
  authenticate(token: string): string | undefined;
}

export const TOKEN_FILE = 'token';
export const TOKENS_FILE = 'tokens.json';
const MIN_TOKEN_LENGTH = 16;

export class TokenConfigError extends Error {
  override readonly name = 'TokenConfigError';
}

export function loadTokens(dataDir: string, envToken: string | undefined): TokenBook {
  const primary: LocalToken = {
    name: 'default',
    token: envToken || readOrCreateToken(dataDir),
    clusters: ['*'],
  };
  if (primary.token.length < MIN_TOKEN_LENGTH) {
    throw new TokenConfigError(`PODTRAIL_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters`);
  }
  const tokens = [primary, ...readTokensFile(join(dataDir, TOKENS_FILE))];
  return bookOf(tokens, primary);
}

export function bookOf(tokens: readonly LocalToken[], primary: LocalToken): TokenBook {
  const principals: Record<string, string[]> = {};
  for (const t of tokens) {
    for (const cluster of t.clusters)
      principals[cluster] = [...(principals[cluster] ?? []), `local:${t.name}`];
  }
  const digests = tokens.map((t) => ({ name: t.name, digest: digest(t.token) }));
  return {
    tokens,
    primary,
    clusterPrincipals: principals,
    authenticate(token) {
      const candidate = digest(token);
      let found: string | undefined;
      // Compare against every token, always: the time taken says nothing about which matched.
      for (const t of digests)
        if (timingSafeEqual(t.digest, candidate) && found === undefined) found = `local:${t.name}`;
      return found;
    },
  };
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function readOrCreateToken(dataDir: string): string {
  const path = join(dataDir, TOKEN_FILE);
  if (existsSync(path)) {
    chmodSync(path, 0o600);
    return readFileSync(path, 'utf8').trim();
  }
  const token = randomBytes(32).toString('base64url');
  try {
    writeFileSync(path, `${token}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another `podtrail serve` on the same data dir wrote it first: use theirs.
    if ((error as { code?: string }).code === 'EEXIST') return readFileSync(path, 'utf8').trim();
    throw error;
  }
  return token;
}

function readTokensFile(path: string): LocalToken[] {
  if (!existsSync(path)) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new TokenConfigError(`${path} is not valid JSON`, { cause });
  }
  const list = (parsed as { tokens?: unknown } | null)?.tokens;
  if (!Array.isArray(list))
    throw new TokenConfigError(`${path} must be {"tokens": [{"name", "token", "clusters"}]}`);
  return list.map((entry, i) => {
    const { name, token, clusters } = (entry ?? {}) as {
      name?: unknown;
      token?: unknown;
      clusters?: unknown;
    };
    const where = `${path}: tokens[${i}]`;
    if (typeof name !== 'string' || !/^[a-z0-9][-a-z0-9]{0,62}$/.test(name) || name === 'default') {
      throw new TokenConfigError(`${where}.name must be a DNS label other than "default"`);
    }
    if (typeof token !== 'string' || token.length < MIN_TOKEN_LENGTH) {
      throw new TokenConfigError(
        `${where}.token must be a string of at least ${MIN_TOKEN_LENGTH} characters`,
      );
    }
    if (
      !Array.isArray(clusters) ||
      !clusters.every((c) => typeof c === 'string' && (c === '*' || CLUSTER_NAME_PATTERN.test(c)))
    ) {
      throw new TokenConfigError(`${where}.clusters must be a list of cluster names (or "*")`);
    }
    return { name, token, clusters: clusters as string[] };
  });
}
