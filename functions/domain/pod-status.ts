import { arr, bool, int, type JsonObject, obj, optObj, present, str, time } from './json-access.js';

/**
 * The time-independent facts behind a `kubectl get pods` row, derived exactly as the API server's
 * pod table printer does it: `printPod` in kubernetes/kubernetes
 * pkg/printers/internalversion/printers.go, mirrored from v1.33 (unchanged through v1.35 in every
 * way its TestPrintPod* cases can see). Rendering relative to a clock lives in pod-row.ts.
 *
 * Total on any input: missing or mistyped fields read as Go zero values, so this never throws.
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
  const metadata = obj(pod, 'metadata');
  const spec = obj(pod, 'spec');
  const status = obj(pod, 'status');
  const conditions = arr(status, 'conditions');
  const initSpecs = arr(spec, 'initContainers');

  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = arr(spec, 'containers').length;
  let readyContainers = 0;
  let lastRestartAt: number | undefined;
  let lastSidecarRestartAt: number | undefined;

  const phase = str(status, 'phase');
  let reason = str(status, 'reason') || phase;

  for (const condition of conditions) {
    if (
      str(condition, 'type') === 'PodScheduled' &&
      str(condition, 'reason') === POD_REASON_SCHEDULING_GATED
    ) {
      reason = POD_REASON_SCHEDULING_GATED;
    }
  }

  // Go builds map[name]*Container, so a later duplicate name wins.
  const sidecarByName = new Map<string, boolean>();
  for (const container of initSpecs) {
    const restartable = isRestartable(container);
    sidecarByName.set(str(container, 'name'), restartable);
    if (restartable) totalContainers++;
  }

  let initializing = false;
  const initStatuses = arr(status, 'initContainerStatuses');
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    const count = int(cs, 'restartCount');
    const finishedAt = lastTerminatedAt(cs);
    restarts += count;
    lastRestartAt = later(lastRestartAt, finishedAt);
    const sidecar = sidecarByName.get(str(cs, 'name')) === true;
    if (sidecar) {
      sidecarRestarts += count;
      lastSidecarRestartAt = later(lastSidecarRestartAt, finishedAt);
    }

    const state = obj(cs, 'state');
    const terminated = optObj(state, 'terminated');
    const waiting = optObj(state, 'waiting');
    if (terminated !== undefined && int(terminated, 'exitCode') === 0) continue;
    if (sidecar && bool(cs, 'started')) {
      if (bool(cs, 'ready')) readyContainers++;
      continue;
    }
    if (terminated !== undefined) {
      const terminatedReason = str(terminated, 'reason');
      if (terminatedReason !== '') reason = `Init:${terminatedReason}`;
      else if (int(terminated, 'signal') !== 0) reason = `Init:Signal:${int(terminated, 'signal')}`;
      else reason = `Init:ExitCode:${int(terminated, 'exitCode')}`;
    } else if (
      waiting !== undefined &&
      str(waiting, 'reason') !== '' &&
      str(waiting, 'reason') !== 'PodInitializing'
    ) {
      reason = `Init:${str(waiting, 'reason')}`;
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
    const statuses = arr(status, 'containerStatuses');
    // Walked from last to first, so the first container's reason has the last word.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += int(cs, 'restartCount');
      lastRestartAt = later(lastRestartAt, lastTerminatedAt(cs));
      const state = obj(cs, 'state');
      const waiting = optObj(state, 'waiting');
      const terminated = optObj(state, 'terminated');
      if (waiting !== undefined && str(waiting, 'reason') !== '') {
        reason = str(waiting, 'reason');
      } else if (terminated !== undefined && str(terminated, 'reason') !== '') {
        reason = str(terminated, 'reason');
      } else if (terminated !== undefined) {
        const signal = int(terminated, 'signal');
        reason = signal !== 0 ? `Signal:${signal}` : `ExitCode:${int(terminated, 'exitCode')}`;
      } else if (bool(cs, 'ready') && optObj(state, 'running') !== undefined) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = hasPodReadyCondition(conditions) ? 'Running' : 'NotReady';
    }
  }

  const deleting = present(metadata, 'deletionTimestamp');
  if (deleting && str(status, 'reason') === NODE_UNREACHABLE_POD_REASON) {
    reason = 'Unknown';
  } else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  return {
    name: str(metadata, 'name'),
    namespace: str(metadata, 'namespace'),
    uid: str(metadata, 'uid'),
    readyContainers,
    totalContainers,
    status: reason,
    restarts,
    lastRestartAt,
    createdAt: time(metadata, 'creationTimestamp'),
    ip: podIP(status) || '<none>',
    node: str(spec, 'nodeName') || '<none>',
    nominatedNode: str(status, 'nominatedNodeName') || '<none>',
    readinessGates: readinessGates(spec, conditions),
  };
}

/** pkg/api/pod.IsRestartableInitContainer: restartPolicy must be present and "Always". */
function isRestartable(container: unknown): boolean {
  return str(container, 'restartPolicy') === 'Always';
}

function lastTerminatedAt(containerStatus: unknown): number | undefined {
  const terminated = optObj(obj(containerStatus, 'lastState'), 'terminated');
  return terminated === undefined ? undefined : time(terminated, 'finishedAt');
}

/** metav1.Time.Before semantics: the zero time never replaces anything and never wins. */
function later(current: number | undefined, candidate: number | undefined): number | undefined {
  if (candidate === undefined) return current;
  return current === undefined || current < candidate ? candidate : current;
}

/** isPodInitializedConditionTrue: only the first Initialized condition is consulted. */
function isInitializedConditionTrue(conditions: readonly unknown[]): boolean {
  for (const condition of conditions) {
    if (str(condition, 'type') === 'Initialized') return str(condition, 'status') === 'True';
  }
  return false;
}

function hasPodReadyCondition(conditions: readonly unknown[]): boolean {
  return conditions.some((c) => str(c, 'type') === 'Ready' && str(c, 'status') === 'True');
}

/**
 * The internal type has only podIPs; v1→internal conversion makes a non-empty status.podIP
 * authoritative (Convert_v1_PodStatus_To_core_PodStatus), else the first podIPs entry is used.
 */
function podIP(status: JsonObject): string {
  const single = str(status, 'podIP');
  if (single !== '') return single;
  const first = arr(status, 'podIPs')[0];
  return str(first, 'ip');
}

function readinessGates(spec: JsonObject, conditions: readonly unknown[]): string {
  const gates = arr(spec, 'readinessGates');
  if (gates.length === 0) return '<none>';
  let trueConditions = 0;
  for (const gate of gates) {
    const type = str(gate, 'conditionType');
    const match = conditions.find((c) => str(c, 'type') === type);
    if (match !== undefined && str(match, 'status') === 'True') trueConditions++;
  }
  return `${trueConditions}/${gates.length}`;
}
