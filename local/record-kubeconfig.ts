import { startAgent } from '../agent/agent.js';
import { systemRuntime } from '../agent/runtime.js';
import { agentConfig, PROGRESS_EVERY_MS, progressLine, recordingOf, type Session } from './start-session.js';
import { type ClusterSource, clusterNameFor } from './start-source.js';

/** Records a real cluster until interrupted; with --once, only its first list, then reports. */
export async function recordKubeconfig(
  session: Session,
  source: Extract<ClusterSource, { kind: 'kubeconfig' }>,
): Promise<number> {
  const { options, serve, say } = session;
  const cluster = options.cluster ?? clusterNameFor(source.context);
  say(`recording kubeconfig context "${source.context}" (${source.server}) as cluster "${cluster}"`);
  const since = new Date().toISOString();
  const agent = await startAgent(agentConfig(cluster, serve, options.env), {
    kubeConfig: source.kubeConfig,
    log: session.agentLog.logger(systemRuntime.now),
  });
  try {
    if (!(await agent.ready))
      throw new Error('the agent stopped before its first full list: see agent.log in the data directory');
    say(`first list done: ${agent.metrics.listedPods} pods; recording changes (Ctrl-C to stop)`);
    if (options.once) {
      await agent.stop();
      await options.report(
        recordingOf(session, 'kubeconfig', cluster, { since, until: new Date().toISOString() }, Date.now),
      );
      return 0;
    }
    const progress = setInterval(() => say(progressLine(agent)), PROGRESS_EVERY_MS);
    await options.interrupted;
    clearInterval(progress);
    return 0;
  } finally {
    await agent.stop().catch(() => undefined);
  }
}
