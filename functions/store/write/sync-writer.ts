import { orderKey } from '../../domain/event-order.js';
import type { PodAggregate } from '../../domain/pod-aggregate.js';
import { mergeSyncMarks, type SyncMark, type VanishRef } from '../../domain/sync-reconciliation.js';
import { decodeLive } from '../items/index-items.js';
import {
  chunkCount,
  chunkKey,
  decodeChunk,
  decodeSyncReport,
  encodeChunks,
  encodeSyncReport,
  syncReportKey,
} from '../items/sync-items.js';
import type { SyncReport } from '../port.js';
import { ATTR } from '../schema/attributes.js';
import { createOrIfVersionIs, ifExpiresLater, ifVersionIs } from '../schema/conditions.js';
import * as k from '../schema/keys.js';
import { expiresAt } from '../schema/retention.js';
import { inParallel } from '../table/in-parallel.js';
import { queryAll, StoreConflictError, type TableClient } from '../table/table-client.js';
import { applyToPod } from './pod-writer.js';
import type { WriteContext } from './write-context.js';

/**
 * SYNC handling (docs/wire-format.md). A SYNC is stored as a report (C#<cluster> / S#<key>) plus its uid
 * list, split by hash(uid) into chunks so one membership check reads one small item. Then every live
 * pod missing from the list and last seen before it gets the SYNC as its vanishing reference.
 * Because a pod event can arrive after the SYNC that should close it, every pod write that made the
 * pod live (wrote its live-pods item) ends with the converse check (checkSyncs); a pod that already
 * had that item is found by the SYNC's own scan. Both sides write first and look second, so at
 * least one of two racing writers sees the other.
 */

const MAX_ATTEMPTS = 10;
/** Pods reconciled at once; keeps a 10,000-pod SYNC from opening 10,000 requests. */
const PARALLEL = 16;

export async function processSync(
  table: TableClient,
  ctx: WriteContext,
  report: SyncReport,
): Promise<'accepted' | 'unchanged'> {
  const key = orderKey(report.resourceVersion, report.observedAt);
  const incoming: SyncMark = {
    key,
    resourceVersion: report.resourceVersion,
    observedAt: report.observedAt,
    ...(report.gapSince === null ? {} : { gapSince: report.gapSince }),
  };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const item = await table.get(syncReportKey(ctx.cluster, key), true);
    const stored = item === undefined ? undefined : decodeSyncReport(item);
    const mark = stored === undefined ? incoming : mergeSyncMarks(stored.mark, incoming);
    if (stored?.reconciled === true && sameMark(stored.mark, mark)) return 'unchanged';
    const chunks = stored?.chunks ?? chunkCount(report.uids.length);
    // The list of one resourceVersion is the same in every report of it; an earlier report's expiry
    // replaces a later one's, so the chunks converge too.
    const expires = expiresAt(report.observedAt, ctx.retentionDays);
    await Promise.all(
      encodeChunks(ctx.cluster, key, chunks, report.uids, expires).map((chunk) =>
        table.put(chunk, ifExpiresLater(expires)),
      ),
    );
    const version = (stored?.version ?? 0) + 1;
    const reportExpires = expiresAt(mark.observedAt, ctx.retentionDays);
    const written = await table.put(
      encodeSyncReport(ctx.cluster, { mark, chunks, version, reconciled: false }, reportExpires),
      createOrIfVersionIs(stored?.version),
    );
    if (written === 'condition-failed') continue;
    await reconcile(table, ctx, mark, new Set(report.uids));
    await table.put(
      encodeSyncReport(ctx.cluster, { mark, chunks, version: version + 1, reconciled: true }, reportExpires),
      ifVersionIs(version),
    );
    return 'accepted';
  }
  throw new StoreConflictError(`SYNC ${key}: too many concurrent writers, retry the batch`);
}

