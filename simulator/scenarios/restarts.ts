import {
  admit,
  containerReady,
  containerRunning,
  containerTerminated,
  crashLoopBackOff,
  restartContainer,
  sandboxReady,
  scheduleTo,
} from '../kubelet.js';
import { create, type PodScript, type PodStep, update } from '../script.js';
import { deploymentPod, type PodPlan, type ScenarioOptions } from './workloads.js';

/** Containers that keep dying: a crash loop with growing back-off, and an OOM kill. */

function startSteps(pod: PodPlan, container: string, readyAtMs: number): PodStep[] {
  return [
    create(0, pod.build),
    update(300, (p, at) => scheduleTo(p, pod.node, at)),
    update(1_000, (p, at) => {
      admit(p, pod.node, at);
      sandboxReady(p, pod.ip, at);
    }),
    update(3_000, (p, at) => containerRunning(p, container, at, { ready: false, random: pod.random })),
    update(readyAtMs, (p, at) => containerReady(p, container, true, at)),
  ];
}

/**
 * CrashLoopBackOff: the container exits 1 a few seconds after each start; the kubelet's back-off
 * doubles from 10 s (10, 20, 40, 80 … capped at 300 s), and restartCount grows with each back-off.
 */
export function crashLoopPod(options: ScenarioOptions & { readonly crashes?: number } = {}): PodScript {
  const container = 'api';
  const pod = deploymentPod('payments-api', {
    ...options,
    containers: [{ name: container, image: 'registry.example.com/payments/api:1.8.2' }],
  });
  const steps = startSteps(pod, container, 4_000);
  let t = 8_000;
  const crashes = options.crashes ?? 4;
  for (let i = 0; i < crashes; i++) {
    const backoff = Math.min(300, 10 * 2 ** i);
    steps.push(
      update(t, (p, at) =>
        containerTerminated(p, container, at, {
          exitCode: 1,
          reason: 'Error',
          message: 'panic: dial tcp 10.0.9.12:5432: connect: connection refused',
        }),
      ),
      update(t + 1_000, (p, at) => crashLoopBackOff(p, container, backoff, at)),
      update(t + 1_000 + backoff * 1_000, (p, at) =>
        containerRunning(p, container, at, { ready: false, random: pod.random }),
      ),
    );
    t += 1_000 + backoff * 1_000 + 5_000;
  }
  return { scenario: 'crash-loop', namespace: pod.namespace, name: pod.name, uid: pod.uid, steps };
}

/** OOMKilled (exit 137): restarted at once the first time, into CrashLoopBackOff the second. */
export function oomKilledPod(options: ScenarioOptions = {}): PodScript {
  const container = 'worker';
  const pod = deploymentPod('image-resizer', {
    ...options,
    containers: [
      { name: container, image: 'registry.example.com/media/resizer:3.2.0', memoryLimit: '128Mi' },
    ],
  });
  const oom = { exitCode: 137, reason: 'OOMKilled' } as const;
  const steps = [
    ...startSteps(pod, container, 5_000),
    update(20_000, (p, at) => containerTerminated(p, container, at, oom)),
    update(21_000, (p, at) => restartContainer(p, container, at, { ready: false, random: pod.random })),
    update(24_000, (p, at) => containerReady(p, container, true, at)),
    update(60_000, (p, at) => containerTerminated(p, container, at, oom)),
    update(61_000, (p, at) => crashLoopBackOff(p, container, 10, at)),
    update(71_000, (p, at) => containerRunning(p, container, at, { ready: false, random: pod.random })),
    update(74_000, (p, at) => containerReady(p, container, true, at)),
  ];
  return { scenario: 'oom-kill', namespace: pod.namespace, name: pod.name, uid: pod.uid, steps };
}
