import { PassThrough } from 'node:stream';
import type { CliIo } from '../../cli/io.js';
import { main } from '../../cli/main.js';

/** Runs the CLI in-process with captured streams, a fixed clock and the given environment. */
export async function runCli(
  argv: readonly string[],
  options: { env?: Record<string, string | undefined>; now?: number; cwd?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const io: CliIo = {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: options.env ?? {},
    now: () => options.now ?? Date.parse('2026-11-23T12:00:00Z'),
    cwd: options.cwd ?? process.cwd(),
  };
  const code = await main(argv, io);
  return { code, stdout: out, stderr: err };
}
