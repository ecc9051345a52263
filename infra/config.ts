import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_RETENTION_DAYS } from '../functions/store/schema/table-definition.js';
import { REGISTRY_INTERVAL_MS } from '../functions/store/write/cluster-registry.js';
import {
  type ClusterConfig,
  DEFAULT_AGENT_NAMESPACE,
  DEFAULT_AGENT_SERVICE_ACCOUNT,
  parseClusterList,
  parseClustersFile,
  validateAgentDefaults,
} from './cluster-config.js';
import { InfraConfigError } from './infra-config-error.js';

/**
 * Every deployment option, read once from CDK context (`-c key=value` or cdk.json "context") into
 * one validated, frozen object; the constructs take it as an argument and never read context.
 * docs/deploy.md lists the same options for operators.
 */
export interface PodtrailConfig {
  readonly stackName: string;
  readonly clusters: readonly ClusterConfig[];
  /** Days records are kept (TTL counted from each event's own time); the ingest's RETENTION_DAYS. */
  readonly retentionDays: number;
  /**
   * How often at most the ingest writes a cluster's registry entry, seconds (REGISTRY_INTERVAL_SECONDS):
   * how exact `podtrail clusters` LAST EVENT is, against at most 86,400 / this many write units per
   * cluster per day (docs/benchmarks.md, "Cluster freshness").
   */
  readonly registryIntervalSeconds: number;
  readonly table: {
    /** `retain` keeps the table (and log groups) when the stack is deleted. */
    readonly removalPolicy: 'retain' | 'destroy';
    readonly deletionProtection: boolean;
    /** Point-in-time recovery window, 1–35 days. */
    readonly pitrRecoveryDays: number;
    /**
     * DynamoDB TTL on TABLE_DEFINITION.ttlAttribute. Only `false` while upgrading a stack deployed
     * before December 2026, whose TTL named another attribute: CloudFormation cannot rename an enabled TTL.
     */
    readonly ttl: boolean;
    /** How many of an older stack's unused GSIs are still declared, stepped down one per deployment. */
    readonly legacyIndexes: number;
  };
  /** CloudWatch Logs retention of both functions' log groups, days (a value CloudWatch accepts). */
  readonly logRetentionDays: number;
  /** Caps ingest concurrency (and with it the Function URL's rate, 10 RPS per unit); unset = unreserved. */
  readonly ingestReservedConcurrency?: number;
  /**
   * Bumping it replaces the query cursor key (a new secret, resolved into the function on the same
   * deployment); cursors issued under the old key stop working, so clients restart their paging.
   */
  readonly cursorKeyGeneration: number;
  /** Who may assume the optional reader role: nobody (no role), this account, or listed principals. */
  readonly readerRole: { readonly type: 'none' } | { readonly type: 'account' } | ReaderPrincipals;
}

interface ReaderPrincipals {
  readonly type: 'principals';
  readonly principalArns: readonly string[];
}

export type ContextReader = (key: string) => unknown;
export type TextFileReader = (path: string) => string;

export const DEFAULT_STACK_NAME = 'Podtrail';
export const DEFAULT_LOG_RETENTION_DAYS = 30;
export const DEFAULT_REGISTRY_INTERVAL_SECONDS = REGISTRY_INTERVAL_MS / 1000;
export const DEFAULT_PITR_RECOVERY_DAYS = 35;
/** Stacks deployed before December 2026 declared three GSIs, gsi1–gsi3 (never written; infra/table.ts). */
export const LEGACY_INDEX_COUNT = 3;

/** CloudWatch Logs accepts only these retention periods (PutRetentionPolicy). */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];
/** CloudFormation stack names: a letter, then letters, digits and hyphens; short enough to prefix role names. */
const STACK_NAME = /^[A-Za-z][A-Za-z0-9-]{0,39}$/;
const READER_PRINCIPAL = /^arn:aws[a-z-]*:iam::\d{12}:(root|role\/[\w+=,.@\-/]+|user\/[\w+=,.@\-/]+)$/;

