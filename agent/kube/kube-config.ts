import { existsSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { ConfigError } from '../errors.js';

/**
 * Loads credentials the way kubectl and client-go do, through @kubernetes/client-node: the
 * in-cluster service account when running in a pod (the token file is re-read as it rotates),
 * else an explicit --kubeconfig, else $KUBECONFIG / ~/.kube/config; --context picks a context.
 */
export interface KubeConfigSource {
  readonly inCluster: boolean;
  readonly kubeconfigPath: string | undefined;
  readonly context: string | undefined;
  /**
   * Where kubectl would look without --kubeconfig ($KUBECONFIG's files, else ~/.kube/config). When
   * given and none exists outside a pod, say so; client-node would quietly fall back to
   * http://localhost:8080 and the agent would fail on that instead.
   */
  readonly defaultKubeconfigs?: readonly string[];
}

export function loadKubeConfig(source: KubeConfigSource): KubeConfig {
  const kc = new KubeConfig();
  try {
    if (source.kubeconfigPath !== undefined) {
      if (!existsSync(source.kubeconfigPath)) {
        throw new ConfigError([`--kubeconfig ${source.kubeconfigPath}: no such file`]);
      }
      kc.loadFromFile(source.kubeconfigPath);
    } else if (source.inCluster) {
      kc.loadFromCluster();
    } else {
      const searched = source.defaultKubeconfigs;
      if (searched !== undefined && !searched.some((file) => existsSync(file))) {
        throw new ConfigError([
          `no kubeconfig: not running in a pod (KUBERNETES_SERVICE_HOST is unset) and ${searched.length === 0 ? 'no $KUBECONFIG or $HOME is set' : `no file at ${searched.join(', ')}`}; pass --kubeconfig PATH (or set KUBECONFIG), or run the agent in the cluster (docs/deploy.md)`,
        ]);
      }
      kc.loadFromDefault();
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([`cannot load the kubeconfig: ${(error as Error).message}`]);
  }
  if (source.context !== undefined) {
    if (kc.getContextObject(source.context) === null) {
      const known = kc.getContexts().map((c) => c.name);
      throw new ConfigError([
        `--context ${source.context}: no such context in the kubeconfig (known: ${known.join(', ') || 'none'})`,
      ]);
    }
    kc.setCurrentContext(source.context);
  }
  const cluster = kc.getCurrentCluster();
  if (cluster === null) {
    throw new ConfigError([
      'the kubeconfig has no current cluster: pass --context, or set current-context in the kubeconfig',
    ]);
  }
  if (cluster.server.startsWith('http:') && cluster.skipTLSVerify !== true) {
    throw new ConfigError([
      `cluster ${cluster.name} uses plain HTTP (${cluster.server}); set insecure-skip-tls-verify: true to allow it`,
    ]);
  }
  return kc;
}
