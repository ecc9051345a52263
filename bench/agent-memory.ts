/**
 * Agent footprint, side by side with a client-node informer, against one simulated cluster:
 * 10,000 realistic pods listed, then a steady stream of kubelet-style status changes. Both clients
 * run as separate processes from esbuild bundles (what the container runs). Reports peak RSS
 * (VmHWM), CPU per 1,000 events, bytes the agent sent (gzip, as on the wire) against the raw bytes
 * it read from the API (lists + watch), and forwarding latency from the API server's commit to the
 * ingest's receipt.
 *
 * With --events, the cluster also has pod Events (bench/agent-event-stream.ts): an hour's worth live
 * when the clients start, and the events each status change comes with, written through the
 * simulator's recorders (dedupe, count bumps, spam filter, series). The agent runs both its loops
 * either way; the baseline then runs two informers (pods, and events about pods), and bytes read
 * count both resources.
 *
 *   node --import tsx bench/agent-memory.ts [--pods 10000] [--rate 200] [--seconds 30] [--events]
 *     [--agent-node-options "--max-old-space-size=192"]   (as in the Deployment; "" for Node's defaults)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import type { EventWireEvent, PodEvent } from '../functions/domain/wire-format.js';
import { kubelet, runningPods, seededRandom, startSimulator } from '../simulator/index.js';
import { startIngestSink } from '../test/support/ingest-sink.js';
import { spawnAgent } from '../test/support/sim-process.js';
import {
  createChangeStream,
  nodesFor,
  pinnableClock,
  seedLastHour,
  spreadOverNodes,
} from './agent-event-stream.js';

const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '30' },
    events: { type: 'boolean', default: false },
    'agent-node-options': { type: 'string' },
  },
});
const PODS = Number(values.pods);
const RATE = Number(values.rate);
const SECONDS = Number(values.seconds);
const EVENTS = values.events === true;
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

// With events, the simulator starts on a clock pinned an hour back while that hour's events are played.
const clock = pinnableClock();
const seededAtMs = Date.now();
if (EVENTS) clock.pin(seededAtMs - 3_600_000);
const sim = await startSimulator({ token: 'bench', clock });
const pods = runningPods(PODS, { seed: 1 });
const nodes = nodesFor(PODS);
if (EVENTS) spreadOverNodes(pods, nodes);
sim.store.seed(pods);
let seededWrites = 0;
const stopCounting = sim.events.objects.subscribe((e) => {
  if (e.type !== 'DELETED' && e.fields?.['involvedObject.kind'] === 'Pod') seededWrites++;
});
const seededOccurrences = EVENTS ? seedLastHour(sim, clock, pods, nodes, seededRandom(3), seededAtMs) : 0;
stopCounting();
const sink = await startIngestSink();
const kubeconfig = join(dir, 'kubeconfig');
writeFileSync(kubeconfig, sim.kubeconfigYaml());
const publishedAt = new Map<number, number>();
sim.store.subscribe((e) => publishedAt.set(e.resourceVersion, e.publishedAtMs));
/** Versions of events about pods (ADDED, MODIFIED): what the agent must forward. */
const eventVersions: number[] = [];
sim.events.objects.subscribe((e) => {
  if (e.type === 'DELETED' || e.fields?.['involvedObject.kind'] !== 'Pod') return;
  publishedAt.set(e.resourceVersion, e.publishedAtMs);
  eventVersions.push(e.resourceVersion);
});

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
const informer = spawnAgent(
  [process.execPath, join(dir, 'informer.mjs'), kubeconfig, ...(EVENTS ? ['--events'] : [])],
  {},
);
const started = Date.now();
const [agentListedMs, informerListedMs] = await Promise.all([
  sink.waitFor(() => sink.syncs().length === 1, 120_000, 'the agent SYNC').then(() => Date.now() - started),
  informer.waitForLog('synced', 120_000).then(() => Date.now() - started),
]);
// The events live at start reach the ingest too (after the agent's events list) before the steady phase.
const liveEvents = Number(informer.logs.find((l) => l.msg === 'synced')?.events ?? 0);
await sink.waitFor(() => sink.kubeEvents().length >= liveEvents, 120_000, 'the listed events at the ingest');
const agentReadAtList = agentBytesRead();
const sentAtList = sentGzip();

