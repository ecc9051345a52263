/**
 * The pod Events of bench/agent-memory.ts --events: what a cluster's components say about its pods,
 * written through the simulator's recorders (the kubelet's legacy recorder with its dedupe, count
 * bumps, aggregation and spam filter; the scheduler's series), never put directly.
 *
 * - `seedLastHour`: the events still live when the clients start (the API server keeps an event one
 *   hour after its last write), played in time order on a pinned clock so timestamps, dedupe and the
 *   spam filter's token refills follow the hour as it would have run: 10 % of the pods started in
 *   the last hour (Scheduled, Pulling, Pulled, Created, Started; Killing on the pod each replaced),
 *   5 % had readiness flaps (3 Unhealthy per flap), 1 % an OOM kill and restart, 0.5 % crash-loop
 *   all hour (BackOff at every 12 s sync in back-off, Pulled "already present"/Created/Started per
 *   restart, back-off doubling from 10 s to 300 s).
 * - `createChangeStream`: the steady phase's status changes, each with the events a real pod would
 *   have: readiness lost after 3 Unhealthy 10 s apart (regained silently), OOM kill with an
 *   immediate restart (OOMKilling on the Node, Pulled "already present", Created, Started), a crash
 *   into a 10 s back-off (BackOff, then the restart's three events), and a rollout step (Killing and
 *   graceful deletion of one pod, a new pod with Scheduled, Pulling, Pulled, Created, Started).
 *
 * Pods sit on nodes of 50 pods (200 nodes for 10,000 pods), so each kubelet's recorder caches
 * (LRUs of 4,096 entries) see what a real node's would.
 */
import {
  controllersSay,
  kubelet,
  kubeletSays,
  type PodEventSpec,
  type Random,
  runningPods,
  type SimClock,
  type SimPod,
  type Simulator,
  schedulerSays,
  steadyPod,
} from '../simulator/index.js';

export const PODS_PER_NODE = 50;

/** A real-time clock that can be pinned to a past instant while the last hour is played. */
export interface PinnableClock extends SimClock {
  pin(atMs: number | undefined): void;
}

export function pinnableClock(): PinnableClock {
  let pinned: number | undefined;
  return {
    now: () => pinned ?? Date.now(),
    setTimeout(fn, delayMs) {
      const timer = setTimeout(fn, Math.max(0, delayMs));
      return () => clearTimeout(timer);
    },
    pin(atMs) {
      pinned = atMs;
    },
  };
}

export interface Node {
  readonly name: string;
  readonly ip: string;
}

export function nodesFor(pods: number): Node[] {
  return Array.from({ length: Math.max(1, Math.ceil(pods / PODS_PER_NODE)) }, (_, i) => {
    const ip = `10.0.${16 + Math.floor(i / 250)}.${(i % 250) + 2}`;
    return { name: `ip-${ip.replaceAll('.', '-')}.eu-west-1.compute.internal`, ip };
  });
}

/** Moves each pod to one of `nodes`, round-robin (nodeName and hostIP as the kubelet reports them). */
export function spreadOverNodes(pods: readonly SimPod[], nodes: readonly Node[]): void {
  pods.forEach((pod, i) => {
    const node = nodes[i % nodes.length] as Node;
    pod.spec.nodeName = node.name;
    pod.status.hostIP = node.ip;
    pod.status.hostIPs = [{ ip: node.ip }];
  });
}

const containerOf = (pod: SimPod) => pod.spec.containers[0]?.name ?? '';
const unhealthy = (c: string) =>
  kubeletSays.unhealthy(c, 'Readiness', 'HTTP probe failed with statuscode: 503');
const restartSays = (c: string) => [
  kubeletSays.alreadyPresent(c),
  kubeletSays.created(c),
  kubeletSays.started(c),
];
const oomLine = (pid: number) =>
  `Memory cgroup out of memory: Killed process ${pid} (node) total-vm:1219892kB, anon-rss:130428kB, file-rss:11264kB, shmem-rss:0kB, UID:1000 pgtables:596kB oom_score_adj:999`;
const BACKOFF_SYNC_MS = 12_000;
const HOUR_MS = 3_600_000;

