import type { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { startAgent } from './agent.js';
import { readAgentConfig } from './config.js';
import { ConfigError } from './errors.js';
import { loadKubeConfig } from './kube/kube-config.js';
import { createLogger } from './ops/log.js';

/**
 * `podtrail agent …`: validate the configuration, start the agent, and on SIGTERM/SIGINT stop
 * watching, flush within the deadline and exit 0 (Kubernetes sends SIGTERM, then SIGKILL after
 * terminationGracePeriodSeconds). Exit 2 on a configuration error, with every problem listed.
 */

export const AGENT_USAGE = `Watch every pod in a cluster, and the events about pods, and forward their changes to the
podtrail ingest.

Usage:
  podtrail agent --cluster NAME --ingest-url URL [--kubeconfig PATH] [--context CTX] [options]

Options:
  --cluster NAME          name this cluster is recorded under (env PODTRAIL_CLUSTER)
  --ingest-url URL        ingest endpoint: a Lambda Function URL (SigV4, AWS default credentials)
                          or a local ingest (bearer token from PODTRAIL_TOKEN) (env PODTRAIL_INGEST_URL)
  --kubeconfig PATH       kubeconfig file (default: in-cluster service account, else $KUBECONFIG or ~/.kube/config)
  --context CTX           kubeconfig context (default: current-context)
  --namespace NS          watch pods and events of one namespace only (default: all)
  --port PORT             /healthz, /readyz and /metrics port, or "off" (default 8080)
  --host HOST             address to listen on (default 0.0.0.0 in a cluster, else 127.0.0.1)
  --flush-deadline DUR    on SIGTERM, how long to keep sending queued events (default 20s)
  --agent-id ID           reported to the ingest (default: POD_NAME or HOSTNAME)
  --log-level LEVEL       debug, info (default), warn or error (env PODTRAIL_LOG_LEVEL); at info a
                          "summary" line every minute says what was forwarded (PODTRAIL_LOG_SUMMARY)

More settings (watch timeouts, batch and queue bounds, back-off) are read from PODTRAIL_* environment
variables: see docs/agent.md.`;

export interface AgentCommandIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface SignalSource {
  once(signal: 'SIGTERM' | 'SIGINT', handler: () => void): unknown;
  off?(signal: 'SIGTERM' | 'SIGINT', handler: () => void): unknown;
}

export async function runAgentCommand(
  argv: readonly string[],
  io: AgentCommandIo,
  signals: SignalSource,
): Promise<number> {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(argv);
  } catch (error) {
    if (!isParseArgsError(error)) throw error;
    io.stderr.write(`error: ${(error as Error).message}\nRun "podtrail agent --help" for usage.\n`);
    return 2;
  }
  const { values } = parsed;
  let agent: Awaited<ReturnType<typeof startAgent>>;
  try {
    const config = readAgentConfig(
      {
        cluster: values.cluster,
        ingestUrl: values['ingest-url'],
        kubeconfig: values.kubeconfig,
        context: values.context,
        namespace: values.namespace,
        port: values.port,
        host: values.host,
        flushDeadline: values['flush-deadline'],
        agentId: values['agent-id'],
        logLevel: values['log-level'],
      },
      io.env,
    );
    const kubeConfig = loadKubeConfig(config);
    const log = createLogger(io.stdout, { level: config.log.level, base: { component: 'podtrail-agent' } });
    agent = await startAgent(config, { kubeConfig, log });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(
      `error: invalid agent configuration\n${error.issues.map((i) => `  - ${i}\n`).join('')}Run "podtrail agent --help" for usage.\n`,
    );
    return 2;
  }
  const onSignal = () => {
    void agent.stop();
  };
  signals.once('SIGTERM', onSignal);
  signals.once('SIGINT', onSignal);
  await agent.stopped;
  signals.off?.('SIGTERM', onSignal);
  signals.off?.('SIGINT', onSignal);
  return 0;
}

function parseFlags(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      cluster: { type: 'string' },
      'ingest-url': { type: 'string' },
      kubeconfig: { type: 'string' },
      context: { type: 'string' },
      namespace: { type: 'string', short: 'n' },
      port: { type: 'string' },
      host: { type: 'string' },
      'flush-deadline': { type: 'string' },
      'agent-id': { type: 'string' },
      'log-level': { type: 'string' },
    },
    allowPositionals: false,
  });
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
