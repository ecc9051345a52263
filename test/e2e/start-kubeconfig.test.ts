import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runningPods, type SimPod, type Simulator, startSimulator } from '../../simulator/index.js';
import { runCli } from '../support/query-cli-io.js';

/**
 * `podtrail start --once` against a kubeconfig context that answers (the simulator, standing in for
 * a real cluster whose pods restarted before recording began): it records the cluster's first
 * list and a settle period, and prints the CLI's views of it, with that history stated.
 */
let sim: Simulator;
let dir: string;
let run: Awaited<ReturnType<typeof runCli>>;
let crashing: SimPod;

beforeAll(async () => {
  sim = await startSimulator({ token: 'sim-token' });
  const pods = runningPods(3, { namespace: 'prod' });
  setRestarts(pods[1], 3);
  setRestarts(pods[2], 2);
  crashing = pods[1] as SimPod;
  sim.store.seed(pods);
  dir = mkdtempSync(join(tmpdir(), 'podtrail-start-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, sim.kubeconfigYaml());
  run = await runCli(
    [
      'start',
      '--once',
      '--settle',
      '2s',
      '--kubeconfig',
      kubeconfig,
      '--cluster',
      'sim',
      '--port',
      '0',
      '--data-dir',
      dir,
    ],
    { env: { HOME: dir }, now: Date.now() },
  );
}, 60_000);

afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('podtrail start --once on a kubeconfig context', () => {
  it('records the first list, then the settle period it names, and exits 0', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /recording kubeconfig context "\S+" \(http:\/\/127\.0\.0\.1:\d+\) as cluster "sim"/,
    );
    expect(run.stdout).toContain(
      'first list done: 3 pods; recording changes for 2s (--settle) before the report\n',
    );
    const window = /in 2 pods across 1 cluster, (\S+Z) – (\S+Z)\./.exec(run.stdout);
    expect(Date.parse(window?.[2] ?? '') - Date.parse(window?.[1] ?? '')).toBeGreaterThanOrEqual(2_000);
  });

  it('prints the pods it recorded, with the restarts they had before recording began', () => {
    const pods = section(run.stdout, '== Pods recorded');
    expect(pods.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS/);
    const rows = pods.split('\n').slice(1);
    expect(rows.filter((row) => row.startsWith('prod '))).toHaveLength(3);
    expect(rows.find((row) => row.includes(` ${crashing.metadata.name} `))).toMatch(/ 3 /);
  });

  it('says how many restarts happened before recording began, and how they are shown', () => {
    const audit = section(run.stdout, '== Restart audit');
    expect(audit).toMatch(/\nsim +prod +Deployment\/\S+ +3 +0 +2 +1 /);
    expect(audit).toMatch(/\nTotal: 5 restarts \(0 OOMKilled, 3 unobserved\) in 2 pods across 1 cluster/);
    expect(audit).toContain(
      "\n\n5 restarts happened before recording began, in 2 pods (counted from the pods' restartCount at the first list): the audit counts them at the first list's time, all but each container's last as UNOBSERVED (only the last termination is known); the RESTARTS column above shows them too.",
    );
  });

  it("suggests commands about the cluster's own pod with most restarts, and how to reopen the store", () => {
    expect(run.stdout).toContain(`npx podtrail serve --data-dir ${dir} &`);
    expect(run.stdout).toContain('export PODTRAIL_ENDPOINT=http://127.0.0.1:7878\n');
    expect(run.stdout).toContain(
      `npx podtrail timeline ${crashing.metadata.name} -n prod --cluster sim -o wide`,
    );
    expect(run.stdout).toMatch(
      /npx podtrail pods -A --cluster sim --since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n/,
    );
    expect(run.stdout).not.toContain('pod-phase');
  });
});

function setRestarts(pod: SimPod | undefined, count: number): void {
  const status = pod?.status.containerStatuses?.[0];
  if (status === undefined) throw new Error('a running pod has a container status');
  status.restartCount = count;
}

/** The text under a "== title" line, up to the next heading or the closing advice. */
function section(stdout: string, heading: string): string {
  const start = stdout.indexOf(heading);
  expect(start, `output has a "${heading}" section`).toBeGreaterThanOrEqual(0);
  const body = stdout.slice(stdout.indexOf('\n', start) + 1);
  const end = body.search(/\n(== |\nHow to query further)/);
  return (end < 0 ? body : body.slice(0, end)).trimEnd();
}
