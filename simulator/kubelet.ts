import { createHash } from 'node:crypto';
import { setCondition, syncPodStatus } from './pod-status-sync.js';
import type { ContainerState, ContainerStatus, SimPod, TerminatedState } from './pod-types.js';
import { hexString, type Random } from './random.js';

/**
 * Kubelet-like status writers: each helper changes a pod the way the scheduler, the kubelet or the
 * node lifecycle controller would, and `syncPodStatus` recomputes phase and conditions as the kubelet's
 * generateAPIPodStatus does (getPhase, Initialized/ContainersReady/Ready). Helpers mutate the pod
 * they are given: the store hands each step a fresh copy.
 */

export { setCondition, syncPodStatus } from './pod-status-sync.js';

export interface NodeInfo {
  readonly name: string;
  readonly ip: string;
}

/** The scheduler found no node for the pod (handleSchedulingFailure): PodScheduled False, Unschedulable. */
export function unschedulable(pod: SimPod, message: string, at: string): void {
  setCondition(pod, 'PodScheduled', 'False', at, 'Unschedulable', message);
}

export function scheduleTo(pod: SimPod, node: NodeInfo, at: string): void {
  pod.spec.nodeName = node.name;
  setCondition(pod, 'PodScheduled', 'True', at);
}

/** The kubelet admitted the pod: every container waits for the sandbox (ContainerCreating / PodInitializing). */
export function admit(pod: SimPod, node: NodeInfo, at: string): void {
  pod.status.hostIP = node.ip;
  pod.status.hostIPs = [{ ip: node.ip }];
  pod.status.startTime = at;
  const inits = pod.spec.initContainers ?? [];
  if (inits.length > 0) {
    pod.status.initContainerStatuses = inits.map((c) =>
      freshStatus(c.name, c.image, { waiting: { reason: 'PodInitializing' } }),
    );
  }
  pod.status.containerStatuses = pod.spec.containers.map((c) =>
    freshStatus(c.name, c.image, {
      waiting: { reason: inits.length > 0 ? 'PodInitializing' : 'ContainerCreating' },
    }),
  );
  setCondition(pod, 'PodReadyToStartContainers', 'False', at);
  syncPodStatus(pod, at);
}

/** The sandbox is up: the pod has an IP. */
export function sandboxReady(pod: SimPod, podIP: string, at: string): void {
  pod.status.podIP = podIP;
  pod.status.podIPs = [{ ip: podIP }];
  setCondition(pod, 'PodReadyToStartContainers', 'True', at);
}

export function containerWaiting(
  pod: SimPod,
  name: string,
  reason: string,
  message: string | undefined,
  at: string,
): void {
  const status = containerStatus(pod, name);
  status.state = { waiting: message === undefined ? { reason } : { reason, message } };
  status.ready = false;
  if ('started' in status) status.started = false;
  syncPodStatus(pod, at);
}

export function containerRunning(
  pod: SimPod,
  name: string,
  at: string,
  options: { ready: boolean; random: Random },
): void {
  const status = containerStatus(pod, name);
  status.state = { running: { startedAt: at } };
  status.containerID = `containerd://${hexString(options.random, 64)}`;
  if (status.imageID === '') status.imageID = imageIdFor(status.image);
  status.ready = options.ready;
  status.started = true;
  syncPodStatus(pod, at);
}

export function containerReady(pod: SimPod, name: string, ready: boolean, at: string): void {
  containerStatus(pod, name).ready = ready;
  syncPodStatus(pod, at);
}

export interface Termination {
  readonly exitCode: number;
  readonly reason: string;
  readonly signal?: number;
  readonly message?: string;
}

export function containerTerminated(pod: SimPod, name: string, at: string, end: Termination): void {
  const status = containerStatus(pod, name);
  const startedAt = status.state.running?.startedAt ?? at;
  const terminated: TerminatedState = {
    exitCode: end.exitCode,
    ...(end.signal === undefined ? {} : { signal: end.signal }),
    reason: end.reason,
    ...(end.message === undefined ? {} : { message: end.message }),
    startedAt,
    finishedAt: at,
    ...(status.containerID === undefined ? {} : { containerID: status.containerID }),
  };
  status.state = { terminated };
  status.ready = false;
  status.started = false;
  syncPodStatus(pod, at);
}

