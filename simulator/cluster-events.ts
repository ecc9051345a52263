import type { SimClock } from './clock.js';
import { createEventNamer, type EventSource, podReference } from './event-objects.js';
import type { EventStore } from './event-store.js';
import { createLegacyRecorder, type LegacyRecorder } from './legacy-recorder.js';
import type { Component, PodEventSpec } from './pod-events.js';
import type { SimPod } from './pod-types.js';
import { seededRandom } from './random.js';
import { createSeriesRecorder } from './series-recorder.js';

/**
 * The cluster's event-writing processes, each with its own recorder state as the real ones have:
 * one kube-scheduler (events.k8s.io series), a kubelet and a node-problem-detector per node, the
 * controller manager's node and taint-eviction controllers, the cluster autoscaler (legacy
 * recorders). `record` routes an event about a pod to the process that would write it.
 */

export interface ClusterEvents {
  /** Records `spec` about `pod` (as it is now) through the component that says it. */
  record(pod: SimPod, spec: PodEventSpec): void;
  /** Stops the scheduler's series ticks. */
  close(): void;
}

export const SCHEDULER_INSTANCE = 'default-scheduler-ip-10-0-0-42.eu-west-1.compute.internal';

/** Who writes with which source and managedFields manager; per-node components have one recorder per host. */
const LEGACY_COMPONENTS: Readonly<
  Record<Exclude<Component, 'default-scheduler'>, { manager: string; perNode: boolean }>
> = {
  kubelet: { manager: 'kubelet', perNode: true },
  'kernel-monitor': { manager: 'node-problem-detector', perNode: true },
  'node-controller': { manager: 'kube-controller-manager', perNode: false },
  'taint-eviction-controller': { manager: 'kube-controller-manager', perNode: false },
  'cluster-autoscaler': { manager: 'cluster-autoscaler', perNode: false },
};

export function createClusterEvents(options: {
  readonly store: EventStore;
  readonly clock: SimClock;
  readonly seed?: number;
}): ClusterEvents {
  const { store, clock } = options;
  const name = createEventNamer(seededRandom(options.seed ?? 0x2e7e));
  const scheduler = createSeriesRecorder({
    store,
    clock,
    reportingController: 'default-scheduler',
    reportingInstance: SCHEDULER_INSTANCE,
    manager: 'kube-scheduler',
    name,
  });
  const legacy = new Map<string, LegacyRecorder>();
  const legacyRecorder = (component: Exclude<Component, 'default-scheduler'>, host: string) => {
    const { manager, perNode } = LEGACY_COMPONENTS[component];
    const source: EventSource = perNode ? { component, host } : { component };
    const key = `${component}/${source.host ?? ''}`;
    let recorder = legacy.get(key);
    if (recorder === undefined) {
      recorder = createLegacyRecorder({ store, clock, source, manager, name });
      legacy.set(key, recorder);
    }
    return recorder;
  };

  return {
    record(pod, spec) {
      const about = spec.regarding ?? podReference(pod, spec.fieldPath);
      if (spec.component === 'default-scheduler') {
        scheduler.record(about, spec.type, spec.reason, spec.action ?? '', spec.message);
        return;
      }
      legacyRecorder(spec.component, pod.spec.nodeName ?? '').record(
        about,
        spec.type,
        spec.reason,
        spec.message,
      );
    },
    close: () => scheduler.stop(),
  };
}