interface Occurrence {
  readonly atMs: number;
  readonly pod: SimPod;
  readonly say: (pod: SimPod) => PodEventSpec;
}

/**
 * Plays the last hour's events about `pods` (already in the store) and about pods the rollouts
 * replaced (gone, as events outlive their pods), ending `endMs`. Returns the occurrences recorded.
 */
export function seedLastHour(
  sim: Simulator,
  clock: PinnableClock,
  pods: readonly SimPod[],
  nodes: readonly Node[],
  random: Random,
  endMs: number,
): number {
  const startMs = endMs - HOUR_MS;
  const at = () => startMs + Math.floor(random() * (HOUR_MS - 120_000));
  const occurrences: Occurrence[] = [];
  const say = (atMs: number, pod: SimPod, ...makers: ((pod: SimPod) => PodEventSpec)[]) => {
    for (const m of makers) occurrences.push({ atMs, pod, say: m });
  };
  const sample = (fraction: number) => pods.filter(() => random() < fraction);

  const started = sample(0.1);
  const replaced = runningPods(started.length, { seed: 3 });
  spreadOverNodes(replaced, nodes);
  started.forEach((pod, i) => {
    const t = at();
    const c = containerOf(pod);
    say(t, pod, schedulerSays.scheduled());
    say(t + 700, pod, kubeletSays.pulling(c));
    say(t + 1_900, pod, kubeletSays.pulled(c, { pullMs: 1_213, sizeBytes: 52_409_718 }));
    say(t + 2_200, pod, kubeletSays.created(c), kubeletSays.started(c));
    const old = replaced[i] as SimPod;
    say(t + 8_000, old, kubeletSays.killing(containerOf(old)));
  });
  for (const pod of sample(0.05)) {
    for (let flap = 0, n = 1 + Math.floor(random() * 3); flap < n; flap++) {
      const t = at();
      for (let k = 0; k < 3; k++) say(t + k * 10_000, pod, unhealthy(containerOf(pod)));
    }
  }
  for (const pod of sample(0.01)) {
    const t = at();
    say(t, pod, controllersSay.oomKilling(oomLine(Math.floor(random() * 60_000))));
    say(t + 1_000, pod, ...restartSays(containerOf(pod)));
  }
  for (const pod of sample(0.005)) {
    const c = containerOf(pod);
    for (let t = startMs + Math.floor(random() * 60_000), restarts = 0; t < endMs - 60_000; restarts++) {
      const backoffMs = Math.min(300_000, 10_000 * 2 ** restarts);
      for (let sync = 0; sync < backoffMs; sync += BACKOFF_SYNC_MS)
        say(t + sync, pod, kubeletSays.crashBackOff(c));
      t += backoffMs;
      say(t, pod, ...restartSays(c));
      t += 5_000;
    }
  }
  occurrences.sort((a, b) => a.atMs - b.atMs);
  for (const o of occurrences) {
    clock.pin(o.atMs);
    sim.recordEvent(o.pod, o.say(o.pod));
  }
  clock.pin(undefined);
  return occurrences.length;
}

export interface ChangeStream {
  /** Makes one status change on a random pod, with the events it comes with (some later). */
  next(): void;
  /** Status changes made so far (pod writes, deletions and creations included). */
  changes(): number;
  /** Event occurrences recorded so far (before dedupe and the spam filter). */
  occurrences(): number;
  /** Resolves when every delayed step has run. */
  settled(): Promise<void>;
}

