import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { Store } from './port.js';
import { listClusters, listRestarts, listStartups, listStatusEntered } from './read/index-readers.js';
import { findPods, getPodHistory, getTimeline, listLivePods, locatePod } from './read/pod-readers.js';
import { listPodsSeen } from './read/pods-seen-reader.js';
import type { ReadContext } from './read/read-heads.js';
import { DEFAULT_RETENTION_DAYS, DEFAULT_TABLE_NAME } from './schema/table-definition.js';
import { createDynamoTable } from './table/dynamodb-table.js';
import type { TableClient, TableMeter } from './table/table-client.js';
import { createHeadCache } from './write/head-cache.js';
import { type RegistryMarks, recordBatch } from './write/record-batch.js';

/**
 * podtrail's DynamoDB store. The key schema, documented here once (builders: keys.ts):
 *
 * | pk                                  | sk                                          | item
 * |-------------------------------------|---------------------------------------------|------------------------------------------
 * | P#<cluster>#<ns>#<name>             | <uid>#H                                     | pod head: version v, compressed body d =
 * |                                     |                                             |   aggregate (identity, first/last seen, last
 * |                                     |                                             |   row, end, startup marks, entries), tail,
 * |                                     |                                             |   inbox, pending derived items
 * | P#<cluster>#<ns>#<name>             | <uid>#R#! · <uid>#R#<obsKey>                | observation page (compressed d; pv = head
 * |                                     |                                             |   version it was written at; dead = removed)
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
 *   so one Query returns all of them, heads and pages; by uid alone, the live-pods item names it.
 * - obsKey / syncKey: event-order.ts `orderKey` (zero-padded decimal resourceVersion, else time).
 * - day: UTC `YYYY-MM-DD`; shardN: hash(uid) % N (keys.ts), so no per-cluster partition is hot.
 * - Patterns 4–6 keep one partition per cluster with time-ordered sort keys: a window is one key
 *   range, so a report reads exactly the records in it, for one cluster or (merged) for the fleet;
 *   writes spread over clusters, and no cluster writes restarts or statuses near a partition's limit.
 * - Every item carries the table's TTL attribute `x` (TABLE_DEFINITION.ttlAttribute, epoch seconds),
 *   counted from the event's own time + retention: pages, statuses entered, restarts and SYNC items
 *   from their event; heads, live pods, pods created and pods seen from the end of the pod's last
 *   (or that) UTC day; the registry entry from its 10-minute mark. Readers drop expired items. The
 *   one item that outlives retention on purpose is the list of cluster names (K / !clusters): it
 *   is tiny and fleet reads need every name ever registered to find their partitions. Derived items (L, S, X, E, U) carry the head version `v` that
 *   wrote them and are only written over older versions; removals are tombstones (`dead`).
 * - No GSI is used: every index above is a base-table partition, so reads can be strongly consistent
 *   where SYNC reconciliation needs it, and each write costs exactly its own item.
 * - Observations are laid out in pages cut where hash(uid, obsKey) % 4 = 0 — a pure function of the
 *   set of observations, so the layout converges too. The newest page (the tail) lives in the head.
 */
export interface StoreOptions {
  readonly table: TableClient;
  readonly retentionDays?: number;
  /** Wall clock, ms since the epoch: for expiry on reads and for stale events on writes. */
  readonly now?: () => number;
}

export function createStore(options: StoreOptions): Store {
  const now = options.now ?? (() => Date.now());
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  const ctx: ReadContext = { table: options.table, now };
  const marks: RegistryMarks = new Map();
  const listed = new Set<string>();
  const heads = createHeadCache();
  return {
    recordBatch: (batch) => recordBatch(options.table, { retentionDays, now, marks, listed, heads }, batch),
    getPodHistory: (q) => getPodHistory(ctx, q),
    findPods: (q) => findPods(ctx, q),
    locatePod: (q) => locatePod(ctx, q),
    getTimeline: (q) => getTimeline(ctx, q),
    listPodsSeen: (q) => listPodsSeen(ctx, q),
    listLivePods: (q) => listLivePods(ctx, q),
    listRestarts: (q) => listRestarts(ctx, q),
    listStatusEntered: (q) => listStatusEntered(ctx, q),
    listStartups: (q) => listStartups(ctx, q),
    listClusters: () => listClusters(ctx),
  };
}

export interface DynamoStoreOptions {
  /** Default: podtrail. */
  readonly tableName?: string;
  readonly retentionDays?: number;
  readonly now?: () => number;
  /** An existing client, or settings for a new one (endpoint for DynamoDB Local/dynalite). */
  readonly client?: DynamoDBClient;
  readonly clientConfig?: DynamoDBClientConfig;
}

export interface DynamoStore extends Store {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Requests and consumed capacity so far, as DynamoDB reported them. */
  readonly meter: TableMeter;
}

/** The store over DynamoDB: in Lambda `createDynamoStore({ tableName })` uses the default chain. */
export function createDynamoStore(options: DynamoStoreOptions = {}): DynamoStore {
  const client = options.client ?? new DynamoDBClient(options.clientConfig ?? {});
  const tableName = options.tableName ?? DEFAULT_TABLE_NAME;
  const table = createDynamoTable({ client, tableName });
  const store = createStore({
    table,
    ...(options.retentionDays === undefined ? {} : { retentionDays: options.retentionDays }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return { ...store, client, tableName, meter: table.meter };
}
