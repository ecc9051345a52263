import { canonicalTime } from './event-order.js';
import { arr, bool, int, type JsonObject, obj, optObj, str } from './json-access.js';
import type { RowState, WorkloadRef } from './model.js';
import { derivePodStatus } from './pod-status.js';
import { attributeWorkload } from './workload.js';

/**
 * The slim state podtrail keeps of one observed version of a pod: exactly what transition
 * detection, the restart ledger and the startup breakdown read, and nothing else (no spec, env,
 * volumes, annotations). Built once per event by `observePod`; optional fields are omitted when
 * empty so that equal states are equal JSON.
 */

/** Reasons and messages are capped: termination messages alone may be 4 KiB. */
export const TEXT_LIMIT = 256;

export type ContainerStateKind = 'waiting' | 'running' | 'terminated' | '';

export interface TerminationFacts {
  readonly reason: string;
  readonly exitCode?: number;
  readonly signal?: number;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly message?: string;
}

export interface ContainerObservation {
  readonly name: string;
  /** An init container (restartable sidecars included). */
  readonly init: boolean;
  readonly state: ContainerStateKind;
  readonly reason?: string;
  readonly message?: string;
  readonly exitCode?: number;
  readonly signal?: number;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly restartCount: number;
  /** The container's `ready` and `started` (describe prints Ready; both are left out when false). */
  readonly ready?: true;
  readonly started?: true;
  /** What describe prints of the container's run (left out when empty). */
  readonly containerID?: string;
  readonly imageID?: string;
  /** lastState.terminated: why the previous run ended. */
  readonly last?: TerminationFacts;
}

export interface ConditionObservation {
  readonly type: string;
  readonly status: string;
  readonly lastTransitionTime?: string;
  readonly reason?: string;
  readonly message?: string;
}

export interface PodObservation {
  readonly rv: string;
  /** Canonical RFC 3339 (UTC, milliseconds). */
  readonly observedAt: string;
  /** Observed in a DELETED event: the final state. */
  readonly deleted?: true;
  readonly row: RowState;
  /** status.reason / status.message (Evicted, NodeLost, …). */
  readonly reason?: string;
  readonly message?: string;
  readonly conditions: readonly ConditionObservation[];
  /** initContainerStatuses, then containerStatuses, in the order served. */
  readonly containers: readonly ContainerObservation[];
  /** Status fields `kubectl describe pod` prints beyond the row (left out when all are empty). */
  readonly details?: PodDetails;
  /** Content addresses of the pod's describe card and extras (pod-card.ts), when recorded. */
  readonly card?: string;
  readonly extras?: string;
}

/**
 * Small describe-only fields that change a few times in a pod's life, kept in the observation:
 * repeated in consecutive observations they compress to almost nothing in the head and pages,
 * where a separate item would cost a write each time one changed. Times as served.
 */
export interface PodDetails {
  readonly hostIP?: string;
  /** status.podIP, only when it is not the row's IP (which is podIP, else podIPs[0]). */
  readonly podIP?: string;
  readonly startTime?: string;
  readonly qosClass?: string;
  readonly nominatedNodeName?: string;
  readonly deletionTimestamp?: string;
  readonly deletionGracePeriodSeconds?: number;
}

/** What is the same in every observation of one pod (taken from its first observation). */
export interface PodIdentity {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly createdAt?: string;
  readonly workload: WorkloadRef;
}

export interface ObservedPod {
  readonly identity: PodIdentity;
  readonly observation: PodObservation;
  /** The describe card and extras the observation's hashes name (pod-card.ts `observeDescribedPod`). */
  readonly parts?: {
    readonly card: { readonly hash: string; readonly body: JsonObject };
    readonly extras?: { readonly hash: string; readonly body: JsonObject };
  };
}

export function observePod(pod: unknown, deleted: boolean, observedAt: string): ObservedPod {
  const facts = derivePodStatus(pod);
  const metadata = obj(pod, 'metadata');
  const status = obj(pod, 'status');
  const createdAt = timestamp(metadata, 'creationTimestamp');
  const identity: PodIdentity = {
    namespace: facts.namespace,
    name: facts.name,
    uid: facts.uid,
    ...(createdAt === undefined ? {} : { createdAt }),
    workload: attributeWorkload(pod),
  };
  const lastRestartAt = facts.lastRestartAt === undefined ? undefined : iso(facts.lastRestartAt);
  const row: RowState = {
    ready: `${facts.readyContainers}/${facts.totalContainers}`,
    // Bounded like every kept text: a derived STATUS is a reason (CamelCase, short) from the API
    // server, but a webhook or a bug may send kilobytes, and it becomes an index key.
    status: truncate(facts.status),
    restarts: facts.restarts,
    ...(lastRestartAt === undefined ? {} : { lastRestartAt }),
    phase: truncate(str(status, 'phase')),
    node: facts.node === '<none>' ? '' : truncate(facts.node),
    ip: facts.ip === '<none>' ? '' : truncate(facts.ip),
  };
  const observation: PodObservation = {
    rv: str(metadata, 'resourceVersion'),
    observedAt,
    ...(deleted ? { deleted: true as const } : {}),
    row,
    ...text('reason', str(status, 'reason')),
    ...text('message', str(status, 'message')),
    conditions: arr(status, 'conditions').map(observeCondition),
    containers: [
      ...arr(status, 'initContainerStatuses').map((cs) => observeContainer(cs, true)),
      ...arr(status, 'containerStatuses').map((cs) => observeContainer(cs, false)),
    ],
    ...detailsOf(metadata, status, row.ip),
  };
  return { identity, observation };
}

