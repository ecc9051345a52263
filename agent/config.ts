import { CLUSTER_NAME_PATTERN } from '../functions/domain/wire-format.js';
import { type BackoffPolicy, FORWARDER_BACKOFF, REFLECTOR_BACKOFF } from './backoff.js';
import { ConfigError } from './errors.js';
import { chooseAuth, type RequestAuth } from './http-auth.js';
import type { LogLevel } from './ops/log.js';

/**
 * The agent's one configuration object: flags over environment over defaults, validated once at
 * start (every problem reported together), then frozen and passed down. The only place the agent
 * reads the environment.
 *
 * | flag            | env                          | default                                |
 * |-----------------|------------------------------|----------------------------------------|
 * | --cluster       | PODTRAIL_CLUSTER             | (required) DNS label                   |
 * | --ingest-url    | PODTRAIL_INGEST_URL          | (required) https://…, http only to loopback |
 * |                 | PODTRAIL_TOKEN               | bearer token; not used for Function URLs (SigV4) |
 * | --kubeconfig    | PODTRAIL_KUBECONFIG          | in-cluster, else $KUBECONFIG / ~/.kube/config |
 * | --context       | PODTRAIL_CONTEXT             | the kubeconfig's current context       |
 * | --namespace     | PODTRAIL_NAMESPACE           | all namespaces                         |
 * | --agent-id      | PODTRAIL_AGENT_ID, POD_NAME  | HOSTNAME, else "podtrail-agent"        |
 * | --port          | PODTRAIL_PORT                | 8080 ("off": no health server)         |
 * | --host          | PODTRAIL_HOST                | 0.0.0.0 in a cluster, else 127.0.0.1   |
 * | --flush-deadline| PODTRAIL_FLUSH_DEADLINE      | 20s (keep below terminationGracePeriodSeconds) |
 * |                 | PODTRAIL_WATCH_TIMEOUT       | 300s-600s (random per watch)           |
 * |                 | PODTRAIL_WATCH_INACTIVITY    | 90s (above the ~60 s bookmark period)  |
 * |                 | PODTRAIL_LIST_PAGE_SIZE      | 500                                    |
 * |                 | PODTRAIL_BATCH_MAX_BYTES     | 1Mi (uncompressed JSON per request)    |
 * |                 | PODTRAIL_BATCH_DELAY         | 250ms (≤ 1 s)                          |
 * |                 | PODTRAIL_QUEUE_MAX_EVENTS    | 20000 (coalescing starts)              |
 * |                 | PODTRAIL_QUEUE_MAX_BYTES     | 64Mi (hard bound)                      |
 * |                 | PODTRAIL_INGEST_TIMEOUT      | 30s                                    |
 * |                 | PODTRAIL_BACKOFF             | REFLECTOR_BACKOFF, FORWARDER_BACKOFF (backoff.ts) |
 * |                 | PODTRAIL_HEALTH_MAX_SILENCE  | 5m (/healthz fails after this long without API contact) |
 * |                 | PODTRAIL_EVENT_TTL           | 1h (the API server's --event-ttl: how long events live) |
 * |                 | PODTRAIL_ALLOW_HTTP          | false (true: plain-HTTP ingest to non-loopback hosts) |
 * | --log-level     | PODTRAIL_LOG_LEVEL           | info (debug, info, warn, error)        |
 * |                 | PODTRAIL_LOG_SUMMARY         | 60s: a `summary` line at most this often, when something happened; "off" |
 *
 * The deploy manifests ship placeholders (PLACEHOLDER, agent/deploy/kustomization.yaml); a value
 * still holding one is named as such, so an unedited manifest says what to edit.
 */

