import type { SimClock } from './clock.js';
import type { PodEventMaker, PodEventSpec } from './pod-events.js';
import type { PodStore } from './pod-store.js';
import type { SimPod } from './pod-types.js';
import { kubeTime } from './time.js';

/**
 * Scripted pod lifecycles: a script is one pod's life as timed steps (create, status updates,
 * delete), offsets in simulated ms from the script's start, and beside them what the cluster's
 * components say about the pod meanwhile (its events). `playScripts` schedules both on a SimClock
 * against a PodStore, one timer at a time, so 1,000 scripts cost one pending timer.
 *
 * Events are a timeline of their own so that `steps` stay exactly the pod's writes (readers index
 * them); an event at the same instant as a status step is recorded right after it, about the pod
 * as that step left it, and an event due while the pod does not exist is not recorded.
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
  /** What the scheduler, the kubelet and the controllers record about the pod, in time order. */
  readonly events?: readonly EventStep[];
}

export interface EventStep {
  readonly atMs: number;
  readonly makers: readonly PodEventMaker[];
}

/** Where played events go: the cluster's recorders (see cluster-events.ts). */
export interface PodEventSink {
  record(pod: SimPod, spec: PodEventSpec): void;
}

export const emit = (atMs: number, ...makers: PodEventMaker[]): EventStep => ({ atMs, makers });

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
  return retimed(script, (atMs) => atMs + offsetMs);
}

/** The same life, `factor` times as fast (0.1: ten times faster), for tests that cannot wait minutes. */
export function compressed(script: PodScript, factor: number): PodScript {
  return retimed(script, (atMs) => Math.round(atMs * factor));
}

function retimed(script: PodScript, time: (atMs: number) => number): PodScript {
  return {
    ...script,
    steps: script.steps.map((s) => ({ ...s, atMs: time(s.atMs) })),
    ...(script.events === undefined
      ? {}
      : { events: script.events.map((e) => ({ ...e, atMs: time(e.atMs) })) }),
  };
}

export { kubeTime } from './time.js';

export function scriptDurationMs(scripts: readonly PodScript[]): number {
  return Math.max(0, ...scripts.flatMap((s) => [...s.steps, ...(s.events ?? [])].map((step) => step.atMs)));
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
  options: { readonly startAtMs?: number; readonly events?: PodEventSink } = {},
): Playback {
  const start = options.startAtMs ?? clock.now();
  const sink = options.events;
  type Due = { at: number; rank: number; order: number; script: PodScript; step: PodStep | EventStep };
  const queue = scripts
    .flatMap((script): Due[] => [
      ...script.steps.map((step, order) => ({ at: start + step.atMs, rank: 0, order, script, step })),
      ...(sink === undefined ? [] : (script.events ?? [])).map((step, order) => ({
        at: start + step.atMs,
        rank: 1,
        order,
        script,
        step,
      })),
    ])
    .sort((a, b) => a.at - b.at || a.rank - b.rank || a.order - b.order);
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
      if ('op' in item.step) apply(store, item.script, item.step, item.at);
      else if (sink !== undefined) say(store, sink, item.script, item.step);
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

function say(store: PodStore, sink: PodEventSink, script: PodScript, step: EventStep): void {
  const pod = store.get(script.uid);
  if (pod === undefined) return;
  for (const maker of step.makers) sink.record(pod, maker(pod));
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
