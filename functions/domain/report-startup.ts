import type { PodImagePulls } from './image-pulls.js';
import type { PodSummary, StartupBreakdown } from './model.js';
import { type Distribution, distribution } from './percentiles.js';

/**
 * Startup latency, per pod and as percentiles per group.
 *
 * Phases (ms, each from one milestone to the next; a phase is absent when either end is unknown):
 *   scheduling     created → PodScheduled=True
 *   initialization PodScheduled=True → Initialized=True (init containers, sidecars starting)
 *   containerStart Initialized=True → every regular container started (image pulls included)
 *   readiness      every container started → Ready=True (readiness probes)
 * Totals:
 *   startup        scheduling + containerStart: the Kubernetes pod-startup SLI's span (creation to all
 *                  containers started) with init containers excluded, as the SLI excludes them. Unlike
 *                  the SLI it includes image pulls (a pod records no pull times) and it ends at the
 *                  kubelet's container startedAt rather than at the watch observation.
 *   toReady        created → Ready=True, everything included.
 * With image pulls read from the pod's Pulled events (image-pulls.ts; only when asked, as it costs
 * two Queries per pod):
 *   imagePull      the regular containers' first pulls, summed ("already present" = 0)
 *   startupSli     startup − imagePull: the pod-startup SLI, which excludes image pulls. Only for
 *                  pods whose pull time is known; the others are left out of this phase (not
 *                  counted unadjusted, which would mix two measures in one percentile) and counted
 *                  as `noPullData`, so startupSli.count + noPullData = startup.count.
 * Times come from the API (second resolution); a negative span from clock skew between the API
 * server and the kubelet counts as 0.
 */
export const STARTUP_PHASES = [
  'scheduling',
  'initialization',
  'containerStart',
  'readiness',
  'startup',
  'toReady',
  'imagePull',
  'startupSli',
] as const;
export type StartupPhase = (typeof STARTUP_PHASES)[number];

export const STARTUP_GROUP_KEYS = ['cluster', 'namespace', 'workload'] as const;
export type StartupGroupKey = (typeof STARTUP_GROUP_KEYS)[number];

export type StartupDurations = Readonly<Partial<Record<StartupPhase, number>>>;

export interface PodStartup {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly workload: string;
  readonly milestones: StartupBreakdown;
  readonly durations: StartupDurations;
  /** Pull time per regular container (ms), when pulls were read and are known for every one. */
  readonly imagePulls?: Readonly<Record<string, number>>;
}

export interface StartupGroup {
  readonly key: Readonly<Partial<Record<StartupGroupKey, string>>>;
  readonly pods: number;
  readonly phases: Readonly<Partial<Record<StartupPhase, Distribution>>>;
  /** When pulls were read: pods with a `startup` phase but no known pull time (left out of startupSli). */
  readonly noPullData?: number;
}

export function startupDurations(b: StartupBreakdown): StartupDurations {
  const created = ms(b.createdAt);
  const scheduled = ms(b.scheduledAt);
  const initialized = ms(b.initializedAt);
  const started = ms(b.containersStartedAt);
  const ready = ms(b.readyAt);
  const out: Partial<Record<StartupPhase, number>> = {};
  const span = (phase: StartupPhase, from: number | undefined, to: number | undefined) => {
    if (from !== undefined && to !== undefined) out[phase] = Math.max(0, to - from);
  };
  span('scheduling', created, scheduled);
  span('initialization', scheduled, initialized);
  span('containerStart', initialized, started);
  span('readiness', started, ready);
  span('toReady', created, ready);
  if (out.scheduling !== undefined && out.containerStart !== undefined) {
    out.startup = out.scheduling + out.containerStart;
  }
  return out;
}

export function podStartup(pod: PodSummary): PodStartup | undefined {
  if (pod.startup === undefined) return undefined;
  return {
    cluster: pod.cluster,
    namespace: pod.namespace,
    name: pod.name,
    uid: pod.uid,
    workload: `${pod.workload.kind}/${pod.workload.name}`,
    milestones: pod.startup,
    durations: startupDurations(pod.startup),
  };
}

