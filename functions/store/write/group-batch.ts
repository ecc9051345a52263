import { compareText } from '../../domain/compare-text.js';
import type { JsonObject } from '../../domain/json-access.js';
import type { PodIdentity } from '../../domain/observation.js';
import { type Keyed, keyed } from '../../domain/observation-set.js';
import { versionTime } from '../../domain/pod-event.js';
import type { RejectedEvent } from '../../domain/wire-format.js';
import type { DescribePayloads } from '../pod/plan-types.js';
import type { IngestBatch } from '../port.js';
import type { PodKey } from '../schema/keys.js';
import { isStale } from '../schema/retention.js';

/**
 * The pure part of recording a batch: drop what is already past retention (an Event version by
 * its own time), and group the pod events per uid and, within a uid, per namespace/name given (Kubernetes gives one; a faulty
 * sender may not), earliest event first.
 */
export interface PodGroup {
  readonly pod: PodKey;
  readonly items: readonly Keyed[];
  readonly identities: ReadonlyMap<string, PodIdentity>;
  readonly parts: DescribePayloads;
  /** Positions of its events in the batch, for per-event rejections. */
  readonly indexes: readonly number[];
}

export interface GroupedBatch {
  /** Per uid, its groups, earliest first: one name per uid is recorded, the others refused. */
  readonly pods: readonly (readonly PodGroup[])[];
  readonly syncs: IngestBatch['syncs'];
  readonly events: NonNullable<IngestBatch['events']>;
  /** Events older than the retention: counted, not stored. */
  readonly stale: number;
  /** The observation times of what is kept (for the cluster registry). */
  readonly times: readonly string[];
}

export function groupBatch(batch: IngestBatch, retentionDays: number, now: number): GroupedBatch {
  let stale = 0;
  const fresh = <T>(items: readonly T[], timeOf: (item: T) => string) =>
    items.filter((item) => {
      const old = isStale(timeOf(item), retentionDays, now);
      if (old) stale++;
      return !old;
    });
  const pods = fresh(batch.pods, (p) => p.observation.observedAt);
  const syncs = fresh(batch.syncs, (s) => s.observedAt);
  const events = fresh(batch.events ?? [], versionTime);
  type Group = {
    pod: PodKey;
    items: Keyed[];
    identities: Map<string, PodIdentity>;
    parts: { card: Map<string, JsonObject>; extras: Map<string, JsonObject> };
    indexes: number[];
  };
  const byUid = new Map<string, Map<string, Group>>();
  for (const event of pods) {
    const { uid, namespace, name } = event.identity;
    const names = byUid.get(uid) ?? new Map<string, Group>();
    const group = names.get(`${namespace}/${name}`) ?? {
      pod: { uid, namespace, name },
      items: [],
      identities: new Map<string, PodIdentity>(),
      parts: { card: new Map<string, JsonObject>(), extras: new Map<string, JsonObject>() },
      indexes: [],
    };
    const { parts } = event;
    if (parts !== undefined) {
      group.parts.card.set(parts.card.hash, parts.card.body);
      if (parts.extras !== undefined) group.parts.extras.set(parts.extras.hash, parts.extras.body);
    }
    group.indexes.push(event.index);
    const item = keyed(event.observation);
    group.items.push(item);
    if (!group.identities.has(item.key)) group.identities.set(item.key, event.identity);
    names.set(`${namespace}/${name}`, group);
    byUid.set(uid, names);
  }
  return {
    pods: [...byUid.values()].map((names) =>
      [...names.values()].sort((a, b) => compareText(earliestKey(a), earliestKey(b))),
    ),
    syncs,
    events,
    stale,
    times: [
      ...pods.map((p) => p.observation.observedAt),
      ...syncs.map((s) => s.observedAt),
      ...events.map((e) => e.observedAt),
    ],
  };
}

/** A group as one group per event (in order), each with its own identity; parts are shared. */
export function singleEvents(group: PodGroup): PodGroup[] {
  return group.items.map((item, i) => ({
    pod: group.pod,
    items: [item],
    identities: new Map([...group.identities].filter(([key]) => key === item.key)),
    parts: group.parts,
    indexes: [group.indexes[i] ?? -1],
  }));
}

/** Kubernetes never renames a pod: an event giving a known uid another namespace/name is refused. */
export function renameRejection(
  index: number,
  uid: string,
  recorded: { namespace: string; name: string },
): RejectedEvent {
  return {
    index,
    issues: [
      `events[${index}].pod.metadata: pod uid ${uid} is recorded as ${recorded.namespace}/${recorded.name}; a pod's namespace and name never change`,
    ],
  };
}

/** The order key of a group's earliest observation. */
function earliestKey(group: { items: readonly Keyed[] }): string {
  return group.items.map((i) => i.key).sort(compareText)[0] ?? '';
}
