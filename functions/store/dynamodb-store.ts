import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { Store } from './port.js';
import { describePod } from './read/describe-reader.js';
import { listPodEvents, podEvents } from './read/event-readers.js';
import { listClusters, listRestarts, listStartups, listStatusEntered } from './read/index-readers.js';
import { findPods, getPodHistory, getTimeline, listLivePods, locatePod } from './read/pod-readers.js';
import { listPodsSeen } from './read/pods-seen-reader.js';
import type { ReadContext } from './read/read-heads.js';
import { DEFAULT_RETENTION_DAYS, DEFAULT_TABLE_NAME } from './schema/table-definition.js';
import { createDynamoTable } from './table/dynamodb-table.js';
import type { TableClient, TableMeter } from './table/table-client.js';
import { createHeadCache } from './write/head-cache.js';
import { recordBatch } from './write/record-batch.js';

/**
 * podtrail's DynamoDB store: the composition root. The key schema is documented once, in
 * schema/keys.ts; the layers below it are described in docs/architecture.md.
 */
export interface StoreOptions {
  readonly table: TableClient;
  readonly retentionDays?: number;
  /** Wall clock, ms since the epoch: for expiry on reads and for stale events on writes. */
  readonly now?: () => number;
  /** Waiting and randomness for backing off from write conflicts; default: timers, Math.random. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  /** How often at most a cluster's registry entry is written; default one minute (benchmarks compare). */
  readonly registryIntervalMs?: number;
}

export function createStore(options: StoreOptions): Store {
  const now = options.now ?? (() => Date.now());
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  const ctx: ReadContext = { table: options.table, now };
  const writer = {
    retentionDays,
    now,
    marks: new Map<string, string>(),
    listed: new Set<string>(),
    heads: createHeadCache(),
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    ...(options.registryIntervalMs === undefined ? {} : { registryIntervalMs: options.registryIntervalMs }),
  };
  return {
    recordBatch: (batch) => recordBatch(options.table, writer, batch),
    getPodHistory: (q) => getPodHistory(ctx, q),
    findPods: (q) => findPods(ctx, q),
    locatePod: (q) => locatePod(ctx, q),
    getTimeline: (q) => getTimeline(ctx, q),
    listPodsSeen: (q) => listPodsSeen(ctx, q),
    listLivePods: (q) => listLivePods(ctx, q),
    listRestarts: (q) => listRestarts(ctx, q),
    listStatusEntered: (q) => listStatusEntered(ctx, q),
    listStartups: (q) => listStartups(ctx, q),
    listPodEvents: (q) => listPodEvents(ctx, q),
    podEvents: (q) => podEvents(ctx, q),
    describePod: (q) => describePod(ctx, q),
    listClusters: () => listClusters(ctx),
  };
}

export interface DynamoStoreOptions {
  /** Default: podtrail. */
  readonly tableName?: string;
  readonly retentionDays?: number;
  readonly now?: () => number;
  /** See StoreOptions.registryIntervalMs. */
  readonly registryIntervalMs?: number;
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
    ...(options.registryIntervalMs === undefined ? {} : { registryIntervalMs: options.registryIntervalMs }),
  });
  return { ...store, client, tableName, meter: table.meter };
}
