import type { Readable, Writable } from 'node:stream';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly stdin: Readable;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Wall clock in ms since the epoch. */
  readonly now: () => number;
  readonly cwd: string;
}

export interface Command {
  readonly name: string;
  /** Full usage text for `podtrail NAME --help`. */
  readonly usage: string;
  /** Returns the process exit code: 0 ok, 1 failure, 2 usage error. */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** A command line that cannot be carried out as written (exit code 2). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function writeLine(stream: Writable, text = ''): void {
  stream.write(`${text}\n`);
}
