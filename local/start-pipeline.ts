import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { KubeConfig } from '@kubernetes/client-node';
import { type RunningAgent, startAgent } from '../agent/agent.js';
import { readAgentConfig } from '../agent/config.js';
import { type AgentRuntime, systemRuntime } from '../agent/runtime.js';
import { humanDuration } from '../functions/domain/human-duration.js';
import {
  acceleratedClock,
  demoCluster,
  type SimClock,
  type Simulator,
  scriptDurationMs,
  startSimulator,
} from '../simulator/index.js';
import { type ServeHandle, startServe } from './serve.js';
import { startDemoLogFile } from './start-log.js';
import { clusterSections, demoSections, nextSteps, type ReportTarget, runCli } from './start-report.js';
import { chooseClusterSource, clusterNameFor } from './start-source.js';

/**
 * `npm start`: the embedded store and `podtrail serve`, then the agent, against the current
 * kubeconfig context when it answers, else the built-in demo cluster (the simulator playing scripted
 * lifecycles on an accelerated clock). Prints progress, then what was recorded, then how to go on.
 */
export interface StartOptions {
  readonly demo: boolean;
  readonly once: boolean;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly cluster: string | undefined;
  readonly kubeconfig: string | undefined;
  readonly context: string | undefined;
  /** Simulated seconds per wall second for the demo. */
  readonly speed: number;
  /** Simulated start of the demo, ms since the epoch (default: now, whole seconds). */
  readonly demoStartMs: number | undefined;
  readonly out: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the user asks to stop (Ctrl-C / SIGTERM). */
  readonly interrupted: Promise<void>;
}

const SEED_POD = { namespace: 'default', name: 'pod-phase' } as const;
const PROGRESS_EVERY_MS = 5_000;

export async function runLocalPipeline(options: StartOptions): Promise<number> {
  const say = (line = '') => options.out.write(`${line}\n`);
  const serve = await startServe({
    host: options.host,
    port: options.port,
    dataDir: options.dataDir,
    env: options.env,
    quiet: true,
  });
  const agentLog = startDemoLogFile(join(options.dataDir, 'agent.log'));
  let simulator: Simulator | undefined;
  let agent: RunningAgent | undefined;
  try {
    say(`podtrail serve: ${serve.url} (store: ${options.dataDir})`);
    const source = await chooseClusterSource({
      demo: options.demo,
      kubeconfigPath: options.kubeconfig,
      context: options.context,
      kubeconfigPresent: kubeconfigPresent(options.env),
      probeTimeoutMs: 3_000,
    });
    if (source.kind === 'demo' && source.fallbackReason !== undefined) {
      say(
        `note: ${source.fallbackReason}; recording the built-in demo cluster instead (--demo skips this check)`,
      );
    }

    if (source.kind === 'kubeconfig') {
      const cluster = options.cluster ?? clusterNameFor(source.context);
      say(`recording kubeconfig context "${source.context}" (${source.server}) as cluster "${cluster}"`);
      const started = new Date().toISOString();
      agent = await startAgent(agentConfig(cluster, serve, options.env), {
        kubeConfig: source.kubeConfig,
        log: agentLog.logger(systemRuntime.now),
      });
      const target = reportTarget(serve, cluster, started, () => new Date().toISOString());
      const ready = await agent.ready;
      if (!ready)
        throw new Error('the agent stopped before its first full list: see agent.log in the data directory');
      say(`first list done: ${agent.metrics.listedPods} pods; recording changes (Ctrl-C to stop)`);
      if (options.once) {
        await agent.stop();
        await printSections(say, clusterSections(target()), target(), Date.now);
        say(nextSteps(target(), SEED_POD, { dataDir: options.dataDir }));
        return 0;
      }
      const progress = setInterval(() => say(progressLine(agent!)), PROGRESS_EVERY_MS);
      await options.interrupted;
      clearInterval(progress);
      return 0;
    }

    const cluster = options.cluster ?? 'demo';
    const scripts = demoCluster();
    const durationMs = scriptDurationMs(scripts);
    const startMs = options.demoStartMs ?? Math.floor(Date.now() / 1000) * 1000;
    const clock = demoClock(options.speed, startMs);
    simulator = await startSimulator({ clock });
    say(
      `demo cluster: ${scripts.length} pods, ${humanDuration(durationMs)} of cluster life played ${options.speed}× fast (about ${humanDuration(durationMs / options.speed)})`,
    );
    const runtime: AgentRuntime = { ...systemRuntime, now: () => clock.now() };
    agent = await startAgent(agentConfig(cluster, serve, options.env), {
      kubeConfig: kubeConfigFor(simulator),
      runtime,
      log: agentLog.logger(runtime.now),
    });
    // Play only once the agent has listed the (empty) cluster, so every change reaches it through
    // its watch and the same demo records the same timelines, however long the agent took to start.
    if (!(await agent.ready))
      throw new Error('the agent stopped before its first list: see agent.log in the data directory');
    clock.restartAt(startMs);
    const playback = simulator.play(scripts);
    const progress = setInterval(() => {
      const played = Math.min(1, (clock.now() - startMs) / durationMs);
      say(`  ${progressLine(agent!)} · demo ${Math.round(played * 100)}%`);
    }, PROGRESS_EVERY_MS);
    const finished = await Promise.race([
      playback.done.then(() => true),
      options.interrupted.then(() => false),
    ]);
    clearInterval(progress);
    const report = await agent.stop();
    say(
      `demo finished: ${progressLine(agent)}${report.unsent > 0 ? `, ${report.unsent} not delivered` : ''}`,
    );
    // The report window is the demo's scripted span, so the same demo prints the same report.
    const target = reportTarget(serve, cluster, new Date(startMs).toISOString(), () =>
      new Date(startMs + Math.ceil((durationMs + 1) / 1000) * 1000).toISOString(),
    )();
    if (!finished) return 0;
    await printSections(say, demoSections(target, SEED_POD), target, () => clock.now());
    say(nextSteps(target, SEED_POD, options.once ? { dataDir: options.dataDir } : undefined));
    if (options.once) return 0;
    say('\nthe endpoint stays up for queries; Ctrl-C to stop');
    await options.interrupted;
    return 0;
  } finally {
    await agent?.stop().catch(() => undefined);
    await simulator?.close().catch(() => undefined);
    await serve.close();
    await agentLog.close();
  }
}

