import { parseArgs } from 'node:util';
import type { PodEvent, SyncEvent, WireEvent } from '../functions/domain/wire-format.js';
import {
  badImagePod,
  completedJob,
  crashLoop,
  deleteAfter,
  healthyStart,
  type Script,
} from '../test/ingest/lifecycles.js';
import { at, type PodMeta, prng, syncEvent } from '../test/support/event-builders.js';
import { dress } from './ingest-dress.js';

/**
 * A seeded churn trace of one cluster over a simulated day, for bench/ingest-cost.ts: long-lived
 * Deployment pods (some flapping readiness, some OOM-killed), rollouts replacing pods, CronJob pods
 * that run and are cleaned up, crash loops, image-pull failures — the kubelet and controller
 * updates a watch delivers — plus updates the ingest must ignore (annotation churn, kubelet status
 * writes that change nothing recorded) and three relists with SYNC. Pods are dressed as the API
 * serves them, managedFields included: 3–6 KB of JSON each.
 */
export interface Trace {
  readonly events: readonly WireEvent[];
  readonly pods: number;
  /** Events that change nothing the ingest records. */
  readonly irrelevant: number;
  readonly meanPodBytes: number;
}

const DAY = 86_400;

export function churnTrace(seed: number, pods: number): Trace {
  const random = prng(seed);
  const scripts: Script[] = [];
  const churn: { uid: string; at: number }[] = [];
  const ends = new Map<string, number>();
  const dummy = () => '0';
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  let n = 0;
  const meta = (kind: string, createdAt: number, owner?: { kind: string; name: string }): PodMeta => {
    const i = n++;
    const hash = (i * 2654435761).toString(36).slice(-5);
    return {
      name: `${kind}-${hash}-${i.toString(36)}`,
      namespace: pick(['default', 'payments', 'search', 'batch', 'platform']),
      uid: `${seed.toString(16)}-${i.toString(16).padStart(6, '0')}-4c1b-9d2e-${hash.padStart(12, '0')}`,
      createdAt,
      ...(owner === undefined ? {} : { owner }),
      ...(owner?.kind === 'ReplicaSet'
        ? { labels: { app: kind, 'pod-template-hash': owner.name.split('-').at(-1) ?? '' } }
        : { labels: { app: kind } }),
    };
  };
  for (let i = 0; i < pods; i++) {
    const roll = random();
    if (roll < 0.25) {
      // Long-lived Deployment pod, running all day; hourly-ish annotation churn from controllers.
      const m = meta('web', Math.floor(random() * 300), { kind: 'ReplicaSet', name: `web-${i % 40}-7d4f9c` });
      const s = random() < 0.06 ? crashLoop(m, dummy, 1, 'OOMKilled', 137) : healthyStart(m, dummy);
      scripts.push(s);
      for (let t = m.createdAt + 1800 + random() * 3600; t < DAY; t += 3600 + random() * 7200)
        churn.push({ uid: m.uid, at: t });
    } else if (roll < 0.3) {
      const m = meta('worker', Math.floor(random() * DAY * 0.8), {
        kind: 'ReplicaSet',
        name: `worker-${i % 10}-5b8d7`,
      });
      scripts.push(crashLoop(m, dummy, 10 + Math.floor(random() * 30)));
    } else if (roll < 0.7) {
      const m = meta('report', Math.floor(random() * (DAY - 3600)), {
        kind: 'Job',
        name: `report-${29383200 + i}`,
      });
      const s = completedJob(m, dummy, 20 + Math.floor(random() * 600));
      const done = Date.parse(s.events.at(-1)?.observedAt ?? at(0)) / 1000 - Date.parse(at(0)) / 1000;
      deleteAfter(s, done + 300);
      ends.set(m.uid, done + 303);
      scripts.push(s);
    } else if (roll < 0.95) {
      // Rollouts: a new pod replaces an old one, which is deleted gracefully.
      const t = Math.floor(random() * (DAY - 7200));
      const m = meta('api', t, { kind: 'ReplicaSet', name: `api-${i % 20}-6c9f8` });
      const s = healthyStart(m, dummy);
      const life = 1800 + random() * 20_000;
      if (t + life < DAY) {
        deleteAfter(s, t + life);
        ends.set(m.uid, t + life + 3);
      }
      scripts.push(s);
      churn.push({ uid: m.uid, at: t + 10 });
    } else {
      const m = meta('canary', Math.floor(random() * DAY * 0.9));
      const s = badImagePod(m, dummy);
      deleteAfter(s, m.createdAt + 600);
      ends.set(m.uid, m.createdAt + 603);
      scripts.push(s);
    }
  }

  const byUid = new Map(scripts.map((s) => [s.meta.uid, s]));
  type Timed = { t: number; event: PodEvent; irrelevant: boolean };
  const timed: Timed[] = [];
  for (const s of scripts) {
    for (const event of s.events) timed.push({ t: seconds(event.observedAt), event, irrelevant: false });
  }
  for (const c of churn) {
    const s = byUid.get(c.uid);
    const before = s?.events.filter((e) => seconds(e.observedAt) <= c.at && e.type !== 'DELETED').at(-1);
    if (before === undefined || (ends.get(c.uid) ?? DAY) <= c.at) continue;
    const pod = structuredClone(before.pod) as { metadata: { annotations?: Record<string, string> } };
    pod.metadata.annotations = {
      ...pod.metadata.annotations,
      'deployment.kubernetes.io/revision': String(Math.floor(c.at)),
    };
    timed.push({ t: c.at, event: { type: 'MODIFIED', observedAt: at(c.at), pod }, irrelevant: true });
  }
  timed.sort((a, b) => a.t - b.t);

  const out: WireEvent[] = [];
  let rv = 100_000;
  let bytes = 0;
  let irrelevant = 0;
  const relists = [DAY / 4, DAY / 2, (3 * DAY) / 4];
  let next = 0;
  for (const relist of [...relists, Number.POSITIVE_INFINITY]) {
    while (next < timed.length && (timed[next]?.t ?? 0) <= relist) {
      const { event, irrelevant: noise } = timed[next++] as Timed;
      const pod = dress(event.pod as Json, String(rv++), random);
      bytes += JSON.stringify(pod).length;
      if (noise) irrelevant++;
      out.push({ ...event, pod });
    }
    if (relist === Number.POSITIVE_INFINITY) break;
    const live = scripts
      .filter((s) => s.meta.createdAt <= relist && (ends.get(s.meta.uid) ?? DAY * 2) > relist)
      .map((s) => s.meta.uid);
    const sync: SyncEvent = syncEvent(relist, String(rv++), live);
    out.push(sync);
  }
  const podEvents = out.length - relists.length;
  return { events: out, pods: scripts.length, irrelevant, meanPodBytes: Math.round(bytes / podEvents) };
}

