import { z } from 'zod';
import { CLUSTER_NAME_PATTERN } from '../functions/domain/names.js';
import { InfraConfigError } from './infra-config-error.js';

/**
 * The clusters whose agents may write to this deployment, and how each agent gets AWS credentials.
 * One list drives both the per-cluster IAM roles and the ingest's CLUSTER_PRINCIPALS binding.
 *
 * Sources (exactly one, or none for a stack that accepts no agent yet):
 *   -c clusters=prod-eu-1,staging        every cluster trusts EKS Pod Identity with the defaults
 *   -c clustersFile=podtrail-clusters.json
 *       {"clusters": [{"name": "prod-eu-1"},
 *                     {"name": "onprem", "trust": {"type": "irsa", "oidcProviderArn": "arn:…"}}]}
 */

/** Where the agent's manifests (agent/deploy/) put it; the trust conditions pin these. */
export const DEFAULT_AGENT_NAMESPACE = 'podtrail';
export const DEFAULT_AGENT_SERVICE_ACCOUNT = 'podtrail-agent';

export type AgentTrust =
  | {
      /** EKS Pod Identity: `pods.eks.amazonaws.com` with session-tag conditions. */
      readonly type: 'pod-identity';
      /** Matched against the `eks-cluster-name` session tag; the EKS name may differ from podtrail's. */
      readonly eksClusterName: string;
      readonly namespace: string;
      readonly serviceAccount: string;
    }
  | {
      /** IRSA or any OIDC issuer registered as an IAM OIDC provider (self-managed clusters). */
      readonly type: 'irsa';
      readonly oidcProviderArn: string;
      /** The provider's issuer without `https://`, the prefix of its condition keys. */
      readonly issuer: string;
      readonly namespace: string;
      readonly serviceAccount: string;
    }
  | {
      /** Any IAM principal (role, user, account root) that assumes the agent role, e.g. from another account. */
      readonly type: 'principal';
      readonly principalArn: string;
      readonly externalId?: string;
    };

export interface ClusterConfig {
  readonly name: string;
  readonly trust: AgentTrust;
}

export interface AgentDefaults {
  readonly namespace: string;
  readonly serviceAccount: string;
}

/** Kubernetes namespace: an RFC 1123 label. */
const NAMESPACE_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** Kubernetes ServiceAccount name: an RFC 1123 subdomain. */
const SERVICE_ACCOUNT_PATTERN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
const OIDC_PROVIDER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/([A-Za-z0-9.\-/_]+)$/;
const PRINCIPAL_ARN =
  /^arn:aws[a-z-]*:(iam::\d{12}:(root|role\/[\w+=,.@\-/]+|user\/[\w+=,.@\-/]+)|sts::\d{12}:federated-user\/[\w+=,.@-]+)$/;
/** sts:ExternalId: 2–1224 characters of [\w+=,.@:/-] (STS AssumeRole API). */
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

const clusterName = z
  .string()
  .regex(CLUSTER_NAME_PATTERN, 'must be a DNS label: lower-case letters, digits and "-", 1–63 characters');
const namespace = z.string().regex(NAMESPACE_PATTERN, 'must be a Kubernetes namespace name').optional();
const serviceAccount = z
  .string()
  .regex(SERVICE_ACCOUNT_PATTERN, 'must be a Kubernetes ServiceAccount name')
  .optional();

const trustSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('pod-identity'),
    eksClusterName: clusterName.optional(),
    namespace,
    serviceAccount,
  }),
  z.strictObject({
    type: z.literal('irsa'),
    oidcProviderArn: z
      .string()
      .regex(OIDC_PROVIDER_ARN, 'must be arn:aws:iam::<account>:oidc-provider/<issuer>'),
    namespace,
    serviceAccount,
  }),
  z.strictObject({
    type: z.literal('principal'),
    principalArn: z.string().regex(PRINCIPAL_ARN, 'must be an IAM role, user or account-root ARN'),
    externalId: z.string().regex(EXTERNAL_ID, 'must be 2–1224 characters of [A-Za-z0-9+=,.@:/_-]').optional(),
  }),
]);

