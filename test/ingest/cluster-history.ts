import type { PodEvent, WireEvent } from '../../functions/domain/wire-format.js';
import { at, eventVersion, type PodMeta, prng, syncEvent } from '../support/event-builders.js';
import {
  badImagePod,
  completedJob,
  crashLoop,
  deleteAfter,
  healthyStart,
  type Script,
  withInitContainer,
} from './lifecycles.js';

/**
 * A seeded history of one cluster as a watching agent would have seen it: pods with scripted
 * lifecycles starting at random times, some deleted, some deleted while nobody watched (their last
 * events missing, closed by a later SYNC), and relists with SYNC events, some reporting a gap.
 * resourceVersions are assigned in time order across the cluster, as etcd would.
 */
export interface History {
  /** Every event in the order the agent observed them. */
  readonly events: readonly WireEvent[];
  readonly uids: readonly string[];
}

const KINDS = [
  'bad-image',
  'crash-loop',
  'oom',
  'job',
  'init',
  'sidecar',
  'healthy',
  'deleted',
  'vanished',
] as const;

export function clusterHistory(seed: number, pods: number): History {
  const random = prng(seed);
  const dummy = () => '0';
  const scripts: Script[] = [];
  const vanished = new Map<string, number>();
  const ended = new Map<string, number>();
  for (let i = 0; i < pods; i++) {
    const kind = KINDS[Math.floor(random() * KINDS.length)] ?? 'healthy';
    const createdAt = Math.floor(random() * 600);
    const uid = `${seed.toString(16)}-${i.toString(16).padStart(4, '0')}-${kind}`;
    const meta: PodMeta = {
      name: `${kind}-${i}`,
      namespace: random() < 0.5 ? 'default' : 'prod',
      uid,
      createdAt,
      owner: { kind: 'ReplicaSet', name: `${kind}-7d4f9c` },
      labels: { 'pod-template-hash': '7d4f9c' },
      ...(kind === 'init' ? { initContainers: [{ name: 'migrate' }] } : {}),
      ...(kind === 'sidecar' ? { initContainers: [{ name: 'proxy', sidecar: true }] } : {}),
    };
    let s: Script;
    if (kind === 'bad-image') s = badImagePod(meta, dummy);
    else if (kind === 'crash-loop') s = crashLoop(meta, dummy, 2 + Math.floor(random() * 3));
    else if (kind === 'oom') s = crashLoop(meta, dummy, 2, 'OOMKilled', 137);
    else if (kind === 'job') s = completedJob(meta, dummy);
    else if (kind === 'init') s = withInitContainer(meta, dummy);
    else s = healthyStart(meta, dummy);
    if (kind === 'deleted' || kind === 'vanished') {
      const t = createdAt + 60 + Math.floor(random() * 300);
      deleteAfter(s, t);
      ended.set(uid, t + 3);
      if (kind === 'vanished') vanished.set(uid, t);
    }
    scripts.push(s);
  }
  let events: (PodEvent & { uid: string })[] = scripts.flatMap((s) =>
    s.events
      .filter((e) => {
        const cut = vanished.get(s.meta.uid);
        return cut === undefined || Date.parse(e.observedAt) < Date.parse(at(cut));
      })
      .map((e) => ({ ...e, uid: s.meta.uid })),
  );
  events = events.sort((a, b) => (a.observedAt < b.observedAt ? -1 : a.observedAt > b.observedAt ? 1 : 0));

  // Relists: at these times the agent lists every live pod and sends a SYNC.
  const relists = [400 + Math.floor(random() * 300), 900 + Math.floor(random() * 200)].sort((a, b) => a - b);
  let rv = 1000;
  const out: WireEvent[] = [];
  let next = 0;
  for (const relist of [...relists, Number.POSITIVE_INFINITY]) {
    while (next < events.length && Date.parse(events[next]?.observedAt ?? '') <= Date.parse(at(relist))) {
      const { uid: _uid, ...event } = events[next++] as PodEvent & { uid: string };
      out.push(renumber(event, String(rv++)));
    }
    if (relist === Number.POSITIVE_INFINITY) break;
    const live = scripts
      .filter(
        (s) => s.meta.createdAt <= relist && (ended.get(s.meta.uid) ?? Number.POSITIVE_INFINITY) > relist,
      )
      .map((s) => s.meta.uid);
    const gap = random() < 0.5 ? relist - 30 : undefined;
    out.push(syncEvent(relist, String(rv++), live, gap));
  }
  return { events: out, uids: scripts.map((s) => s.meta.uid) };
}

function renumber(event: PodEvent, rv: string): PodEvent {
  const pod = event.pod as { metadata: Record<string, unknown> };
  return { ...event, pod: { ...pod, metadata: { ...pod.metadata, resourceVersion: rv } } };
}

/**
 * The same history with the Events its pods would have had, every version as a watch delivers it:
 * per pod a Scheduled event, a BackOff-like Warning whose count grows over three versions, for
 * every third pod an event that names no pod uid (as the taint manager's do), and for every fourth
 * one an event observed before the pod's first event. Event resourceVersions continue the
 * history's own counter.
 */
export function clusterHistoryWithEvents(seed: number, pods: number): History {
  const history = clusterHistory(seed, pods);
  const random = prng(seed ^ 0x5eed);
  const firstSeen = new Map<string, { name: string; namespace: string; at: number }>();
  for (const event of history.events) {
    if (event.type === 'SYNC' || event.type === 'EVENT') continue;
    const metadata = (event.pod as { metadata: { uid: string; name: string; namespace: string } }).metadata;
    if (firstSeen.has(metadata.uid)) continue;
    firstSeen.set(metadata.uid, {
      name: metadata.name,
      namespace: metadata.namespace,
      at: (Date.parse(event.observedAt) - Date.parse(at(0))) / 1000,
    });
  }
  let rv = 900_000;
  const added: WireEvent[] = [];
  let n = 0;
  for (const [uid, pod] of firstSeen) {
    const early = n % 4 === 3 ? -5 : 1;
    const named = { namespace: pod.namespace, name: pod.name, uid };
    added.push(
      eventVersion(
        {
          uid: `ev-${uid}-s`,
          pod: named,
          reason: 'Scheduled',
          component: 'default-scheduler',
          first: pod.at + early,
        },
        String(rv++),
      ),
    );
    for (let count = 1; count <= 3; count++) {
      const last = pod.at + 10 * count + Math.floor(random() * 5);
      added.push(
        eventVersion(
          {
            uid: `ev-${uid}-b`,
            pod: named,
            reason: 'BackOff',
            type: 'Warning',
            first: pod.at + 10,
            last,
            count,
          },
          String(rv++),
        ),
      );
    }
    if (n % 3 === 0)
      added.push(
        eventVersion(
          {
            uid: `ev-${uid}-t`,
            pod: { namespace: pod.namespace, name: pod.name },
            reason: 'TaintManagerEviction',
            component: 'taint-eviction-controller',
            first: pod.at + 20,
          },
          String(rv++),
        ),
      );
    n++;
  }
  const events = [...history.events, ...added].sort((a, b) =>
    a.observedAt < b.observedAt ? -1 : a.observedAt > b.observedAt ? 1 : 0,
  );
  return { events, uids: history.uids };
}