/** The pod with its image pulls (undefined: pulls read, none known) and the SLI phase. */
export function withImagePulls(pod: PodStartup, pulls: PodImagePulls | undefined): PodStartup {
  if (pulls === undefined) return pod;
  const { startup } = pod.durations;
  return {
    ...pod,
    durations: {
      ...pod.durations,
      imagePull: pulls.total,
      ...(startup === undefined ? {} : { startupSli: Math.max(0, startup - pulls.total) }),
    },
    imagePulls: pulls.containers,
  };
}

/** Pods with a `startup` phase whose pull time is unknown: the ones startupSli leaves out. */
export function countNoPullData(pods: readonly PodStartup[]): number {
  return pods.filter((p) => p.durations.startup !== undefined && p.durations.imagePull === undefined).length;
}

/**
 * Groups pods by the chosen keys and computes each phase's distribution; `pulls`: image pulls were
 * read, so each group says how many pods had no pull data.
 */
export function groupStartups(
  pods: readonly PodStartup[],
  groupBy: readonly StartupGroupKey[],
  options: { readonly pulls?: boolean } = {},
): StartupGroup[] {
  const groups = new Map<string, { key: Partial<Record<StartupGroupKey, string>>; pods: PodStartup[] }>();
  for (const pod of pods) {
    const key: Partial<Record<StartupGroupKey, string>> = {};
    for (const k of groupBy) key[k] = pod[k];
    const id = JSON.stringify(groupBy.map((k) => key[k]));
    const group = groups.get(id) ?? { key, pods: [] };
    group.pods.push(pod);
    groups.set(id, group);
  }
  return [...groups.values()]
    .map(({ key, pods: members }) => ({
      key,
      pods: members.length,
      phases: phaseDistributions(members),
      ...(options.pulls === true ? { noPullData: countNoPullData(members) } : {}),
    }))
    .sort((a, b) => compareKeys(a.key, b.key, groupBy));
}

export function phaseDistributions(
  pods: readonly PodStartup[],
): Readonly<Partial<Record<StartupPhase, Distribution>>> {
  const out: Partial<Record<StartupPhase, Distribution>> = {};
  for (const phase of STARTUP_PHASES) {
    const values = pods.flatMap((p) => (p.durations[phase] === undefined ? [] : [p.durations[phase]]));
    const d = distribution(values);
    if (d !== undefined) out[phase] = d;
  }
  return out;
}

/** Slowest first by time to ready (pods never ready last), then by name for stable output. */
export function slowestFirst(a: PodStartup, b: PodStartup): number {
  const x = a.durations.toReady ?? a.durations.startup ?? -1;
  const y = b.durations.toReady ?? b.durations.startup ?? -1;
  if (x !== y) return y - x;
  const ka = `${a.cluster}/${a.namespace}/${a.name}/${a.uid}`;
  const kb = `${b.cluster}/${b.namespace}/${b.name}/${b.uid}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function compareKeys<K extends string>(
  a: Partial<Record<K, string>>,
  b: Partial<Record<K, string>>,
  keys: readonly K[],
): number {
  for (const k of keys) {
    const x = a[k] ?? '';
    const y = b[k] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function ms(time: string | undefined): number | undefined {
  if (time === undefined) return undefined;
  const value = Date.parse(time);
  return Number.isNaN(value) ? undefined : value;
}

/** The report's phase columns as `podtrail startup` heads them, in its order; pulls add PULL and SLI. */
export const STARTUP_PHASE_HEADERS: readonly (readonly [StartupPhase, string])[] = [
  ['scheduling', 'SCHEDULING'],
  ['initialization', 'INIT'],
  ['containerStart', 'CONTAINERS'],
  ['readiness', 'READINESS'],
  ['startup', 'STARTUP'],
  ['toReady', 'TO READY'],
];
export const STARTUP_PULL_HEADERS: readonly (readonly [StartupPhase, string])[] = [
  ['imagePull', 'PULL'],
  ['startupSli', 'SLI'],
];

/** The body of `GET /v1/startup`. */
export interface StartupReport {
  readonly window: { readonly since: string; readonly until: string };
  readonly groupBy: readonly StartupGroupKey[];
  readonly overall: {
    readonly pods: number;
    readonly phases: StartupGroup['phases'];
    readonly noPullData?: number;
  };
  readonly groups: readonly StartupGroup[];
  readonly slowest: readonly PodStartup[];
}
