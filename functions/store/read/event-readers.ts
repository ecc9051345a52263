import type { PodSummary } from '../../domain/model.js';
import {
  eventLastSeen,
  groupEventVersions,
  type RecordedEvent,
  type RecordedEventVersion,
  versionAt,
} from '../../domain/pod-event.js';
import { decodeEventVersion } from '../items/event-items.js';
import type { Page, PageRequest, PodEventsPage, PodIdentity, PodWithEvents, TimeWindow } from '../port.js';
import { ATTR } from '../schema/attributes.js';
import * as k from '../schema/keys.js';
import { isExpired } from '../schema/retention.js';
import { inParallel } from '../table/in-parallel.js';
import { attachEvent, DEFAULT_LIMIT } from './pod-readers.js';
import { seenPods } from './pods-seen-reader.js';
import { type ReadContext, readPartition, readPods, type Stats } from './read-heads.js';

/** Pods whose events are read at once (two Queries each, so 32 in flight, as for fleet reports). */
const PODS_AT_ONCE = 16;

export interface EventQuery extends TimeWindow, PageRequest {
  readonly cluster: string;
  readonly namespace?: string;
  readonly reason?: string;
  readonly type?: string;
}

/**
 * Access pattern 7 by window: the pod Events of a cluster (or one namespace) last seen in
 * [since, until), as of `until` (each event with its versions up to then), filtered by reason and
 * type. Served from the pods seen in the window (pattern 2) and each pod's own events (two Queries
 * a pod, at once: its uid's and the ones that named no uid), so storing an event version costs one
 * write and no index. `limit` bounds the pods read for a page; the page holds all their events.
 */
export async function listPodEvents(ctx: ReadContext, q: EventQuery): Promise<PodEventsPage> {
  const stats: Stats = { requests: 0, itemsRead: 0 };
  const seen = await seenPods(ctx, {
    cluster: q.cluster,
    ...(q.namespace === undefined ? {} : { namespace: q.namespace }),
    since: q.since,
    until: q.until,
    limit: q.limit ?? DEFAULT_LIMIT,
    ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
  });
  stats.requests += seen.stats.requests;
  stats.itemsRead += seen.stats.itemsRead;
  const found: { pod: PodSummary; event: RecordedEvent }[] = [];
  await inParallel(seen.items, PODS_AT_ONCE, async ({ summary }) => {
    for (const event of await readIncarnationEvents(ctx, summary, stats))
      if (matches(event, q)) found.push({ pod: summary, event: asOf(event, q.until) });
  });
  found.sort((a, b) => compareLastSeen(a.event, b.event));
  return { items: found, ...(seen.next === undefined ? {} : { next: seen.next }), stats };
}

/**
 * Access pattern 7 by pod: the events of each incarnation given, in the order given. Costs one
 * BatchGetItem per 100 pods of a cluster (their heads: the summary, and the life span that places
 * events naming no pod uid), then two Queries per pod, PODS_AT_ONCE pods at a time. Pods whose head
 * is gone (expired) are left out.
 */
export async function podEvents(
  ctx: ReadContext,
  q: { pods: readonly PodIdentity[] },
): Promise<Page<PodWithEvents>> {
  const stats: Stats = { requests: 0, itemsRead: 0 };
  const pods = await readPods(ctx, q.pods, stats);
  const items: PodWithEvents[] = new Array(pods.length);
  await inParallel([...pods.keys()], PODS_AT_ONCE, async (i) => {
    const pod = (pods[i] as (typeof pods)[number]).summary;
    items[i] = { pod, events: await readIncarnationEvents(ctx, pod, stats) };
  });
  return { items, stats };
}

/** One incarnation's events: its uid's, and those that named no uid and fall in its life. */
async function readIncarnationEvents(
  ctx: ReadContext,
  pod: PodSummary,
  stats: Stats,
): Promise<RecordedEvent[]> {
  const pk = k.podPk(pod.cluster, pod);
  const [named, unnamed] = await Promise.all([
    readPartition(ctx, pk, k.eventRange(pod.uid), stats),
    readPartition(ctx, pk, k.eventRange(k.NO_POD_UID), stats),
  ]);
  const now = ctx.now();
  const versions: RecordedEventVersion[] = [];
  for (const item of named)
    if (!isExpired(item[ATTR.expires], now)) versions.push(decodeEventVersion(item).version);
  for (const item of unnamed) {
    if (isExpired(item[ATTR.expires], now)) continue;
    const { version } = decodeEventVersion(item);
    if (attachEvent([pod], eventLastSeen(version.event) ?? version.observedAt) === pod.uid)
      versions.push(version);
  }
  return groupEventVersions(versions);
}

function matches(event: RecordedEvent, q: EventQuery): boolean {
  const newest = versionAt(event, q.until);
  if (newest === undefined) return false;
  const seen = eventLastSeen(newest.event) ?? newest.observedAt;
  return (
    seen >= q.since &&
    seen < q.until &&
    (q.reason === undefined || newest.event.reason === q.reason) &&
    (q.type === undefined || newest.event.type === q.type)
  );
}

/** The event with only the versions seen by `until`. */
function asOf(event: RecordedEvent, until: string): RecordedEvent {
  const newest = versionAt(event, until);
  const cut = newest === undefined ? event.versions.length : event.versions.indexOf(newest) + 1;
  return { uid: event.uid, versions: event.versions.slice(0, cut) };
}

function compareLastSeen(a: RecordedEvent, b: RecordedEvent): number {
  const at = (e: RecordedEvent) => {
    const v = e.versions.at(-1);
    return v === undefined ? '' : (eventLastSeen(v.event) ?? v.observedAt);
  };
  return at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0;
}
