import type { SyncMark } from '../../domain/sync-reconciliation.js';
import { ATTR } from '../schema/attributes.js';
import * as k from '../schema/keys.js';
import type { Item, ItemKey } from '../table/table-client.js';

/**
 * A SYNC is stored as a report (C#<cluster> / S#<syncKey>) plus its uid list, split by hash(uid)
 * into chunks (Y#<cluster>#<syncKey> / <shard>) so that one membership check reads one small item.
 */

/** ~2,000 uids (≈ 75 KB) per chunk at most, and at least 16 chunks so a check reads little. */
export function chunkCount(uids: number): number {
  let chunks = 16;
  while (uids / chunks > 2000) chunks *= 2;
  return chunks;
}

export function syncReportKey(cluster: string, syncKey: string): ItemKey {
  return { pk: k.clusterPk(cluster), sk: k.syncSk(syncKey) };
}

export interface SyncReportState {
  readonly mark: SyncMark;
  readonly chunks: number;
  readonly version: number;
  /** Every pod it closes has been closed. */
  readonly reconciled: boolean;
}

export function encodeSyncReport(cluster: string, report: SyncReportState, expires: number): Item {
  const { mark } = report;
  return {
    [ATTR.pk]: k.clusterPk(cluster),
    [ATTR.sk]: k.syncSk(mark.key),
    [ATTR.expires]: expires,
    [ATTR.resourceVersion]: mark.resourceVersion,
    [ATTR.observedAt]: mark.observedAt,
    [ATTR.gapSince]: mark.gapSince,
    [ATTR.chunks]: report.chunks,
    [ATTR.version]: report.version,
    [ATTR.reconciled]: report.reconciled,
  };
}

export function decodeSyncReport(item: Item): SyncReportState {
  return {
    mark: markOf(item),
    chunks: Number(item[ATTR.chunks]),
    version: Number(item[ATTR.version] ?? 0),
    reconciled: item[ATTR.reconciled] === true,
  };
}

/** The SYNC a report item records (also read for gaps on timelines and cluster summaries). */
export function markOf(item: Item): SyncMark {
  const gapSince = item[ATTR.gapSince];
  return {
    key: k.syncKeyOf(String(item[ATTR.sk])),
    resourceVersion: String(item[ATTR.resourceVersion]),
    observedAt: String(item[ATTR.observedAt]),
    ...(typeof gapSince === 'string' ? { gapSince } : {}),
  };
}

export function hasGap(item: Item): boolean {
  return typeof item[ATTR.gapSince] === 'string';
}

/** The chunk that lists `uid` if the SYNC listed it. */
export function chunkKey(cluster: string, syncKey: string, uid: string, chunks: number): ItemKey {
  return { pk: k.chunkPk(cluster, syncKey), sk: k.chunkSk(k.shardOf(uid, chunks)) };
}

export function encodeChunks(
  cluster: string,
  syncKey: string,
  chunks: number,
  uids: readonly string[],
  expires: number,
): Item[] {
  const shards: string[][] = Array.from({ length: chunks }, () => []);
  for (const uid of new Set(uids)) shards[k.shardOf(uid, chunks)]?.push(uid);
  return shards.map((listed, shard) => ({
    [ATTR.pk]: k.chunkPk(cluster, syncKey),
    [ATTR.sk]: k.chunkSk(shard),
    [ATTR.expires]: expires,
    [ATTR.chunkUids]: listed.sort(),
  }));
}

export function decodeChunk(item: Item): ReadonlySet<string> {
  const uids = item[ATTR.chunkUids];
  return new Set(Array.isArray(uids) ? uids.map(String) : []);
}
