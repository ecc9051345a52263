import { slimPod } from '../../agent/slim-pod.js';
import type { PodEvent, SyncEvent } from '../../functions/domain/wire-format.js';
import type { Simulator, StoredEvent } from '../../simulator/index.js';
import type { IngestSink } from './ingest-sink.js';

/**
 * Delivery accounting for fault tests: every change the simulator made, checked against what the
 * ingest sink recorded. The rules (issue 5): final recorded states equal the simulator's; every
 * state that was visible to a watch (served on a stream or in a list) is delivered, unless it
 * changed nothing the ingest reads (then the agent may skip it) or the agent reported it lost in
 * a gap; every other state is covered by a reported gap (a SYNC whose gapSince is not later than
 * the change and whose resourceVersion is not older).
 */

export interface SimEvent {
  readonly uid: string;
  readonly type: StoredEvent['type'];
  readonly resourceVersion: number;
  readonly publishedAtMs: number;
  readonly fingerprint: string;
}

/** Records every change the simulator publishes from now on (keep it before playing scripts). */
export function recordSimEvents(sim: Simulator): { readonly events: SimEvent[]; stop(): void } {
  const events: SimEvent[] = [];
  const stop = sim.store.subscribe((e) => {
    const slim = slimPod((JSON.parse(e.line) as { object: unknown }).object);
    events.push({
      uid: e.uid,
      type: e.type,
      resourceVersion: e.resourceVersion,
      publishedAtMs: e.publishedAtMs,
      fingerprint: slim?.fingerprint ?? '',
    });
  });
  return { events, stop };
}

/** slimPod of a recorded event's pod, computed once per event (reports are recomputed while polling). */
const slimCache = new WeakMap<object, ReturnType<typeof slimPod>>();
function slimOf(event: PodEvent): ReturnType<typeof slimPod> {
  if (!slimCache.has(event)) slimCache.set(event, slimPod(event.pod));
  return slimCache.get(event);
}

export interface RecordedPod {
  readonly resourceVersion: number;
  readonly fingerprint: string;
  readonly deleted: boolean;
  readonly vanished: boolean;
}

/** The sink's events folded the way a convergent ingest would: newest resourceVersion wins, SYNC closes the absent. */
export function recordedPods(sink: IngestSink): Map<string, RecordedPod> {
  const pods = new Map<string, { rv: number; fingerprint: string; deleted: boolean; vanished: boolean }>();
  for (const { event } of sink.podEvents()) {
    const slim = slimOf(event);
    if (slim === undefined) continue;
    const rv = Number(slim.resourceVersion);
    const current = pods.get(slim.uid) ?? { rv: -1, fingerprint: '', deleted: false, vanished: false };
    if (rv > current.rv) {
      current.rv = rv;
      current.fingerprint = slim.fingerprint;
    }
    if (event.type === 'DELETED') current.deleted = true;
    pods.set(slim.uid, current);
  }
  const syncs = sink.syncs().map((s) => s.event as SyncEvent);
  for (const sync of syncs) {
    const live = new Set(sync.uids);
    const rv = Number(sync.resourceVersion);
    for (const [uid, pod] of pods) {
      if (!pod.deleted && !live.has(uid) && pod.rv <= rv) pod.vanished = true;
    }
  }
  return new Map(
    [...pods].map(([uid, p]) => [
      uid,
      { resourceVersion: p.rv, fingerprint: p.fingerprint, deleted: p.deleted, vanished: p.vanished },
    ]),
  );
}

export interface DeliveryReport {
  /** Visible states neither delivered, nor skippable, nor covered by a gap. */
  readonly missing: SimEvent[];
  /** States never visible and not covered by any reported gap. */
  readonly unreported: SimEvent[];
  /** Live pods whose recorded state differs from the simulator's (or is absent / closed). */
  readonly wrongFinalState: string[];
  /** Deleted pods still recorded as live. */
  readonly notClosed: string[];
  readonly delivered: number;
  readonly skipped: number;
  readonly coveredByGap: number;
}

export function checkDelivery(sim: Simulator, sink: IngestSink, events: readonly SimEvent[]): DeliveryReport {
  const delivered = new Map<string, Set<number>>();
  for (const { event } of sink.podEvents()) {
    const slim = slimOf(event);
    if (slim === undefined) continue;
    const set = delivered.get(slim.uid) ?? new Set<number>();
    set.add(Number(slim.resourceVersion));
    delivered.set(slim.uid, set);
  }
  const gaps = sink
    .syncs()
    .map((s) => s.event as SyncEvent)
    .filter((s) => s.gapSince !== null)
    .map((s) => ({ sinceMs: Date.parse(s.gapSince ?? ''), rv: Number(s.resourceVersion) }));
  const covered = (e: SimEvent) =>
    gaps.some((g) => g.sinceMs <= e.publishedAtMs && g.rv >= e.resourceVersion);

  const missing: SimEvent[] = [];
  const unreported: SimEvent[] = [];
  let deliveredCount = 0;
  let skipped = 0;
  let coveredByGap = 0;
  const lastServed = new Map<string, SimEvent>();
  for (const e of [...events].sort((a, b) => a.resourceVersion - b.resourceVersion)) {
    const served = sim.served.get(e.uid)?.has(e.resourceVersion) === true;
    const previous = lastServed.get(e.uid);
    if (served) lastServed.set(e.uid, e);
    if (delivered.get(e.uid)?.has(e.resourceVersion) === true) deliveredCount++;
    else if (served && e.type !== 'DELETED' && previous?.fingerprint === e.fingerprint) skipped++;
    else if (covered(e)) coveredByGap++;
    else (served ? missing : unreported).push(e);
  }

  const recorded = recordedPods(sink);
  const wrongFinalState: string[] = [];
  for (const uid of sim.store.uids()) {
    const pod = sim.store.get(uid);
    const expected = slimPod(pod);
    const got = recorded.get(uid);
    if (got === undefined || got.deleted || got.vanished || got.fingerprint !== expected?.fingerprint)
      wrongFinalState.push(uid);
  }
  const live = new Set(sim.store.uids());
  const notClosed = [...recorded]
    .filter(([uid, p]) => !live.has(uid) && !p.deleted && !p.vanished)
    .map(([uid]) => uid);
  return {
    missing,
    unreported,
    wrongFinalState,
    notClosed,
    delivered: deliveredCount,
    skipped,
    coveredByGap,
  };
}