export function readPodtrailConfig(
  context: ContextReader,
  readTextFile: TextFileReader = (path) => readFileSync(resolve(path), 'utf8'),
): PodtrailConfig {
  const stackName = text(context, 'stackName') ?? DEFAULT_STACK_NAME;
  if (!STACK_NAME.test(stackName)) {
    throw new InfraConfigError(
      `-c stackName: "${stackName}" must start with a letter and use only letters, digits and "-" (≤ 40)`,
    );
  }
  const removalPolicy = oneOf(context, 'removalPolicy', ['retain', 'destroy'] as const) ?? 'retain';
  const deletionProtection = bool(context, 'deletionProtection') ?? removalPolicy === 'retain';
  if (removalPolicy === 'destroy' && deletionProtection) {
    throw new InfraConfigError(
      '-c removalPolicy=destroy with -c deletionProtection=true: CloudFormation cannot delete a protected ' +
        'table, so "cdk destroy" would fail; drop one of the two options',
    );
  }
  const logRetentionDays = int(context, 'logRetentionDays', 1, 3653) ?? DEFAULT_LOG_RETENTION_DAYS;
  if (!LOG_RETENTION_DAYS.includes(logRetentionDays)) {
    throw new InfraConfigError(
      `-c logRetentionDays: CloudWatch Logs accepts only ${LOG_RETENTION_DAYS.join(', ')} (got ${logRetentionDays})`,
    );
  }
  const reserved = int(context, 'ingestReservedConcurrency', 1, 10_000);
  const config: PodtrailConfig = {
    stackName,
    clusters: readClusters(context, readTextFile),
    retentionDays: int(context, 'retentionDays', 1, 3650) ?? DEFAULT_RETENTION_DAYS,
    registryIntervalSeconds:
      int(context, 'registryIntervalSeconds', 1, 3600) ?? DEFAULT_REGISTRY_INTERVAL_SECONDS,
    table: Object.freeze({
      removalPolicy,
      deletionProtection,
      pitrRecoveryDays: int(context, 'pitrRecoveryDays', 1, 35) ?? DEFAULT_PITR_RECOVERY_DAYS,
      ttl: bool(context, 'ttl') ?? true,
      legacyIndexes: int(context, 'legacyIndexes', 0, LEGACY_INDEX_COUNT) ?? 0,
    }),
    logRetentionDays,
    ...(reserved === undefined ? {} : { ingestReservedConcurrency: reserved }),
    cursorKeyGeneration: int(context, 'cursorKeyGeneration', 1, 1_000_000) ?? 1,
    readerRole: readReaderRole(context),
  };
  return Object.freeze(config);
}

function readClusters(context: ContextReader, readTextFile: TextFileReader): readonly ClusterConfig[] {
  const defaults = validateAgentDefaults({
    namespace: text(context, 'agentNamespace') ?? DEFAULT_AGENT_NAMESPACE,
    serviceAccount: text(context, 'agentServiceAccount') ?? DEFAULT_AGENT_SERVICE_ACCOUNT,
  });
  const list = context('clusters');
  const file = text(context, 'clustersFile');
  if (list !== undefined && file !== undefined) {
    throw new InfraConfigError('give either -c clusters=… or -c clustersFile=…, not both');
  }
  if (file !== undefined) {
    let body: string;
    try {
      body = readTextFile(file);
    } catch (cause) {
      throw new InfraConfigError(`-c clustersFile: cannot read ${file}: ${(cause as Error).message}`, {
        cause,
      });
    }
    return parseClustersFile(body, file, defaults);
  }
  if (list === undefined) return Object.freeze([]);
  if (Array.isArray(list) && list.every((name) => typeof name === 'string')) {
    return parseClusterList(list.join(','), defaults);
  }
  if (typeof list !== 'string') {
    throw new InfraConfigError('-c clusters must be a comma-separated list of cluster names');
  }
  return parseClusterList(list, defaults);
}

function readReaderRole(context: ContextReader): PodtrailConfig['readerRole'] {
  const raw = text(context, 'readerRole');
  if (raw === undefined || raw === 'none') return Object.freeze({ type: 'none' });
  if (raw === 'account') return Object.freeze({ type: 'account' });
  const principalArns = raw.split(',').map((arn) => arn.trim());
  for (const arn of principalArns) {
    if (!READER_PRINCIPAL.test(arn)) {
      throw new InfraConfigError(
        `-c readerRole: "${arn}" is not an IAM role, user or account-root ARN; use "account", ` +
          '"none" or a comma-separated list of ARNs',
      );
    }
  }
  return Object.freeze({ type: 'principals', principalArns: Object.freeze(principalArns) });
}

/** Context from `-c` is always a string; from cdk.json it may be any JSON value. */
function text(context: ContextReader, key: string): string | undefined {
  const value = context(key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InfraConfigError(`-c ${key} must be a non-empty string`);
  }
  return value.trim();
}

function bool(context: ContextReader, key: string): boolean | undefined {
  const value = context(key);
  if (value === undefined || value === null) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new InfraConfigError(`-c ${key} must be true or false (got ${JSON.stringify(value)})`);
}

function int(context: ContextReader, key: string, min: number, max: number): number | undefined {
  const value = context(key);
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max || (typeof value === 'string' && value.trim() === '')) {
    throw new InfraConfigError(
      `-c ${key} must be an integer from ${min} to ${max} (got ${JSON.stringify(value)})`,
    );
  }
  return n;
}

function oneOf<const T extends readonly string[]>(
  context: ContextReader,
  key: string,
  allowed: T,
): T[number] | undefined {
  const value = text(context, key);
  if (value === undefined) return undefined;
  if (!allowed.includes(value)) {
    throw new InfraConfigError(`-c ${key} must be one of ${allowed.join(', ')} (got "${value}")`);
  }
  return value as T[number];
}
