import { dayOf } from '../../domain/event-order.js';

/**
 * Key builders for the key schema documented in dynamodb-store.ts — the only place that spells
 * keys, so the schema and the code cannot drift. `#` separates key parts; no part may contain it
 * (cluster names, namespaces, pod and container names are DNS names, uids are validated), except
 * STATUS values, which are escaped.
 */

/** Per-cluster partitions (pods seen per day, live pods). */
export const CLUSTER_SHARDS = 4;
/** Observations per page on average: a state starts a page when hash(uid, key) % 4 = 0. */
export const PAGE_SPREAD = 4;
/**
 * The head keeps the last two page segments: a segment is written out as a page only once the
 * observation that ends it is committed, and with two in the head that is already the case when a
 * new page-starting observation arrives in order, so closing costs no extra head write.
 */
export const TAIL_SEGMENTS = 2;
/** The first page of every pod: everything before its first page-starting observation. */
export const FIRST_PAGE = '!';

export const REGISTRY_PK = 'K';
/** The registry's list of every cluster name ever registered (sorts before any cluster name). */
export const CLUSTER_LIST_SK = '!clusters';

/** FNV-1a 32-bit: a stable, fast spread for shards and page boundaries (not for security). */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function shardOf(uid: string, shards: number): number {
  return fnv1a(uid) % shards;
}

export function startsPage(uid: string, observationKey: string): boolean {
  return fnv1a(`${uid}#${observationKey}`) % PAGE_SPREAD === 0;
}

/** Where a pod's items live: every incarnation of a name shares one partition, keyed by uid. */
export interface PodKey {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
}

export const podPk = (cluster: string, pod: { namespace: string; name: string }) =>
  `P#${cluster}#${pod.namespace}#${pod.name}`;
export const headSk = (uid: string) => `${uid}#H`;
export const pagePrefix = (uid: string) => `${uid}#R#`;
export const pageSk = (uid: string, startKey: string) => `${pagePrefix(uid)}${startKey}`;
export const isHeadSk = (sk: string) => sk.endsWith('#H');

export const LIVE_PREFIX = 'L#';
export const livePk = (cluster: string, shard: number) => `${LIVE_PREFIX}${cluster}#${shard}`;
export const seenPk = (cluster: string, day: string, shard: number) => `S#${cluster}#${day}#${shard}`;
export const seenSk = (namespace: string, uid: string) => `${namespace}#${uid}`;
export const startupPk = (cluster: string) => `U#${cluster}`;
export const startupSk = (createdAt: string, uid: string) => `${createdAt}#${uid}`;
export const statusPk = (cluster: string, status: string) => `E#${cluster}#${escapeStatus(status)}`;
export const statusSk = (at: string, uid: string, key: string) => `${at}#${uid}#${key}`;
export const restartPk = (cluster: string) => `X#${cluster}`;
export const restartSk = (at: string, uid: string, init: boolean, container: string, count: number) =>
  `${at}#${uid}#${init ? 'i' : 'c'}#${container}#${String(count).padStart(10, '0')}`;

export const clusterPk = (cluster: string) => `C#${cluster}`;
export const syncSk = (syncKey: string) => `S#${syncKey}`;
export const chunkPk = (cluster: string, syncKey: string) => `Y#${cluster}#${syncKey}`;

export function escapeStatus(status: string): string {
  return status.replaceAll('%', '%25').replaceAll('#', '%23');
}

export { dayOf };

/** The largest sort-key character, to bound ranges from above. */
export const KEY_MAX = '\uffff';

/** The sort-key range of a cluster's SYNC reports (C#<cluster>). */
export const SYNC_RANGE = { from: syncSk(''), to: syncSk(KEY_MAX) } as const;
