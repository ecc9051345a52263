import type { PodSummary } from '../../domain/model.js';
import { type PodAggregate, summarize } from '../../domain/pod-aggregate.js';
import type { PodRef } from '../items/index-items.js';
import { decodeHead, type HeadState } from '../items/pod-items.js';
import { ATTR } from '../schema/attributes.js';
import { headSk, type PodKey, podPk } from '../schema/keys.js';
import { isExpired } from '../schema/retention.js';
import { type Item, queryAll, type TableClient } from '../table/table-client.js';

/** Reads context shared by the readers: the table, and `now` for dropping expired items. */
export interface ReadContext {
  readonly table: TableClient;
  readonly now: () => number;
}

export interface Stats {
  requests: number;
  itemsRead: number;
}

/** Every item of a partition (or of a sort-key range of it), eventually consistent. */
export function readPartition(
  ctx: ReadContext,
  pk: string,
  range?: { from: string; to: string },
  stats?: Stats,
): Promise<Item[]> {
  return queryAll(ctx.table, { pk, forward: true, consistent: false, ...range }, stats);
}

/** The heads of some pods of one cluster (eventually consistent; expired ones dropped). */
export async function readHeads(
  ctx: ReadContext,
  cluster: string,
  pods: readonly PodKey[],
  stats: Stats,
): Promise<Map<string, HeadState>> {
  const heads = new Map<string, HeadState>();
  if (pods.length === 0) return heads;
  const unique = [...new Map(pods.map((p) => [p.uid, p])).values()];
  const items = await ctx.table.batchGet(
    unique.map((pod) => ({ pk: podPk(cluster, pod), sk: headSk(pod.uid) })),
    false,
  );
  stats.requests += Math.ceil(unique.length / 100);
  stats.itemsRead += items.length;
  const now = ctx.now();
  for (const item of items) {
    if (isExpired(item[ATTR.expires], now)) continue;
    const head = decodeHead(item);
    if (head !== undefined) heads.set(head.state.agg.identity.uid, head.state);
  }
  return heads;
}

/** Pods by reference, in the order given, skipping those whose head is gone. */
export async function readPods(
  ctx: ReadContext,
  pods: readonly PodRef[],
  stats: Stats,
): Promise<{ summary: PodSummary; agg: PodAggregate }[]> {
  const byCluster = new Map<string, PodRef[]>();
  for (const p of pods) byCluster.set(p.cluster, [...(byCluster.get(p.cluster) ?? []), p]);
  const heads = new Map<string, HeadState>();
  await Promise.all(
    [...byCluster].map(async ([cluster, refs]) => {
      for (const [uid, head] of await readHeads(ctx, cluster, refs, stats))
        heads.set(`${cluster}#${uid}`, head);
    }),
  );
  const out: { summary: PodSummary; agg: PodAggregate }[] = [];
  for (const p of pods) {
    const head = heads.get(`${p.cluster}#${p.uid}`);
    if (head !== undefined) out.push({ summary: summarize(p.cluster, head.agg), agg: head.agg });
  }
  return out;
}

export async function summaries(
  ctx: ReadContext,
  pods: readonly PodRef[],
  stats: Stats,
): Promise<PodSummary[]> {
  return (await readPods(ctx, pods, stats)).map((p) => p.summary);
}
