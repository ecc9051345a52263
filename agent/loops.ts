import type { KubeConfig } from '@kubernetes/client-node';
import type { AgentConfig } from './config.js';
import type { EventQueue } from './forwarder/event-queue.js';
import { createResourceApi, type ResourceName } from './kube/resource-api.js';
import { type Logger, withFields } from './ops/log.js';
import type { AgentMetrics } from './ops/metrics.js';
import { createEventTracker, type EventTracker } from './reflector/event-tracker.js';
import {
  createPodTracker,
  type PodTracker,
  podSnapshot,
  type SyncSnapshot,
} from './reflector/pod-tracker.js';
import {
  createReflector,
  type Reflector,
  type ReflectorConfig,
  type ResourceTracker,
} from './reflector/reflector.js';
import type { AgentRuntime } from './runtime.js';

/**
 * The agent's two list/watch loops, one reflector each over the same machinery: pods (every pod,
 * or one namespace) and core/v1 events about pods (`fieldSelector=involvedObject.kind=Pod`). Both
 * feed the one bounded queue, each through its own tracker and with its own state, back-off and
 * figures; a 410 on one re-lists that one only.
 */

/** Only events about pods: node and other objects' events are not podtrail's to keep. */
export const POD_EVENTS_FIELD_SELECTOR = 'involvedObject.kind=Pod';

export interface Loops {
  readonly pods: { readonly reflector: Reflector; readonly tracker: PodTracker };
  readonly events: { readonly reflector: Reflector; readonly tracker: EventTracker };
  /** Runs both loops until the signal aborts. */
  run(signal: AbortSignal): Promise<void>;
  /** Live pod uids as of the pods' resourceVersion, for a gap SYNC; undefined while (re)listing. */
  podSnapshot(): SyncSnapshot | undefined;
}

export interface LoopDeps {
  readonly kubeConfig: KubeConfig;
  readonly queue: EventQueue;
  readonly runtime: AgentRuntime;
  readonly log: Logger;
  readonly metrics: AgentMetrics;
  /** A loop completed its first list. */
  readonly onListed: (resource: ResourceName) => void;
  /** Awaited between list pages (see ReflectorDeps.beforeNextPage). */
  readonly beforeNextPage: (signal: AbortSignal, deadlineMs: number) => Promise<void>;
}

export function createLoops(config: AgentConfig, deps: LoopDeps): Loops {
  const { queue, runtime, log, metrics } = deps;
  const reflectorConfig: ReflectorConfig = {
    pageSize: config.list.pageSize,
    minWatchTimeoutSeconds: config.watch.minTimeoutSeconds,
    maxWatchTimeoutSeconds: config.watch.maxTimeoutSeconds,
    inactivityTimeoutMs: config.watch.inactivityTimeoutMs,
    backoff: config.backoff,
  };
  const loop = (resource: ResourceName, tracker: ResourceTracker) =>
    createReflector(reflectorConfig, {
      api: createResourceApi(deps.kubeConfig, {
        resource,
        namespace: config.namespace,
        fieldSelector: resource === 'events' ? POD_EVENTS_FIELD_SELECTOR : undefined,
        listTimeoutMs: config.list.timeoutMs,
      }),
      tracker,
      runtime,
      log: withFields(log, { resource }),
      metrics: metrics.reflectors[resource],
      onReady: () => deps.onListed(resource),
      beforeNextPage: deps.beforeNextPage,
    });

  const podTracker = createPodTracker({
    sink: {
      pod: (type, pod, observedAtMs) => queue.pushPod(type, pod.uid, pod.json, observedAtMs, pod.changedAtMs),
      sync: (sync) => queue.pushSync(sync),
    },
    metrics: metrics.wire.pod,
  });
  const eventTracker = createEventTracker({
    sink: {
      event: (event, observedAtMs) =>
        queue.pushEvent(event.uid, event.resourceVersion, event.json, observedAtMs),
    },
    metrics: metrics.wire.event,
    gauges: metrics,
    log: withFields(log, { resource: 'events' }),
    now: runtime.now,
    eventTtlMs: config.events.ttlMs,
  });
  const pods = { reflector: loop('pods', podTracker), tracker: podTracker };
  const events = { reflector: loop('events', eventTracker), tracker: eventTracker };

  return {
    pods,
    events,
    run: async (signal) => {
      const run = (resource: ResourceName, reflector: Reflector) =>
        reflector.run(signal).catch((error: unknown) => {
          log.error('reflector crashed', { resource, error: (error as Error).message });
        });
      await Promise.all([run('pods', pods.reflector), run('events', events.reflector)]);
    },
    podSnapshot: () => podSnapshot(pods.reflector.position(), podTracker),
  };
}
