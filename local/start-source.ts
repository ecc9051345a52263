import type { KubeConfig } from '@kubernetes/client-node';
import { ConfigError } from '../agent/errors.js';
import { loadKubeConfig } from '../agent/kube/kube-config.js';
import { createPodApi } from '../agent/kube/pod-api.js';
import { CLUSTER_NAME_PATTERN } from '../functions/domain/names.js';

/**
 * Which cluster `npm start` records: the current kubeconfig context when it answers a pod list
 * within a few seconds, else the built-in demo cluster — and, when it falls back, why. A kubeconfig
 * or context named on the command line is never replaced by the demo: when it cannot be used,
 * ClusterSourceError says why.
 */
export type ClusterSource =
  | {
      readonly kind: 'kubeconfig';
      readonly kubeConfig: KubeConfig;
      readonly context: string;
      readonly server: string;
    }
  | { readonly kind: 'demo'; readonly fallbackReason?: string };

export interface SourceRequest {
  readonly demo: boolean;
  readonly kubeconfigPath: string | undefined;
  readonly context: string | undefined;
  /** Whether a kubeconfig exists at all (KUBECONFIG or ~/.kube/config); none → demo, silently. */
  readonly kubeconfigPresent: boolean;
  readonly probeTimeoutMs: number;
}

/** The kubeconfig or context the user named cannot be used; `usage`: the command line is wrong. */
export class ClusterSourceError extends Error {
  override readonly name = 'ClusterSourceError';
  constructor(
    message: string,
    readonly usage: boolean,
  ) {
    super(message);
  }
}

export async function chooseClusterSource(request: SourceRequest): Promise<ClusterSource> {
  if (request.demo) return { kind: 'demo' };
  const named = request.kubeconfigPath !== undefined || request.context !== undefined;
  if (!request.kubeconfigPresent && request.kubeconfigPath === undefined) {
    if (!named) return { kind: 'demo' };
    throw new ClusterSourceError(
      `--context ${request.context}: there is no kubeconfig ($KUBECONFIG names no file and ~/.kube/config does not exist); pass --kubeconfig PATH, or --demo for the built-in demo cluster`,
      true,
    );
  }
  let kubeConfig: KubeConfig;
  try {
    kubeConfig = loadKubeConfig({
      inCluster: false,
      kubeconfigPath: request.kubeconfigPath,
      context: request.context,
    });
  } catch (error) {
    const why = error instanceof ConfigError ? error.issues.join('; ') : (error as Error).message;
    if (named)
      throw new ClusterSourceError(`${why} (or pass --demo to record the built-in demo cluster)`, true);
    return { kind: 'demo', fallbackReason: `the kubeconfig could not be used (${why})` };
  }
  const context = kubeConfig.getCurrentContext();
  const server = kubeConfig.getCurrentCluster()?.server ?? '';
  try {
    const api = createPodApi(kubeConfig, { listTimeoutMs: request.probeTimeoutMs });
    await api.listPods({ limit: 1 }, AbortSignal.timeout(request.probeTimeoutMs));
  } catch (error) {
    const why = `kubeconfig context "${context}" (${server}) did not answer a pod list: ${describe(error)}`;
    if (named)
      throw new ClusterSourceError(
        `${why} (check the cluster and its credentials, or pass --demo to record the built-in demo cluster)`,
        false,
      );
    return { kind: 'demo', fallbackReason: why };
  }
  return { kind: 'kubeconfig', kubeConfig, context, server };
}

/** A context name as a podtrail cluster name (a DNS label), e.g. "kind-dev" or "arn…/prod" → "prod". */
export function clusterNameFor(context: string): string {
  const last = context.split('/').pop() ?? context;
  const label = last
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return CLUSTER_NAME_PATTERN.test(label) ? label : 'local';
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'no answer in time';
    return code === undefined ? error.message : `${error.message} (${code})`;
  }
  return String(error);
}