// Steady phase: RATE status changes per second on random pods (readiness flaps and restarts; with
// events, also crashes into back-off and rollout steps, each with the events it comes with).
const random = seededRandom(2);
const uids = sim.store.uids();
const stream = EVENTS ? createChangeStream(sim, nodes, random) : undefined;
const steadyFromRv = sim.store.resourceVersion();
const steadyEventsFrom = eventVersions.length;
const cpuBefore = { agent: cpuSeconds(agent.child.pid), informer: cpuSeconds(informer.child.pid) };
const rss = { agent: [] as number[], informer: [] as number[] };
let podsOnlyChanges = 0;
const perTick = RATE / TICKS_PER_SECOND;
let carry = 0;
const ticker = setInterval(() => {
  carry += perTick;
  for (; carry >= 1; carry--) {
    if (stream !== undefined) {
      stream.next();
      continue;
    }
    const uid = uids[Math.floor(random() * uids.length)]!;
    const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    sim.store.update(uid, (pod) => {
      const container = pod.spec.containers[0]?.name ?? '';
      if (random() < 0.1) {
        kubelet.containerTerminated(pod, container, at, { exitCode: 137, reason: 'OOMKilled' });
        kubelet.restartContainer(pod, container, at, { ready: true, random });
      } else kubelet.containerReady(pod, container, !kubelet.containerStatus(pod, container).ready, at);
    });
    podsOnlyChanges++;
  }
}, 1_000 / TICKS_PER_SECOND);
const sampler = setInterval(() => {
  rss.agent.push(rssMiB(agent.child.pid, 'VmRSS'));
  rss.informer.push(rssMiB(informer.child.pid, 'VmRSS'));
}, 500);
await new Promise((r) => setTimeout(r, SECONDS * 1_000));
clearInterval(ticker);
await stream?.settled();
await new Promise((r) => setTimeout(r, 6_000)); // the last new pods' played steps
const isEventVersion = new Set(eventVersions);
const steadyPodVersions = [...publishedAt.keys()].filter(
  (rv) => rv > steadyFromRv && !isEventVersion.has(rv),
);
const steadyEventVersions = eventVersions.slice(steadyEventsFrom);
const forwardedAt = new Map<number, number>();
let batchesSeen = 0;
const collectForwarded = () => {
  for (; batchesSeen < sink.batches.length; batchesSeen++) {
    const { batch, receivedAtMs } = sink.batches[batchesSeen]!;
    for (const event of batch.events) {
      const rv = event.type === 'SYNC' ? 0 : rvOf(event);
      if (rv > 0 && !forwardedAt.has(rv)) forwardedAt.set(rv, receivedAtMs);
    }
  }
};
const waitedFor = [...steadyPodVersions, ...steadyEventVersions];
const allForwarded = await sink
  .waitFor(
    () => {
      collectForwarded();
      return waitedFor.every((rv) => forwardedAt.has(rv));
    },
    60_000,
    'the agent to forward everything',
  )
  .then(
    () => true,
    () => false,
  );
clearInterval(sampler);

const cpu = {
  agent: cpuSeconds(agent.child.pid) - cpuBefore.agent,
  informer: cpuSeconds(informer.child.pid) - cpuBefore.informer,
};
const peak = { agent: rssMiB(agent.child.pid, 'VmHWM'), informer: rssMiB(informer.child.pid, 'VmHWM') };
const readBy = (client: string) => {
  const pods = sim.stats.bytesByClient.get(client) ?? { list: 0, watch: 0 };
  const events = sim.stats.events.bytesByClient.get(client) ?? { list: 0, watch: 0 };
  const read = { pods: pods.list + pods.watch, events: events.list + events.watch };
  return { ...read, total: read.pods + read.events };
};
const agentRead = readBy('podtrail-agent');
const informerClient = [...sim.stats.bytesByClient.keys()].find((c) => c !== 'podtrail-agent') ?? '';
const informerRead = readBy(informerClient);
const sentBytes = sentGzip();
const sentJsonByKind = sink.events().reduce<Record<string, number>>((n, e) => {
  const kind = e.event.type === 'SYNC' ? 'sync' : e.event.type === 'EVENT' ? 'event' : 'pod';
  n[kind] = (n[kind] ?? 0) + JSON.stringify(e.event).length;
  return n;
}, {});
/**
 * An estimate of each kind's share of the gzip bytes: every batch re-gzipped (gzipSync, default level,
 * as the agent does) as two, one per kind; the two sum to a little more than the real batch.
 */
const gzipIfSplitByKind = { pod: 0, event: 0 };
for (const { batch } of sink.batches) {
  for (const kind of ['pod', 'event'] as const) {
    const events = batch.events.filter((e) => (e.type === 'EVENT') === (kind === 'event'));
    if (events.length > 0) gzipIfSplitByKind[kind] += gzipSync(JSON.stringify({ ...batch, events })).length;
  }
}
const steadyRead = agentRead.total - agentReadAtList;
const steadySent = sentBytes - sentAtList;
const jsonBytes = sink.batches.reduce((n, b) => n + b.jsonBytes, 0);
const latencyOf = (rvs: readonly number[]) =>
  rvs
    .filter((rv) => forwardedAt.has(rv))
    .map((rv) => (forwardedAt.get(rv) ?? 0) - (publishedAt.get(rv) ?? 0))
    .sort((a, b) => a - b);
