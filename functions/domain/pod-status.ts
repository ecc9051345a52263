import { GO_ZERO_TIME_MS, parseMetaTime } from './human-duration.js';
import { isObject, type JsonObject } from './json-access.js';

/**
 * The time-independent facts behind a `kubectl get pods` row, derived exactly as the API server's
 * pod table printer does it: `printPod` in kubernetes/kubernetes
 * pkg/printers/internalversion/printers.go as of v1.33 (IsRestartableInitContainer and
 * IsPodPhaseTerminal from the shared pod helpers; every pod case of the newer v1.34-era
 * printers_test.go passes, see test/status). Rendering relative to a clock lives in pod-row.ts.
 *
 * Total on any input: missing or mistyped fields read as Go zero values, so this never throws.
 * Hot path (bench/status-derivation.ts): plain loops, no per-pod Map, closures or Date.parse.
 */
export interface PodStatusFacts {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  /** Ready containers, counted as printPod does (running+ready regular containers, started+ready sidecars). */
  readonly readyContainers: number;
  /** spec.containers plus restartable init containers (sidecars). */
  readonly totalContainers: number;
  /** The STATUS column. */
  readonly status: string;
  /** The RESTARTS count (without the "(Xm ago)" suffix). */
  readonly restarts: number;
  /** Newest lastState.terminated.finishedAt among the containers counted, ms since epoch. */
  readonly lastRestartAt: number | undefined;
  readonly createdAt: number | undefined;
  /** Wide columns, with kubectl's `<none>` where empty. */
  readonly ip: string;
  readonly node: string;
  readonly nominatedNode: string;
  readonly readinessGates: string;
}

/** node.NodeUnreachablePodReason in kubernetes/pkg/util/node. */
const NODE_UNREACHABLE_POD_REASON = 'NodeLost';
/** v1.PodReasonSchedulingGated. */
const POD_REASON_SCHEDULING_GATED = 'SchedulingGated';