type Json = Record<string, unknown>;

function seconds(iso: string): number {
  return (Date.parse(iso) - Date.parse(at(0))) / 1000;
}

/**
 * The trace as the agent forwards it (agent/slim-pod.ts): each pod slimmed to what the ingest
 * reads, and an update dropped when its slim form (fingerprint) equals the last one sent for that
 * pod. DELETED, SYNC and EVENT events always go through.
 */
export function asForwarded(
  events: readonly WireEvent[],
  slim: (pod: unknown) => { fingerprint: string; json: string; uid: string } | undefined,
): WireEvent[] {
  const last = new Map<string, string>();
  const out: WireEvent[] = [];
  for (const event of events) {
    if (event.type === 'SYNC' || event.type === 'EVENT') {
      out.push(event);
      continue;
    }
    const s = slim(event.pod);
    if (s === undefined) continue;
    if (event.type !== 'DELETED' && last.get(s.uid) === s.fingerprint) continue;
    last.set(s.uid, s.fingerprint);
    out.push({ ...event, pod: JSON.parse(s.json) as unknown });
  }
  return out;
}

/**
 * The batches an agent sends: a batch closes after one second of events (by observedAt) or at
 * 500 events, whichever comes first.
 */
export function agentBatches(events: readonly WireEvent[]): WireEvent[][] {
  const out: WireEvent[][] = [];
  let current: WireEvent[] = [];
  let started = 0;
  for (const e of events) {
    const t = Date.parse(e.observedAt);
    if (current.length > 0 && (current.length >= 500 || t - started >= 1000)) {
      out.push(current);
      current = [];
    }
    if (current.length === 0) started = t;
    current.push(e);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * The fleet benches' command line: --pods in all (default 2000), --clusters (4) and --seed (42;
 * cluster c plays the trace of seed + c).
 */
export function fleetOptions(): { pods: number; seed: number; clusters: number } {
  const { values } = parseArgs({
    options: { pods: { type: 'string' }, seed: { type: 'string' }, clusters: { type: 'string' } },
  });
  return {
    pods: Number(values.pods ?? 2000),
    seed: Number(values.seed ?? 42),
    clusters: Number(values.clusters ?? 4),
  };
}

/** The agent the fleet benches' batches say they come from. */
export const BENCH_AGENT = { id: 'podtrail-agent-bench', version: '0.1.0' };
