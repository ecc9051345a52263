/**
 * Agent footprint, side by side with a client-node informer, against one simulated cluster:
 * 10,000 realistic pods listed, then a steady stream of kubelet-style status changes. Both clients
 * run as separate processes from esbuild bundles (what the container runs). Reports peak RSS
 * (VmHWM), CPU per 1,000 events, bytes the agent sent (gzip, as on the wire) against the raw bytes
 * it read from the API (lists + watch), and forwarding latency from the API server's commit to the
 * ingest's receipt.
 *
 *   node --import tsx bench/agent-memory.ts [--pods 10000] [--rate 200] [--seconds 30]
 *     [--agent-node-options "--max-old-space-size=192"]   (as in the Deployment; "" for Node's defaults)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import type { PodEvent } from '../functions/domain/wire-format.js';
import { kubelet, runningPods, seededRandom, startSimulator } from '../simulator/index.js';
import { startIngestSink } from '../test/support/ingest-sink.js';
import { spawnAgent } from '../test/support/sim-process.js';

const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '30' },
    'agent-node-options': { type: 'string' },
  },
});
const PODS = Number(values.pods);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const TICKS_PER_SECOND = 20;
const AGENT_NODE_OPTIONS = (values['agent-node-options'] ?? '--max-old-space-size=192')
  .split(' ')
  .filter((o) => o !== '');

const dir = mkdtempSync(join(tmpdir(), 'podtrail-bench-'));
const banner = {
  js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
};
for (const [entry, out] of [
  ['agent/main.ts', 'agent.mjs'],
  ['bench/agent-informer-baseline.ts', 'informer.mjs'],
] as const) {
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile: join(dir, out),
    banner,
    logLevel: 'warning',
  });
}

const sim = await startSimulator({ token: 'bench' });
sim.store.seed(runningPods(PODS, { seed: 1 }));
const sink = await startIngestSink();
const kubeconfig = join(dir, 'kubeconfig');
writeFileSync(kubeconfig, sim.kubeconfigYaml());
const publishedAt = new Map<number, number>();
sim.store.subscribe((e) => publishedAt.set(e.resourceVersion, e.publishedAtMs));

// The agent runs as its Deployment configures it (agent/deploy/deployment.yaml: NODE_OPTIONS);
// the informer as client-node users run it, with Node's defaults (it needs its whole cache in heap).
const agent = spawnAgent(
  [
    process.execPath,
    ...AGENT_NODE_OPTIONS,
    join(dir, 'agent.mjs'),
    '--cluster',
    'bench',
    '--ingest-url',
    sink.url,
    '--kubeconfig',
    kubeconfig,
    '--port',
    'off',
  ],
  {
    PODTRAIL_TOKEN: sink.token,
  },
);
const informer = spawnAgent([process.execPath, join(dir, 'informer.mjs'), kubeconfig], {});
const started = Date.now();
const [agentListedMs, informerListedMs] = await Promise.all([
  sink.waitFor(() => sink.syncs().length === 1, 120_000, 'the agent SYNC').then(() => Date.now() - started),
  informer.waitForLog('synced', 120_000).then(() => Date.now() - started),
]);

// Steady phase: RATE status changes per second on random pods (readiness flaps and restarts).
const random = seededRandom(2);
const uids = sim.store.uids();
const steadyFromRv = sim.store.resourceVersion();
const cpuBefore = { agent: cpuSeconds(agent.child.pid), informer: cpuSeconds(informer.child.pid) };
const rss = { agent: [] as number[], informer: [] as number[] };
let changes = 0;
const perTick = RATE / TICKS_PER_SECOND;
let carry = 0;
const ticker = setInterval(() => {
  carry += perTick;
  for (; carry >= 1; carry--) {
    const uid = uids[Math.floor(random() * uids.length)]!;
    const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    sim.store.update(uid, (pod) => {
      const container = pod.spec.containers[0]?.name ?? '';
      if (random() < 0.1) {
        kubelet.containerTerminated(pod, container, at, { exitCode: 137, reason: 'OOMKilled' });
        kubelet.restartContainer(pod, container, at, { ready: true, random });
      } else kubelet.containerReady(pod, container, !kubelet.containerStatus(pod, container).ready, at);
    });
    changes++;
  }
}, 1_000 / TICKS_PER_SECOND);
const sampler = setInterval(() => {
  rss.agent.push(rssMiB(agent.child.pid, 'VmRSS'));
  rss.informer.push(rssMiB(informer.child.pid, 'VmRSS'));
}, 500);
await new Promise((r) => setTimeout(r, SECONDS * 1_000));
clearInterval(ticker);
const lastRv = sim.store.resourceVersion();
await sink.waitFor(
  () => sink.podEvents().some((e) => rvOf(e.event) === lastRv),
  60_000,
  'the agent to forward everything',
);
clearInterval(sampler);

const cpu = {
  agent: cpuSeconds(agent.child.pid) - cpuBefore.agent,
  informer: cpuSeconds(informer.child.pid) - cpuBefore.informer,
};
const peak = { agent: rssMiB(agent.child.pid, 'VmHWM'), informer: rssMiB(informer.child.pid, 'VmHWM') };
const agentBytes = sim.stats.bytesByClient.get('podtrail-agent') ?? { list: 0, watch: 0 };
const rawBytes = agentBytes.list + agentBytes.watch;
const sentBytes = sink.batches.reduce((n, b) => n + b.gzipBytes, 0);
const jsonBytes = sink.batches.reduce((n, b) => n + b.jsonBytes, 0);
const latencies = sink
  .podEvents()
  .filter((e) => rvOf(e.event) > steadyFromRv)
  .map((e) => e.receivedAtMs - (publishedAt.get(rvOf(e.event)) ?? e.receivedAtMs))
  .sort((a, b) => a - b);
const steadyEvents = latencies.length;

agent.child.kill('SIGTERM');
informer.child.kill('SIGTERM');
await Promise.all([agent.exited(), informer.exited()]);
await sim.close();
await sink.close();

const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
const results = {
  pods: PODS,
  steadyChanges: changes,
  steadyEventsForwarded: steadyEvents,
  /** Until the agent's SYNC reached the ingest / the informer's cache was synced. */
  listedAfterMs: { agent: agentListedMs, informer: informerListedMs },
  peakRssMiB: peak,
  peakRssRatio: round(peak.agent / peak.informer),
  medianSteadyRssMiB: { agent: median(rss.agent), informer: median(rss.informer) },
  cpuSecondsPer1000Events: {
    agent: round((cpu.agent / changes) * 1000),
    informer: round((cpu.informer / changes) * 1000),
  },
  bytes: {
    rawFromApi: rawBytes,
    sentGzip: sentBytes,
    sentJson: jsonBytes,
    ratio: round(sentBytes / rawBytes, 4),
  },
  forwardLatencyMs: { p50: pct(50), p99: pct(99), max: latencies.at(-1) ?? 0 },
  node: process.version,
  agentNodeOptions: AGENT_NODE_OPTIONS.join(' '),
};
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);

function rvOf(event: unknown): number {
  return Number(
    ((event as PodEvent).pod as { metadata: { resourceVersion: string } }).metadata.resourceVersion,
  );
}
function rssMiB(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}
/** utime + stime of a process, in seconds (USER_HZ is 100 on Linux). */
function cpuSeconds(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
function round(n: number, digits = 3): number {
  return Number(n.toFixed(digits));
}
