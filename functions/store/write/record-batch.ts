import { compareText } from '../../domain/compare-text.js';
import type { PodIdentity } from '../../domain/observation.js';
import type { PodAggregate } from '../../domain/pod-aggregate.js';
import type { RejectedEvent } from '../../domain/wire-format.js';
import type { DeriveContext } from '../items/index-items.js';
import { type Keyed, keyed } from '../pod/layout.js';
import type { IngestBatch, IngestOutcome } from '../port.js';
import { CLUSTER_LIST_SK, type PodKey, REGISTRY_PK } from '../schema/keys.js';
import { expiresAt, isExpired } from '../schema/retention.js';
import { inParallel } from '../table/in-parallel.js';
import type { TableClient } from '../table/table-client.js';
import type { HeadCache } from './head-cache.js';
import { applyToPod, StoreConflictError } from './pod-writer.js';
import { checkSyncs, processSync } from './sync-writer.js';

/** Pods written at once per batch: enough to hide latency, few enough to stay polite to the table. */
const PARALLEL_PODS = 16;

/**
 * One validated batch: the cluster registry, every pod's observations (grouped per uid, one
 * optimistic-concurrency round each), the SYNC check for the pods written, then the SYNCs. Every
 * step is idempotent, so a retried or duplicated batch converges to the same state.
 */
export async function recordBatch(
  table: TableClient,
  options: {
    readonly retentionDays: number;
    readonly now: () => number;
    readonly marks: RegistryMarks;
    /** Clusters this process knows are on the registry's cluster list. */
    readonly listed: Set<string>;
    readonly heads?: HeadCache;
  },
  batch: IngestBatch,
): Promise<IngestOutcome> {
  const ctx: DeriveContext = {
    cluster: batch.cluster,
    retentionDays: options.retentionDays,
    ...(options.heads === undefined ? {} : { heads: options.heads }),
  };
  const now = options.now();
  let stale = 0;
  const fresh = <T extends { observedAt: string }>(items: readonly T[]) =>
    items.filter((item) => {
      const expired = isExpired(expiresAt(item.observedAt, options.retentionDays), now);
      if (expired) stale++;
      return !expired;
    });
  const pods = fresh(batch.pods.map((p) => ({ ...p, observedAt: p.observation.observedAt })));
  const syncs = fresh(batch.syncs);
  const times = [...pods.map((p) => p.observedAt), ...syncs.map((s) => s.observedAt)];
  const registry = Promise.all([
    touchRegistry(table, ctx, batch, times, options.marks),
    times.length === 0 ? undefined : listCluster(table, ctx.cluster, options.listed),
  ]);
  // Awaited below, after the pods; observed now so that a failed pod write cannot leave it
  // rejecting unhandled (which would take a Lambda or `podtrail serve` down).
  registry.catch(() => undefined);

  const rejected: RejectedEvent[] = [];
  // Per uid, one group per namespace/name given (Kubernetes gives one; a faulty sender may not).
  type Group = { pod: PodKey; items: Keyed[]; identities: Map<string, PodIdentity>; indexes: number[] };
  const byUid = new Map<string, Map<string, Group>>();
  for (const pod of pods) {
    const { uid, namespace, name } = pod.identity;
    const names = byUid.get(uid) ?? new Map<string, Group>();
    const group = names.get(`${namespace}/${name}`) ?? {
      pod: { uid, namespace, name },
      items: [] as Keyed[],
      identities: new Map<string, PodIdentity>(),
      indexes: [] as number[],
    };
    group.indexes.push(pod.index);
    const item = keyed(pod.observation);
    group.items.push(item);
    if (!group.identities.has(item.key)) group.identities.set(item.key, pod.identity);
    names.set(`${namespace}/${name}`, group);
    byUid.set(uid, names);
  }
  let accepted = 0;
  let unchanged = 0;
  const toCheck: { agg: PodAggregate }[] = [];
  await inParallel([...byUid.values()], PARALLEL_PODS, async (names) => {
    // One name per uid is recorded: the stored one, else the one of the earliest event here; the
    // writer refuses the others (pod-writer.ts recordedAs), so their order does not matter.
    const groups = [...names.values()].sort((a, b) => compareText(minKey(a), minKey(b)));
    for (const { pod, items, identities, indexes } of groups) {
      const result = await applyToPod(table, ctx, pod, { kind: 'observe', items, identities });
      const recordedAs = result.recordedAs;
      if (recordedAs !== undefined) {
        for (const index of indexes) rejected.push(renamed(index, pod.uid, recordedAs));
        continue;
      }
      for (const outcome of result.outcomes) {
        if (outcome === 'same') unchanged++;
        else accepted++;
      }
      // A repeated event may be the retry of a writer that died before its SYNC check: check again.
      const retried = result.outcomes.includes('same');
      if (result.agg !== undefined && (result.liveWritten || retried)) toCheck.push({ agg: result.agg });
    }
  });
  await registry;
  await checkSyncs(table, ctx, toCheck);
  for (const sync of syncs) {
    if ((await processSync(table, ctx, sync)) === 'accepted') accepted++;
    else unchanged++;
  }
  return { accepted, unchanged, stale, rejected: rejected.sort((a, b) => a.index - b.index) };
}

