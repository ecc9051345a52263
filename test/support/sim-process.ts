import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Simulator } from '../../simulator/index.js';

/** The agent as a real child process (the CLI or the bundle), its JSON log lines collected. */

export interface AgentProcess {
  readonly child: ChildProcess;
  readonly logs: Record<string, unknown>[];
  stderr(): string;
  /** Resolves with the exit code (bounded by `timeoutMs`, then the child is killed). */
  exited(timeoutMs?: number): Promise<number | null>;
  waitForLog(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

export function writeKubeconfig(sim: Simulator): string {
  const dir = mkdtempSync(join(tmpdir(), 'podtrail-agent-'));
  const path = join(dir, 'kubeconfig');
  writeFileSync(path, sim.kubeconfigYaml());
  return path;
}

export function spawnAgent(command: readonly string[], env: Record<string, string>): AgentProcess {
  const [file, ...args] = command;
  const child = spawn(file ?? process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    const lines = stdout.split('\n');
    stdout = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: '(not JSON)', line });
      }
    }
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    logs,
    stderr: () => stderr,
    exited: async (timeoutMs = 20_000) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
    async waitForLog(msg, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = logs.find((l) => l.msg === msg);
        if (found !== undefined) return found;
        if (Date.now() > deadline || child.exitCode !== null) {
          throw new Error(`no "${msg}" log line within ${timeoutMs} ms; stderr: ${stderr}`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}
