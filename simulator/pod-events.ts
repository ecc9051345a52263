import type { EventType, ObjectReference } from './event-objects.js';
import type { SimPod } from './pod-types.js';
import { goDuration } from './time.js';

/**
 * What the components say about a pod, word for word as a v1.33 cluster writes it (reasons and
 * message formats: client-go and kubelet sources, kubectl-describe.md §8). Each helper returns a
 * maker: given the pod as it is when the event is recorded, the event to record.
 */

export type Component =
  | 'kubelet'
  | 'default-scheduler'
  | 'node-controller'
  | 'taint-eviction-controller'
  | 'cluster-autoscaler'
  | 'kernel-monitor';

export interface PodEventSpec {
  readonly component: Component;
  readonly type: EventType;
  readonly reason: string;
  readonly message: string;
  /** `spec.containers{name}` or `spec.initContainers{name}` for container events. */
  readonly fieldPath?: string;
  /** The events.k8s.io action (scheduler events). */
  readonly action?: string;
  /** When the event is not about the pod's full reference: a Node, or the pod without its uid. */
  readonly regarding?: ObjectReference;
}

export type PodEventMaker = (pod: SimPod) => PodEventSpec;

const kubeletEvent =
  (type: EventType, reason: string, message: (pod: SimPod, image: string) => string, container: string) =>
  (pod: SimPod): PodEventSpec => ({
    component: 'kubelet',
    type,
    reason,
    message: message(pod, imageOf(pod, container)),
    fieldPath: fieldPathOf(pod, container),
  });

/** The kubelet, about one container (kuberuntime and images packages, prober). */
export const kubeletSays = {
  pulling: (container: string) =>
    kubeletEvent('Normal', 'Pulling', (_, i) => `Pulling image "${i}"`, container),
  /** A fresh pull: `pullMs` pulling, `waitMs` more waiting for the pull slot (serialized pulls). */
  pulled: (container: string, pull: { pullMs: number; waitMs?: number; sizeBytes: number }) =>
    kubeletEvent(
      'Normal',
      'Pulled',
      (_, image) =>
        `Successfully pulled image "${image}" in ${goDuration(pull.pullMs)} (${goDuration(pull.pullMs + (pull.waitMs ?? 0))} including waiting). Image size: ${pull.sizeBytes} bytes.`,
      container,
    ),
  alreadyPresent: (container: string) =>
    kubeletEvent(
      'Normal',
      'Pulled',
      (_, i) => `Container image "${i}" already present on machine`,
      container,
    ),
  pullFailed: (container: string, error: string) =>
    kubeletEvent('Warning', 'Failed', (_, i) => `Failed to pull image "${i}": ${error}`, container),
  /** The start failure that follows (`Error: ErrImagePull`, `Error: ImagePullBackOff`, …). */
  failed: (container: string, error: string) =>
    kubeletEvent('Warning', 'Failed', () => `Error: ${error}`, container),
  /** Image back-off is Normal; container back-off Warning. */
  imageBackOff: (container: string) =>
    kubeletEvent('Normal', 'BackOff', (_, i) => `Back-off pulling image "${i}"`, container),
  created: (container: string) =>
    kubeletEvent('Normal', 'Created', () => `Created container: ${container}`, container),
  started: (container: string) =>
    kubeletEvent('Normal', 'Started', () => `Started container ${container}`, container),
  crashBackOff: (container: string) =>
    kubeletEvent(
      'Warning',
      'BackOff',
      (pod) =>
        `Back-off restarting failed container ${container} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
      container,
    ),
  killing: (container: string) =>
    kubeletEvent('Normal', 'Killing', () => `Stopping container ${container}`, container),
  unhealthy: (container: string, probe: 'Readiness' | 'Liveness' | 'Startup', output: string) =>
    kubeletEvent('Warning', 'Unhealthy', () => `${probe} probe failed: ${output}`, container),
  /** The eviction manager: the same text as status.message. */
  evicted:
    (message: string): PodEventMaker =>
    () => ({ component: 'kubelet', type: 'Warning', reason: 'Evicted', message }),
};

/** kube-scheduler (events.k8s.io). */
export const schedulerSays = {
  scheduled: (): PodEventMaker => (pod) => ({
    component: 'default-scheduler',
    type: 'Normal',
    reason: 'Scheduled',
    action: 'Binding',
    message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${pod.spec.nodeName ?? ''}`,
  }),
  failedScheduling:
    (message: string): PodEventMaker =>
    () => ({
      component: 'default-scheduler',
      type: 'Warning',
      reason: 'FailedScheduling',
      action: 'Scheduling',
      message,
    }),
};

/** Controllers and node agents. */
export const controllersSay = {
  /** node-controller, on each pod of a node gone NotReady. */
  nodeNotReady: (): PodEventMaker => () => ({
    component: 'node-controller',
    type: 'Warning',
    reason: 'NodeNotReady',
    message: 'Node is not ready',
  }),
  /** taint-eviction-controller: its reference carries no uid (kubectl describe never shows these). */
  taintManagerEviction: (): PodEventMaker => (pod) => ({
    component: 'taint-eviction-controller',
    type: 'Normal',
    reason: 'TaintManagerEviction',
    message: `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`,
    regarding: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, apiVersion: 'v1' },
  }),
  triggeredScaleUp:
    (groups: string): PodEventMaker =>
    () => ({
      component: 'cluster-autoscaler',
      type: 'Normal',
      reason: 'TriggeredScaleUp',
      message: `pod triggered scale-up: ${groups}`,
    }),
  /** node-problem-detector's kernel monitor: about the pod's Node (uid = node name), in `default`. */
  oomKilling:
    (kernelLine: string): PodEventMaker =>
    (pod) => {
      const node = pod.spec.nodeName ?? '';
      return {
        component: 'kernel-monitor',
        type: 'Warning',
        reason: 'OOMKilling',
        message: kernelLine,
        regarding: { kind: 'Node', name: node, uid: node },
      };
    },
};

function fieldPathOf(pod: SimPod, container: string): string {
  const init = pod.spec.initContainers?.some((c) => c.name === container) === true;
  return `spec.${init ? 'initContainers' : 'containers'}{${container}}`;
}

function imageOf(pod: SimPod, container: string): string {
  const spec = [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c) => c.name === container);
  return spec?.image ?? '';
}