/** Kubernetes never renames a pod: an event giving a known uid another namespace/name is refused. */
function renamed(index: number, uid: string, recorded: { namespace: string; name: string }): RejectedEvent {
  return {
    index,
    issues: [
      `events[${index}].pod.metadata: pod uid ${uid} is recorded as ${recorded.namespace}/${recorded.name}; a pod's namespace and name never change`,
    ],
  };
}

/** The order key of a group's earliest observation. */
function minKey(group: { items: readonly Keyed[] }): string {
  return group.items.reduce((min, i) => (i.key < min ? i.key : min), group.items[0]?.key ?? '');
}

/**
 * The cluster registry keeps the newest event minute and the agent that sent it: a maximum, so
 * order-free, written at most once a minute per cluster — and not even tried when this instance
 * already wrote or saw a mark at least as new (a failed conditional write costs a write unit too).
 */
export type RegistryMarks = Map<string, string>;

async function touchRegistry(
  table: TableClient,
  ctx: DeriveContext,
  batch: IngestBatch,
  times: readonly string[],
  marks: RegistryMarks,
): Promise<void> {
  const newest = [...times].sort().at(-1);
  if (newest === undefined) return;
  const minute = `${newest.slice(0, 15)}0:00.000Z`;
  const mark = `${minute}#${batch.agent.id}#${batch.agent.version}`;
  if ((marks.get(ctx.cluster) ?? '') >= mark) return;
  await table.put(
    {
      pk: REGISTRY_PK,
      sk: ctx.cluster,
      m: mark,
      la: minute,
      ai: batch.agent.id,
      av: batch.agent.version,
      x: expiresAt(minute, ctx.retentionDays),
    },
    { ifAbsent: true, attr: 'm', op: '<', value: mark },
  );
  marks.set(ctx.cluster, mark);
}

/** Attempts at adding a cluster to the list against other writers doing the same (~5 s at most). */
const LIST_ATTEMPTS = 12;

/**
 * Fleet-wide queries read one index partition per cluster, so they need every cluster's name: the
 * registry keeps them in one list item (no TTL; names are only added). Checked once per process
 * and cluster, usually one read; a write only when a cluster is new.
 */
async function listCluster(table: TableClient, cluster: string, listed: Set<string>): Promise<void> {
  if (listed.has(cluster)) return;
  const key = { pk: REGISTRY_PK, sk: CLUSTER_LIST_SK };
  for (let attempt = 0; attempt < LIST_ATTEMPTS; attempt++) {
    const item = await table.get(key, true);
    const names = Array.isArray(item?.cs) ? item.cs.map(String) : [];
    if (names.includes(cluster)) {
      listed.add(cluster);
      return;
    }
    const version = Number(item?.v ?? 0);
    const written = await table.put(
      { ...key, cs: [...names, cluster].sort(), v: version + 1 },
      item === undefined ? { ifAbsent: true } : { ifAbsent: false, attr: 'v', op: '=', value: version },
    );
    if (written === 'written') {
      listed.add(cluster);
      return;
    }
    // Another cluster was added at the same moment (a fleet of agents starting together): back off.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(1000, 20 * 2 ** attempt)));
  }
  throw new StoreConflictError(
    `cluster list: too many concurrent writers adding ${cluster}, retry the batch`,
  );
}
