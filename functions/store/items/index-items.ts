import type { RestartRecord, StatusEntered } from '../../domain/model.js';
import type { PodIdentity } from '../../domain/observation.js';
import { restartTime } from '../../domain/restart-ledger.js';
import { ATTR } from '../schema/attributes.js';
import * as k from '../schema/keys.js';
import type { Item } from '../table/table-client.js';

/**
 * The index items a pod's state implies (key schema: schema/keys.ts), each kind's encoder beside
 * its decoder. Encoders take the expiry computed by the plan (pod/plan-effects.ts) and keep their
 * attribute order: derived items also travel in the head's `pending` list, whose JSON is stored.
 */

/** Every index item names its pod: the uid, and where its items live. */
export type PodRef = { readonly cluster: string } & k.PodKey;

export function podRefOf(cluster: string, item: Item): PodRef {
  return {
    cluster,
    uid: String(item[ATTR.uid]),
    namespace: String(item[ATTR.namespace]),
    name: String(item[ATTR.name]),
  };
}

/** Live pod (pattern 3): kept, marked gone, once the pod is deleted; it also maps the uid to its name. */
export function encodeLive(
  cluster: string,
  identity: PodIdentity,
  expires: number,
  end: { readonly gone: true } | { readonly vanishedBy: string | undefined },
): Item {
  return withoutUndefined({
    [ATTR.pk]: k.livePk(cluster, k.shardOf(identity.uid, k.CLUSTER_SHARDS)),
    [ATTR.sk]: identity.uid,
    [ATTR.expires]: expires,
    [ATTR.uid]: identity.uid,
    [ATTR.namespace]: identity.namespace,
    [ATTR.name]: identity.name,
    ...('gone' in end ? { [ATTR.gone]: true } : { [ATTR.vanishedBy]: end.vanishedBy }),
  });
}

export interface LivePod {
  readonly namespace: string;
  readonly name: string;
  readonly gone: boolean;
  /** The key of the SYNC that found it gone while unwatched. */
  readonly vanishedBy?: string;
}

export function decodeLive(item: Item): LivePod | undefined {
  const namespace = item[ATTR.namespace];
  const name = item[ATTR.name];
  if (typeof namespace !== 'string' || typeof name !== 'string') return undefined;
  const vanishedBy = item[ATTR.vanishedBy];
  return {
    namespace,
    name,
    gone: item[ATTR.gone] === true,
    ...(typeof vanishedBy === 'string' ? { vanishedBy } : {}),
  };
}

/**
 * A live-pods write for a pod not deleted: writing one may make the pod live again after a SYNC
 * that should close it, so its writer checks the SYNCs (write/sync-writer.ts checkSyncs).
 */
export function isLiveWrite(item: Item): boolean {
  return k.isLivePk(String(item[ATTR.pk])) && item[ATTR.removed] !== true && item[ATTR.gone] !== true;
}

/** A live-pods item, read, of a pod still live: not removed, gone or vanished (expiry aside). */
export function isLiveRecord(item: Item): boolean {
  return item[ATTR.removed] !== true && item[ATTR.gone] !== true && item[ATTR.vanishedBy] === undefined;
}

/** Pod seen on a UTC day (pattern 2), with the first day it was seen at all. */
export function encodeSeen(
  cluster: string,
  identity: PodIdentity,
  day: string,
  firstDay: string,
  expires: number,
): Item {
  return withoutUndefined({
    [ATTR.pk]: k.seenPk(cluster, day, k.shardOf(identity.uid, k.CLUSTER_SHARDS)),
    [ATTR.sk]: k.seenSk(identity.namespace, identity.uid),
    [ATTR.expires]: expires,
    [ATTR.uid]: identity.uid,
    [ATTR.namespace]: identity.namespace,
    [ATTR.name]: identity.name,
    [ATTR.workloadKind]: identity.workload.kind,
    [ATTR.workloadName]: identity.workload.name,
    [ATTR.firstDay]: firstDay,
  });
}

export function decodeSeen(item: Item): {
  day: string;
  firstDay: string;
  workload: { kind: string; name: string };
} {
  return {
    day: k.seenDayOf(String(item[ATTR.pk])),
    firstDay: String(item[ATTR.firstDay]),
    workload: workloadOf(item),
  };
}

/** Pod created (pattern 6), by creation time. */
export function encodeCreated(
  cluster: string,
  identity: PodIdentity & { createdAt: string },
  expires: number,
): Item {
  return withoutUndefined({
    [ATTR.pk]: k.startupPk(cluster),
    [ATTR.sk]: k.startupSk(identity.createdAt, identity.uid),
    [ATTR.expires]: expires,
    [ATTR.cluster]: cluster,
    [ATTR.uid]: identity.uid,
    [ATTR.namespace]: identity.namespace,
    [ATTR.name]: identity.name,
    [ATTR.workloadKind]: identity.workload.kind,
    [ATTR.workloadName]: identity.workload.name,
    [ATTR.createdAt]: identity.createdAt,
  });
}