export function derivePodStatus(pod: unknown): PodStatusFacts {
  const root = object(pod);
  const metadata = object(root.metadata);
  const spec = object(root.spec);
  const status = object(root.status);
  const conditions = array(status.conditions);
  const initSpecs = array(spec.initContainers);

  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = array(spec.containers).length;
  let readyContainers = 0;
  let lastRestartAt: number | undefined;
  let lastSidecarRestartAt: number | undefined;

  const phase = string(status.phase);
  const podReason = string(status.reason);
  let reason = podReason || phase;

  for (let i = 0; i < conditions.length; i++) {
    const condition = object(conditions[i]);
    // Reason first: it is usually absent, which settles the test without reading the type.
    if (condition.reason === POD_REASON_SCHEDULING_GATED && condition.type === 'PodScheduled') {
      reason = POD_REASON_SCHEDULING_GATED;
    }
  }

  for (let i = 0; i < initSpecs.length; i++) {
    if (object(initSpecs[i]).restartPolicy === 'Always') totalContainers++;
  }

  let initializing = false;
  const initStatuses = array(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = object(initStatuses[i]);
    const count = integer(cs.restartCount);
    const finishedAt = lastTerminatedAt(cs);
    restarts += count;
    lastRestartAt = later(lastRestartAt, finishedAt);
    const sidecar = isSidecar(initSpecs, string(cs.name));
    if (sidecar) {
      sidecarRestarts += count;
      lastSidecarRestartAt = later(lastSidecarRestartAt, finishedAt);
    }

    const state = object(cs.state);
    const terminated = optionalObject(state.terminated);
    if (terminated !== undefined && integer(terminated.exitCode) === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready === true) readyContainers++;
      continue;
    }
    const waitingReason = string(optionalObject(state.waiting)?.reason);
    if (terminated !== undefined) {
      const terminatedReason = string(terminated.reason);
      const signal = integer(terminated.signal);
      if (terminatedReason !== '') reason = `Init:${terminatedReason}`;
      else if (signal !== 0) reason = `Init:Signal:${signal}`;
      else reason = `Init:ExitCode:${integer(terminated.exitCode)}`;
    } else if (waitingReason !== '' && waitingReason !== 'PodInitializing') {
      reason = `Init:${waitingReason}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || isInitializedConditionTrue(conditions)) {
    // Regular init containers' restarts no longer count once the pod is past initialisation.
    restarts = sidecarRestarts;
    lastRestartAt = lastSidecarRestartAt;
    let hasRunning = false;
    const statuses = array(status.containerStatuses);
    // Walked from last to first, so the first container's reason has the last word.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = object(statuses[i]);
      restarts += integer(cs.restartCount);
      lastRestartAt = later(lastRestartAt, lastTerminatedAt(cs));
      const state = object(cs.state);
      const waitingReason = string(optionalObject(state.waiting)?.reason);
      const terminated = optionalObject(state.terminated);
      const terminatedReason = terminated === undefined ? '' : string(terminated.reason);
      if (waitingReason !== '') {
        reason = waitingReason;
      } else if (terminatedReason !== '') {
        reason = terminatedReason;
      } else if (terminated !== undefined) {
        const signal = integer(terminated.signal);
        reason = signal !== 0 ? `Signal:${signal}` : `ExitCode:${integer(terminated.exitCode)}`;
      } else if (cs.ready === true && optionalObject(state.running) !== undefined) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = hasPodReadyCondition(conditions) ? 'Running' : 'NotReady';
    }
  }

  // metadata.deletionTimestamp is a *metav1.Time: any non-null value is a set pointer.
  if (metadata.deletionTimestamp !== undefined && metadata.deletionTimestamp !== null) {
    if (podReason === NODE_UNREACHABLE_POD_REASON) reason = 'Unknown';
    else if (phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  }

  return {
    name: string(metadata.name),
    namespace: string(metadata.namespace),
    uid: string(metadata.uid),
    readyContainers,
    totalContainers,
    status: reason,
    restarts,
    lastRestartAt,
    createdAt: parseMetaTime(metadata.creationTimestamp),
    ip: podIP(status) || '<none>',
    node: string(spec.nodeName) || '<none>',
    nominatedNode: string(status.nominatedNodeName) || '<none>',
    readinessGates: readinessGates(array(spec.readinessGates), conditions),
  };
}

/*
 * Go zero values for untrusted JSON, applied to a value already read. Fields are read with a plain
 * `.name` at each site rather than through json-access's obj/str(parent, key): every site keeps
 * its own inline cache instead of sharing one megamorphic keyed load.
 */
const EMPTY: JsonObject = Object.freeze({});
const NONE: readonly unknown[] = Object.freeze([]);

function object(value: unknown): JsonObject {
  return isObject(value) ? value : EMPTY;
}

/** A non-nil pointer to a struct: a JSON object (not null, not an array). */
function optionalObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}

function array(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : NONE;
}

function string(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** int32 fields such as restartCount and exitCode; anything but a finite number is 0. */
function integer(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : 0;
}

/**
 * printPod looks status names up in map[name]*Container built from spec.initContainers, so the
 * last spec entry of a duplicated name wins, and a name with no spec entry is not a sidecar.
 */
function isSidecar(initSpecs: readonly unknown[], name: string): boolean {
  for (let i = initSpecs.length - 1; i >= 0; i--) {
    const container = object(initSpecs[i]);
    // pkg/api/pod.IsRestartableInitContainer: restartPolicy must be present and "Always".
    if (string(container.name) === name) return container.restartPolicy === 'Always';
  }
  return false;
}

function lastTerminatedAt(containerStatus: JsonObject): number | undefined {
  const terminated = optionalObject(object(containerStatus.lastState).terminated);
  return terminated === undefined ? undefined : parseMetaTime(terminated.finishedAt);
}

/**
 * `if lastRestartDate.Before(&finishedAt)` starting from the zero time: a missing finishedAt never
 * wins, and neither does one before year 1 (it is not after the zero time).
 */
function later(current: number | undefined, candidate: number | undefined): number | undefined {
  if (candidate === undefined) return current;
  return candidate > (current ?? GO_ZERO_TIME_MS) ? candidate : current;
}

/** isPodInitializedConditionTrue: only the first Initialized condition is consulted. */
function isInitializedConditionTrue(conditions: readonly unknown[]): boolean {
  for (let i = 0; i < conditions.length; i++) {
    const condition = object(conditions[i]);
    if (condition.type === 'Initialized') return condition.status === 'True';
  }
  return false;
}

/** hasPodReadyCondition: any Ready=True condition, not just the first Ready one. */
function hasPodReadyCondition(conditions: readonly unknown[]): boolean {
  for (let i = 0; i < conditions.length; i++) {
    const condition = object(conditions[i]);
    if (condition.type === 'Ready' && condition.status === 'True') return true;
  }
  return false;
}

/**
 * The internal type has only podIPs; v1→internal conversion makes a non-empty status.podIP
 * authoritative (Convert_v1_PodStatus_To_core_PodStatus), else the first podIPs entry is used.
 */
function podIP(status: JsonObject): string {
  const single = string(status.podIP);
  if (single !== '') return single;
  return string(object(array(status.podIPs)[0]).ip);
}

/** READINESS GATES: for each gate, the first condition of its type counts if it is True. */
function readinessGates(gates: readonly unknown[], conditions: readonly unknown[]): string {
  if (gates.length === 0) return '<none>';
  let trueConditions = 0;
  for (let g = 0; g < gates.length; g++) {
    const type = string(object(gates[g]).conditionType);
    for (let i = 0; i < conditions.length; i++) {
      const condition = object(conditions[i]);
      if (string(condition.type) === type) {
        if (condition.status === 'True') trueConditions++;
        break;
      }
    }
  }
  return `${trueConditions}/${gates.length}`;
}
