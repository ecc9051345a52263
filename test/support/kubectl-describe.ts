import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SimEvent, type SimPod, type Simulator, startSimulator } from '../../simulator/index.js';
import { ensureKubectl } from './kubectl-binary.js';

/**
 * Golden outputs from the real kubectl v1.35.2: one simulator and one extracted kubectl shared by a
 * test file, `kubectl describe pod` run against the simulator for each case, at most `parallel`
 * at a time.
 *
 * kubectl computes ages from its own clock, so a case builds its objects from `now` (read just
 * before kubectl starts) and the renderer gets that same `now`. Relative timestamps sit 50 ms
 * further in the past than the age they mean (see `ago`), so kubectl's later clock reads the same
 * whole seconds as long as it answers within 0.9 s; a slower run is repeated with fresh objects.
 */

export interface DescribeInput {
  readonly pod: Record<string, unknown>;
  /** Stored in the simulator as core/v1 Events. */
  readonly events?: readonly SimEvent[];
}

export interface KubectlDescribe {
  /** kubectl's stdout, exactly. */
  readonly stdout: Buffer;
  /** The `now` the objects were built from. */
  readonly now: number;
  readonly input: DescribeInput;
}

export interface DescribeHarness {
  describe(build: (now: number) => DescribeInput, options?: { timeZone?: string }): Promise<KubectlDescribe>;
  close(): Promise<void>;
}

const MAX_RUN_MS = 900;
/** A busy machine (the whole suite on two cores) can slow a run; each retry starts afresh. */
const ATTEMPTS = 6;

export async function startDescribeHarness(options: { parallel?: number } = {}): Promise<DescribeHarness> {
  const kubectl = ensureKubectl();
  // No token: kubectl sends no bearer token over plain HTTP.
  const sim: Simulator = await startSimulator();
  const dir = mkdtempSync(join(tmpdir(), 'podtrail-describe-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, sim.kubeconfigYaml());
  const limit = createLimit(options.parallel ?? 2);

  const runOnce = async (
    build: (now: number) => DescribeInput,
    timeZone: string,
  ): Promise<KubectlDescribe | 'slow'> => {
    const now = Date.now();
    const input = build(now);
    const metadata = input.pod.metadata as { name: string; namespace: string; uid: string };
    sim.store.create(input.pod as unknown as SimPod);
    for (const event of input.events ?? []) sim.events.put(event);
    try {
      const result = await runKubectl(
        kubectl,
        [
          '--kubeconfig',
          kubeconfig,
          '--cache-dir',
          join(dir, 'cache'),
          'describe',
          'pod',
          metadata.name,
          '--namespace',
          metadata.namespace,
        ],
        { TZ: timeZone, HOME: dir },
      );
      if (result.code !== 0) {
        throw new Error(`kubectl exited with ${result.code}: ${result.stderr.toString('utf8')}`);
      }
      return Date.now() - now < MAX_RUN_MS ? { stdout: result.stdout, now, input } : 'slow';
    } finally {
      sim.store.delete(metadata.uid);
      for (const event of input.events ?? [])
        sim.events.delete(event.metadata.namespace, event.metadata.name);
    }
  };

  return {
    describe: (build, caseOptions = {}) =>
      limit(async () => {
        for (let attempt = 1; ; attempt++) {
          const result = await runOnce(build, caseOptions.timeZone ?? 'UTC');
          if (result !== 'slow') return result;
          if (attempt === ATTEMPTS) throw new Error(`kubectl took over ${MAX_RUN_MS} ms ${ATTEMPTS} times`);
        }
      }),
    async close() {
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function runKubectl(
  kubectl: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: Buffer; stderr: Buffer }> {
  return new Promise((resolve, reject) => {
    const child = spawn(kubectl, args, {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({ code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr) }),
    );
  });
}

/** At most `n` tasks at a time, in submission order. */
function createLimit(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  return async (task) => {
    if (running >= n) await new Promise<void>((resolve) => queue.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      queue.shift()?.();
    }
  };
}

/** A metav1.Time `seconds` before `now`, 50 ms earlier still (see the harness comment). */
export function ago(now: number, seconds: number): string {
  return new Date(now - seconds * 1000 - 50).toISOString();
}

/** The same as a metav1.MicroTime (eventTime, series.lastObservedTime): six fractional digits. */
export function microAgo(now: number, seconds: number): string {
  return ago(now, seconds).replace('Z', '000Z');
}