export interface AgentConfig {
  readonly cluster: string;
  readonly ingestUrl: URL;
  readonly auth: RequestAuth;
  readonly kubeconfigPath: string | undefined;
  /** Where kubectl would look without --kubeconfig: $KUBECONFIG's files, else ~/.kube/config. */
  readonly defaultKubeconfigs: readonly string[];
  readonly context: string | undefined;
  readonly inCluster: boolean;
  readonly namespace: string | undefined;
  readonly agentId: string;
  /** null: no health/metrics server. */
  readonly http: { readonly host: string; readonly port: number } | null;
  readonly list: { readonly pageSize: number; readonly timeoutMs: number };
  readonly watch: {
    readonly minTimeoutSeconds: number;
    readonly maxTimeoutSeconds: number;
    readonly inactivityTimeoutMs: number;
  };
  /** Between list and watch attempts. */
  readonly backoff: BackoffPolicy;
  readonly forward: {
    readonly maxBatchBytes: number;
    readonly batchDelayMs: number;
    readonly maxQueueEvents: number;
    readonly maxQueueBytes: number;
    readonly requestTimeoutMs: number;
    readonly flushDeadlineMs: number;
    /** Between attempts to deliver a batch. */
    readonly backoff: BackoffPolicy;
  };
  readonly health: { readonly maxSilenceMs: number };
  /** How long the API server keeps an event after its last update (kube-apiserver --event-ttl). */
  readonly events: { readonly ttlMs: number };
  readonly log: {
    readonly level: LogLevel;
    /** How often at most the one-line `summary` is logged (null: never); see ops/summary-log.ts. */
    readonly summaryIntervalMs: number | null;
  };
}

