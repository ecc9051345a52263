import { type RecordedEvent, slimPodEvent } from '../../functions/domain/pod-event.js';
import type {
  EventBatch,
  EventWireEvent,
  PodEvent,
  SyncEvent,
  WireEvent,
} from '../../functions/domain/wire-format.js';

/**
 * Builders for wire-format v1 events: pods as the API serves them (metadata, spec, status), built
 * from a compact state, with resourceVersions from a cluster-wide counter as etcd would assign.
 * Times are seconds after T0.
 */
export const T0 = Date.parse('2026-11-23T10:00:00.000Z');
export const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();

type Json = Record<string, unknown>;

export interface PodMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly uid: string;
  /** Seconds after T0. */
  readonly createdAt: number;
  readonly owner?: { readonly kind: string; readonly name: string };
  readonly labels?: Readonly<Record<string, string>>;
  readonly containers?: readonly string[];
  /** Init containers; `sidecar` ones have restartPolicy Always. */
  readonly initContainers?: readonly { readonly name: string; readonly sidecar?: boolean }[];
}

export interface Termination {
  readonly reason?: string;
  readonly exitCode?: number;
  readonly signal?: number;
  readonly startedAt?: number;
  readonly finishedAt?: number;
  readonly message?: string;
}

export interface ContainerState {
  readonly name: string;
  readonly waiting?: string;
  readonly message?: string;
  /** startedAt, seconds after T0. */
  readonly running?: number;
  readonly terminated?: Termination;
  readonly ready?: boolean;
  readonly started?: boolean;
  readonly restarts?: number;
  readonly last?: Termination;
}

export interface PodState {
  readonly phase?: string;
  readonly node?: string;
  readonly ip?: string;
  /** type → [status, lastTransitionTime seconds]. */
  readonly conditions?: Readonly<Record<string, readonly [string, number]>>;
  readonly containers?: readonly ContainerState[];
  readonly initContainers?: readonly ContainerState[];
  /** deletionTimestamp, seconds after T0. */
  readonly deleting?: number;
  readonly reason?: string;
  readonly message?: string;
  /** Metadata that the ingest ignores (changes nothing recorded). */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A cluster-wide resourceVersion sequence. */
export function revisions(start = 1000): () => string {
  let next = start;
  return () => String(next++);
}

export function podObject(meta: PodMeta, state: PodState, resourceVersion: string): Json {
  const containers = meta.containers ?? ['app'];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: meta.name,
      namespace: meta.namespace ?? 'default',
      uid: meta.uid,
      resourceVersion,
      creationTimestamp: at(meta.createdAt).replace('.000Z', 'Z'),
      ...(meta.labels === undefined ? {} : { labels: meta.labels }),
      ...(state.annotations === undefined ? {} : { annotations: state.annotations }),
      ...(meta.owner === undefined
        ? {}
        : {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: meta.owner.kind,
                name: meta.owner.name,
                uid: `owner-${meta.owner.name}`,
                controller: true,
              },
            ],
          }),
      ...(state.deleting === undefined ? {} : { deletionTimestamp: at(state.deleting) }),
    },
    spec: {
      ...(state.node === undefined ? {} : { nodeName: state.node }),
      containers: containers.map((name) => ({ name, image: `registry.example/${name}:1.0` })),
      ...(meta.initContainers === undefined
        ? {}
        : {
            initContainers: meta.initContainers.map((c) => ({
              name: c.name,
              image: `registry.example/${c.name}:1.0`,
              ...(c.sidecar === true ? { restartPolicy: 'Always' } : {}),
            })),
          }),
    },
    status: {
      phase: state.phase ?? 'Pending',
      ...(state.reason === undefined ? {} : { reason: state.reason }),
      ...(state.message === undefined ? {} : { message: state.message }),
      ...(state.ip === undefined ? {} : { podIP: state.ip, podIPs: [{ ip: state.ip }] }),
      ...(state.conditions === undefined
        ? {}
        : {
            conditions: Object.entries(state.conditions).map(([type, [status, time]]) => ({
              type,
              status,
              lastTransitionTime: at(time).replace('.000Z', 'Z'),
            })),
          }),
      ...(state.initContainers === undefined
        ? {}
        : { initContainerStatuses: state.initContainers.map(containerStatus) }),
      ...(state.containers === undefined ? {} : { containerStatuses: state.containers.map(containerStatus) }),
    },
  };
}

