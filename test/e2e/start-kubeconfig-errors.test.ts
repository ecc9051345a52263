import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../simulator/index.js';
import { runPodtrail } from '../support/cli-process.js';

/**
 * Which cluster `npm start` records when the kubeconfig is named on the command line, or missing:
 * a named kubeconfig or context that cannot be used is an error saying why (the real binary, its
 * exit code and stderr); only when there is no kubeconfig at all does it play the demo, silently.
 */
let sim: Simulator;
let dir: string;
let kubeconfig: string;
let unreachable: string;

beforeAll(async () => {
  sim = await startSimulator({ token: 'sim-token' });
  dir = mkdtempSync(join(tmpdir(), 'podtrail-start-errors-'));
  kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, sim.kubeconfigYaml());
  unreachable = join(dir, 'unreachable');
  // Port 1 on loopback: nothing listens there, the connection is refused at once.
  writeFileSync(unreachable, sim.kubeconfigYaml().replace(/http:\/\/127\.0\.0\.1:\d+/, 'http://127.0.0.1:1'));
});

afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `podtrail start --once` with a HOME that has no ~/.kube/config and no $KUBECONFIG. */
function start(args: readonly string[]) {
  const home = mkdtempSync(join(dir, 'home-'));
  return runPodtrail(['start', '--once', '--port', '0', '--data-dir', join(home, 'data'), ...args], {
    env: { HOME: home, KUBECONFIG: '' },
    timeoutMs: 90_000,
  });
}

describe('podtrail start with a kubeconfig or context that cannot be used', () => {
  it.each([
    {
      rule: '--kubeconfig naming no file is a usage error',
      args: () => ['--kubeconfig', '/nope'],
      code: 2,
      stderr: () =>
        'error: --kubeconfig /nope: no such file (or pass --demo to record the built-in demo cluster)\n',
    },
    {
      rule: '--context naming no context of the kubeconfig is a usage error that lists the known ones',
      args: () => ['--kubeconfig', kubeconfig, '--context', 'nope'],
      code: 2,
      stderr: () =>
        `error: --context nope: no such context in the kubeconfig (known: ${sim.kubeconfigYaml().match(/current-context: (\S+)/)?.[1]}) (or pass --demo to record the built-in demo cluster)\n`,
    },
    {
      rule: '--context with no kubeconfig anywhere is a usage error',
      args: () => ['--context', 'nope'],
      code: 2,
      stderr: () =>
        'error: --context nope: there is no kubeconfig ($KUBECONFIG names no file and ~/.kube/config does not exist); pass --kubeconfig PATH, or --demo for the built-in demo cluster\n',
    },
  ])('$rule', async ({ args, code, stderr }) => {
    const run = await start(args());
    expect(run.stderr).toBe(stderr());
    expect(run.code).toBe(code);
    expect(run.stdout).not.toContain('demo cluster');
  });

  it('a named kubeconfig whose cluster does not answer fails (exit 1) and says so, without playing the demo', async () => {
    const run = await start(['--kubeconfig', unreachable]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^error: kubeconfig context "\S+" \(http:\/\/127\.0\.0\.1:1\) did not answer a pod list: .+ \(check the cluster and its credentials, or pass --demo to record the built-in demo cluster\)\n$/,
    );
    expect(run.stdout).not.toContain('demo cluster');
  });
});

describe('podtrail start with a default kubeconfig whose cluster does not answer', () => {
  it('records the demo cluster, with a note saying why', async () => {
    const home = mkdtempSync(join(dir, 'home-'));
    const run = await runPodtrail(
      ['start', '--once', '--speed', '60', '--port', '0', '--data-dir', join(home, 'data')],
      { env: { HOME: home, KUBECONFIG: unreachable }, timeoutMs: 90_000 },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /\nnote: kubeconfig context "\S+" \(http:\/\/127\.0\.0\.1:1\) did not answer a pod list: .+; recording the built-in demo cluster instead \(--demo skips this check\)\ndemo cluster "demo": /,
    );
  }, 90_000);
});

describe('podtrail start with no kubeconfig at all', () => {
  it('records the demo cluster, without a note', async () => {
    const run = await start(['--speed', '60']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^podtrail serve: \S+ \(store: \S+\)\nUI: \S+\ndemo cluster "demo": 11 pods/);
    expect(run.stdout).not.toContain('note:');
  }, 90_000);
});
