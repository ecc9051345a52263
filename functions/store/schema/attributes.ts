import { TABLE_DEFINITION } from './table-definition.js';

/**
 * Every attribute name the store writes, once, with what it holds. Names are one or two letters
 * because attribute names are stored (and billed) with every item. A letter means one thing per
 * item kind; the few letters two kinds use differently have a name per meaning below (`m`, `u`,
 * `v`), so code never spells a letter and the meaning is in the name.
 */
export const ATTR = {
  /** Partition and sort key (TABLE_DEFINITION). */
  pk: TABLE_DEFINITION.partitionKey,
  sk: TABLE_DEFINITION.sortKey,
  /** Expiry, epoch seconds: the table's TTL attribute (schema/retention.ts). */
  expires: TABLE_DEFINITION.ttlAttribute,

  /** Head: commit version (compare-and-swap). Derived items: the head version that wrote them. SYNC report and cluster list: their own write version. */
  version: 'v',
  /** Compressed JSON body (schema/body-codec.ts) of a head, a page, an event version or a describe part. */
  body: 'd',
  /** Page: the head version it was written at; only written over pages of an older one. */
  pageVersion: 'pv',
  /** Tombstone: the item was removed (a newer writer's removal must not be undone by an older one). */
  removed: 'dead',

  /** Index items: the pod they name. */
  uid: 'u',
  namespace: 'ns',
  name: 'n',
  cluster: 'c',
  workloadKind: 'wk',
  workloadName: 'w',
  /** Live pod: the key of the SYNC that found it gone (vanished). */
  vanishedBy: 'vr',
  /** Live pod: the pod was deleted (the item is kept: it maps a uid to its name). */
  gone: 'gone',
  /** Pod seen on a day: the first day the pod was seen at all. */
  firstDay: 'f',
  /** Pod created: its creationTimestamp. */
  createdAt: 'ca',
  /** Status entered: the STATUS, when, and at which resourceVersion. */
  status: 'st',
  at: 'at',
  resourceVersion: 'rv',

  /** Restart record (restart-ledger.ts RestartRecord). */
  container: 'ct',
  init: 'i',
  restartCount: 'rc',
  reason: 'r',
  exitCode: 'ec',
  signal: 'sg',
  startedAt: 'sa',
  finishedAt: 'fa',
  message: 'm',
  unobserved: 'uo',
  /** Restart record, SYNC report and event version: when the agent observed it (an event version keeps the earliest). */
  observedAt: 'oa',

  /** SYNC report: the gap the agent reported (since when), its uid chunk count, and "reconciled". */
  gapSince: 'gs',
  chunks: 'k',
  reconciled: 'done',
  /** SYNC uid chunk: the uids it lists. */
  chunkUids: 'u',

  /** Cluster registry entry: its mark (newest event minute#agent#version), minute, agent. */
  registryMark: 'm',
  lastEventAt: 'la',
  agentId: 'ai',
  agentVersion: 'av',
  /** The registry's list of every cluster name. */
  clusterNames: 'cs',
} as const;