const clustersFileSchema = z.strictObject({
  clusters: z.array(z.strictObject({ name: clusterName, trust: trustSchema.optional() })),
});

type TrustInput = z.infer<typeof trustSchema>;

/** `-c clusters=a,b`: names only, each trusting EKS Pod Identity. */
export function parseClusterList(raw: string, defaults: AgentDefaults): readonly ClusterConfig[] {
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  for (const name of names) {
    if (!CLUSTER_NAME_PATTERN.test(name)) {
      throw new InfraConfigError(
        `-c clusters: "${name}" is not a valid cluster name (${CLUSTER_NAME_PATTERN.source}): ` +
          'use lower-case letters, digits and "-", 1–63 characters, starting and ending alphanumeric',
      );
    }
  }
  return withoutDuplicates(
    names.map((name) => ({ name, trust: resolveTrust(name, { type: 'pod-identity' }, defaults) })),
    '-c clusters',
  );
}

/** `-c clustersFile=path.json`: per-cluster trust options; `source` names the file in messages. */
export function parseClustersFile(
  text: string,
  source: string,
  defaults: AgentDefaults,
): readonly ClusterConfig[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new InfraConfigError(`${source} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const parsed = clustersFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `  ${formatPath(issue.path)}: ${issue.message}`);
    throw new InfraConfigError(`${source} is not a valid clusters file:\n${issues.join('\n')}`);
  }
  return withoutDuplicates(
    parsed.data.clusters.map((c) => ({
      name: c.name,
      trust: resolveTrust(c.name, c.trust ?? { type: 'pod-identity' }, defaults),
    })),
    source,
  );
}

function resolveTrust(name: string, input: TrustInput, defaults: AgentDefaults): AgentTrust {
  switch (input.type) {
    case 'pod-identity':
      return {
        type: 'pod-identity',
        eksClusterName: input.eksClusterName ?? name,
        namespace: input.namespace ?? defaults.namespace,
        serviceAccount: input.serviceAccount ?? defaults.serviceAccount,
      };
    case 'irsa':
      return {
        type: 'irsa',
        oidcProviderArn: input.oidcProviderArn,
        issuer: OIDC_PROVIDER_ARN.exec(input.oidcProviderArn)?.[1] ?? '',
        namespace: input.namespace ?? defaults.namespace,
        serviceAccount: input.serviceAccount ?? defaults.serviceAccount,
      };
    case 'principal':
      return input.externalId === undefined
        ? { type: 'principal', principalArn: input.principalArn }
        : { type: 'principal', principalArn: input.principalArn, externalId: input.externalId };
  }
}

function withoutDuplicates(clusters: readonly ClusterConfig[], source: string): readonly ClusterConfig[] {
  const seen = new Set<string>();
  for (const { name } of clusters) {
    if (seen.has(name)) throw new InfraConfigError(`${source}: cluster "${name}" is listed twice`);
    seen.add(name);
  }
  return Object.freeze(clusters.map((c) => Object.freeze({ ...c, trust: Object.freeze(c.trust) })));
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`),
    '$',
  );
}

export function validateAgentDefaults(defaults: AgentDefaults): AgentDefaults {
  if (!NAMESPACE_PATTERN.test(defaults.namespace)) {
    throw new InfraConfigError(
      `-c agentNamespace: "${defaults.namespace}" is not a Kubernetes namespace name`,
    );
  }
  if (!SERVICE_ACCOUNT_PATTERN.test(defaults.serviceAccount)) {
    throw new InfraConfigError(
      `-c agentServiceAccount: "${defaults.serviceAccount}" is not a Kubernetes ServiceAccount name`,
    );
  }
  return Object.freeze({ ...defaults });
}
