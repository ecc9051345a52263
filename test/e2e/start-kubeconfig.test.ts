import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runningPods, type Simulator, startSimulator } from '../../simulator/index.js';
import { runCli } from '../support/query-cli-io.js';

/**
 * `podtrail start --once` against a kubeconfig context that answers (the simulator, standing in for
 * a real cluster): it records the cluster's first list and prints the CLI's views of it.
 */
let sim: Simulator;
let dir: string;
let run: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  sim = await startSimulator({ token: 'sim-token' });
  sim.store.seed(runningPods(3, { namespace: 'prod' }));
  dir = mkdtempSync(join(tmpdir(), 'podtrail-start-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, sim.kubeconfigYaml());
  run = await runCli(
    ['start', '--once', '--kubeconfig', kubeconfig, '--cluster', 'sim', '--port', '0', '--data-dir', dir],
    { env: { HOME: dir }, now: Date.now() },
  );
}, 60_000);

afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('podtrail start --once on a kubeconfig context', () => {
  it('records the first list and exits 0', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /recording kubeconfig context "\S+" \(http:\/\/127\.0\.0\.1:\d+\) as cluster "sim"/,
    );
    expect(run.stdout).toMatch(/first list done: 3 pods/);
  });

  it('prints the pods it recorded and the restart audit, through the CLI', () => {
    const pods = section(run.stdout, '== Pods recorded so far');
    expect(pods.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS/);
    expect(
      pods
        .split('\n')
        .slice(1)
        .filter((row) => row.startsWith('prod ')),
    ).toHaveLength(3);
    expect(section(run.stdout, '== Restart audit')).toMatch(/^No restarts recorded from /);
  });

  it('says how to reopen the store and query it', () => {
    expect(run.stdout).toContain(`npx podtrail serve --data-dir ${dir} --port 7879 &`);
    expect(run.stdout).toMatch(/npx podtrail pods -A --cluster sim --since \S+Z/);
  });
});

/** The text under a "== title" line, up to the next heading or the closing advice. */
function section(stdout: string, heading: string): string {
  const start = stdout.indexOf(heading);
  expect(start, `output has a "${heading}" section`).toBeGreaterThanOrEqual(0);
  const body = stdout.slice(stdout.indexOf('\n', start) + 1);
  const end = body.search(/\n(== |\nHow to query further)/);
  return (end < 0 ? body : body.slice(0, end)).trimEnd();
}
