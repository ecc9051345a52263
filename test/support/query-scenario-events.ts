import type { EventBatch, PodEvent, SyncEvent } from '../../functions/domain/wire-format.js';
import type { SimPod } from '../../simulator/pod-types.js';
import { kubeTime, type PodScript } from '../../simulator/script.js';

/**
 * Turns simulator scripts (the same scripted lives the demo cluster plays) into wire-format v1
 * events as an agent watching from the start would send them: ADDED at creation, MODIFIED per
 * update, DELETED with the last state; resourceVersions from one cluster-wide counter, observedAt
 * the step's time plus a fixed watch latency. No clock and no HTTP: exact and instant.
 */
export interface ScenarioEvents {
  readonly events: PodEvent[];
  /** The pod objects by uid as last sent (for SYNC lists). */
  readonly live: Set<string>;
  /** The next free resourceVersion. */
  readonly nextResourceVersion: number;
}

export function scriptEvents(
  scripts: readonly PodScript[],
  options: {
    startMs: number;
    latencyMs?: number;
    firstResourceVersion?: number;
    omit?: (uid: string, step: number) => boolean;
  },
): ScenarioEvents {
  const latency = options.latencyMs ?? 0;
  const queue = scripts
    .flatMap((script) =>
      script.steps.map((step, order) => ({ at: options.startMs + step.atMs, order, script, step })),
    )
    .sort((a, b) => a.at - b.at || a.order - b.order);
  const pods = new Map<string, SimPod>();
  const live = new Set<string>();
  const events: PodEvent[] = [];
  let rv = options.firstResourceVersion ?? 1000;
  for (const { at, order, script, step } of queue) {
    const time = kubeTime(at);
    let type: PodEvent['type'];
    if (step.op === 'create') {
      pods.set(script.uid, step.build(time));
      live.add(script.uid);
      type = 'ADDED';
    } else if (step.op === 'update') {
      const pod = pods.get(script.uid);
      if (pod === undefined) continue;
      step.change(pod, time);
      type = 'MODIFIED';
    } else {
      if (!live.delete(script.uid)) continue;
      type = 'DELETED';
    }
    const pod = pods.get(script.uid);
    if (pod === undefined) continue;
    // Steps a script schedules after its deletion never reach a watcher: the object is gone.
    if (type === 'DELETED') pods.delete(script.uid);
    rv++;
    pod.metadata.resourceVersion = String(rv);
    if (options.omit?.(script.uid, order) === true) continue;
    events.push({ type, observedAt: new Date(at + latency).toISOString(), pod: structuredClone(pod) });
  }
  return { events, live, nextResourceVersion: rv + 1 };
}

export function syncEvent(
  live: Iterable<string>,
  observedAtMs: number,
  resourceVersion: number,
  gapSince: string | null = null,
): SyncEvent {
  return {
    type: 'SYNC',
    observedAt: new Date(observedAtMs).toISOString(),
    resourceVersion: String(resourceVersion),
    uids: [...live],
    gapSince,
  };
}

export function batch(cluster: string, events: EventBatch['events']): EventBatch {
  return { cluster, agent: { id: 'podtrail-agent-test', version: '0.1.0' }, events };
}
