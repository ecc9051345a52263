import type { JsonObject } from '../../domain/json-access.js';
import type { PodSummary } from '../../domain/model.js';
import type { PodObservation } from '../../domain/observation.js';
import { assemblePod } from '../../domain/pod-as-of.js';
import { type PodEventVersion, versionAt } from '../../domain/pod-event.js';
import { decodeDescribePart } from '../items/describe-items.js';
import { decodePage } from '../items/pod-items.js';
import { storedObservations } from '../pod/layout.js';
import type { DescribedPod } from '../port.js';
import { ATTR } from '../schema/attributes.js';
import * as k from '../schema/keys.js';
import { isExpired } from '../schema/retention.js';
import { type Incarnation, readIncarnations } from './pod-readers.js';
import type { ReadContext, Stats } from './read-heads.js';

export interface DescribeQuery {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid?: string;
  readonly at?: string;
}

/**
 * Access pattern 8: a pod as of a moment, from pattern 1's read — one Query of the whole name's
 * partition, with a uid too, so the answer lists every incarnation (a partition holds a name's few
 * incarnations; more than 1 MB of them costs one more request per MB). The newest
 * observation at or before `at` names its describe card and extras, which live beside it; each
 * event is taken as of its newest version at or before `at`.
 */
export async function describePod(ctx: ReadContext, q: DescribeQuery): Promise<DescribedPod | undefined> {
  const stats: Stats = { requests: 0, itemsRead: 0 };
  const incarnations = await readIncarnations(
    ctx,
    { cluster: q.cluster, namespace: q.namespace, name: q.name },
    stats,
  );
  const chosen = chooseIncarnation(incarnations, q);
  if (chosen === undefined) return undefined;
  const at = q.at ?? chosen.pod.endedAt ?? chosen.pod.lastSeenAt;
  const pod = podAt(ctx, chosen, at);
  const events: PodEventVersion[] = [];
  for (const event of chosen.events) {
    const version = versionAt(event, at);
    if (version !== undefined) events.push(version.event);
  }
  return {
    incarnation: chosen.pod,
    at,
    ...(pod === undefined ? {} : { pod }),
    events,
    incarnations: incarnations.map((i) => i.pod),
    stats,
  };
}

/** `uid`'s incarnation; else the newest first seen by `at` (or created by then); else the newest. */
function chooseIncarnation(all: readonly Incarnation[], q: DescribeQuery): Incarnation | undefined {
  if (q.uid !== undefined) return all.find((i) => i.pod.uid === q.uid);
  const at = q.at;
  if (at === undefined) return all[0];
  return all.find((i) => startOf(i.pod) <= at) ?? all[0];
}

function startOf(pod: PodSummary): string {
  return pod.createdAt !== undefined && pod.createdAt < pod.firstSeenAt ? pod.createdAt : pod.firstSeenAt;
}

function podAt(ctx: ReadContext, incarnation: Incarnation, at: string): JsonObject | undefined {
  const now = ctx.now();
  const live = incarnation.items.filter((i) => !isExpired(i[ATTR.expires], now));
  const pages = live.filter((i) => k.isPageSk(String(i[ATTR.sk]))).map(decodePage);
  let observation: PodObservation | undefined;
  for (const { obs } of storedObservations(incarnation.head, pages))
    if (obs.observedAt <= at) observation = obs;
  if (observation === undefined) return undefined;
  const parts = new Map<string, JsonObject>();
  for (const item of live) {
    const part = decodeDescribePart(item);
    if (part !== undefined) parts.set(`${part.kind}#${part.hash}`, part.body);
  }
  const part = (kind: 'card' | 'extras', hash: string | undefined) =>
    hash === undefined ? undefined : parts.get(`${kind}#${hash}`);
  return assemblePod(
    incarnation.head.agg.identity,
    observation,
    part('card', observation.card),
    part('extras', observation.extras),
  );
}
