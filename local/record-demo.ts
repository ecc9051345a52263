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
  startSimulator,
} from '../simulator/index.js';
import { agentConfig, PROGRESS_EVERY_MS, progressLine, recordingOf, type Session } from './start-session.js';

/**
 * Plays the demo cluster to its end (or until interrupted), reports it over the demo's scripted
 * span, so the same demo prints the same report, and without --once keeps the endpoint up.
 */
export async function recordDemo(session: Session): Promise<number> {
  const { options, serve, say } = session;
  const cluster = options.cluster ?? 'demo';
  const scripts = demoCluster();
  const durationMs = scriptDurationMs(scripts);
  const startMs = options.demoStartMs ?? Math.floor(Date.now() / 1000) * 1000;
  const clock = demoClock(options.speed, startMs);
  const simulator = await startSimulator({ clock });
  try {
    say(
      `demo cluster: ${scripts.length} pods, ${humanDuration(durationMs)} of cluster life played ${options.speed}× fast (about ${humanDuration(durationMs / options.speed)})`,
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
      const window = {
        since: new Date(startMs).toISOString(),
        until: new Date(startMs + Math.ceil((durationMs + 1) / 1000) * 1000).toISOString(),
      };
      await options.report(recordingOf(session, 'demo', cluster, window, () => clock.now()));
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
