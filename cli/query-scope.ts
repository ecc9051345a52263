import { CLUSTER_NAME_PATTERN } from '../functions/domain/names.js';
import { type CliIo, UsageError } from './io.js';
import { clusterNameOf, type KubeContext, readKubeContext } from './kube-context.js';
import type { QueryClient } from './query-client.js';
import { text, type Values } from './query-options.js';

/** A cluster and how it was picked, for the messages of an empty result. */
export interface ClusterChoice {
  readonly name: string;
  /** e.g. `--cluster`, `$PODTRAIL_CLUSTER`, `kubeconfig context "kind-dev" (current-context in …)`. */
  readonly chosenBy: string;
}

/** Where a command about one cluster looks, before asking the endpoint. */
export interface Scope {
  /** Undefined: nothing picked one; requireCluster takes the only cluster recorded. */
  readonly cluster: ClusterChoice | undefined;
  /** What no -n means: the kubeconfig context's namespace, else "default" (as kubectl). */
  readonly defaultNamespace: string;
}

/**
 * The scope of a command about one cluster (pods, events, timeline, describe), picked the way
 * kubectl picks its target: --cluster, else $PODTRAIL_CLUSTER, else the kubeconfig context (--context,
 * else the current one), whose namespace is also the default namespace. The kubeconfig is read only
 * when it can matter, so `--cluster X` costs no file read and no YAML parser.
 */
export async function podScope(values: Values, io: CliIo): Promise<Scope> {
  const given = givenCluster(values, io);
  const explicit = text(values, 'context') !== undefined || text(values, 'kubeconfig') !== undefined;
  if (given !== undefined && !explicit) return { cluster: given, defaultNamespace: 'default' };
  const context = await readContext(values, io);
  return {
    cluster: given ?? (context === undefined ? undefined : contextCluster(context)),
    defaultNamespace: context?.namespace ?? 'default',
  };
}

/**
 * The cluster of a fleet report (restarts, startup): --cluster, $PODTRAIL_CLUSTER or an explicit
 * --context; otherwise undefined, which means every cluster.
 */
export async function fleetCluster(values: Values, io: CliIo): Promise<ClusterChoice | undefined> {
  const given = givenCluster(values, io);
  if (given !== undefined || text(values, 'context') === undefined) {
    if (given === undefined && text(values, 'kubeconfig') !== undefined)
      throw new UsageError('--kubeconfig needs --context here: fleet reports do not use the current context');
    return given;
  }
  const context = await readContext(values, io);
  return context === undefined ? undefined : contextCluster(context);
}

/** The scope's cluster, else the only cluster the endpoint records. */
export async function requireCluster(scope: Scope, client: QueryClient): Promise<ClusterChoice> {
  if (scope.cluster !== undefined) return scope.cluster;
  const { clusters } = await client.get<{ clusters: { cluster: string }[] }>('/v1/clusters');
  if (clusters.length === 1) return { name: clusters[0]!.cluster, chosenBy: 'the only cluster recorded' };
  const names = clusters.map((c) => c.cluster).join(', ');
  throw new UsageError(
    clusters.length === 0
      ? 'no cluster has reported to this endpoint yet; is an agent running?'
      : `--cluster is required (no kubeconfig context picks one): this endpoint records ${clusters.length} clusters (${names})`,
  );
}

/** `cluster "x"`, plus how it was picked unless --cluster named it: for messages about empty results. */
export function clusterText(cluster: ClusterChoice): string {
  return cluster.chosenBy === '--cluster'
    ? `cluster "${cluster.name}"`
    : `cluster "${cluster.name}" (picked by ${cluster.chosenBy})`;
}

/** --cluster, else $PODTRAIL_CLUSTER; validated like the ingest validates it. */
function givenCluster(values: Values, io: CliIo): ClusterChoice | undefined {
  const flag = text(values, 'cluster');
  const env = io.env.PODTRAIL_CLUSTER || undefined;
  const name = flag ?? env;
  if (name === undefined) return undefined;
  const chosenBy = flag !== undefined ? '--cluster' : '$PODTRAIL_CLUSTER';
  if (!CLUSTER_NAME_PATTERN.test(name)) {
    throw new UsageError(
      `${chosenBy}: "${name}" is not a cluster name (a lower-case DNS label such as prod-eu-1)`,
    );
  }
  return { name, chosenBy };
}

function readContext(values: Values, io: CliIo): Promise<KubeContext | undefined> {
  return readKubeContext({
    kubeconfig: text(values, 'kubeconfig'),
    context: text(values, 'context'),
    env: io.env,
    cwd: io.cwd,
  });
}

function contextCluster(context: KubeContext): ClusterChoice {
  const name = clusterNameOf(context);
  const chosenBy = `kubeconfig context "${context.name}" (${context.chosenBy})`;
  if (!CLUSTER_NAME_PATTERN.test(name)) {
    throw new UsageError(
      `${chosenBy} names cluster "${name}", which is not a podtrail cluster name (a lower-case DNS label): pass --cluster NAME`,
    );
  }
  return { name, chosenBy };
}