export interface AgentFlags {
  readonly cluster?: string | undefined;
  readonly ingestUrl?: string | undefined;
  readonly kubeconfig?: string | undefined;
  readonly context?: string | undefined;
  readonly namespace?: string | undefined;
  readonly agentId?: string | undefined;
  readonly port?: string | undefined;
  readonly host?: string | undefined;
  readonly flushDeadline?: string | undefined;
  readonly logLevel?: string | undefined;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** The word agent/deploy/kustomization.yaml puts where a value must be set (`cluster=change-me`). */
export const PLACEHOLDER = 'change-me';
const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const NAMESPACE_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function readAgentConfig(flags: AgentFlags, env: Env): AgentConfig {
  const issues: string[] = [];
  const pick = (flag: string | undefined, ...names: string[]) => {
    if (flag !== undefined && flag !== '') return flag;
    for (const name of names) {
      const value = env[name];
      if (value !== undefined && value !== '') return value;
    }
    return undefined;
  };

  const cluster = pick(flags.cluster, 'PODTRAIL_CLUSTER');
  if (cluster === undefined)
    issues.push('--cluster (or PODTRAIL_CLUSTER) is required: the name this cluster is recorded under');
  else if (cluster === PLACEHOLDER) {
    issues.push(
      `--cluster "${PLACEHOLDER}" is the placeholder of agent/deploy/kustomization.yaml: set cluster= to this cluster's name as given to the podtrail stack (-c clusters=…)`,
    );
  } else if (!CLUSTER_NAME_PATTERN.test(cluster)) {
    issues.push(
      `--cluster "${cluster}": use lowercase letters, digits and "-" (a DNS label of at most 63 characters)`,
    );
  }

  const rawUrl = pick(flags.ingestUrl, 'PODTRAIL_INGEST_URL');
  let ingestUrl: URL | undefined;
  if (rawUrl === undefined)
    issues.push('--ingest-url (or PODTRAIL_INGEST_URL) is required: the podtrail ingest endpoint');
  else {
    try {
      ingestUrl = new URL(rawUrl);
    } catch {
      issues.push(
        `--ingest-url "${rawUrl}" is not a URL; expected e.g. https://abc123.lambda-url.eu-west-1.on.aws`,
      );
    }
    if (ingestUrl?.hostname.split('.').includes(PLACEHOLDER)) {
      issues.push(
        `--ingest-url "${rawUrl}" is the placeholder of agent/deploy/kustomization.yaml: set ingest-url= to the IngestUrl output of the podtrail stack (https://<id>.lambda-url.<region>.on.aws/)`,
      );
      ingestUrl = undefined;
    } else if (ingestUrl !== undefined && ingestUrl.protocol !== 'https:' && ingestUrl.protocol !== 'http:') {
      issues.push(`--ingest-url "${rawUrl}": use https:// (or http:// for a local ingest)`);
    } else if (
      ingestUrl?.protocol === 'http:' &&
      !LOOPBACK.has(ingestUrl.hostname) &&
      env.PODTRAIL_ALLOW_HTTP !== 'true'
    ) {
      issues.push(
        `--ingest-url "${rawUrl}": plain HTTP would expose the token; use https://, or set PODTRAIL_ALLOW_HTTP=true`,
      );
    }
  }
  const token = env.PODTRAIL_TOKEN === '' ? undefined : env.PODTRAIL_TOKEN;
  const auth = ingestUrl === undefined ? ({ kind: 'none' } as const) : chooseAuth(ingestUrl, token);
  if (ingestUrl !== undefined && auth.kind === 'none') {
    issues.push(
      'PODTRAIL_TOKEN is required: the ingest URL is not a Lambda Function URL, so the agent authenticates with a bearer token',
    );
  }

  const namespace = pick(flags.namespace, 'PODTRAIL_NAMESPACE');
  if (namespace !== undefined && !NAMESPACE_PATTERN.test(namespace))
    issues.push(`--namespace "${namespace}" is not a valid namespace name`);

  const inCluster = env.KUBERNETES_SERVICE_HOST !== undefined && env.KUBERNETES_SERVICE_HOST !== '';
  const rawPort = pick(flags.port, 'PODTRAIL_PORT') ?? '8080';
  let http: AgentConfig['http'] = null;
  if (rawPort !== 'off') {
    const port = Number(rawPort);
    if (!Number.isInteger(port) || port < 0 || port > 65_535)
      issues.push(`--port "${rawPort}": use a port number 0–65535, or "off"`);
    else http = { host: pick(flags.host, 'PODTRAIL_HOST') ?? (inCluster ? '0.0.0.0' : '127.0.0.1'), port };
  }

  const duration = (name: string, fallback: string, flag?: string) => {
    const raw = pick(flag, name) ?? fallback;
    const ms = parseDuration(raw);
    if (ms === undefined || ms <= 0) {
      issues.push(`${name} "${raw}": use a duration such as 500ms, 30s or 5m`);
      return parseDuration(fallback) ?? 0;
    }
    return ms;
  };
  const size = (name: string, fallback: string, min: number) => {
    const raw = env[name] ?? fallback;
    const n = parseSize(raw);
    if (n === undefined || n < min) {
      issues.push(`${name} "${raw}": use a whole number of at least ${min} (suffixes Ki, Mi allowed)`);
      return parseSize(fallback) ?? min;
    }
    return n;
  };
  /** "MIN-MAX" durations in ms; undefined when the variable is unset (or wrong: the issue is noted). */
  const range = (name: string): readonly [number, number] | undefined => {
    const raw = env[name];
    if (raw === undefined) return undefined;
    const [lo, hi] = raw.split('-').map((part) => parseDuration(part.trim()));
    if (lo === undefined || hi === undefined || lo <= 0 || hi < lo) {
      issues.push(`${name} "${raw}": use "MIN-MAX" durations such as 300s-600s`);
      return undefined;
    }
    return [lo, hi];
  };
  const logLevel = pick(flags.logLevel, 'PODTRAIL_LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel as LogLevel))
    issues.push(`--log-level "${logLevel}": use one of ${LOG_LEVELS.join(', ')} (env PODTRAIL_LOG_LEVEL)`);
  const rawSummary = env.PODTRAIL_LOG_SUMMARY ?? '60s';
  const summaryIntervalMs = rawSummary === 'off' ? null : parseDuration(rawSummary);
  if (summaryIntervalMs === undefined || (summaryIntervalMs !== null && summaryIntervalMs <= 0))
    issues.push(`PODTRAIL_LOG_SUMMARY "${rawSummary}": use a duration such as 60s or 5m, or "off"`);

  const backoffRange = range('PODTRAIL_BACKOFF');
  const backoff = (policy: BackoffPolicy): BackoffPolicy =>
    backoffRange === undefined
      ? { ...policy }
      : { ...policy, initialMs: backoffRange[0], maxMs: backoffRange[1] };

  // 5–10 minutes, spread per watch as client-go does (policy.ts watchTimeoutSeconds).
  const [watchMin, watchMax] = range('PODTRAIL_WATCH_TIMEOUT') ?? [300_000, 600_000];
  const maxBatchBytes = size('PODTRAIL_BATCH_MAX_BYTES', '1Mi', 16 * 1024);
  const maxQueueBytes = size('PODTRAIL_QUEUE_MAX_BYTES', '64Mi', 1024 * 1024);
  if (maxQueueBytes < 4 * maxBatchBytes)
    issues.push('PODTRAIL_QUEUE_MAX_BYTES must be at least 4 × PODTRAIL_BATCH_MAX_BYTES');
  const batchDelayMs = duration('PODTRAIL_BATCH_DELAY', '250ms');
  if (batchDelayMs > 1_000)
    issues.push('PODTRAIL_BATCH_DELAY must be at most 1s (forwarding latency budget)');

  const config: AgentConfig = {
    cluster: cluster ?? '',
    ingestUrl: ingestUrl ?? new URL('http://invalid'),
    auth,
    kubeconfigPath: pick(flags.kubeconfig, 'PODTRAIL_KUBECONFIG'),
    defaultKubeconfigs: defaultKubeconfigs(env),
    context: pick(flags.context, 'PODTRAIL_CONTEXT'),
    inCluster,
    namespace,
    agentId: pick(flags.agentId, 'PODTRAIL_AGENT_ID', 'POD_NAME', 'HOSTNAME') ?? 'podtrail-agent',
    http,
    list: { pageSize: size('PODTRAIL_LIST_PAGE_SIZE', '500', 1), timeoutMs: 60_000 },
    watch: {
      minTimeoutSeconds: Math.max(1, Math.round(watchMin / 1000)),
      maxTimeoutSeconds: Math.max(1, Math.round(watchMax / 1000)),
      inactivityTimeoutMs: duration('PODTRAIL_WATCH_INACTIVITY', '90s'),
    },
    backoff: backoff(REFLECTOR_BACKOFF),
    forward: {
      maxBatchBytes,
      batchDelayMs,
      maxQueueEvents: size('PODTRAIL_QUEUE_MAX_EVENTS', '20000', 10),
      maxQueueBytes,
      requestTimeoutMs: duration('PODTRAIL_INGEST_TIMEOUT', '30s'),
      flushDeadlineMs: duration('PODTRAIL_FLUSH_DEADLINE', '20s', flags.flushDeadline),
      backoff: backoff(FORWARDER_BACKOFF),
    },
    health: { maxSilenceMs: duration('PODTRAIL_HEALTH_MAX_SILENCE', '5m') },
    events: { ttlMs: duration('PODTRAIL_EVENT_TTL', '1h') },
    log: { level: logLevel as LogLevel, summaryIntervalMs: summaryIntervalMs ?? null },
  };
  if (issues.length > 0) throw new ConfigError(issues);
  return deepFreeze(config);
}

/** kubectl's search: every file of $KUBECONFIG (":"-separated), else $HOME/.kube/config. */
function defaultKubeconfigs(env: Env): readonly string[] {
  const listed = (env.KUBECONFIG ?? '').split(':').filter((file) => file !== '');
  if (listed.length > 0) return listed;
  const home = env.HOME ?? env.USERPROFILE;
  return home === undefined || home === '' ? [] : [`${home}/.kube/config`];
}

/** "500ms", "30s", "5m", "1h", or a bare number of seconds. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (match === null) return undefined;
  const unit = match[2] ?? 's';
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1_000 : unit === 'm' ? 60_000 : 3_600_000;
  return Number(match[1]) * factor;
}

/** "1048576", "512Ki", "64Mi". */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+)(Ki|Mi)?$/.exec(text.trim());
  if (match === null) return undefined;
  const factor = match[2] === 'Ki' ? 1024 : match[2] === 'Mi' ? 1024 * 1024 : 1;
  return Number(match[1]) * factor;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !(value instanceof URL)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
