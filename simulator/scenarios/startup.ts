import {
  admit,
  beginDeletion,
  containerReady,
  containerRunning,
  containerTerminated,
  sandboxReady,
  scheduleTo,
} from '../kubelet.js';
import { create, type PodScript, type PodStep, remove, update } from '../script.js';
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
  return { scenario: 'init-containers', namespace: pod.namespace, name: pod.name, uid: pod.uid, steps };
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
  return { scenario: 'sidecar', namespace: pod.namespace, name: pod.name, uid: pod.uid, steps };
}

export interface SteadyPodOptions extends ScenarioOptions {
  readonly app?: string;
  /** Readiness flaps (Ready → not ready → Ready) at these offsets. */
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
  for (const flap of options.flapAtMs ?? []) {
    steps.push(
      update(flap, (p, at) => containerReady(p, app, false, at)),
      update(flap + 1_500, (p, at) => containerReady(p, app, true, at)),
    );
  }
  if (options.deleteAtMs !== undefined) steps.push(...gracefulDeletion(app, options.deleteAtMs));
  steps.sort((a, b) => a.atMs - b.atMs);
  return { scenario: 'steady', namespace: pod.namespace, name: pod.name, uid: pod.uid, steps };
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
