import {
  admit,
  containerReady,
  containerRunning,
  evict,
  nodeLost,
  nodeNotReady,
  sandboxReady,
  scheduleTo,
  succeed,
} from '../kubelet.js';
import { controllersSay, kubeletSays, schedulerSays } from '../pod-events.js';
import { create, type EventStep, emit, type PodScript, type PodStep, remove, update } from '../script.js';
import { freshStart } from './start-events.js';
import { gracefulDeletion, gracefulDeletionEvents } from './startup.js';
import { cronJobPod, deploymentPod, type PodPlan, type ScenarioOptions } from './workloads.js';

/** How pods end: a completed Job, an eviction, a lost node, a deletion. */

/** Scheduled, then a fresh pull and start that end when runningSteps shows the container running. */
function runningEvents(container: string, pullMs: number, sizeBytes: number): EventStep[] {
  return [
    emit(300, schedulerSays.scheduled()),
    ...freshStart(container, { pullingAtMs: 1_000, startedAtMs: 3_000, pullMs, sizeBytes }),
  ];
}

function runningSteps(pod: PodPlan, container: string): PodStep[] {
  return [
    create(0, pod.build),
    update(300, (p, at) => scheduleTo(p, pod.node, at)),
    update(1_000, (p, at) => {
      admit(p, pod.node, at);
      sandboxReady(p, pod.ip, at);
    }),
    update(3_000, (p, at) => containerRunning(p, container, at, { ready: false, random: pod.random })),
    update(5_000, (p, at) => containerReady(p, container, true, at)),
  ];
}

/** A CronJob's Job pod that runs to completion: Running → Completed (phase Succeeded, exit 0). */
export function completedJobPod(
  options: ScenarioOptions & { readonly scheduledAtMs?: number; readonly deleteAtMs?: number } = {},
): PodScript {
  const container = 'report';
  const pod = cronJobPod('nightly-report', options.scheduledAtMs ?? Date.UTC(2026, 10, 23, 2, 0), {
    ...options,
    containers: [{ name: container, image: 'registry.example.com/analytics/report:7.1.0' }],
  });
  const steps = [...runningSteps(pod, container).slice(0, 4), update(15_000, (p, at) => succeed(p, at))];
  if (options.deleteAtMs !== undefined) steps.push(remove(options.deleteAtMs));
  const events = runningEvents(container, 1_731, 24_118_302);
  return { scenario: 'completed-job', namespace: pod.namespace, name: pod.name, uid: pod.uid, steps, events };
}

/** Evicted under memory pressure: phase Failed, status.reason Evicted, the kubelet's message. */
export function evictedPod(options: ScenarioOptions = {}): PodScript {
  const container = 'cache';
  const pod = deploymentPod('session-cache', {
    ...options,
    containers: [{ name: container, image: 'redis:7.4.1', memoryLimit: '2Gi' }],
  });
  const message =
    'The node was low on resource: memory. Threshold quantity: 100Mi, available: 63284Ki. Container cache was using 1843212Ki, request is 128Mi, has larger consumption of memory.';
  const steps = [...runningSteps(pod, container), update(30_000, (p, at) => evict(p, message, at))];
  // The eviction manager records Evicted, then kills the pod's containers (Killing).
  const events = [
    ...runningEvents(container, 1_204, 45_102_980),
    emit(30_000, kubeletSays.evicted(message), kubeletSays.killing(container)),
  ];
  return { scenario: 'evicted', namespace: pod.namespace, name: pod.name, uid: pod.uid, steps, events };
}

/**
 * The node stops answering: the pod turns not ready, then the taint manager deletes it and, the
 * kubelet being gone, it stays deleting with reason NodeLost (printPod: Unknown) until pod GC removes it.
 */
export function nodeLostPod(options: ScenarioOptions & { readonly goneAtMs?: number } = {}): PodScript {
  const container = 'ingest';
  const pod = deploymentPod('event-ingest', {
    ...options,
    containers: [{ name: container, image: 'registry.example.com/data/ingest:0.9.4' }],
  });
  const steps = [
    ...runningSteps(pod, container),
    update(20_000, (p, at) => nodeNotReady(p, at)),
    update(25_000, (p, at) => nodeLost(p, at)),
    remove(options.goneAtMs ?? 90_000),
  ];
  // The node controller marks the pod not ready, the taint-eviction controller deletes it (its
  // event names the pod without a uid); the kubelet, gone, records nothing more.
  const events = [
    ...runningEvents(container, 1_388, 33_650_117),
    emit(20_000, controllersSay.nodeNotReady()),
    emit(25_000, controllersSay.taintManagerEviction()),
  ];
  return { scenario: 'node-lost', namespace: pod.namespace, name: pod.name, uid: pod.uid, steps, events };
}

/** A running pod deleted by its owner: Terminating, then DELETED. */
export function deletedPod(options: ScenarioOptions & { readonly deleteAtMs?: number } = {}): PodScript {
  const container = 'checkout';
  const pod = deploymentPod('checkout', {
    ...options,
    containers: [{ name: container, image: 'registry.example.com/shop/checkout:4.2.0' }],
  });
  const deleteAtMs = options.deleteAtMs ?? 20_000;
  const steps = [...runningSteps(pod, container), ...gracefulDeletion(container, deleteAtMs)];
  const events = [
    ...runningEvents(container, 1_562, 58_221_034),
    ...gracefulDeletionEvents(container, deleteAtMs),
  ];
  return { scenario: 'deletion', namespace: pod.namespace, name: pod.name, uid: pod.uid, steps, events };
}
