import { createHash } from 'node:crypto';
import type { ClusterConfig } from './cluster-config.js';
import { InfraConfigError } from './infra-config-error.js';

/**
 * Names derived from the cluster list, and the limits they must respect, decided before any
 * construct exists so that a bad list fails synth with a message instead of a deployment.
 */

/** Lambda caps all of a function's environment variables at 4 KB together (keys and values). */
const LAMBDA_ENVIRONMENT_BYTES = 4096;
/** Left for TABLE_NAME (a generated name, < 100 characters), RETENTION_DAYS, REGISTRY_INTERVAL_SECONDS and NODE_OPTIONS. */
const OTHER_INGEST_VARIABLE_BYTES = 256;
/** The longest role ARN prefix: `arn:aws-us-gov:iam::123456789012:role/`. */
const ROLE_ARN_PREFIX_MAX = 'arn:aws-us-gov:iam::123456789012:role/'.length;
const ROLE_NAME_MAX = 64;

/**
 * Stable output keys, `AgentRoleArn` + the cluster name in PascalCase (`prod-eu-1` → `ProdEu1`).
 * Output keys are alphanumeric, so two names can collide (`a-1`, `a1`): refuse those at synth.
 */
export function agentRoleOutputKeys(clusters: readonly ClusterConfig[]): readonly string[] {
  const keys = clusters.map(
    (c) =>
      `AgentRoleArn${c.name
        .split('-')
        .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
        .join('')}`,
  );
  keys.forEach((key, i) => {
    const first = keys.indexOf(key);
    if (first !== i) {
      throw new InfraConfigError(
        `clusters "${clusters[first]?.name}" and "${clusters[i]?.name}" would share the stack output ${key}; ` +
          'rename one of them',
      );
    }
  });
  return keys;
}

/** `<stack>-agent-<cluster>`, or, past IAM's 64 characters, a prefix and a hash of the whole name. */
export function agentRoleName(stackName: string, cluster: string): string {
  const full = `${stackName}-agent-${cluster}`;
  if (full.length <= ROLE_NAME_MAX) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, ROLE_NAME_MAX - hash.length - 1)}-${hash}`;
}

/**
 * Fails synth, rather than the deployment, when CLUSTER_PRINCIPALS would not fit in the ingest's
 * environment. Role names are fixed, so every ARN's length is known up to the partition.
 */
export function checkEnvironmentBudget(
  clusters: readonly ClusterConfig[],
  roleNames: readonly string[],
): void {
  const worstCase: Record<string, string[]> = {};
  clusters.forEach((cluster, i) => {
    worstCase[cluster.name] = ['x'.repeat(ROLE_ARN_PREFIX_MAX + (roleNames[i] as string).length)];
  });
  const bytes = 'CLUSTER_PRINCIPALS'.length + Buffer.byteLength(JSON.stringify(worstCase));
  const budget = LAMBDA_ENVIRONMENT_BYTES - OTHER_INGEST_VARIABLE_BYTES;
  if (bytes > budget) {
    throw new InfraConfigError(
      `${clusters.length} clusters need up to ${bytes} bytes of CLUSTER_PRINCIPALS, more than the ${budget} ` +
        `bytes the ingest function's 4 KB Lambda environment leaves for it: split the clusters over ` +
        'several stacks (-c stackName=… -c clusters=…), each with its own ingest URL',
    );
  }
}
