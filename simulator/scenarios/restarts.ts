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
import { controllersSay, kubeletSays, schedulerSays } from '../pod-events.js';
import { create, type EventStep, emit, type PodScript, type PodStep, update } from '../script.js';
import { freshStart, restartEvents } from './start-events.js';
import { deploymentPod, type PodPlan, type ScenarioOptions } from './workloads.js';

/**
 * Containers that keep dying: a crash loop with growing back-off, and an OOM kill. The kubelet
 * records no event when a container exits (OOM kills included: those show only in lastState, and
 * as node-problem-detector's OOMKilling on the Node); it records BackOff at each pod sync that
 * finds the container in back-off (every 10–15 s), and Pulled ("already present"), Created and
 * Started at each restart.
 */

/** The kubelet's pod sync period while a container is in back-off: 10 s plus jitter. */
const BACKOFF_SYNC_MS = 12_000;

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
  const events: EventStep[] = [
    emit(300, schedulerSays.scheduled()),
    ...freshStart(container, {
      pullingAtMs: 1_000,
      startedAtMs: 3_000,
      pullMs: 1_846,
      sizeBytes: 48_213_112,
    }),
  ];
  let t = 8_000;
  const crashes = options.crashes ?? 4;
  for (let i = 0; i < crashes; i++) {
    const backoff = Math.min(300, 10 * 2 ** i);
    events.push(
      ...backOffEvents(container, t + 1_000, backoff * 1_000),
      ...restartEvents(container, t + 1_000 + backoff * 1_000),
    );
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
  return { scenario: 'crash-loop', namespace: pod.namespace, name: pod.name, uid: pod.uid, steps, events };
}

/** BackOff at the sync that found the container dead, then at each sync until the back-off is over. */
function backOffEvents(container: string, fromMs: number, backoffMs: number): EventStep[] {
  const syncs: EventStep[] = [];
  for (let at = fromMs; at < fromMs + backoffMs; at += BACKOFF_SYNC_MS) {
    syncs.push(emit(at, kubeletSays.crashBackOff(container)));
  }
  return syncs;
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
  const pid = Number.parseInt(pod.uid.slice(0, 5), 16);
  const events = [
    emit(300, schedulerSays.scheduled()),
    ...freshStart(container, {
      pullingAtMs: 1_000,
      startedAtMs: 3_000,
      pullMs: 1_412,
      sizeBytes: 87_112_448,
    }),
    emit(20_000, controllersSay.oomKilling(oomKill(pid, 'resizer'))),
    ...restartEvents(container, 21_000),
    emit(60_000, controllersSay.oomKilling(oomKill(pid + 77, 'resizer'))),
    ...backOffEvents(container, 61_000, 10_000),
    ...restartEvents(container, 71_000),
  ];
  return { scenario: 'oom-kill', namespace: pod.namespace, name: pod.name, uid: pod.uid, steps, events };
}

/** The kernel's line for a memory-cgroup OOM kill, as node-problem-detector's kernel monitor reports it. */
function oomKill(pid: number, process: string): string {
  return `Memory cgroup out of memory: Killed process ${pid} (${process}) total-vm:1219892kB, anon-rss:130428kB, file-rss:11264kB, shmem-rss:0kB, UID:1000 pgtables:596kB oom_score_adj:999`;
}
