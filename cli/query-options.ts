import { parseArgs } from 'node:util';
import { DNS_LABEL, DNS_SUBDOMAIN, UID, WORKLOAD } from '../functions/domain/names.js';
import {
  EARLIEST_INSTANT_MS,
  INSTANT_RANGE_TEXT,
  isInstantInRange,
  parseInstantOrAgo,
} from '../functions/domain/time-input.js';
import { kubectlArgs, type OptionSpec } from './flags.js';
import { type CliIo, UsageError } from './io.js';
import { createQueryClient, type QueryClient } from './query-client.js';

/**
 * Flags every query command shares, named as kubectl names them. The endpoint comes from --endpoint
 * or PODTRAIL_ENDPOINT, the bearer token (local mode) from --token or PODTRAIL_TOKEN; Function URLs
 * are signed with SigV4 from the default AWS credential chain instead.
 */
export const CONNECTION_OPTIONS = {
  endpoint: { type: 'string' },
  token: { type: 'string' },
  cluster: { type: 'string' },
  context: { type: 'string' },
  kubeconfig: { type: 'string' },
  output: { type: 'string', short: 'o' },
  'no-headers': { type: 'boolean' },
} as const;

export const NAMESPACE_OPTIONS = {
  namespace: { type: 'string', short: 'n' },
  'all-namespaces': { type: 'boolean', short: 'A' },
} as const;

export const WINDOW_OPTIONS = {
  since: { type: 'string' },
  until: { type: 'string' },
} as const;

const ENDPOINT_USAGE = `Connection:
      --endpoint URL    query endpoint (default $PODTRAIL_ENDPOINT): the query Function URL, or
                        the URL "podtrail serve" prints; Function URLs are signed with SigV4 using
                        the default AWS credential chain
      --token TOKEN     bearer token for "podtrail serve" (default $PODTRAIL_TOKEN)`;

/** For commands about one cluster: it is picked as kubectl picks its target (see query-scope.ts). */
export const CONNECTION_USAGE = `${ENDPOINT_USAGE}
      --cluster NAME    the cluster, named as its agent reports it. Default: $PODTRAIL_CLUSTER, else
                        the kubeconfig context's cluster (an EKS context, whether
                        arn:aws:eks:REGION:ACCOUNT:cluster/NAME or eksctl's
                        USER@NAME.REGION.eksctl.io, gives NAME; any other context its own name),
                        else the only cluster recorded
      --context NAME    the kubeconfig context to take the cluster and namespace from (default: the
                        current context)
      --kubeconfig FILE the kubeconfig file (default $KUBECONFIG, else ~/.kube/config)
The kubeconfig is read only when neither --cluster nor $PODTRAIL_CLUSTER is given (or --context is);
then the context's namespace, if it sets one, is what no -n means.`;

/** For fleet reports: every cluster unless one is named. */
export const FLEET_CONNECTION_USAGE = `${ENDPOINT_USAGE}
      --cluster NAME    one cluster, named as its agent reports it (default $PODTRAIL_CLUSTER; with
                        neither, the report covers every cluster recorded)
      --context NAME    one cluster: the one this kubeconfig context names (as for "podtrail pods";
                        the current context is not used: fleet reports are fleet-wide)
      --kubeconfig FILE where --context is looked up (default $KUBECONFIG, else ~/.kube/config)`;

/** For `podtrail clusters`, which lists every cluster: no --cluster. */
export const ENDPOINT_ONLY_USAGE = ENDPOINT_USAGE;

export const WINDOW_USAGE = `      --since TIME      start of the window: RFC 3339 (2026-11-23T10:00:00Z) or a duration
                        before now (30m, 2h, 1h30m, 7d); default 24h
      --until TIME      end of the window (same forms); default now`;

export type Values = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

export type { OptionSpec };

/** parseArgs on kubectl's flag grammar (`-o=wide`, `--no-headers=true`: see kubectlArgs). */
export function parseCommandLine(
  argv: readonly string[],
  options: OptionSpec,
): { values: Values; positionals: string[] } {
  const parsed = parseArgs({
    args: kubectlArgs(argv, options),
    options,
    allowPositionals: true,
    strict: true,
  });
  return { values: parsed.values as Values, positionals: parsed.positionals };
}

/**
 * The command line of a windowed report (pods, restarts, startup): endpoint, namespace and window
 * options plus the command's own; no positional arguments.
 */
