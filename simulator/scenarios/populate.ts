import type { SimPod } from '../pod-types.js';
import { pick, seededRandom } from '../random.js';
import { steadyPod } from './startup.js';

/**
 * `count` healthy running pods (Deployment pods, spread over namespaces and apps), fully built:
 * a cluster that "already existed" for `PodStore.seed` — benchmarks and large list tests.
 */
export function runningPods(
  count: number,
  options: { readonly seed?: number; readonly namespace?: string; readonly at?: string } = {},
): SimPod[] {
  const random = seededRandom(options.seed ?? 7);
  const at = options.at ?? '2026-11-23T10:00:00Z';
  const namespaces = ['prod', 'staging', 'batch', 'platform'];
  const apps = ['web', 'api', 'search', 'cart', 'auth', 'recommendations'];
  return Array.from({ length: count }, () => {
    const script = steadyPod({
      random,
      namespace: options.namespace ?? pick(random, namespaces),
      app: pick(random, apps),
    });
    const [create, ...updates] = script.steps;
    if (create?.op !== 'create') throw new Error('steady pod script starts with create');
    const pod = create.build(at);
    for (const step of updates) if (step.op === 'update') step.change(pod, at);
    return pod;
  });
}
