import type { ClusterSummary, PodSummary, RestartRecord, StatusEntered } from '../../domain/model.js';
import { isRoutineStatus } from '../../domain/transitions.js';
import { matchesWorkload } from '../../domain/workload.js';
import { decodeCreated, decodeRestart, decodeStatusEntered } from '../items/index-items.js';
import {
  CLUSTER_LIST_KEY,
  decodeClusterList,
  decodeRegistryEntry,
  isClusterList,
} from '../items/registry-items.js';
import { markOf } from '../items/sync-items.js';
import type { Page, PageRequest, TimeWindow } from '../port.js';
import { ATTR } from '../schema/attributes.js';
import * as k from '../schema/keys.js';
import { isExpired } from '../schema/retention.js';
import { inParallel } from '../table/in-parallel.js';
import type { Item } from '../table/table-client.js';
import { readMerged } from './merged-read.js';
import { DEFAULT_LIMIT, isLive } from './pod-readers.js';
import { seenPods } from './pods-seen-reader.js';
import { type ReadContext, readPartition, summaries } from './read-heads.js';

/** ClusterSummary.gaps keeps the newest ones. */
const GAPS_SHOWN = 20;

type Window = TimeWindow & PageRequest;

/**
 * The clusters a query covers: the one asked for, or every cluster ever registered (one item, the
 * registry's cluster list), with what reading it cost.
 */
async function clustersOf(
  ctx: ReadContext,
  cluster: string | undefined,
): Promise<{ names: string[]; requests: number; read: number }> {
  if (cluster !== undefined) return { names: [cluster], requests: 0, read: 0 };
  // Strongly consistent: a cluster registered a moment ago is listed on every page after it.
  const list = decodeClusterList(await ctx.table.get(CLUSTER_LIST_KEY, true));
  return { names: [...(list?.names ?? [])], requests: 1, read: list === undefined ? 0 : 1 };
}

/**
 * Reads one index partition per cluster over [since, until) of its time-ordered sort key, merged
 * oldest first. Each partition holds exactly one cluster's records, so what is read is what the
 * window holds, for one cluster or for the fleet.
 */
async function readIndex(
  ctx: ReadContext,
  q: { cluster?: string } & Window,
  pk: (cluster: string) => string,
  keep: (item: Item) => boolean = () => true,
): Promise<Page<Item>> {
  const clusters = await clustersOf(ctx, q.cluster);
  const now = ctx.now();
  const page = await readMerged(ctx.table, {
    groups: [clusters.names.map(pk)],
    from: q.since,
    to: q.until,
    keep: (i) => i[ATTR.removed] !== true && !isExpired(i[ATTR.expires], now) && keep(i),
    limit: q.limit ?? DEFAULT_LIMIT,
    ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
  });
  return {
    ...page,
    stats: {
      requests: page.stats.requests + clusters.requests,
      itemsRead: page.stats.itemsRead + clusters.read,
    },
  };
}

/** Access pattern 4: restarts in [since, until), oldest first; reads only the window's records. */
export async function listRestarts(
  ctx: ReadContext,
  q: { cluster?: string } & Window,
): Promise<Page<RestartRecord>> {
  const page = await readIndex(ctx, q, k.restartPk);
  return { ...page, items: page.items.map(decodeRestart) };
}

/**
 * Access pattern 5: pods that entered `status` in [since, until), oldest first. Routine statuses
 * (transitions.ts isRoutineStatus: Running, Pending, …) have no per-entering index: they are read
 * from the pods seen in the window, cluster by cluster, with when each pod first entered them, and
 * come in pod order.
 */
export async function listStatusEntered(
  ctx: ReadContext,
  q: { status: string; cluster?: string } & Window,
): Promise<Page<StatusEntered>> {
  if (isRoutineStatus(q.status)) return routineEntered(ctx, q);
  const page = await readIndex(ctx, q, (cluster) => k.statusPk(cluster, q.status));
  return { ...page, items: page.items.map(decodeStatusEntered) };
}