export function decodeCreated(item: Item): {
  ref: PodRef;
  namespace: string;
  workload: { kind: string; name: string };
} {
  return {
    ref: podRefOf(String(item[ATTR.cluster]), item),
    namespace: String(item[ATTR.namespace]),
    workload: workloadOf(item),
  };
}

/** Pod entered a (non-routine) STATUS (pattern 5); `key`: the observation's order key. */
export function encodeStatusEntered(e: StatusEntered, key: string, expires: number): Item {
  return withoutUndefined({
    [ATTR.pk]: k.statusPk(e.cluster, e.status),
    [ATTR.sk]: k.statusSk(e.at, e.uid, key),
    [ATTR.expires]: expires,
    ...encodeSubject(e),
    [ATTR.status]: e.status,
    [ATTR.at]: e.at,
    [ATTR.resourceVersion]: e.resourceVersion,
  });
}

export function decodeStatusEntered(item: Item): StatusEntered {
  return {
    ...decodeSubject(item),
    status: String(item[ATTR.status]),
    at: String(item[ATTR.at]),
    resourceVersion: String(item[ATTR.resourceVersion]),
  };
}

/** One container restart (pattern 4), by when it happened. */
export function encodeRestart(r: RestartRecord, expires: number): Item {
  return withoutUndefined({
    [ATTR.pk]: k.restartPk(r.cluster),
    [ATTR.sk]: k.restartSk(restartTime(r), r.uid, r.init, r.container, r.restartCount),
    [ATTR.expires]: expires,
    ...encodeSubject(r),
    [ATTR.container]: r.container,
    [ATTR.init]: r.init,
    [ATTR.restartCount]: r.restartCount,
    [ATTR.reason]: r.reason,
    [ATTR.exitCode]: r.exitCode,
    [ATTR.signal]: r.signal,
    [ATTR.startedAt]: r.startedAt,
    [ATTR.finishedAt]: r.finishedAt,
    [ATTR.message]: r.message,
    [ATTR.observedAt]: r.observedAt,
    [ATTR.unobserved]: r.unobserved,
  });
}

export function decodeRestart(item: Item): RestartRecord {
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const optional = {
    exitCode: num(item[ATTR.exitCode]),
    signal: num(item[ATTR.signal]),
    startedAt: text(item[ATTR.startedAt]),
    finishedAt: text(item[ATTR.finishedAt]),
    message: text(item[ATTR.message]),
  };
  return {
    ...decodeSubject(item),
    container: String(item[ATTR.container]),
    init: item[ATTR.init] === true,
    restartCount: Number(item[ATTR.restartCount]),
    reason: String(item[ATTR.reason] ?? ''),
    ...(Object.fromEntries(
      Object.entries(optional).filter(([, v]) => v !== undefined),
    ) as Partial<RestartRecord>),
    observedAt: String(item[ATTR.observedAt]),
    unobserved: Number(item[ATTR.unobserved] ?? 0),
  };
}

/** The tombstone of an index item a newer state no longer implies. */
export function encodeRemoved(item: Item): Item {
  return {
    [ATTR.pk]: item[ATTR.pk],
    [ATTR.sk]: item[ATTR.sk],
    [ATTR.expires]: item[ATTR.expires],
    [ATTR.removed]: true,
  };
}

/** Identity of an item within the table, for diffs and lookups. */
export function itemId(item: Item): string {
  return `${String(item[ATTR.pk])}\u0000${String(item[ATTR.sk])}`;
}

/** The pod a report record is about, in the order status and restart items have always stored it. */
type Subject = Pick<StatusEntered, 'cluster' | 'namespace' | 'name' | 'uid' | 'workload'>;

function encodeSubject(s: Subject): Record<string, string> {
  return {
    [ATTR.cluster]: s.cluster,
    [ATTR.namespace]: s.namespace,
    [ATTR.name]: s.name,
    [ATTR.uid]: s.uid,
    [ATTR.workloadKind]: s.workload.kind,
    [ATTR.workloadName]: s.workload.name,
  };
}

function decodeSubject(item: Item): Subject {
  return {
    cluster: String(item[ATTR.cluster]),
    namespace: String(item[ATTR.namespace]),
    name: String(item[ATTR.name]),
    uid: String(item[ATTR.uid]),
    workload: workloadOf(item),
  };
}

function workloadOf(item: Item): { kind: string; name: string } {
  return { kind: String(item[ATTR.workloadKind]), name: String(item[ATTR.workloadName]) };
}

function withoutUndefined(item: Record<string, Item[string]>): Item {
  return Object.fromEntries(Object.entries(item).filter(([, v]) => v !== undefined)) as Item;
}
