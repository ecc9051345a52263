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

/** Runs `podtrail ARGS` to its end (killed after `timeoutMs`, which fails the promise). */
export function runPodtrail(
  args: readonly string[],
  options: { env?: Record<string, string>; timeoutMs?: number; cwd?: string } = {},
): Promise<Finished> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BINARY, ...args], {
      cwd: options.cwd ?? REPO,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += String(d);
    });
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`podtrail ${args.join(' ')} ran over ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
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
