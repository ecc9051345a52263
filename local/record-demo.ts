import { randomInt } from 'node:crypto';
import { KubeConfig } from '@kubernetes/client-node';
import { startAgent } from '../agent/agent.js';
import { type AgentRuntime, systemRuntime } from '../agent/runtime.js';
import { humanDuration } from '../functions/domain/human-duration.js';
import {
  acceleratedClock,
  demoCluster,
  type SimClock,
  type Simulator,
  scriptDurationMs,
  seededRandom,
  startSimulator,
} from '../simulator/index.js';
import type { ServeHandle } from './serve.js';
import {
  agentConfig,
  isoSeconds,
  PROGRESS_EVERY_MS,
  progressLine,
  recordingOf,
  type Session,
} from './start-session.js';

/** How much simulated cluster life the demo plays, ms. */
export const DEMO_DURATION_MS = scriptDurationMs(demoCluster());

/**
 * How far before the wall clock the demo's last moment lands, so that every timestamp it recorded
 * is in the past when the report prints, even if playback lags its schedule a little.
 */
const END_BEFORE_NOW_MS = 3_000;

/**
 * Plays the demo cluster to its end (or until interrupted), reports it over the demo's scripted
 * span, so the same demo prints the same report, and without --once keeps the endpoint up.
 *
 * Each run is a new cluster life: fresh pod uids, and a cluster name of its own ("demo", then
 * "demo-2", … in the same data directory) so that reruns never mix with earlier ones, which stay
 * queryable under their names. By default the accelerated playback is placed so that it ends just
 * before the wall clock: the follow-up commands, run at once, see the same past as the report.
 */
export async function recordDemo(session: Session): Promise<number> {
  const { options, serve, say } = session;
  const cluster = options.cluster ?? (await unusedDemoClusterName(serve));
  const scripts = demoCluster({ uidRandom: seededRandom(randomInt(2 ** 32)) });
  const durationMs = scriptDurationMs(scripts);
  const placeStart = () =>
    options.demoStartMs ??
    Math.floor((Date.now() - durationMs + durationMs / options.speed - END_BEFORE_NOW_MS) / 1000) * 1000;
  // Until the agent is ready the clock runs at wall speed, before the demo's start: a placed start
  // moves with the wall clock, so a minute ahead is enough; a fixed one allows ten minutes to start.
  const clock = demoClock(
    options.speed,
    placeStart() - (options.demoStartMs === undefined ? 60_000 : 600_000),
  );
  const simulator = await startSimulator({ clock });
  try {
    say(
      `demo cluster "${cluster}": ${scripts.length} pods, ${humanDuration(durationMs)} of cluster life played ${options.speed}× fast (about ${humanDuration(durationMs / options.speed)})${options.demoStartMs === undefined ? ', ending just before now' : ''}`,
    );
    const runtime: AgentRuntime = { ...systemRuntime, now: () => clock.now() };
    const agent = await startAgent(agentConfig(cluster, serve, options.env), {
      kubeConfig: kubeConfigFor(simulator),
      runtime,
      log: session.agentLog.logger(runtime.now),
    });
    try {
      // Play only once the agent has listed the (empty) cluster, so every change reaches it through
      // its watch and the same demo records the same timelines, however long the agent took to start.
      if (!(await agent.ready))
        throw new Error('the agent stopped before its first list: see agent.log in the data directory');
      const startMs = placeStart();
      clock.restartAt(startMs);
      const playback = simulator.play(scripts);
      const progress = setInterval(() => {
        const played = Math.min(1, (clock.now() - startMs) / durationMs);
        say(`  ${progressLine(agent)} · demo ${Math.round(played * 100)}%`);
      }, PROGRESS_EVERY_MS);
      const finished = await Promise.race([
        playback.done.then(() => true),
        options.interrupted.then(() => false),
      ]);
      clearInterval(progress);
      const stopped = await agent.stop();
      say(
        `demo finished: ${progressLine(agent)}${stopped.unsent > 0 ? `, ${stopped.unsent} not delivered` : ''}`,
      );
      if (!finished) return 0;
      const untilMs = startMs + Math.ceil((durationMs + 1) / 1000) * 1000;
      const window = { since: isoSeconds(startMs), until: isoSeconds(untilMs) };
      const seed = scripts[0];
      const examplePod = {
        namespace: seed?.namespace ?? 'default',
        name: seed?.name ?? 'pod-phase',
        uid: seed?.uid,
      };
      // Ages in the report are as of the demo's end, the same in every run (never after the wall clock).
      const reportNow = () => Math.min(untilMs, Date.now());
      await options.report(recordingOf(session, 'demo', cluster, window, reportNow, examplePod));
      if (options.once) return 0;
      say('\nthe endpoint stays up for queries; Ctrl-C to stop');
      await options.interrupted;
      return 0;
    } finally {
      await agent.stop().catch(() => undefined);
    }
  } finally {
    await simulator.close().catch(() => undefined);
  }
}

function kubeConfigFor(simulator: Simulator): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(simulator.kubeconfigYaml());
  return kc;
}

/**
 * The demo's clock: at wall speed (from `preStartMs`) until restarted at the demo's start once the
 * agent is ready, then accelerated; never ahead of the wall clock, so nothing is recorded in the
 * future even after playback ends or lags.
 */
function demoClock(speed: number, preStartMs: number): SimClock & { restartAt(ms: number): void } {
  let inner = acceleratedClock({ speed: 1, startMs: preStartMs });
  return {
    now: () => Math.min(inner.now(), Date.now()),
    setTimeout: (fn, delayMs) => inner.setTimeout(fn, delayMs),
    restartAt(ms) {
      inner = acceleratedClock({ speed, startMs: ms });
    },
  };
}

/** "demo", or "demo-N" for the first N from 2 that the store has not recorded yet. */
async function unusedDemoClusterName(serve: ServeHandle): Promise<string> {
  const taken = new Set((await serve.store.listClusters()).map((c) => c.cluster));
  if (!taken.has('demo')) return 'demo';
  let n = 2;
  while (taken.has(`demo-${n}`)) n++;
  return `demo-${n}`;
}
