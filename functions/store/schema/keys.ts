import { createHash } from 'node:crypto';
import { dayOf } from '../../domain/event-order.js';

/**
 * The key schema of podtrail's one DynamoDB table, documented here once; every key is built and
 * parsed in this module and nowhere else (attribute names: attributes.ts).
 *
 * | pk                                  | sk                                          | item
 * |-------------------------------------|---------------------------------------------|------------------------------------------
 * | P#<cluster>#<ns>#<name>             | <uid>#H                                     | pod head: version v, compressed body d =
 * |                                     |                                             |   aggregate (identity, first/last seen, last
 * |                                     |                                             |   row, end, startup marks, entries), tail,
 * |                                     |                                             |   inbox, pending derived items
 * | P#<cluster>#<ns>#<name>             | <uid>#R#! · <uid>#R#<obsKey>                | observation page (compressed d; pv = head
 * |                                     |                                             |   version it was written at; dead = removed)
 * | P#<cluster>#<ns>#<name>             | <uid>#C#<hash> · <uid>#D#<hash>             | describe card · extras, content-addressed
 * |                                     |                                             |   (compressed d; hash = SHA-256 of the body,
 * |                                     |                                             |   48 bits; observations name theirs)
 * |                                     |                                             |                                (pattern 8)
 * | P#<cluster>#<ns>#<name>             | <uid|~>#V#<eventUid>#<rv>                   | one version of a pod Event (compressed d;
 * |                                     |                                             |   oa = earliest observedAt); ~ = the event
 * |                                     |                                             |   named no pod uid       (patterns 7, 8)
 * | L#<cluster>#<shard4>                | <uid>                                       | live pod; vr = vanishing SYNC; gone = the pod
 * |                                     |                                             |   was deleted (kept: maps uid → ns/name)
 * |                                     |                                             |                                (pattern 3)
 * | S#<cluster>#<day>#<shard4>          | <ns>#<uid>                                  | pod seen on that day           (pattern 2)
 * | X#<cluster>                         | <at>#<uid>#<c|i>#<ctr>#<count10>            | restart record                 (pattern 4)
 * | E#<cluster>#<status>                | <at>#<uid>#<obsKey>                         | pod entered STATUS             (pattern 5)
 * | U#<cluster>                         | <createdAt>#<uid>                           | pod created                    (pattern 6)
 * | C#<cluster>                         | S#<syncKey>                                 | SYNC report: rv, oa, gs (gapSince), k chunks
 * | Y#<cluster>#<syncKey>               | <chunk 0000…>                               | uids listed by that SYNC, hash(uid) % k
 * | K                                   | <cluster>                                   | cluster registry (newest event, its agent)
 * | K                                   | !clusters                                   | every cluster name registered (cs), for
 * |                                     |                                             |   fleet-wide reads; names are only added
 *
 * - Pattern 1 (a pod by cluster/namespace/name): every incarnation of a name shares its partition,
 *   so one Query returns all of them, heads, pages and events; by uid alone, the live-pods item
 *   names it. Events are keyed by the pod uid they name, so they are kept before the pod is known;
 *   an event naming no uid (`~`) is attached when read, to the incarnation live at its time.
 * - Pattern 8 (describe a pod as of a moment) is pattern 1's Query: the observation at the moment
 *   names its card and extras by hash, and they live beside it. A card is written once per
 *   incarnation and again only when it changes (or on a later UTC day, to extend its expiry):
 *   its cost is per change, not per transition.
 * - Pattern 7 by window (`podtrail events`) reads the pods seen in the window (pattern 2) and each
 *   one's events: no index item per event, so an event version costs exactly one write.
 * - obsKey / syncKey: domain/event-order.ts `orderKey` (zero-padded decimal resourceVersion, else time).
 * - day: UTC `YYYY-MM-DD`; shardN: hash(uid) % N (below), so no per-cluster partition is hot.
 * - Patterns 4–6 keep one partition per cluster with time-ordered sort keys: a window is one key
 *   range, so a report reads exactly the records in it, for one cluster or (merged) for the fleet;
 *   writes spread over clusters, and no cluster writes restarts or statuses near a partition's limit.
 * - Every item carries the table's TTL attribute `x` (TABLE_DEFINITION.ttlAttribute, epoch seconds),
 *   counted from the event's own time + retention: pages, statuses entered, restarts and SYNC items
 *   from their event; heads, live pods, pods created and pods seen from the end of the pod's last
 *   (or that) UTC day; the registry entry from its event. Readers drop expired items. The
 *   one item that outlives retention on purpose is the list of cluster names (K / !clusters): it
 *   is tiny and fleet reads need every name ever registered to find their partitions. Derived items (L, S, X, E, U) carry the head version `v` that
 *   wrote them and are only written over older versions; removals are tombstones (`dead`);
 *   write conditions are named in conditions.ts.
 * - No GSI is used: every index above is a base-table partition, so reads can be strongly consistent
 *   where SYNC reconciliation needs it, and each write costs exactly its own item.
 * - Observations are laid out in pages cut where hash(uid, obsKey) % 4 = 0 — a pure function of the
 *   set of observations, so the layout converges too. The newest page (the tail) lives in the head.
 */
/*
 * `#` separates key parts; no part may contain it (cluster names, namespaces, pod and container
 * names are DNS names, uids are validated), except STATUS values, which are escaped.
 */