async function reconcile(table: TableClient, ctx: WriteContext, mark: SyncMark, listed: ReadonlySet<string>) {
  const candidates: k.PodKey[] = [];
  for (let shard = 0; shard < k.CLUSTER_SHARDS; shard++) {
    const live = await queryAll(table, { pk: k.livePk(ctx.cluster, shard), forward: true, consistent: true });
    for (const item of live) {
      const uid = String(item[ATTR.sk]);
      const pod = decodeLive(item);
      if (pod === undefined || item[ATTR.removed] === true || pod.gone || listed.has(uid)) continue;
      // Already vanished by an earlier SYNC: this one cannot be earlier.
      if (pod.vanishedBy !== undefined && pod.vanishedBy < mark.key) continue;
      candidates.push({ uid, namespace: pod.namespace, name: pod.name });
    }
  }
  const ref: VanishRef = { key: mark.key, observedAt: mark.observedAt };
  await inParallel(candidates, PARALLEL, (pod) => applyToPod(table, ctx, pod, { kind: 'vanish', ref }));
}

/**
 * After pods became live: a SYNC newer than a pod's last observation that does not list it makes
 * it vanish. Usually there is no such SYNC and this costs one small Query per batch with new pods.
 */
export async function checkSyncs(
  table: TableClient,
  ctx: WriteContext,
  pods: readonly { readonly agg: PodAggregate }[],
): Promise<void> {
  const open = pods.filter((p) => p.agg.deleted === undefined);
  if (open.length === 0) return;
  const from = open.map((p) => p.agg.lastKey).sort()[0] ?? '';
  const syncs = (
    await queryAll(table, {
      pk: k.clusterPk(ctx.cluster),
      from: k.syncSk(from),
      to: k.syncSk(k.KEY_MAX),
      forward: true,
      consistent: true,
    })
  ).map(decodeSyncReport);
  if (syncs.length === 0) return;

  const checks = open.map((pod) => ({
    pod,
    syncs: syncs.filter(({ mark }) => mark.key > pod.agg.lastKey && isEarlier(mark, pod.agg.vanish)),
  }));
  const chunkKeys = new Map<string, { pk: string; sk: string }>();
  for (const check of checks) {
    for (const { mark, chunks } of check.syncs) {
      const key = chunkKey(ctx.cluster, mark.key, check.pod.agg.identity.uid, chunks);
      chunkKeys.set(`${key.pk}|${key.sk}`, key);
    }
  }
  const chunkItemsRead = await table.batchGet([...chunkKeys.values()], true);
  const lists = new Map(
    chunkItemsRead.map((i) => [`${String(i[ATTR.pk])}|${String(i[ATTR.sk])}`, decodeChunk(i)]),
  );
  const vanishing: { pod: k.PodKey; ref: VanishRef }[] = [];
  for (const check of checks) {
    const excluding = check.syncs.find(({ mark, chunks }) => {
      const key = chunkKey(ctx.cluster, mark.key, check.pod.agg.identity.uid, chunks);
      return lists.get(`${key.pk}|${key.sk}`)?.has(check.pod.agg.identity.uid) === false;
    });
    if (excluding !== undefined) {
      const { uid, namespace, name } = check.pod.agg.identity;
      vanishing.push({
        pod: { uid, namespace, name },
        ref: { key: excluding.mark.key, observedAt: excluding.mark.observedAt },
      });
    }
  }
  await inParallel(vanishing, PARALLEL, ({ pod, ref }) =>
    applyToPod(table, ctx, pod, { kind: 'vanish', ref }),
  );
}

function isEarlier(mark: SyncMark, vanish: VanishRef | undefined): boolean {
  if (vanish === undefined) return true;
  return mark.key < vanish.key || (mark.key === vanish.key && mark.observedAt < vanish.observedAt);
}

function sameMark(a: SyncMark, b: SyncMark): boolean {
  return a.observedAt === b.observedAt && a.gapSince === b.gapSince;
}
