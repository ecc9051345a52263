import { startAgent } from '../agent/agent.js';
import { systemRuntime } from '../agent/runtime.js';
import { humanDuration } from '../functions/domain/human-duration.js';
import { takeCensus } from './cluster-census.js';
import {
  agentConfig,
  isoSeconds,
  PROGRESS_EVERY_MS,
  progressLine,
  recordingOf,
  type Session,
} from './start-session.js';
import { type ClusterSource, clusterNameFor } from './start-source.js';

/** Bound on the census list: the cluster answered the probe list moments ago. */
const CENSUS_TIMEOUT_MS = 30_000;

/**
 * Records a real cluster until interrupted; with --once, its first list and the changes of a short
 * settle period (--settle), then reports — with the restarts the pods had before recording began.
 */
export async function recordKubeconfig(
  session: Session,
  source: Extract<ClusterSource, { kind: 'kubeconfig' }>,
): Promise<number> {
  const { options, serve, say } = session;
  const cluster = options.cluster ?? clusterNameFor(source.context);
  say(`recording kubeconfig context "${source.context}" (${source.server}) as cluster "${cluster}"`);
  const since = isoSeconds(Math.floor(Date.now() / 1000) * 1000);
  const agent = await startAgent(agentConfig(cluster, serve, options.env), {
    kubeConfig: source.kubeConfig,
    log: session.agentLog.logger(systemRuntime.now),
  });
  try {
    if (!(await agent.ready))
      throw new Error('the agent stopped before its first full list: see agent.log in the data directory');
    if (!options.once) {
      say(`first list done: ${agent.metrics.listedPods} pods; recording changes (Ctrl-C to stop)`);
      const progress = setInterval(() => say(progressLine(agent)), PROGRESS_EVERY_MS);
      await options.interrupted;
      clearInterval(progress);
      return 0;
    }
    // The census only adds to the report: if it fails, the report goes without it.
    const { census, examplePod } = await takeCensus(source.kubeConfig, CENSUS_TIMEOUT_MS).catch(
      (error: unknown) => {
        say(
          `note: could not count the restarts pods had before recording began: ${(error as Error).message}`,
        );
        return { census: undefined, examplePod: undefined };
      },
    );
    say(
      `first list done: ${agent.metrics.listedPods} pods; recording changes for ${humanDuration(options.settleMs)} (--settle) before the report`,
    );
    await Promise.race([sleep(options.settleMs), options.interrupted]);
    const stopped = await agent.stop();
    say(`recorded: ${progressLine(agent)}${stopped.unsent > 0 ? `, ${stopped.unsent} not delivered` : ''}`);
    const window = { since, until: isoSeconds(Math.ceil(Date.now() / 1000) * 1000) };
    await options.report(recordingOf(session, 'kubeconfig', cluster, window, Date.now, examplePod, census));
    return 0;
  } finally {
    await agent.stop().catch(() => undefined);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