function detailsOf(metadata: JsonObject, status: JsonObject, rowIp: string): { details?: PodDetails } {
  const podIP = str(status, 'podIP');
  const grace = metadata.deletionGracePeriodSeconds;
  const details = Object.fromEntries(
    Object.entries({
      hostIP: str(status, 'hostIP') || undefined,
      podIP: podIP === rowIp ? undefined : podIP,
      startTime: str(status, 'startTime') || undefined,
      qosClass: str(status, 'qosClass') || undefined,
      nominatedNodeName: str(status, 'nominatedNodeName') || undefined,
      deletionTimestamp: str(metadata, 'deletionTimestamp') || undefined,
      deletionGracePeriodSeconds: typeof grace === 'number' ? grace : undefined,
    }).filter(([, v]) => v !== undefined),
  ) as PodDetails;
  return Object.keys(details).length === 0 ? {} : { details };
}

function observeCondition(condition: unknown): ConditionObservation {
  return {
    type: truncate(str(condition, 'type')),
    status: truncate(str(condition, 'status')),
    ...optionalTime('lastTransitionTime', timestamp(condition, 'lastTransitionTime')),
    ...text('reason', str(condition, 'reason')),
    ...text('message', str(condition, 'message')),
  };
}

function observeContainer(cs: unknown, init: boolean): ContainerObservation {
  const state = obj(cs, 'state');
  const waiting = optObj(state, 'waiting');
  const running = optObj(state, 'running');
  const terminated = optObj(state, 'terminated');
  const lastTerminated = optObj(obj(cs, 'lastState'), 'terminated');
  const base = {
    name: str(cs, 'name'),
    init,
    restartCount: int(cs, 'restartCount'),
    ...(bool(cs, 'ready') ? { ready: true as const } : {}),
    ...(bool(cs, 'started') ? { started: true as const } : {}),
    ...(str(cs, 'containerID') === '' ? {} : { containerID: str(cs, 'containerID') }),
    ...(str(cs, 'imageID') === '' ? {} : { imageID: str(cs, 'imageID') }),
  };
  const last = lastTerminated === undefined ? {} : { last: termination(lastTerminated) };
  if (terminated !== undefined) {
    const facts = termination(terminated);
    const { reason, ...rest } = facts;
    return { ...base, state: 'terminated', ...text('reason', reason), ...rest, ...last };
  }
  if (running !== undefined) {
    return {
      ...base,
      state: 'running',
      ...optionalTime('startedAt', timestamp(running, 'startedAt')),
      ...last,
    };
  }
  if (waiting !== undefined) {
    return {
      ...base,
      state: 'waiting',
      ...text('reason', str(waiting, 'reason')),
      ...text('message', str(waiting, 'message')),
      ...last,
    };
  }
  return { ...base, state: '', ...last };
}

function termination(terminated: JsonObject): TerminationFacts {
  const signal = int(terminated, 'signal');
  return {
    reason: truncate(str(terminated, 'reason')),
    exitCode: int(terminated, 'exitCode'),
    ...(signal === 0 ? {} : { signal }),
    ...optionalTime('startedAt', timestamp(terminated, 'startedAt')),
    ...optionalTime('finishedAt', timestamp(terminated, 'finishedAt')),
    ...text('message', str(terminated, 'message')),
  };
}

export function truncate(value: string): string {
  return value.length <= TEXT_LIMIT ? value : `${value.slice(0, TEXT_LIMIT - 1)}…`;
}

function text<K extends string>(key: K, value: string): { [P in K]?: string } {
  return (value === '' ? {} : { [key]: truncate(value) }) as { [P in K]?: string };
}

function optionalTime<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

/** An object timestamp in canonical form; the Go zero time and garbage read as absent. */
function timestamp(parent: unknown, key: string): string | undefined {
  const raw = str(parent, key);
  if (raw === '' || raw.startsWith('0001-01-01')) return undefined;
  return canonicalTime(raw);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
