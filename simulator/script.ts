import type { SimClock } from './clock.js';
import type { PodStore } from './pod-store.js';
import type { SimPod } from './pod-types.js';
import { kubeTime } from './time.js';

/**
 * Scripted pod lifecycles: a script is one pod's life as timed steps (create, status updates,
 * delete), offsets in simulated ms from the script's start. `playScripts` schedules them on a
 * SimClock against a PodStore, one timer at a time, so 1,000 scripts cost one pending timer.
 */

export type PodStep =
  | { readonly atMs: number; readonly op: 'create'; readonly build: (at: string) => SimPod }
  | { readonly atMs: number; readonly op: 'update'; readonly change: (pod: SimPod, at: string) => void }
  | { readonly atMs: number; readonly op: 'delete' };

export interface PodScript {
  /** Scenario name, e.g. "bad-image", "crash-loop". */
  readonly scenario: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  /** In time order; the first step creates the pod. */
  readonly steps: readonly PodStep[];
}

export const create = (atMs: number, build: (at: string) => SimPod): PodStep => ({
  atMs,
  op: 'create',
  build,
});
export const update = (atMs: number, change: (pod: SimPod, at: string) => void): PodStep => ({
  atMs,
  op: 'update',
  change,
});
export const remove = (atMs: number): PodStep => ({ atMs, op: 'delete' });

/** The same life, starting `offsetMs` later. */
export function delayed(script: PodScript, offsetMs: number): PodScript {
  return { ...script, steps: script.steps.map((s) => ({ ...s, atMs: s.atMs + offsetMs })) };
}

/** The same life, `factor` times as fast (0.1: ten times faster), for tests that cannot wait minutes. */
export function compressed(script: PodScript, factor: number): PodScript {
  return { ...script, steps: script.steps.map((s) => ({ ...s, atMs: Math.round(s.atMs * factor) })) };
}

export { kubeTime } from './time.js';

export function scriptDurationMs(scripts: readonly PodScript[]): number {
  return Math.max(0, ...scripts.flatMap((s) => s.steps.map((step) => step.atMs)));
}

export interface Playback {
  /** Resolves when every step has been applied (or the playback was cancelled). */
  readonly done: Promise<void>;
  cancel(): void;
  applied(): number;
  readonly total: number;
}

export function playScripts(
  store: PodStore,
  clock: SimClock,
  scripts: readonly PodScript[],
  options: { readonly startAtMs?: number } = {},
): Playback {
  const start = options.startAtMs ?? clock.now();
  const queue = scripts
    .flatMap((script) => script.steps.map((step, order) => ({ at: start + step.atMs, order, script, step })))
    .sort((a, b) => a.at - b.at || a.order - b.order);
  let next = 0;
  let cancelTimer: (() => void) | undefined;
  let resolveDone = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });

  const runDue = () => {
    cancelTimer = undefined;
    const now = clock.now();
    while (next < queue.length) {
      const item = queue[next];
      if (item === undefined || item.at > now) break;
      next++;
      apply(store, item.script, item.step, item.at);
    }
    schedule();
  };
  const schedule = () => {
    const item = queue[next];
    if (item === undefined) {
      resolveDone();
      return;
    }
    cancelTimer = clock.setTimeout(runDue, Math.max(0, item.at - clock.now()));
  };
  schedule();
  return {
    done,
    cancel() {
      cancelTimer?.();
      next = queue.length;
      resolveDone();
    },
    applied: () => next,
    total: queue.length,
  };
}

/** The API server stamps the writer's managedFields entry with the write time (kubelet: status). */
function stampManagedFields(pod: SimPod, at: string): void {
  const entries = pod.metadata.managedFields as { manager?: string; time?: string }[] | undefined;
  const writer = entries?.find((e) => e.manager === 'kubelet') ?? entries?.at(-1);
  if (writer !== undefined) writer.time = at;
}

function apply(store: PodStore, script: PodScript, step: PodStep, atMs: number): void {
  const at = kubeTime(atMs);
  if (step.op === 'create') store.create(step.build(at));
  else if (step.op === 'update') {
    store.update(script.uid, (pod) => {
      step.change(pod, at);
      stampManagedFields(pod, at);
    });
  } else store.delete(script.uid);
}
