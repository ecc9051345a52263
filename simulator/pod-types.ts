/**
 * The parts of a v1 Pod the simulator writes, typed just enough to keep the kubelet helpers honest.
 * Objects are plain JSON (timestamps are RFC 3339 strings), exactly as the API server serves them;
 * fields the simulator never touches ride along untyped.
 */

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface PodMetadata {
  name: string;
  namespace: string;
  uid: string;
  resourceVersion?: string;
  generateName?: string;
  creationTimestamp: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
  [extra: string]: unknown;
}

export interface ContainerSpec {
  name: string;
  image: string;
  restartPolicy?: string;
  [extra: string]: unknown;
}

export interface PodSpec {
  containers: ContainerSpec[];
  initContainers?: ContainerSpec[];
  nodeName?: string;
  restartPolicy?: string;
  readinessGates?: { conditionType: string }[];
  [extra: string]: unknown;
}

export interface WaitingState {
  reason: string;
  message?: string;
}
export interface RunningState {
  startedAt: string;
}
export interface TerminatedState {
  exitCode: number;
  signal?: number;
  reason?: string;
  message?: string;
  startedAt: string;
  finishedAt: string;
  containerID?: string;
}
export interface ContainerState {
  waiting?: WaitingState;
  running?: RunningState;
  terminated?: TerminatedState;
}

export interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  state: ContainerState;
  lastState: ContainerState;
  [extra: string]: unknown;
}

export interface PodCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime: string | null;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
  observedGeneration?: number;
}

export interface PodStatus {
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  conditions?: PodCondition[];
  reason?: string;
  message?: string;
  hostIP?: string;
  hostIPs?: { ip: string }[];
  podIP?: string;
  podIPs?: { ip: string }[];
  startTime?: string;
  nominatedNodeName?: string;
  qosClass?: string;
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
  [extra: string]: unknown;
}

export interface SimPod {
  apiVersion?: 'v1';
  kind?: 'Pod';
  metadata: PodMetadata;
  spec: PodSpec;
  status: PodStatus;
}