function agentConfig(cluster: string, serve: ServeHandle, env: StartOptions['env']) {
  return readAgentConfig(
    { cluster, ingestUrl: serve.url, port: 'off' },
    { PODTRAIL_TOKEN: serve.token, PODTRAIL_BATCH_DELAY: '200ms', HOME: env.HOME },
  );
}

function kubeConfigFor(simulator: Simulator): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(simulator.kubeconfigYaml());
  return kc;
}

function reportTarget(serve: ServeHandle, cluster: string, since: string, until: () => string) {
  return (): ReportTarget => ({ endpoint: serve.url, token: serve.token, cluster, since, until: until() });
}

async function printSections(
  say: (line?: string) => void,
  sections: ReturnType<typeof demoSections>,
  target: ReportTarget,
  now: () => number,
): Promise<void> {
  for (const section of sections) {
    say(`\n== ${section.title}`);
    say((await runCli([...section.argv, '--cluster', target.cluster], target, now)).trimEnd());
  }
  say();
}

function progressLine(agent: RunningAgent): string {
  const m = agent.metrics;
  const seen = m.watchEvents.ADDED + m.watchEvents.MODIFIED + m.watchEvents.DELETED;
  return `events seen ${seen + m.listedPods}, forwarded ${m.eventsForwarded}, queued ${m.queueDepth}`;
}

function kubeconfigPresent(env: StartOptions['env']): boolean {
  const fromEnv = env.KUBECONFIG;
  if (fromEnv !== undefined && fromEnv !== '')
    return fromEnv.split(':').some((p) => p !== '' && existsSync(p));
  return existsSync(join(env.HOME ?? homedir(), '.kube', 'config'));
}

/**
 * The demo's accelerated clock, restarted at the demo's start once the agent is ready. Before that
 * it runs ten simulated minutes early, so time only moves forward when it restarts.
 */
function demoClock(speed: number, startMs: number): SimClock & { restartAt(ms: number): void } {
  let inner = acceleratedClock({ speed, startMs: startMs - 600_000 });
  return {
    now: () => inner.now(),
    setTimeout: (fn, delayMs) => inner.setTimeout(fn, delayMs),
    restartAt(ms) {
      inner = acceleratedClock({ speed, startMs: ms });
    },
  };
}
