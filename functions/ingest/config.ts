import { ConfigError, type Env, positiveInt, readStoreConfig, type StoreConfig } from '../http/config.js';
import { REGISTRY_INTERVAL_MS } from '../store/write/cluster-registry.js';

/** The ingest function's configuration, read once from the environment (the CDK stack sets it). */
export interface IngestConfig extends StoreConfig {
  /** Cluster name → principals allowed to write it (IAM role ARNs, `*` wildcards allowed; `local:<name>` locally). */
  readonly clusterPrincipals: Readonly<Record<string, readonly string[]>>;
  /** Largest request body accepted as sent (after base64 decoding), bytes. */
  readonly maxBodyBytes: number;
  /** Largest body accepted after gunzip, bytes. */
  readonly maxDecodedBytes: number;
  /** How often at most a cluster's registry entry (`podtrail clusters` LAST EVENT) is written, ms. */
  readonly registryIntervalMs: number;
}

/** Lambda's buffered payload cap is 6 MB for the whole event, base64 included: 4 MiB of gzip fits. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Watch events compress ~10–20×; 32 MiB of JSON bounds memory well inside a 512 MB function. */
export const DEFAULT_MAX_DECODED_BYTES = 32 * 1024 * 1024;

export function readIngestConfig(env: Env): IngestConfig {
  return Object.freeze({
    ...readStoreConfig(env),
    clusterPrincipals: parseClusterPrincipals(env.CLUSTER_PRINCIPALS),
    maxBodyBytes: positiveInt(env, 'MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES),
    maxDecodedBytes: positiveInt(env, 'MAX_DECODED_BYTES', DEFAULT_MAX_DECODED_BYTES),
    registryIntervalMs: positiveInt(env, 'REGISTRY_INTERVAL_SECONDS', REGISTRY_INTERVAL_MS / 1000) * 1000,
  });
}

/** CLUSTER_PRINCIPALS: JSON object, cluster name → array of principal ARNs or patterns. */
export function parseClusterPrincipals(raw: string | undefined): Readonly<Record<string, readonly string[]>> {
  if (raw === undefined || raw.trim() === '') return Object.freeze({});
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (cause) {
    throw new ConfigError('CLUSTER_PRINCIPALS is not valid JSON', { cause });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError('CLUSTER_PRINCIPALS must be a JSON object of cluster name → [principal ARN]');
  }
  const out: Record<string, readonly string[]> = {};
  for (const [cluster, principals] of Object.entries(parsed)) {
    if (!Array.isArray(principals) || !principals.every((p) => typeof p === 'string' && p !== '')) {
      throw new ConfigError(`CLUSTER_PRINCIPALS["${cluster}"] must be an array of principal ARNs`);
    }
    out[cluster] = Object.freeze([...principals]);
  }
  return Object.freeze(out);
}