const latencies = {
  all: latencyOf(waitedFor),
  pods: latencyOf(steadyPodVersions),
  events: latencyOf(steadyEventVersions),
};
const informerSynced = informer.logs.find((l) => l.msg === 'synced');
const forwardedByKind = sink.events().reduce<Record<string, number>>((n, e) => {
  const kind = e.event.type === 'SYNC' ? 'sync' : e.event.type === 'EVENT' ? 'event' : 'pod';
  n[kind] = (n[kind] ?? 0) + 1;
  return n;
}, {});

agent.child.kill('SIGTERM');
informer.child.kill('SIGTERM');
await Promise.all([agent.exited(), informer.exited()]);
await sim.close();
await sink.close();

const changes = stream?.changes() ?? podsOnlyChanges;
const watchEvents = steadyPodVersions.length + steadyEventVersions.length;
const pct = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const summary = (sorted: readonly number[]) => ({
  p50: pct(sorted, 50),
  p99: pct(sorted, 99),
  max: sorted.at(-1) ?? 0,
});
const results = {
  pods: PODS,
  ...(EVENTS
    ? {
        nodes: nodes.length,
        events: {
          /** Events about pods live when the clients started (what the informer listed). */
          liveAtStart: informerSynced?.events,
          /** Occurrences the components recorded in the hour before (before dedupe and spam filter). */
          lastHourOccurrences: seededOccurrences,
          /** What reached the API server of those about pods (creates and count bumps, after dedupe and spam filter). */
          lastHourWrites: seededWrites,
          steadyOccurrences: stream?.occurrences(),
          /** Event versions (ADDED, MODIFIED) about pods the API server published in the steady phase. */
          steadyVersions: steadyEventVersions.length,
        },
      }
    : {}),
  steadyChanges: changes,
  steadyPodVersions: steadyPodVersions.length,
  steadyVersionsForwarded: latencies.all.length,
  allForwarded,
  forwardedByKind,
  /** Until the agent's SYNC reached the ingest / the informer's cache was synced. */
  listedAfterMs: { agent: agentListedMs, informer: informerListedMs },
  peakRssMiB: peak,
  peakRssRatio: round(peak.agent / peak.informer),
  medianSteadyRssMiB: { agent: median(rss.agent), informer: median(rss.informer) },
  /** CPU per 1,000 versions the API server published in the steady phase (pods + pod events). */
  cpuSecondsPer1000WatchEvents: {
    agent: round((cpu.agent / watchEvents) * 1000),
    informer: round((cpu.informer / watchEvents) * 1000),
  },
  bytes: {
    readFromApi: agentRead,
    informerReadFromApi: informerRead,
    sentGzip: sentBytes,
    sentJson: jsonBytes,
    sentJsonByKind,
    gzipIfSplitByKind,
    ratioByKindEstimate: {
      pods: round(gzipIfSplitByKind.pod / agentRead.pods, 4),
      events: round(gzipIfSplitByKind.event / Math.max(1, agentRead.events), 4),
    },
    ratio: round(sentBytes / agentRead.total, 4),
    /** The steady phase alone: watch bytes read after the lists, gzip bytes sent after the listed state. */
    steady: { read: steadyRead, sentGzip: steadySent, ratio: round(steadySent / steadyRead, 4) },
  },
  forwardLatencyMs: {
    ...summary(latencies.all),
    ...(EVENTS ? { pods: summary(latencies.pods), events: summary(latencies.events) } : {}),
  },
  node: process.version,
  agentNodeOptions: AGENT_NODE_OPTIONS.join(' '),
};
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);

function rvOf(event: PodEvent | EventWireEvent): number {
  const object = (event.type === 'EVENT' ? event.event : event.pod) as {
    metadata: { resourceVersion: string };
  };
  return Number(object.metadata.resourceVersion);
}
function agentBytesRead(): number {
  const pods = sim.stats.bytesByClient.get('podtrail-agent') ?? { list: 0, watch: 0 };
  const events = sim.stats.events.bytesByClient.get('podtrail-agent') ?? { list: 0, watch: 0 };
  return pods.list + pods.watch + events.list + events.watch;
}
function sentGzip(): number {
  return sink.batches.reduce((n, b) => n + b.gzipBytes, 0);
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
