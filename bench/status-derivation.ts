/**
 * Status derivation throughput on one core: `derivePodStatus` (the time-independent facts) and
 * `printPod` (facts plus the AGE / "(X ago)" cells) over a seeded 100,000-pod mix, against two
 * baselines measured in the same run: touching every pod (the floor) and a JSON deep clone per pod.
 *
 *   npx tsx bench/status-derivation.ts [--pods 100000] [--rounds 7] [--seed 42]
 *
 * Each case gets one warm-up pass, then `rounds` timed passes, round-robin across the cases; the
 * median pass is reported. Two clocks: wall time, and this process's CPU time (process.cpuUsage,
 * user + system), which is what one dedicated core would need when the machine is shared (GC
 * helper threads count too, so the CPU figure errs on the slow side).
 */
import { parseArgs } from 'node:util';
import { printPod } from '../functions/domain/pod-row.js';
import { derivePodStatus } from '../functions/domain/pod-status.js';
import { generatePodMix } from './status-pod-mix.js';

const TARGET_PODS_PER_SECOND = 500_000;
const NOW = Date.parse('2026-11-23T10:00:00Z');

const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '7' },
    seed: { type: 'string', default: '42' },
  },
});
const podCount = Number(values.pods);
const rounds = Number(values.rounds);
const seed = Number(values.seed);

/**
 * Every pod the engine sees in production was just decoded from JSON (watch stream, ingest body,
 * saved file), so the measured pods are too: each one serialised and parsed back on its own. The
 * generated originals are dropped so that only the parsed pods stay on the heap.
 */
function loadPods(): { pods: unknown[]; counts: Readonly<Record<string, number>>; averageBytes: number } {
  const mix = generatePodMix(podCount, seed, NOW);
  let totalBytes = 0;
  const parsed = mix.pods.map((pod) => {
    const text = JSON.stringify(pod);
    totalBytes += text.length;
    return JSON.parse(text) as unknown;
  });
  return { pods: parsed, counts: mix.counts, averageBytes: Math.round(totalBytes / parsed.length) };
}
const { pods, counts, averageBytes } = loadPods();

interface Result {
  readonly name: string;
  /** Median pods per wall-clock second. */
  readonly wall: number;
  /** Median pods per CPU second of this process. */
  readonly cpu: number;
  readonly wallMin: number;
  readonly wallMax: number;
}

/** The sink keeps V8 from discarding work whose result is otherwise unused. */
let sink = 0;

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

interface Case {
  readonly name: string;
  readonly perPod: (pod: unknown) => number;
  /** The pods one pass walks (default: all of them). */
  readonly sample?: readonly unknown[];
  /** How many times one pass walks the sample. */
  readonly repeat?: number;
}

/** One timed pass of a case: pods per wall-clock second and per CPU second. */
function pass(c: Case): { wall: number; cpu: number } {
  const sample = c.sample ?? pods;
  const repeat = c.repeat ?? 1;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let acc = 0;
  for (let r = 0; r < repeat; r++) for (let i = 0; i < sample.length; i++) acc += c.perPod(sample[i]);
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  sink += acc;
  const count = sample.length * repeat;
  return {
    wall: count / (wallMs / 1000),
    cpu: count / (Math.max((cpu.user + cpu.system) / 1000, 0.001) / 1000),
  };
}

/**
 * Warms every case up once, then runs the rounds round-robin (each round times every case once),
 * so that the baselines and the engine see the same machine, load and heap.
 */
function measureAll(cases: readonly Case[]): Result[] {
  for (const c of cases) pass(c);
  const walls = cases.map((): number[] => []);
  const cpus = cases.map((): number[] => []);
  for (let r = 0; r < rounds; r++) {
    cases.forEach((c, i) => {
      const { wall, cpu } = pass(c);
      walls[i]?.push(wall);
      cpus[i]?.push(cpu);
    });
  }
  return cases.map((c, i) => {
    const w = walls[i] ?? [];
    return {
      name: c.name,
      wall: median([...w]),
      cpu: median(cpus[i] ?? []),
      wallMin: Math.min(...w),
      wallMax: Math.max(...w),
    };
  });
}

type Loose = { readonly [key: string]: Loose } | undefined;

