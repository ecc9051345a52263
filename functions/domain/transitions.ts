import { maxTime } from './event-order.js';
import type { FieldChange, StatusEntered, TimelineEntry } from './model.js';
import type { ContainerObservation, PodIdentity, PodObservation } from './observation.js';

/**
 * Transition detection (docs/wire-format.md, Semantics): what changed between two consecutive observed states of one
 * pod uid. Recorded fields, in this order: STATUS, READY, RESTARTS, phase, node, pod IP, each pod
 * condition's status, and each container's state as kind + reason + exit code, e.g.
 * `waiting:ErrImagePull`, `running`, `terminated:OOMKilled:137` ("" when the container has no state).
 */
export function detectChanges(prev: PodObservation | undefined, next: PodObservation): FieldChange[] {
  if (prev === undefined) return [];
  const changes: FieldChange[] = [];
  const add = (field: string, from: string, to: string) => {
    if (from !== to) changes.push({ field, from, to });
  };
  add('status', prev.row.status, next.row.status);
  add('ready', prev.row.ready, next.row.ready);
  add('restarts', String(prev.row.restarts), String(next.row.restarts));
  add('phase', prev.row.phase, next.row.phase);
  add('node', prev.row.node, next.row.node);
  add('ip', prev.row.ip, next.row.ip);
  for (const type of unionOrdered(next.conditions, prev.conditions, (c) => c.type)) {
    add(`condition/${type}`, conditionStatus(prev, type), conditionStatus(next, type));
  }
  for (const key of unionOrdered(next.containers, prev.containers, containerField)) {
    add(key, containerLabel(prev, key), containerLabel(next, key));
  }
  return changes;
}

/** The timeline entry a state contributes, given the state before it; undefined when nothing changed. */
export function entryFor(
  cluster: string,
  identity: PodIdentity,
  prev: PodObservation | undefined,
  next: PodObservation,
): TimelineEntry | undefined {
  const changes = detectChanges(prev, next);
  const kind = next.deleted ? 'deleted' : prev === undefined ? 'first-seen' : 'transition';
  if (kind === 'transition' && changes.length === 0) return undefined;
  const objectTime = objectTimeOf(prev, next, changes);
  const why = reasonOf(prev, next, changes);
  return {
    cluster,
    namespace: identity.namespace,
    name: identity.name,
    uid: identity.uid,
    kind,
    resourceVersion: next.rv,
    observedAt: next.observedAt,
    ...(objectTime === undefined ? {} : { objectTime }),
    ...(identity.createdAt === undefined ? {} : { createdAt: identity.createdAt }),
    row: next.row,
    changes,
    ...(why.reason === undefined ? {} : { reason: why.reason }),
    ...(why.message === undefined ? {} : { message: why.message }),
  };
}

/**
 * Statuses every healthy pod passes through on its way up and down. Entering one says little, and
 * indexing each would cost a write per lifecycle step, so pattern 5 indexes every *other* status
 * per entering (CrashLoopBackOff, OOMKilled, ImagePullBackOff, Evicted, Error, …) and keeps, for
 * routine ones, only when each pod first entered them (PodAggregate.entered).
 */
export function isRoutineStatus(status: string): boolean {
  return ROUTINE_STATUSES.has(status) || /^Init:[0-9]+\/[0-9]+$/.test(status);
}

const ROUTINE_STATUSES = new Set([
  'Pending',
  'ContainerCreating',
  'PodInitializing',
  'Running',
  'Terminating',
  'Completed',
]);

/** Access pattern 5: the STATUS a state entered, when it differs from the state before it. */
export function statusEntered(
  cluster: string,
  identity: PodIdentity,
  prev: PodObservation | undefined,
  next: PodObservation,
): StatusEntered | undefined {
  if (prev !== undefined && prev.row.status === next.row.status) return undefined;
  return {
    cluster,
    namespace: identity.namespace,
    name: identity.name,
    uid: identity.uid,
    workload: identity.workload,
    status: next.row.status,
    at: next.observedAt,
    resourceVersion: next.rv,
  };
}

export function containerField(c: ContainerObservation): string {
  return `${c.init ? 'initContainer' : 'container'}/${c.name}`;
}

export function containerStateLabel(c: ContainerObservation | undefined): string {
  if (c === undefined || c.state === '') return '';
  if (c.state === 'running') return 'running';
  const parts: string[] = [c.state, c.reason ?? ''];
  if (c.state === 'terminated') parts.push(String(c.exitCode ?? 0));
  return parts.join(':');
}

function containerLabel(obs: PodObservation, key: string): string {
  return containerStateLabel(obs.containers.find((c) => containerField(c) === key));
}

function conditionStatus(obs: PodObservation, type: string): string {
  return obs.conditions.find((c) => c.type === type)?.status ?? '';
}

/** Keys of `first` in order, then keys only `second` has, in its order. */
function unionOrdered<T>(first: readonly T[], second: readonly T[], key: (item: T) => string): string[] {
  const keys = first.map(key);
  for (const k of second.map(key)) if (!keys.includes(k)) keys.push(k);
  return keys;
}

/**
 * The best object timestamp for a change: the latest lastTransitionTime of a changed condition, or
 * startedAt/finishedAt of a changed container state, whichever is newest.
 */
function objectTimeOf(
  prev: PodObservation | undefined,
  next: PodObservation,
  changes: readonly FieldChange[],
): string | undefined {
  const changed = new Set(changes.map((c) => c.field));
  let best: string | undefined;
  for (const c of next.conditions) {
    if (prev === undefined || changed.has(`condition/${c.type}`)) best = maxTime(best, c.lastTransitionTime);
  }
  for (const c of next.containers) {
    if (prev === undefined || changed.has(containerField(c))) {
      best = maxTime(best, c.state === 'terminated' ? (c.finishedAt ?? c.startedAt) : c.startedAt);
    }
  }
  return best;
}

/**
 * The reason that explains a change, most specific first: a changed container's waiting/terminated
 * reason, the pod's status.reason, then a changed condition's reason.
 */
function reasonOf(
  prev: PodObservation | undefined,
  next: PodObservation,
  changes: readonly FieldChange[],
): { reason?: string; message?: string } {
  const changed = new Set(changes.map((c) => c.field));
  const isChanged = (field: string) => prev === undefined || changed.has(field);
  const container = next.containers.find((c) => c.reason !== undefined && isChanged(containerField(c)));
  if (container !== undefined) return pick(container.reason, container.message);
  if (next.reason !== undefined) return pick(next.reason, next.message);
  const condition = next.conditions.find((c) => c.reason !== undefined && isChanged(`condition/${c.type}`));
  if (condition !== undefined) return pick(condition.reason, condition.message);
  return {};
}

function pick(
  reason: string | undefined,
  message: string | undefined,
): { reason?: string; message?: string } {
  return {
    ...(reason === undefined ? {} : { reason }),
    ...(message === undefined ? {} : { message }),
  };
}