async function routineEntered(
  ctx: ReadContext,
  q: { status: string; cluster?: string } & Window,
): Promise<Page<StatusEntered>> {
  const stats = { requests: 0, itemsRead: 0 };
  const clusters = (await clustersOf(ctx, q.cluster)).names;
  // The cursor names the cluster being read, or the last one finished (`d`): the list is sorted and
  // may grow between pages, so resume at that cluster, or just after the finished one.
  const cursor = (q.cursor ?? {}) as { cn?: unknown; c?: unknown; d?: unknown };
  const resumeAt = typeof cursor.cn === 'string' ? cursor.cn : undefined;
  const finished = cursor.d === true;
  const limit = q.limit ?? DEFAULT_LIMIT;
  const items: StatusEntered[] = [];
  const first =
    resumeAt === undefined
      ? 0
      : clusters.findIndex((name) => (finished ? name > resumeAt : name >= resumeAt));
  for (let ci = first < 0 ? clusters.length : first; ci < clusters.length; ci++) {
    const cluster = clusters[ci] as string;
    const inner = cluster === resumeAt && !finished ? cursor.c : undefined;
    const page = await seenPods(ctx, {
      cluster,
      since: q.since,
      until: q.until,
      limit: limit - items.length,
      ...(inner === undefined ? {} : { cursor: inner }),
    });
    stats.requests += page.stats.requests;
    stats.itemsRead += page.stats.itemsRead;
    for (const { summary, agg } of page.items) {
      const entered = agg.entered[q.status];
      if (entered === undefined || entered.at < q.since || entered.at >= q.until) continue;
      items.push({
        cluster,
        namespace: summary.namespace,
        name: summary.name,
        uid: summary.uid,
        workload: summary.workload,
        status: q.status,
        at: entered.at,
        resourceVersion: entered.resourceVersion,
      });
    }
    if (page.next !== undefined) return { items, next: { cn: cluster, c: page.next }, stats };
    if (items.length >= limit && ci + 1 < clusters.length)
      return { items, next: { cn: cluster, d: true }, stats };
  }
  return { items, stats };
}

/** Access pattern 6: pods created in [since, until), with their startup breakdown. */
export async function listStartups(
  ctx: ReadContext,
  q: { cluster?: string; namespace?: string; workload?: string } & Window,
): Promise<Page<PodSummary>> {
  const page = await readIndex(ctx, q, k.startupPk, (i) => {
    const created = decodeCreated(i);
    return (
      (q.namespace === undefined || created.namespace === q.namespace) &&
      matchesWorkload(created.workload, q.workload)
    );
  });
  const stats = { ...page.stats };
  const items = await summaries(
    ctx,
    page.items.map((i) => decodeCreated(i).ref),
    stats,
  );
  return { items, ...(page.next === undefined ? {} : { next: page.next }), stats };
}

/** Every cluster that has reported: its registry entry, last SYNC, recent gaps and live pod count. */
export async function listClusters(ctx: ReadContext): Promise<ClusterSummary[]> {
  const now = ctx.now();
  const registry = (await readPartition(ctx, k.REGISTRY_PK)).filter(
    (i) => !isClusterList(i) && !isExpired(i[ATTR.expires], now),
  );
  const out: ClusterSummary[] = [];
  // Five Queries per cluster: a few clusters at a time, so a large fleet does not open hundreds.
  await inParallel([...registry.keys()], CLUSTERS_AT_ONCE, async (index) => {
    out[index] = await clusterSummary(ctx, registry[index] as Item, now);
  });
  return out;
}

const CLUSTERS_AT_ONCE = 8;

async function clusterSummary(ctx: ReadContext, entry: Item, now: number): Promise<ClusterSummary> {
  const { cluster, agent, lastEventAt } = decodeRegistryEntry(entry);
  const [syncs, ...shards] = await Promise.all([
    readPartition(ctx, k.clusterPk(cluster), k.SYNC_RANGE),
    ...Array.from({ length: k.CLUSTER_SHARDS }, (_, s) => readPartition(ctx, k.livePk(cluster, s))),
  ]);
  const marks = (syncs ?? []).filter((i) => !isExpired(i[ATTR.expires], now)).map(markOf);
  const latest = [...marks].sort((a, b) => (a.observedAt < b.observedAt ? 1 : -1))[0];
  const livePods = shards.flat().filter((i) => isLive(i, now)).length;
  const gaps = marks
    .filter((m) => m.gapSince !== undefined)
    .sort((a, b) => (a.observedAt < b.observedAt ? 1 : -1))
    .slice(0, GAPS_SHOWN)
    .map((m) => ({ since: m.gapSince ?? '', reportedAt: m.observedAt }));
  // A SYNC is an accepted event too, and its time is stored exactly: the newer of the two is what
  // was last heard (the registry entry may lag by up to one write interval, REGISTRY_INTERVAL_MS).
  const lastHeard =
    latest !== undefined && Date.parse(latest.observedAt) > Date.parse(lastEventAt)
      ? latest.observedAt
      : lastEventAt;
  return {
    cluster,
    agent,
    lastEventAt: lastHeard,
    ...(latest === undefined
      ? {}
      : { lastSyncAt: latest.observedAt, lastSyncResourceVersion: latest.resourceVersion }),
    livePods,
    gaps,
  };
}
