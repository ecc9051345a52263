import {
  admit,
  beginDeletion,
  containerReady,
  containerRunning,
  containerTerminated,
  sandboxReady,
  scheduleTo,
} from '../kubelet.js';
import { kubeletSays, schedulerSays } from '../pod-events.js';
import { create, type EventStep, emit, type PodScript, type PodStep, remove, update } from '../script.js';
import { freshStart, restartEvents } from './start-events.js';
import { deploymentPod, type ScenarioOptions } from './workloads.js';

/** Pods that start: plain, with init containers, with a sidecar. */

/**
 * Init containers run one after the other: Init:0/2 → Init:1/2 → PodInitializing → Running.
 */
export function initContainersPod(options: ScenarioOptions = {}): PodScript {
  const pod = deploymentPod('orders', {
    ...options,
    initContainers: [
      {
        name: 'wait-for-db',
        image: 'busybox:1.36',
        command: ['sh', '-c', 'until nc -z db 5432; do sleep 1; done'],
      },
      { name: 'migrate', image: 'registry.example.com/shop/orders-migrate:2.4.0' },
    ],
    containers: [{ name: 'orders', image: 'registry.example.com/shop/orders:2.4.0' }],
  });
  const run = { random: pod.random };
  const steps = [
    create(0, pod.build),
    update(300, (p, at) => scheduleTo(p, pod.node, at)),
    update(1_000, (p, at) => {
      admit(p, pod.node, at);
      sandboxReady(p, pod.ip, at);
    }),
    update(2_000, (p, at) => containerRunning(p, 'wait-for-db', at, { ready: false, ...run })),
    update(6_000, (p, at) => {
      containerTerminated(p, 'wait-for-db', at, { exitCode: 0, reason: 'Completed' });
      containerRunning(p, 'migrate', at, { ready: false, ...run });
    }),
    update(12_000, (p, at) => containerTerminated(p, 'migrate', at, { exitCode: 0, reason: 'Completed' })),
    update(14_000, (p, at) => containerRunning(p, 'orders', at, { ready: false, ...run })),
    update(18_000, (p, at) => containerReady(p, 'orders', true, at)),
  ];
  // Init containers' events carry spec.initContainers{name}; the next image is pulled only once the
  // previous init container has completed.
  const events = [
    emit(300, schedulerSays.scheduled()),
    ...restartEvents('wait-for-db', 2_000),
    ...restartEvents('migrate', 6_000),
    ...freshStart('orders', {
      pullingAtMs: 12_000,
      startedAtMs: 14_000,
      pullMs: 1_871,
      sizeBytes: 61_034_291,
    }),
  ];
  return {
    scenario: 'init-containers',
    namespace: pod.namespace,
    name: pod.name,
    uid: pod.uid,
    steps,
    events,
  };
}

/** A restartable init container (sidecar, restartPolicy: Always) starts first and counts in READY: 2/2. */
export function sidecarPod(options: ScenarioOptions = {}): PodScript {
  const pod = deploymentPod('storefront', {
    ...options,
    initContainers: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.1.9', restartPolicy: 'Always' }],
    containers: [{ name: 'web', image: 'registry.example.com/shop/storefront:5.0.1' }],
  });
  const run = { random: pod.random };
  const steps = [
    create(0, pod.build),
    update(300, (p, at) => scheduleTo(p, pod.node, at)),
    update(1_000, (p, at) => {
      admit(p, pod.node, at);
      sandboxReady(p, pod.ip, at);
    }),
    update(2_000, (p, at) => containerRunning(p, 'log-shipper', at, { ready: true, ...run })),
    update(4_000, (p, at) => containerRunning(p, 'web', at, { ready: false, ...run })),
    update(7_000, (p, at) => containerReady(p, 'web', true, at)),
  ];
  // The sidecar starts first; the app's image is pulled once the sidecar has started.
  const events = [
    emit(300, schedulerSays.scheduled()),
    ...freshStart('log-shipper', {
      pullingAtMs: 1_000,
      startedAtMs: 2_000,
      pullMs: 934,
      sizeBytes: 35_872_014,
    }),
    ...freshStart('web', { pullingAtMs: 2_000, startedAtMs: 4_000, pullMs: 1_812, sizeBytes: 120_455_903 }),
  ];
  return { scenario: 'sidecar', namespace: pod.namespace, name: pod.name, uid: pod.uid, steps, events };
}