/** The kubelet gives up on the dead container for now: CrashLoopBackOff, one more restart counted. */
export function crashLoopBackOff(pod: SimPod, name: string, backoffSeconds: number, at: string): void {
  const status = containerStatus(pod, name);
  if (status.state.terminated !== undefined) status.lastState = { terminated: status.state.terminated };
  status.restartCount += 1;
  status.state = {
    waiting: {
      reason: 'CrashLoopBackOff',
      message: `back-off ${backoffSeconds}s restarting failed container=${name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
    },
  };
  syncPodStatus(pod, at);
}

/** The kubelet starts the container again at once (no back-off yet): one more restart counted. */
export function restartContainer(
  pod: SimPod,
  name: string,
  at: string,
  options: { ready: boolean; random: Random },
): void {
  const status = containerStatus(pod, name);
  if (status.state.terminated !== undefined) {
    status.lastState = { terminated: status.state.terminated };
    status.restartCount += 1;
  }
  containerRunning(pod, name, at, options);
}

/** Every container ran to completion: phase Succeeded (a finished Job pod). */
export function succeed(pod: SimPod, at: string): void {
  for (const s of pod.status.containerStatuses ?? []) {
    if (s.state.terminated === undefined)
      containerTerminated(pod, s.name, at, { exitCode: 0, reason: 'Completed' });
  }
  pod.status.phase = 'Succeeded';
  syncPodStatus(pod, at);
}

/**
 * The kubelet evicted the pod under node pressure (phase Failed, reason Evicted). Container states
 * stay as last reported, only unready, so printPod shows Evicted (newer kubelets may instead report
 * the containers terminated, which printPod then shows as Error or ContainerStatusUnknown).
 */
export function evict(pod: SimPod, message: string, at: string): void {
  setCondition(pod, 'DisruptionTarget', 'True', at, 'TerminationByKubelet', message);
  for (const s of pod.status.containerStatuses ?? []) s.ready = false;
  pod.status.phase = 'Failed';
  pod.status.reason = 'Evicted';
  pod.status.message = message;
  syncPodStatus(pod, at);
}

/** The node stopped reporting: the node lifecycle controller marks the pod not ready. */
export function nodeNotReady(pod: SimPod, at: string): void {
  setCondition(pod, 'Ready', 'False', at, 'NodeNotReady', undefined);
  setCondition(
    pod,
    'DisruptionTarget',
    'True',
    at,
    'DeletionByTaintManager',
    'Taint manager: deleting due to NoExecute taint',
  );
}

/** The pod is being deleted from a node that is gone: printPod shows Unknown (NodeLost). */
export function nodeLost(pod: SimPod, at: string, graceSeconds = 30): void {
  beginDeletion(pod, at, graceSeconds);
  pod.status.reason = 'NodeLost';
  pod.status.message = `Node ${pod.spec.nodeName ?? ''} which was running pod ${pod.metadata.name} is unresponsive`;
}

/** A delete request: deletionTimestamp is when the grace period ends. */
export function beginDeletion(pod: SimPod, at: string, graceSeconds = 30): void {
  pod.metadata.deletionTimestamp = new Date(Date.parse(at) + graceSeconds * 1000)
    .toISOString()
    .replace('.000Z', 'Z');
  pod.metadata.deletionGracePeriodSeconds = graceSeconds;
}

function freshStatus(name: string, image: string, state: ContainerState): ContainerStatus {
  return {
    name,
    state,
    lastState: {},
    ready: false,
    restartCount: 0,
    image: image.includes('/') ? image : `docker.io/library/${image}`,
    // Empty until the image is pulled, as the kubelet reports it.
    imageID: '',
    started: false,
  };
}

/** Same image, same digest: like a registry, derived from the reference. */
function imageIdFor(image: string): string {
  const repository = image.split('@')[0]?.replace(/:[^:/]+$/, '') ?? image;
  return `${repository}@sha256:${createHash('sha256').update(image).digest('hex')}`;
}

export function containerStatus(pod: SimPod, name: string): ContainerStatus {
  const found =
    pod.status.containerStatuses?.find((s) => s.name === name) ??
    pod.status.initContainerStatuses?.find((s) => s.name === name);
  if (found === undefined) throw new Error(`pod ${pod.metadata.name} has no container status "${name}"`);
  return found;
}
