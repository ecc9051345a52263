import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** The real `podtrail` binary as a child process, for CLI tests that must see exit codes and stderr. */

export const REPO = join(import.meta.dirname, '..', '..');
const BINARY = join(REPO, 'bin', 'podtrail.js');

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** Added to this process's environment. */
  readonly env?: Record<string, string>;
  /** Killed after this long, which fails the promise; default 60 s. */
  readonly timeoutMs?: number;
  /** Default: the repository root. */
  readonly cwd?: string;
  /** Written to a stdin pipe, then closed; without it stdin is /dev/null. */
  readonly stdin?: string;
}

/** Runs `podtrail ARGS` (the real binary) to its end. */
export function runPodtrail(args: readonly string[], options: RunOptions = {}): Promise<Finished> {
  return runToEnd([process.execPath, BINARY, ...args], options);
}

/** Runs `COMMAND ARGS` to its end, collecting its output. */
export function runToEnd(
  commandLine: readonly [string, ...string[]],
  options: RunOptions = {},
): Promise<Finished> {
  const [command, ...args] = commandLine;
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? REPO,
      env: { ...process.env, ...options.env },
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${commandLine.join(' ')} ran over ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (options.stdin !== undefined) child.stdin?.end(options.stdin);
  });
}

/** A long-running `podtrail ARGS` (serve), resolved once its stdout matches `ready`. */
export async function startPodtrail(
  args: readonly string[],
  ready: RegExp,
  timeoutMs = 30_000,
): Promise<{ child: ChildProcess; banner: string; stderr(): string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [BINARY, ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const banner = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`no ${ready} within ${timeoutMs} ms: ${text}`)),
      timeoutMs,
    );
    child.stdout.on('data', (d) => {
      text += String(d);
      if (ready.test(text)) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`podtrail ${args.join(' ')} exited (${code}) before ${ready}: ${text}`));
    });
  });
  return {
    child,
    banner,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