export function parseReportLine(argv: readonly string[], own: OptionSpec): Values {
  const { values, positionals } = parseCommandLine(argv, {
    ...CONNECTION_OPTIONS,
    ...NAMESPACE_OPTIONS,
    ...WINDOW_OPTIONS,
    ...own,
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  return values;
}

export function text(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function flag(values: Values, name: string): boolean {
  return values[name] === true;
}

export function connect(values: Values, io: CliIo): QueryClient {
  const raw = text(values, 'endpoint') ?? io.env.PODTRAIL_ENDPOINT;
  const endpoint = endpointUrl(raw);
  if (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:') {
    throw new UsageError(`--endpoint: "${raw}" must be an http:// or https:// URL`);
  }
  return createQueryClient({ endpoint, token: text(values, 'token') ?? io.env.PODTRAIL_TOKEN });
}

/** --endpoint (or $PODTRAIL_ENDPOINT) as a URL; a usage error when it is missing or not a URL. */
export function endpointUrl(raw: string | undefined): URL {
  if (raw === undefined || raw === '') {
    throw new UsageError(
      'no query endpoint: pass --endpoint URL or set PODTRAIL_ENDPOINT (the URL "podtrail serve" prints, or the stack\'s QueryUrl output)',
    );
  }
  try {
    return new URL(raw);
  } catch {
    throw new UsageError(`--endpoint: "${raw}" is not a URL such as https://abc.lambda-url.eu-west-1.on.aws`);
  }
}

/** -n NS / -A, kubectl style. `fallback` is what no flag means ("default", or all for fleet reports). */
export function namespaceFlag(values: Values, fallback: string | undefined): string | undefined {
  const namespace = text(values, 'namespace');
  if (flag(values, 'all-namespaces')) {
    if (namespace !== undefined) throw new UsageError('-n and -A cannot be used together');
    return undefined;
  }
  if (namespace !== undefined && !DNS_LABEL.test(namespace)) {
    throw new UsageError(`-n: "${namespace}" is not a namespace name`);
  }
  return namespace ?? fallback;
}

/** --workload: `Kind/name` or a bare name, as the query API takes it. */
export function workloadFlag(values: Values): string | undefined {
  const workload = text(values, 'workload');
  if (workload !== undefined && !WORKLOAD.test(workload)) {
    throw new UsageError(`--workload: "${workload}" is not a workload such as Deployment/web`);
  }
  return workload;
}

/** --group-by: distinct keys from `allowed`, comma-separated, as the report route's `groupBy` takes them. */
export function groupByFlag<K extends string>(
  values: Values,
  allowed: readonly K[],
  fallback: readonly K[],
): readonly K[] {
  const value = text(values, 'group-by');
  if (value === undefined) return fallback;
  const keys: K[] = [];
  for (const key of value.split(',').map((k) => k.trim())) {
    if (!(allowed as readonly string[]).includes(key)) {
      throw new UsageError(`--group-by: "${key}" is not one of ${allowed.join(', ')}`);
    }
    if ((keys as string[]).includes(key)) throw new UsageError(`--group-by: "${key}" is listed twice`);
    keys.push(key as K);
  }
  return keys;
}

/** --since / --until resolved against the CLI's clock, sent as RFC 3339 so every page sees one window. */
export function windowFlags(values: Values, now: number): { since: string; until: string } {
  const until = instantFlag(values, 'until', now) ?? now;
  const since = instantFlag(values, 'since', now) ?? Math.max(EARLIEST_INSTANT_MS, until - 24 * 3_600_000);
  if (since >= until) throw new UsageError('--since must be before --until');
  return { since: new Date(since).toISOString(), until: new Date(until).toISOString() };
}

/** --since / --until when both are optional (no window unless given), in ms since the epoch. */
export function optionalWindowFlags(
  values: Values,
  now: number,
): { since: number | undefined; until: number | undefined } {
  const since = instantFlag(values, 'since', now);
  const until = instantFlag(values, 'until', now);
  if (since !== undefined && until !== undefined && since >= until)
    throw new UsageError('--since must be before --until');
  return { since, until };
}

function instantFlag(values: Values, name: string, now: number): number | undefined {
  const value = text(values, name);
  if (value === undefined) return undefined;
  const ms = parseInstantOrAgo(value, now);
  if (ms === undefined) {
    throw new UsageError(
      `--${name}: "${value}" is not a time: expected RFC 3339 (2026-11-23T10:00:00Z) or a duration like 2h`,
    );
  }
  if (!isInstantInRange(ms))
    throw new UsageError(`--${name}: "${value}" is out of range: the time must be ${INSTANT_RANGE_TEXT}`);
  return ms;
}

export function limitFlag(values: Values, range: { min: number; max: number; default: number }): number {
  const value = text(values, 'limit');
  if (value === undefined) return range.default;
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < range.min || n > range.max) {
    throw new UsageError(`--limit: "${value}" must be an integer from ${range.min} to ${range.max}`);
  }
  return n;
}

/**
 * The pod a command is about: `POD` (a name, in `-n`'s namespace, else `defaultNamespace`) and/or
 * `--uid`; one of the two is required.
 */
export function podTarget(
  values: Values,
  positionals: readonly string[],
  defaultNamespace: string,
): { name: string | undefined; uid: string | undefined; namespace: string } {
  const uid = text(values, 'uid');
  if (positionals.length > 1) throw new UsageError(`expected one POD name, got ${positionals.length}`);
  const name = positionals[0];
  if (name === undefined && uid === undefined) throw new UsageError('give a POD name (or --uid UID)');
  if (name !== undefined && !DNS_SUBDOMAIN.test(name)) throw new UsageError(`"${name}" is not a pod name`);
  if (uid !== undefined && !UID.test(uid)) throw new UsageError(`--uid: "${uid}" is not a pod uid`);
  return { name, uid, namespace: namespaceFlag(values, defaultNamespace) ?? defaultNamespace };
}
