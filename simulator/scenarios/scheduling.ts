import {
  admit,
  containerReady,
  containerRunning,
  sandboxReady,
  scheduleTo,
  unschedulable,
} from '../kubelet.js';
import { controllersSay, schedulerSays } from '../pod-events.js';
import { create, emit, type PodScript, update } from '../script.js';
import { freshStart } from './start-events.js';
import { deploymentPod, type ScenarioOptions } from './workloads.js';

/**
 * A pod that waits to be scheduled: no node has the CPU it asks for until the cluster autoscaler
 * adds one. Kept out of the demo cluster and the churn mix (both are pinned by golden outputs).
 *
 * The scheduler records FailedScheduling before it sets PodScheduled=False (handleSchedulingFailure),
 * so the first event regards the pod's first resourceVersion and every later attempt the next one:
 * the events.k8s.io recorder keys repeats on the whole reference, so this makes two events, the
 * second a series (count 2 written at once, count 3 only when its recorder's 6-minute tick finds
 * the series finished).
 */
export const UNSCHEDULABLE_MESSAGE =
  '0/6 nodes are available: 6 Insufficient cpu. preemption: 0/6 nodes are available: 6 No preemption victims found for incoming pod.';

export function unschedulablePod(options: ScenarioOptions = {}): PodScript {
  const container = 'trainer';
  const node = options.node ?? { name: 'ip-10-0-4-77.eu-west-1.compute.internal', ip: '10.0.4.77' };
  const pod = deploymentPod('model-trainer', {
    ...options,
    node,
    containers: [{ name: container, image: 'registry.example.com/ml/trainer:2.3.0', memoryLimit: '8Gi' }],
  });
  const failed = schedulerSays.failedScheduling(UNSCHEDULABLE_MESSAGE);
  const steps = [
    create(0, pod.build),
    update(150, (p, at) => unschedulable(p, UNSCHEDULABLE_MESSAGE, at)),
    update(75_000, (p, at) => scheduleTo(p, pod.node, at)),
    update(76_000, (p, at) => {
      admit(p, pod.node, at);
      sandboxReady(p, pod.ip, at);
    }),
    update(80_000, (p, at) => containerRunning(p, container, at, { ready: false, random: pod.random })),
    update(84_000, (p, at) => containerReady(p, container, true, at)),
  ];
  const events = [
    emit(100, failed),
    emit(12_000, controllersSay.triggeredScaleUp('[{eks-general-20261101 5->6 (max: 10)}]')),
    emit(15_000, failed),
    emit(45_000, failed),
    emit(60_000, failed),
    emit(75_000, schedulerSays.scheduled()),
    ...freshStart(container, {
      pullingAtMs: 76_000,
      startedAtMs: 80_000,
      pullMs: 3_274,
      sizeBytes: 1_372_418_601,
    }),
  ];
  return { scenario: 'unschedulable', namespace: pod.namespace, name: pod.name, uid: pod.uid, steps, events };
}