export function createChangeStream(sim: Simulator, nodes: readonly Node[], random: Random): ChangeStream {
  const uids = sim.store.uids();
  let changes = 0;
  let occurrences = 0;
  const pending = new Set<Promise<void>>();
  /** Pods with steps still to come, and how many: not picked again meanwhile (no write that changes nothing). */
  const busy = new Map<string, number>();
  const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const later = (uid: string, ms: number, fn: () => void) => {
    busy.set(uid, (busy.get(uid) ?? 0) + 1);
    const done = new Promise<void>((resolve) =>
      setTimeout(() => {
        fn();
        const left = (busy.get(uid) ?? 1) - 1;
        if (left === 0) busy.delete(uid);
        else busy.set(uid, left);
        resolve();
      }, ms),
    );
    pending.add(done);
    void done.then(() => pending.delete(done));
  };
  const change = (uid: string, fn: (pod: SimPod, at: string) => void): SimPod | undefined => {
    const written = sim.store.update(uid, (pod) => fn(pod, now()));
    if (written === undefined) return undefined;
    changes++;
    return sim.store.get(uid);
  };
  const say = (uid: string, ...makers: ((pod: SimPod) => PodEventSpec)[]) => {
    const pod = sim.store.get(uid);
    if (pod === undefined) return;
    for (const m of makers) {
      sim.recordEvent(pod, m(pod));
      occurrences++;
    }
  };

  const readinessFlap = (uid: string, pod: SimPod) => {
    const c = containerOf(pod);
    if (!kubelet.containerStatus(pod, c).ready) {
      change(uid, (p, at) => kubelet.containerReady(p, c, true, at));
      return;
    }
    say(uid, unhealthy(c));
    later(uid, 10_000, () => say(uid, unhealthy(c)));
    later(uid, 20_000, () => {
      change(uid, (p, at) => kubelet.containerReady(p, c, false, at));
      say(uid, unhealthy(c));
    });
  };
  const oomKill = (uid: string, pod: SimPod) => {
    const c = containerOf(pod);
    change(uid, (p, at) => {
      kubelet.containerTerminated(p, c, at, { exitCode: 137, reason: 'OOMKilled' });
      kubelet.restartContainer(p, c, at, { ready: true, random });
    });
    say(uid, controllersSay.oomKilling(oomLine(Math.floor(random() * 60_000))), ...restartSays(c));
  };
  const crash = (uid: string, pod: SimPod) => {
    const c = containerOf(pod);
    change(uid, (p, at) => kubelet.containerTerminated(p, c, at, { exitCode: 1, reason: 'Error' }));
    change(uid, (p, at) => kubelet.crashLoopBackOff(p, c, 10, at));
    say(uid, kubeletSays.crashBackOff(c));
    later(uid, 10_000, () => {
      change(uid, (p, at) => kubelet.containerRunning(p, c, at, { ready: false, random }));
      say(uid, ...restartSays(c));
    });
    later(uid, 13_000, () => change(uid, (p, at) => kubelet.containerReady(p, c, true, at)));
  };
  const rolloutStep = (uid: string, pod: SimPod) => {
    const c = containerOf(pod);
    say(uid, kubeletSays.killing(c));
    change(uid, (p, at) => kubelet.beginDeletion(p, at, 30));
    later(uid, 1_000, () =>
      change(uid, (p, at) => kubelet.containerTerminated(p, c, at, { exitCode: 0, reason: 'Completed' })),
    );
    later(uid, 2_000, () => {
      if (sim.store.delete(uid) !== undefined) changes++;
    });
    const script = steadyPod({
      random,
      namespace: pod.metadata.namespace,
      app: pod.metadata.labels?.app ?? 'web',
      node: nodes[Math.floor(random() * nodes.length)] as Node,
    });
    sim.play([script]);
    changes += script.steps.length;
    occurrences += (script.events ?? []).reduce((n, e) => n + e.makers.length, 0);
    uids.push(script.uid);
    later(script.uid, 5_500, () => {}); // its own steps until ready
  };

  return {
    next() {
      const index = Math.floor(random() * uids.length);
      const uid = uids[index] as string;
      if (busy.has(uid)) return this.next(); // a new pod may not be created yet
      const pod = sim.store.get(uid);
      const running = pod?.status.containerStatuses?.[0]?.state.running;
      if (pod === undefined || pod.metadata.deletionTimestamp !== undefined || running === undefined) {
        if (pod === undefined && sim.store.uids().length > 0) uids.splice(index, 1);
        return this.next();
      }
      const dice = random();
      if (dice < 0.02) rolloutStep(uid, pod);
      else if (dice < 0.06) crash(uid, pod);
      else if (dice < 0.16) oomKill(uid, pod);
      else readinessFlap(uid, pod);
    },
    changes: () => changes,
    occurrences: () => occurrences,
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