function containerStatus(c: ContainerState): Json {
  let state: Json = {};
  if (c.waiting !== undefined)
    state = { waiting: { reason: c.waiting, ...(c.message === undefined ? {} : { message: c.message }) } };
  else if (c.running !== undefined) state = { running: { startedAt: at(c.running) } };
  else if (c.terminated !== undefined) state = { terminated: termination(c.terminated) };
  return {
    name: c.name,
    state,
    lastState: c.last === undefined ? {} : { terminated: termination(c.last) },
    ready: c.ready === true,
    started: c.started ?? c.running !== undefined,
    restartCount: c.restarts ?? 0,
    image: `registry.example/${c.name}:1.0`,
    imageID: '',
  };
}

function termination(t: Termination): Json {
  return {
    exitCode: t.exitCode ?? 0,
    ...(t.signal === undefined ? {} : { signal: t.signal }),
    ...(t.reason === undefined ? {} : { reason: t.reason }),
    ...(t.message === undefined ? {} : { message: t.message }),
    ...(t.startedAt === undefined ? {} : { startedAt: at(t.startedAt) }),
    ...(t.finishedAt === undefined ? {} : { finishedAt: at(t.finishedAt) }),
  };
}

export function podEvent(type: PodEvent['type'], seconds: number, pod: Json): PodEvent {
  return { type, observedAt: at(seconds), pod };
}

/** What a Kubernetes Event says about a pod; times in seconds after T0. */
export interface KubeEventParts {
  readonly uid: string;
  readonly pod: { readonly namespace?: string; readonly name: string; readonly uid?: string };
  readonly reason: string;
  readonly message?: string;
  readonly type?: 'Normal' | 'Warning';
  readonly component?: string;
  /** involvedObject.fieldPath, e.g. `spec.containers{app}`. */
  readonly fieldPath?: string;
  readonly first: number;
  readonly last?: number;
  readonly count?: number;
}

/** One version of a core/v1 Event about a pod, as the API serves it (managedFields and all). */
export function kubeEvent(parts: KubeEventParts, resourceVersion: string): Json {
  const namespace = parts.pod.namespace ?? 'default';
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${parts.pod.name}.${parts.uid.slice(0, 8)}`,
      namespace,
      uid: parts.uid,
      resourceVersion,
      creationTimestamp: at(parts.first).replace('.000Z', 'Z'),
      managedFields: [{ manager: 'kubelet', operation: 'Update', apiVersion: 'v1', time: at(parts.first) }],
    },
    involvedObject: {
      kind: 'Pod',
      namespace,
      name: parts.pod.name,
      ...(parts.pod.uid === undefined ? {} : { uid: parts.pod.uid }),
      ...(parts.fieldPath === undefined ? {} : { fieldPath: parts.fieldPath }),
      apiVersion: 'v1',
      resourceVersion: '1',
    },
    reason: parts.reason,
    message: parts.message ?? `${parts.reason} happened`,
    source: { component: parts.component ?? 'kubelet', host: 'node-1' },
    firstTimestamp: at(parts.first).replace('.000Z', 'Z'),
    lastTimestamp: at(parts.last ?? parts.first).replace('.000Z', 'Z'),
    count: parts.count ?? 1,
    type: parts.type ?? 'Normal',
    eventTime: null,
    reportingComponent: parts.component ?? 'kubelet',
    reportingInstance: 'node-1',
  };
}

/** The EVENT wire event of one version, observed a second after it was last seen. */
export function eventVersion(parts: KubeEventParts, resourceVersion: string): EventWireEvent {
  return {
    type: 'EVENT',
    observedAt: at((parts.last ?? parts.first) + 1),
    event: kubeEvent(parts, resourceVersion),
  };
}

/** An event as the store reads it back: every version given, slimmed, oldest first. */
export function recordedEvent(
  versions: readonly (KubeEventParts & { readonly rv: string })[],
): RecordedEvent {
  const first = versions[0];
  if (first === undefined) throw new Error('recordedEvent: give at least one version');
  return {
    uid: first.uid,
    versions: versions.map((v) => ({
      observedAt: at((v.last ?? v.first) + 1),
      event: slimPodEvent(kubeEvent(v, v.rv)),
    })),
  };
}

export function syncEvent(
  seconds: number,
  resourceVersion: string,
  uids: readonly string[],
  gapSince?: number,
): SyncEvent {
  return {
    type: 'SYNC',
    observedAt: at(seconds),
    resourceVersion,
    uids,
    gapSince: gapSince === undefined ? null : at(gapSince),
  };
}

export function batch(
  cluster: string,
  events: readonly WireEvent[],
  agentId = 'podtrail-agent-test',
): EventBatch {
  return { cluster, agent: { id: agentId, version: '0.1.0' }, events };
}

/** The project's one seeded PRNG (mulberry32), so every property run can be replayed from its seed. */
export { seededRandom as prng } from '../../simulator/random.js';

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