export interface SteadyPodOptions extends ScenarioOptions {
  readonly app?: string;
  /** Readiness flaps (Ready → not ready → Ready) at these offsets, after readiness probe failures. */
  readonly flapAtMs?: readonly number[];
  /** Graceful deletion: Terminating at this offset, gone two seconds later. */
  readonly deleteAtMs?: number;
}

/** A healthy Deployment pod: Pending → ContainerCreating → Running, then maybe flaps or is deleted. */
export function steadyPod(options: SteadyPodOptions = {}): PodScript {
  const app = options.app ?? 'web';
  const pod = deploymentPod(app, {
    ...options,
    containers: [{ name: app, image: `registry.example.com/${app}:1.0.0` }],
  });
  const steps: PodStep[] = [
    create(0, pod.build),
    update(300, (p, at) => scheduleTo(p, pod.node, at)),
    update(1_000, (p, at) => {
      admit(p, pod.node, at);
      sandboxReady(p, pod.ip, at);
    }),
    update(2_500, (p, at) => containerRunning(p, app, at, { ready: false, random: pod.random })),
    update(5_000, (p, at) => containerReady(p, app, true, at)),
  ];
  const events = [
    emit(300, schedulerSays.scheduled()),
    ...freshStart(app, { pullingAtMs: 1_000, startedAtMs: 2_500, pullMs: 1_213, sizeBytes: 52_409_718 }),
  ];
  let readySinceMs = 5_000;
  for (const flap of options.flapAtMs ?? []) {
    steps.push(
      update(flap, (p, at) => containerReady(p, app, false, at)),
      update(flap + 1_500, (p, at) => containerReady(p, app, true, at)),
    );
    events.push(...readinessFailures(app, readySinceMs, flap));
    readySinceMs = flap + 1_500;
  }
  if (options.deleteAtMs !== undefined) {
    steps.push(...gracefulDeletion(app, options.deleteAtMs));
    events.push(...gracefulDeletionEvents(app, options.deleteAtMs));
  }
  steps.sort((a, b) => a.atMs - b.atMs);
  events.sort((a, b) => a.atMs - b.atMs);
  return { scenario: 'steady', namespace: pod.namespace, name: pod.name, uid: pod.uid, steps, events };
}

/**
 * The readiness probe (periodSeconds 10, failureThreshold 3) fails three times in a row, the last
 * at the moment the pod turns unready; every failure is an Unhealthy event. When the pod has not
 * been ready for 30 s, the failures are squeezed into the time it was.
 */
function readinessFailures(container: string, readySinceMs: number, unreadyAtMs: number): EventStep[] {
  const period = Math.min(10_000, Math.floor((unreadyAtMs - readySinceMs) / 3));
  const unhealthy = kubeletSays.unhealthy(container, 'Readiness', 'HTTP probe failed with statuscode: 503');
  return [2, 1, 0].map((k) => emit(unreadyAtMs - k * period, unhealthy));
}

/** The kubelet's Killing as it stops the container of a pod being deleted. */
export function gracefulDeletionEvents(container: string, atMs: number): EventStep[] {
  return [emit(atMs, kubeletSays.killing(container))];
}

/** kubectl delete: Terminating (deletionTimestamp), containers stop with SIGTERM's 143… or 0, then DELETED. */
export function gracefulDeletion(container: string, atMs: number): PodStep[] {
  return [
    update(atMs, (p, at) => beginDeletion(p, at, 30)),
    update(atMs + 1_000, (p, at) =>
      containerTerminated(p, container, at, { exitCode: 0, reason: 'Completed' }),
    ),
    remove(atMs + 2_000),
  ];
}
