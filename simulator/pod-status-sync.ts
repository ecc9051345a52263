import type { PodCondition, SimPod } from './pod-types.js';

/**
 * The kubelet's status computation (generateAPIPodStatus): phase from container states (getPhase)
 * and the Initialized / ContainersReady / Ready conditions, plus condition bookkeeping that keeps
 * lastTransitionTime unless the status really changes, in the order real pods list them.
 */

/** Recomputes phase and the Initialized / ContainersReady / Ready conditions from container states. */
export function syncPodStatus(pod: SimPod, at: string): void {
  const status = pod.status;
  const initSpecs = pod.spec.initContainers ?? [];
  const sidecars = new Set(initSpecs.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const initStatuses = status.initContainerStatuses ?? [];
  const pendingInits = initStatuses.filter((s) =>
    sidecars.has(s.name) ? s.started !== true : s.state.terminated?.exitCode !== 0,
  );
  const initialized = pendingInits.length === 0;
  const regular = status.containerStatuses ?? [];

  if (status.phase !== 'Succeeded' && status.phase !== 'Failed')
    status.phase = computePhase(pod, initialized);

  setCondition(
    pod,
    'Initialized',
    initialized ? 'True' : 'False',
    at,
    initialized ? undefined : 'ContainersNotInitialized',
    initialized
      ? undefined
      : `containers with incomplete status: [${pendingInits.map((s) => s.name).join(' ')}]`,
  );
  const unready = [...regular, ...initStatuses.filter((s) => sidecars.has(s.name))].filter((s) => !s.ready);
  const ready = unready.length === 0 && regular.length > 0;
  const completed = status.phase === 'Succeeded';
  const reason = completed ? 'PodCompleted' : 'ContainersNotReady';
  const message = `containers with unready status: [${unready.map((s) => s.name).join(' ')}]`;
  setCondition(
    pod,
    'Ready',
    ready ? 'True' : 'False',
    at,
    ready ? undefined : reason,
    ready || completed ? undefined : message,
  );
  setCondition(
    pod,
    'ContainersReady',
    ready ? 'True' : 'False',
    at,
    ready ? undefined : reason,
    ready || completed ? undefined : message,
  );
}

/** kubelet getPhase for a pod whose containers have statuses. */
function computePhase(pod: SimPod, initialized: boolean): SimPod['status']['phase'] {
  if (!initialized) return 'Pending';
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let failed = 0;
  for (const s of pod.status.containerStatuses ?? []) {
    if (s.state.running !== undefined) running++;
    else if (s.state.terminated !== undefined) {
      stopped++;
      if (s.state.terminated.exitCode !== 0) failed++;
    } else if (s.lastState.terminated !== undefined) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped === 0) return 'Pending';
  const policy = pod.spec.restartPolicy ?? 'Always';
  if (policy === 'Always') return 'Running';
  if (policy === 'OnFailure') return failed > 0 ? 'Running' : 'Succeeded';
  return failed > 0 ? 'Failed' : 'Succeeded';
}

export function setCondition(
  pod: SimPod,
  type: string,
  value: PodCondition['status'],
  at: string,
  reason?: string,
  message?: string,
): void {
  pod.status.conditions ??= [];
  const conditions = pod.status.conditions;
  const existing = conditions.find((c) => c.type === type);
  const next: PodCondition = {
    type,
    status: value,
    lastProbeTime: null,
    lastTransitionTime:
      existing !== undefined && existing.status === value ? existing.lastTransitionTime : at,
    ...(reason === undefined ? {} : { reason }),
    ...(message === undefined ? {} : { message }),
  };
  if (existing === undefined) {
    conditions.push(next);
    conditions.sort((a, b) => conditionRank(a.type) - conditionRank(b.type));
  } else conditions.splice(conditions.indexOf(existing), 1, next);
}

const CONDITION_ORDER = [
  'PodReadyToStartContainers',
  'Initialized',
  'Ready',
  'ContainersReady',
  'PodScheduled',
  'DisruptionTarget',
];

function conditionRank(type: string): number {
  const i = CONDITION_ORDER.indexOf(type);
  return i < 0 ? CONDITION_ORDER.length : i;
}
