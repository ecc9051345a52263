import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { recordDemo } from './record-demo.js';
import { recordKubeconfig } from './record-kubeconfig.js';
import { startServe } from './serve.js';
import { startDemoLogFile } from './start-log.js';
import type { Session, StartOptions } from './start-session.js';
import { chooseClusterSource } from './start-source.js';

/**
 * `npm start`: the embedded store and `podtrail serve`, then the agent, against the current
 * kubeconfig context when it answers (recordKubeconfig), else the built-in demo cluster: the
 * simulator playing scripted lifecycles on an accelerated clock (recordDemo). Prints progress, then
 * hands what was recorded to `options.report` (the CLI prints its views of it).
 */
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
  try {
    say(`podtrail serve: ${serve.url} (store: ${options.dataDir})`);
    if (serve.uiUrl !== undefined) say(`UI: ${serve.uiUrl}`);
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
    const session: Session = { options, serve, agentLog, say };
    return source.kind === 'kubeconfig' ? await recordKubeconfig(session, source) : await recordDemo(session);
  } finally {
    await serve.close();
    await agentLog.close();
  }
}

function kubeconfigPresent(env: StartOptions['env']): boolean {
  const fromEnv = env.KUBECONFIG;
  if (fromEnv !== undefined && fromEnv !== '')
    return fromEnv.split(':').some((p) => p !== '' && existsSync(p));
  return existsSync(join(env.HOME ?? homedir(), '.kube', 'config'));
}
