import type { KubeConfig } from '@kubernetes/client-node';
import { createPodApi } from '../agent/kube/pod-api.js';
import { derivePodStatus } from '../functions/domain/pod-status.js';
import type { ClusterCensus, ExamplePod } from './start-session.js';

/**
 * What a real cluster already shows when `npm start` begins recording: the pods' RESTARTS (kubectl's
 * count, from each container's restartCount) are history the agent never saw happen, so the report
 * states them apart; and the pod with the most restarts is the example the follow-up commands use.
 */
export interface CensusResult {
  readonly census: ClusterCensus;
  readonly examplePod: ExamplePod | undefined;
}

/** Pages of 500, as the agent lists (a single unpaged list of a big cluster costs the API server). */
const PAGE = 500;

export async function takeCensus(kubeConfig: KubeConfig, timeoutMs: number): Promise<CensusResult> {
  const api = createPodApi(kubeConfig, { listTimeoutMs: timeoutMs });
  const signal = AbortSignal.timeout(timeoutMs);
  let pods = 0;
  let restarts = 0;
  let podsWithRestarts = 0;
  let example: { pod: ExamplePod; restarts: number } | undefined;
  let continueToken: string | undefined;
  do {
    const page = await api.listPods({ limit: PAGE, continueToken }, signal);
    for (const item of page.items) {
      const facts = derivePodStatus(item);
      pods++;
      restarts += facts.restarts;
      if (facts.restarts > 0) podsWithRestarts++;
      if (example === undefined || facts.restarts > example.restarts) {
        example = { pod: { namespace: facts.namespace, name: facts.name }, restarts: facts.restarts };
      }
    }
    continueToken = page.continueToken;
  } while (continueToken !== undefined && continueToken !== '');
  return { census: { pods, restarts, podsWithRestarts }, examplePod: example?.pod };
}
