import { orderKey } from '../../domain/event-order.js';
import type { PodAggregate } from '../../domain/pod-aggregate.js';
import { mergeSyncMarks, type SyncMark, type VanishRef } from '../../domain/sync-reconciliation.js';
import type { DeriveContext } from '../items/index-items.js';
import type { SyncReport } from '../port.js';
import * as k from '../schema/keys.js';
import { expiresAt } from '../schema/retention.js';
import { inParallel } from '../table/in-parallel.js';
import { type Item, queryAll, type TableClient } from '../table/table-client.js';
import { applyToPod } from './pod-writer.js';

/**
 * SYNC handling (design.md §4–5). A SYNC is stored as a report (C#<cluster> / S#<key>) plus its uid
 * list, split by hash(uid) into chunks so one membership check reads one small item. Then every live
 * pod missing from the list and last seen before it gets the SYNC as its vanishing reference.
 * Because a pod event can arrive after the SYNC that should close it, every pod write that made the
 * pod live (wrote its live-pods item) ends with the converse check (checkSyncs); a pod that already
 * had that item is found by the SYNC's own scan. Both sides write first and look second, so at
 * least one of two racing writers sees the other.
 */

/** ~2,000 uids (≈ 75 KB) per chunk at most, and at least 16 chunks so a check reads little. */
export function chunkCount(uids: number): number {
  let chunks = 16;
  while (uids / chunks > 2000) chunks *= 2;
  return chunks;
}

const MAX_ATTEMPTS = 10;
/** Pods reconciled at once; keeps a 10,000-pod SYNC from opening 10,000 requests. */
const PARALLEL = 16;

export async function processSync(
  table: TableClient,
  ctx: DeriveContext,
  report: SyncReport,
): Promise<'accepted' | 'unchanged'> {
  const key = orderKey(report.resourceVersion, report.observedAt);
  const metaKey = { pk: k.clusterPk(ctx.cluster), sk: k.syncSk(key) };
  const incoming: SyncMark = {
    key,
    resourceVersion: report.resourceVersion,
    observedAt: report.observedAt,
    ...(report.gapSince === null ? {} : { gapSince: report.gapSince }),
  };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const meta = await table.get(metaKey, true);
    const stored = meta === undefined ? undefined : markOf(meta);
    const merged = stored === undefined ? incoming : mergeSyncMarks(stored, incoming);
    if (meta?.done === true && stored !== undefined && sameMark(stored, merged)) return 'unchanged';
    const chunks = meta === undefined ? chunkCount(report.uids.length) : Number(meta.k);
    // The list of one resourceVersion is the same in every report of it; an earlier report's expiry
    // replaces a later one's, so the chunks converge too.
    await Promise.all(
      chunkItems(ctx, key, chunks, report).map((chunk) =>
        table.put(chunk, { ifAbsent: true, attr: 'x', op: '>', value: Number(chunk.x) }),
      ),
    );
    const version = Number(meta?.v ?? 0) + 1;
    const item = metaItem(ctx, merged, chunks, version, false);
    const written = await table.put(
      item,
      meta === undefined
        ? { ifAbsent: true }
        : { ifAbsent: false, attr: 'v', op: '=', value: Number(meta.v) },
    );
    if (written === 'condition-failed') continue;
    await reconcile(table, ctx, merged, new Set(report.uids));
    await table.put(
      { ...item, done: true, v: version + 1 },
      { ifAbsent: false, attr: 'v', op: '=', value: version },
    );
    return 'accepted';
  }
  throw new Error(`SYNC ${key}: too many concurrent writers`);
}

async function reconcile(
  table: TableClient,
  ctx: DeriveContext,
  mark: SyncMark,
  listed: ReadonlySet<string>,
) {
  const candidates: k.PodKey[] = [];
  for (let shard = 0; shard < k.CLUSTER_SHARDS; shard++) {
    const live = await queryAll(table, { pk: k.livePk(ctx.cluster, shard), forward: true, consistent: true });
    for (const item of live) {
      if (item.dead === true || item.gone === true || listed.has(String(item.sk))) continue;
      // Already vanished by an earlier SYNC: this one cannot be earlier.
      if (typeof item.vr === 'string' && item.vr < mark.key) continue;
      candidates.push({ uid: String(item.sk), namespace: String(item.ns), name: String(item.n) });
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
  ctx: DeriveContext,
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
  ).map((item) => ({ mark: markOf(item), chunks: Number(item.k) }));
  if (syncs.length === 0) return;

  const checks = open.map((pod) => ({
    pod,
    syncs: syncs.filter(({ mark }) => mark.key > pod.agg.lastKey && isEarlier(mark, pod.agg.vanish)),
  }));
  const chunkKeys = new Map<string, { pk: string; sk: string }>();
  for (const check of checks) {
    for (const { mark, chunks } of check.syncs) {
      const key = chunkKey(ctx, mark.key, check.pod.agg.identity.uid, chunks);
      chunkKeys.set(`${key.pk}|${key.sk}`, key);
    }
  }
  const chunkItemsRead = await table.batchGet([...chunkKeys.values()], true);
  const lists = new Map(
    chunkItemsRead.map((i) => [`${String(i.pk)}|${String(i.sk)}`, new Set(i.u as string[])]),
  );
  const vanishing: { pod: k.PodKey; ref: VanishRef }[] = [];
  for (const check of checks) {
    const excluding = check.syncs.find(({ mark, chunks }) => {
      const key = chunkKey(ctx, mark.key, check.pod.agg.identity.uid, chunks);
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

function chunkKey(ctx: DeriveContext, syncKey: string, uid: string, chunks: number) {
  return { pk: k.chunkPk(ctx.cluster, syncKey), sk: String(k.shardOf(uid, chunks)).padStart(4, '0') };
}

function chunkItems(ctx: DeriveContext, syncKey: string, chunks: number, report: SyncReport): Item[] {
  const shards: string[][] = Array.from({ length: chunks }, () => []);
  for (const uid of new Set(report.uids)) shards[k.shardOf(uid, chunks)]?.push(uid);
  return shards.map((uids, shard) => ({
    pk: k.chunkPk(ctx.cluster, syncKey),
    sk: String(shard).padStart(4, '0'),
    x: expiresAt(report.observedAt, ctx.retentionDays),
    u: uids.sort(),
  }));
}

function metaItem(ctx: DeriveContext, mark: SyncMark, chunks: number, version: number, done: boolean): Item {
  return {
    pk: k.clusterPk(ctx.cluster),
    sk: k.syncSk(mark.key),
    x: expiresAt(mark.observedAt, ctx.retentionDays),
    rv: mark.resourceVersion,
    oa: mark.observedAt,
    gs: mark.gapSince,
    k: chunks,
    v: version,
    done,
  };
}

export function markOf(item: Item): SyncMark {
  return {
    key: String(item.sk).slice(2),
    resourceVersion: String(item.rv),
    observedAt: String(item.oa),
    ...(typeof item.gs === 'string' ? { gapSince: item.gs } : {}),
  };
}

function sameMark(a: SyncMark, b: SyncMark): boolean {
  return a.observedAt === b.observedAt && a.gapSince === b.gapSince;
}
