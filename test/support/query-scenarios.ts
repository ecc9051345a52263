import {
  admit,
  containerReady,
  containerRunning,
  sandboxReady,
  scheduleTo,
} from '../../simulator/kubelet.js';
import { seededRandom } from '../../simulator/random.js';
import { deploymentPod } from '../../simulator/scenarios/index.js';
import { create, type PodScript, update } from '../../simulator/script.js';

/**
 * A Deployment pod whose startup milestones fall at chosen whole seconds after creation, for
 * percentile checks against hand-computed values: scheduled (PodScheduled=True), admitted (the
 * kubelet takes it: Initialized=True, as the pod has no init containers), started (its one
 * container running) and ready (Ready=True).
 */
export function timedStartupPod(
  app: string,
  seed: number,
  at: { scheduled: number; admitted: number; started: number; ready: number },
): PodScript {
  const pod = deploymentPod(app, {
    random: seededRandom(seed),
    containers: [{ name: app, image: `registry.example.com/${app}:1.0.0` }],
  });
  const s = (seconds: number) => seconds * 1000;
  return {
    scenario: 'timed-startup',
    namespace: pod.namespace,
    name: pod.name,
    uid: pod.uid,
    steps: [
      create(0, pod.build),
      update(s(at.scheduled), (p, t) => scheduleTo(p, pod.node, t)),
      update(s(at.admitted), (p, t) => {
        admit(p, pod.node, t);
        sandboxReady(p, pod.ip, t);
      }),
      update(s(at.started), (p, t) => containerRunning(p, app, t, { ready: false, random: pod.random })),
      update(s(at.ready), (p, t) => containerReady(p, app, true, t)),
    ],
  };
}