/**
 * The memory floor: loads the same objects printPod must visit (metadata, spec, every condition,
 * every container status with its state and lastState), unchecked and without any logic. What
 * derivePodStatus costs beyond this is the logic itself.
 */
function touchPrintPodFields(value: unknown): number {
  const pod = value as Loose;
  const metadata = pod?.metadata;
  const spec = pod?.spec;
  const status = pod?.status;
  let n = (metadata?.name ? 1 : 0) + (metadata?.creationTimestamp ? 1 : 0) + (spec?.containers ? 1 : 0);
  const conditions = status?.conditions as unknown as Loose[] | undefined;
  for (let i = 0; i < (conditions?.length ?? 0); i++) if (conditions?.[i]?.reason) n++;
  for (const key of ['initContainerStatuses', 'containerStatuses']) {
    const statuses = status?.[key] as unknown as Loose[] | undefined;
    for (let i = 0; i < (statuses?.length ?? 0); i++) {
      const cs = statuses?.[i];
      if (cs?.restartCount) n++;
      if (cs?.state?.waiting ?? cs?.state?.running ?? cs?.state?.terminated) n++;
      if (cs?.lastState?.terminated) n++;
    }
  }
  return n;
}

const load = (await import('node:os')).loadavg()[0] ?? 0;
const hot = pods.slice(0, 1000);
const results = measureAll([
  {
    name: 'baseline: touch every pod',
    perPod: (pod) => (pod as { metadata: { name: string } }).metadata.name.length,
  },
  {
    name: 'baseline: JSON clone per pod',
    perPod: (pod) => (JSON.parse(JSON.stringify(pod)) === null ? 0 : 1),
    sample: pods.filter((_, i) => i % 10 === 0),
  },
  { name: 'baseline: load the fields printPod reads', perPod: touchPrintPodFields },
  { name: 'derivePodStatus', perPod: (pod) => derivePodStatus(pod).status.length },
  { name: 'printPod (derive + format cells)', perPod: (pod) => printPod(pod, NOW).restarts.length },
  {
    name: 'derivePodStatus, 1,000 pods cache-hot',
    perPod: (pod) => derivePodStatus(pod).status.length,
    sample: hot,
    repeat: 100,
  },
  {
    name: 'printPod, 1,000 pods cache-hot',
    perPod: (pod) => printPod(pod, NOW).restarts.length,
    sample: hot,
    repeat: 100,
  },
]);
const loadAfter = (await import('node:os')).loadavg()[0] ?? 0;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const col = (text: string, width: number) => text.padStart(width);
const nameWidth = Math.max(...results.map((r) => r.name.length));
console.log(
  `podtrail status derivation — ${fmt(pods.length)} pods (seed ${seed}, ~${fmt(averageBytes)} B/pod as JSON)`,
);
console.log(
  `node ${process.version} ${process.arch}, single thread, median of ${rounds} passes, heap ${fmt(process.memoryUsage().heapUsed / 2 ** 20)} MiB, load average ${load.toFixed(1)} → ${loadAfter.toFixed(1)}`,
);
console.log(
  `mix: ${Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);
console.log('');
console.log(
  `${'case'.padEnd(nameWidth)}   ${col('pods/CPU-s', 12)}   ${col('pods/wall-s', 12)}   ${col('wall min', 12)}   ${col('wall max', 12)}`,
);
for (const r of results) {
  console.log(
    `${r.name.padEnd(nameWidth)}   ${col(fmt(r.cpu), 12)}   ${col(fmt(r.wall), 12)}   ${col(fmt(r.wallMin), 12)}   ${col(fmt(r.wallMax), 12)}`,
  );
}
const [, clone, , derive, print] = results;
if (clone !== undefined && derive !== undefined && print !== undefined) {
  console.log('');
  console.log(
    `per CPU second: derivePodStatus ${(derive.cpu / clone.cpu).toFixed(0)}x a JSON clone, printPod ${(print.cpu / clone.cpu).toFixed(0)}x`,
  );
  const verdict = (r: Result) => (r.cpu >= TARGET_PODS_PER_SECOND ? 'met' : 'MISSED');
  console.log(
    `target ${fmt(TARGET_PODS_PER_SECOND)} pods/s on one core: derivePodStatus ${verdict(derive)}, printPod ${verdict(print)}`,
  );
}
if (sink === -1) console.log('unreachable: reads the sink');