/** Per-cluster partitions (pods seen per day, live pods). */
export const CLUSTER_SHARDS = 4;
/** Observations per page on average: a state starts a page when hash(uid, key) % 4 = 0. */
export const PAGE_SPREAD = 4;
/**
 * A segment (a page, or a part of the head's tail) also ends before the observation that would take
 * it past this many bytes of JSON: a pod's observations are at most 64 KiB each (the ingest's
 * bound), so pages and the head stay far below DynamoDB's 400 KB item limit.
 */
export const SEGMENT_LIMIT_BYTES = 64 * 1024;
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
const PAGE_MARK = '#R#';
const EVENT_MARK = '#V#';
const CARD_MARK = '#C#';
const EXTRAS_MARK = '#D#';
/** Stands for the pod uid of an event that names none (uids never start with `~`). */
export const NO_POD_UID = '~';
export const pagePrefix = (uid: string) => `${uid}${PAGE_MARK}`;
export const pageSk = (uid: string, startKey: string) => `${pagePrefix(uid)}${startKey}`;

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

/**
 * A STATUS's key form: `%` and `#` escaped; one whose escaped form exceeds STATUS_KEY_BYTES (UTF-8)
 * is cut at a character boundary and ends with `%h` and a hash of the whole value — a form no escaped
 * value has (`%` is always followed by 25 or 23), and the same for the same input, so writes converge
 * and every key stays far below DynamoDB's limits (2,048 bytes a partition key).
 */
export const STATUS_KEY_BYTES = 256;

export function escapeStatus(status: string): string {
  const escaped = status.replaceAll('%', '%25').replaceAll('#', '%23');
  if (escaped.length <= STATUS_KEY_BYTES / 3 || Buffer.byteLength(escaped) <= STATUS_KEY_BYTES)
    return escaped;
  const hash = createHash('sha256').update(status).digest('hex').slice(0, 16);
  const budget = STATUS_KEY_BYTES - 2 - hash.length;
  let cut = '';
  let bytes = 0;
  for (const char of escaped) {
    const size = Buffer.byteLength(char);
    if (bytes + size > budget) break;
    cut += char;
    bytes += size;
  }
  // Never end inside an escape (`%2`), so the cut form is itself well-formed.
  return `${cut.replace(/%2?$/, '')}%h${hash}`;
}

export { dayOf };

/** The largest sort-key character, to bound ranges from above. */
export const KEY_MAX = '\uffff';

/** The sort-key range of a cluster's SYNC reports (C#<cluster>). */
export const SYNC_RANGE = { from: syncSk(''), to: syncSk(KEY_MAX) } as const;

/** The sort-key range of one incarnation's items in its name partition (head and pages). */
export const incarnationRange = (uid: string) => ({ from: `${uid}#`, to: `${uid}#${KEY_MAX}` }) as const;
/** The sort-key range of one incarnation's pages. */
export const pageRange = (uid: string) =>
  ({ from: pagePrefix(uid), to: `${pagePrefix(uid)}${KEY_MAX}` }) as const;

/** The uid an item of a name partition belongs to (`<uid>#H`, `<uid>#R#…`). */
export function uidOfPodSk(sk: string): string {
  return sk.slice(0, sk.indexOf('#'));
}

export function isPageSk(sk: string): boolean {
  return sk.includes(PAGE_MARK);
}

/** A page's start: FIRST_PAGE or the order key of its first observation. */
export function pageStartOf(sk: string): string {
  return sk.slice(sk.indexOf(PAGE_MARK) + PAGE_MARK.length);
}

export function isLivePk(pk: string): boolean {
  return pk.startsWith(LIVE_PREFIX);
}

/** The day of a pods-seen partition (S#<cluster>#<day>#<shard>). */
export function seenDayOf(pk: string): string {
  return pk.split('#')[2] ?? '';
}

/** The SYNC key of a report's sort key (S#<syncKey>). */
export function syncKeyOf(sk: string): string {
  return sk.slice(syncSk('').length);
}

/** A SYNC uid chunk's sort key: its shard, zero-padded so chunks sort numerically. */
export const chunkSk = (shard: number) => String(shard).padStart(4, '0');

/** One version of a pod Event: under the pod uid it names (or NO_POD_UID), by event uid and rv. */
export const eventSk = (podUid: string, eventUid: string, resourceVersion: string) =>
  `${podUid}${EVENT_MARK}${eventUid}#${resourceVersion}`;
/** The sort-key range of the events filed under one pod uid (or NO_POD_UID). */
export const eventRange = (podUid: string) =>
  ({ from: `${podUid}${EVENT_MARK}`, to: `${podUid}${EVENT_MARK}${KEY_MAX}` }) as const;

export function isEventSk(sk: string): boolean {
  return sk.includes(EVENT_MARK);
}

/** The two content-addressed describe parts of an incarnation (domain/pod-card.ts). */
export type DescribePartKind = 'card' | 'extras';

/** A describe card or extras item: under its pod uid, by content hash. */
export const describePartSk = (uid: string, kind: DescribePartKind, hash: string) =>
  `${uid}${kind === 'card' ? CARD_MARK : EXTRAS_MARK}${hash}`;

/** The kind and hash of a describe part's sort key, or undefined for any other item. */
export function parseDescribePartSk(sk: string): { kind: DescribePartKind; hash: string } | undefined {
  for (const [mark, kind] of [
    [CARD_MARK, 'card'],
    [EXTRAS_MARK, 'extras'],
  ] as const) {
    const at = sk.indexOf(mark);
    if (at >= 0) return { kind, hash: sk.slice(at + mark.length) };
  }
  return undefined;
}
