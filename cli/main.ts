import { type CliIo, type Command, writeLine } from './io.js';
import { runCommand } from './run-command.js';

/**
 * Every subcommand, in the order `podtrail --help` lists them. Each is imported only when it runs,
 * so `podtrail status` does not pay for loading the Kubernetes client, the AWS SDK and local mode.
 */
interface CommandEntry {
  readonly name: string;
  /** One line for `podtrail --help`. */
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'status',
    summary: "print kubectl's STATUS table for pod JSON/YAML files or stdin",
    load: async () => (await import('./commands/status.js')).statusCommand,
  },
  {
    name: 'timeline',
    summary: 'replay a pod like "kubectl get pod -w", every incarnation, with times (--html: swim lanes)',
    load: async () => (await import('./commands/timeline.js')).timelineCommand,
  },
  {
    name: 'describe',
    summary: 'what "kubectl describe pod" printed at any recorded moment (--at), for pods long gone too',
    load: async () => (await import('./commands/describe.js')).describeCommand,
  },
  {
    name: 'events',
    summary: 'pod events as "kubectl get events" shows them, recorded for pods long gone too',
    load: async () => (await import('./commands/events.js')).eventsCommand,
  },
  {
    name: 'pods',
    summary: 'pods seen in a window with their last row and how they ended (--status: entered STATUS)',
    load: async () => (await import('./commands/pods.js')).podsCommand,
  },
  {
    name: 'restarts',
    summary: 'fleet restart audit: top workloads/containers by restarts, OOMKilled, exit codes (-o csv)',
    load: async () => (await import('./commands/restarts.js')).restartsCommand,
  },
  {
    name: 'startup',
    summary: 'startup latency: p50/p90/p99 per workload/namespace/cluster, slowest pods',
    load: async () => (await import('./commands/startup.js')).startupCommand,
  },
  {
    name: 'clusters',
    summary: 'clusters being recorded: agent, last event and sync, live pods, gaps',
    load: async () => (await import('./commands/clusters.js')).clustersCommand,
  },
  {
    name: 'agent',
    summary: 'watch a cluster’s pods and forward every change to the podtrail ingest',
    load: async () => (await import('./commands/agent.js')).agentCommand,
  },
  {
    name: 'serve',
    summary: 'run the ingest and query endpoints locally on an embedded store, and the web UI at /',
    load: async () => (await import('./commands/serve.js')).serveCommand,
  },
  {
    name: 'ui',
    summary: 'open the web UI on a deployed stack: a 127.0.0.1 proxy that signs its queries (SigV4)',
    load: async () => (await import('./commands/ui.js')).uiCommand,
  },
  {
    name: 'start',
    summary: 'run the whole pipeline locally against your cluster or a built-in demo cluster (npm start)',
    load: async () => (await import('./commands/start.js')).startCommand,
  },
];

const VERSION = '0.1.0';

function helpText(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}   ${c.summary}`);
  return `podtrail ${VERSION} — what happened to every Kubernetes pod, long after it is gone.

Usage: podtrail COMMAND [options]      (also: kubectl podtrail COMMAND …)

Commands:
${lines.join('\n')}

Run "podtrail COMMAND --help" for a command's options.`;
}

export function defaultIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    now: () => Date.now(),
    cwd: process.cwd(),
  };
}

export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    writeLine(name === undefined ? io.stderr : io.stdout, helpText());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === 'version') {
    writeLine(io.stdout, VERSION);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (entry === undefined) {
    writeLine(io.stderr, `error: unknown command "${name}"\n\n${helpText()}`);
    return 2;
  }
  return runCommand(await entry.load(), rest, io);
}
