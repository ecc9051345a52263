import { type CliIo, type Command, UsageError, writeLine } from './io.js';

/**
 * Runs one command as `podtrail NAME ARGS…` does: `--help` prints its usage; a usage error is one
 * line plus where to read the usage (exit 2); any other failure is one line (exit 1).
 */
export async function runCommand(command: Command, argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    writeLine(io.stdout, command.usage);
    return 0;
  }
  try {
    return await command.run(argv, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      // parseArgs appends advice about "--" to an unknown option, which is never what was meant here.
      const message = (error as Error).message.split('. To specify a positional argument')[0];
      writeLine(io.stderr, `error: ${message}\nRun "podtrail ${command.name} --help" for usage.`);
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
