import { agentCommand } from './commands/agent.js';
import { clustersCommand } from './commands/clusters.js';
import { podsCommand } from './commands/pods.js';
import { restartsCommand } from './commands/restarts.js';
import { serveCommand } from './commands/serve.js';
import { startCommand } from './commands/start.js';
import { startupCommand } from './commands/startup.js';
import { statusCommand } from './commands/status.js';
import { timelineCommand } from './commands/timeline.js';
import { type CliIo, type Command, UsageError, writeLine } from './io.js';

/** Every subcommand, in the order `podtrail --help` lists them. */
const COMMANDS: readonly Command[] = [
  statusCommand,
  timelineCommand,
  podsCommand,
  restartsCommand,
  startupCommand,
  clustersCommand,
  agentCommand,
  serveCommand,
  startCommand,
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
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    writeLine(io.stderr, `error: unknown command "${name}"\n\n${helpText()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    writeLine(io.stdout, command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      writeLine(io.stderr, `error: ${(error as Error).message}\nRun "podtrail ${name} --help" for usage.`);
      return 2;
    }
    writeLine(io.stderr, `error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
