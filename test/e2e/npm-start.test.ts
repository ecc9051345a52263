import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Finished, REPO, runPodtrail, runToEnd } from '../support/cli-process.js';

/**
 * `npm start -- --demo --once` as a newcomer runs it (a child process of npm, on a fresh data
 * directory), checked against golden text; then run again on the same data directory, placed as
 * by default (ending just before now), which must print the same report; then the same store
 * reopened with `podtrail serve` and queried through the CLI with the commands the report printed.
 */

const DEMO_START = '2026-11-23T10:00:00Z';

/** The seed's `kubectl get po -w` rows (NAME READY STATUS RESTARTS AGE), with the time each was observed. */
const SEED_TIMELINE = [
  ['TIME', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  ['2026-11-23T10:00:00Z', 'pod-phase', '0/1', 'Pending', '0', '0s'],
  ['2026-11-23T10:00:00Z', 'pod-phase', '0/1', 'Pending', '0', '0s'],
  ['2026-11-23T10:00:01Z', 'pod-phase', '0/1', 'ContainerCreating', '0', '1s'],
  ['2026-11-23T10:00:41Z', 'pod-phase', '0/1', 'ErrImagePull', '0', '41s'],
  ['2026-11-23T10:00:52Z', 'pod-phase', '0/1', 'ImagePullBackOff', '0', '52s'],
  ['2026-11-23T10:01:37Z', 'pod-phase', '0/1', 'ErrImagePull', '0', '97s'],
  ['2026-11-23T10:01:50Z', 'pod-phase', '0/1', 'ImagePullBackOff', '0', '110s'],
  ['2026-11-23T10:02:42Z', 'pod-phase', '0/1', 'ErrImagePull', '0', '2m42s'],
  ['2026-11-23T10:02:54Z', 'pod-phase', '0/1', 'ImagePullBackOff', '0', '2m54s'],
];

const RESTART_AUDIT = `CLUSTER   NAMESPACE   WORKLOAD                   RESTARTS   OOMKILLED   UNOBSERVED   PODS   EXIT CODES   LAST
demo      payments    Deployment/payments-api    4          0           0            1      1×4          2026-11-23T10:01:38Z
demo      media       Deployment/image-resizer   2          2           0            1      137×2        2026-11-23T10:01:04Z

Total: 6 restarts (2 OOMKilled, 0 unobserved) in 2 pods across 1 cluster, 2026-11-23T10:00:00Z – 2026-11-23T10:03:00Z.`;

let dataDir: string;
let run: Finished & { ms: number };
let rerun: Finished;
let rerunEndedAt: number;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'podtrail-e2e-'));
  const started = Date.now();
  run = {
    ...(await runToEnd(
      [
        'npm',
        'start',
        '--',
        '--demo',
        '--once',
        '--port',
        '0',
        '--data-dir',
        dataDir,
        '--demo-start',
        DEMO_START,
      ],
      { timeoutMs: 170_000 },
    )),
    ms: Date.now() - started,
  };
  rerun = await runToEnd(['npm', 'start', '--', '--demo', '--once', '--port', '0', '--data-dir', dataDir], {
    timeoutMs: 170_000,
  });
  rerunEndedAt = Date.now();
}, 360_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start -- --demo --once', () => {
  it('exits 0 within two minutes, with progress lines on the way', () => {
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.ms).toBeLessThan(120_000);
    expect(run.stdout).toMatch(/demo cluster "demo": 11 pods, 2m59s of cluster life/);
    expect(run.stdout).toMatch(/events seen \d+, forwarded \d+, queued \d+ · demo \d+%/);
    expect(run.stdout).toMatch(/demo finished: events seen \d+, forwarded \d+, queued 0\n/);
  });

  it("prints the seed pod's timeline as kubectl get po -w showed it", () => {
    const table = section(run.stdout, '== Timeline of default/pod-phase');
    expectRows(parseRows(table), SEED_TIMELINE);
  });

  it("prints the seed pod's events with their counts, as kubectl get events -o wide showed them", () => {
    const events = section(run.stdout, '== Events of default/pod-phase');
    expect(events).toMatch(
      /^LAST SEEN +TYPE +REASON +OBJECT +SUBOBJECT +SOURCE +MESSAGE +FIRST SEEN +COUNT +NAME\n/,
    );
    expect(events).toMatch(/Normal +Scheduled +pod\/pod-phase +default-scheduler/);
    expect(events).toMatch(/Warning +Failed +pod\/pod-phase .*Error: ErrImagePull +\S+ +3 +pod-phase\./);
    expect(events).toMatch(/Back-off pulling image "busybox:nonexist" +\S+ +4 +pod-phase\./);
  });

  it('prints the restart audit: the crash loop and the OOM kills', () => {
    expect(section(run.stdout, '== Restart audit')).toBe(RESTART_AUDIT);
  });

  it('ends with the seed pod as kubectl describe pod showed it when last seen', () => {
    const text = section(run.stdout, '== default/pod-phase as "kubectl describe pod" showed it');
    expect(text).toMatch(/^Name: +pod-phase\nNamespace: +default\n/);
    expect(text).toMatch(/\n {4}Image: +busybox:nonexist\n/);
    expect(text).toMatch(/\n {6}Reason: +(ErrImagePull|ImagePullBackOff)\n/);
    expect(text).toMatch(/\n# podtrail: uid \S+ as recorded at /);
  });

  it('prints a startup summary and how to query further', () => {
    expect(section(run.stdout, '== Startup latency')).toMatch(
      /^Pods created .*: 11; cells are p50\/p90\/p99\./,
    );
    expect(run.stdout).toContain(`npx podtrail serve --data-dir ${dataDir} &`);
    expect(run.stdout).toContain('export PODTRAIL_ENDPOINT=http://127.0.0.1:7878\n');
    expect(run.stdout).toMatch(/export PODTRAIL_TOKEN=\S{20,}/);
  });

  it('prints the web UI link under the serve line', () => {
    expect(run.stdout).toMatch(
      /^podtrail serve: (http:\/\/127\.0\.0\.1:\d+) .*\nUI: \1\/#token=[A-Za-z0-9_-]{43}\n/m,
    );
  });
});

describe('npm start -- --demo --once again, on the same data directory', () => {
  it('records a new cluster life under a name of its own, ending before now', () => {
    expect(rerun.stderr).not.toMatch(/error/i);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(
      /demo cluster "demo-2": 11 pods, 2m59s of cluster life .*, ending just before now/,
    );
    const until = /Total: 6 restarts .* – (\S+Z)\./.exec(rerun.stdout)?.[1] ?? '';
    expect(Date.parse(until)).toBeLessThanOrEqual(rerunEndedAt);
  });

  it('prints the same report, apart from times, uids, ports and the cluster name', () => {
    const first = normalizeReport(run.stdout);
    expect(first).not.toContain('<invalid>');
    expect(normalizeReport(rerun.stdout)).toBe(first);
  });
});

describe('the same store, reopened with podtrail serve and queried through the CLI', () => {
  let serve: ChildProcess;
  let endpoint: string;
  let token: string;

  beforeAll(async () => {
    serve = spawn(process.execPath, ['bin/podtrail.js', 'serve', '--port', '0', '--data-dir', dataDir], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const banner = await readUntil(serve, /token: (\S+)/, 30_000);
    endpoint = /listening on (\S+)/.exec(banner)?.[1] ?? '';
    token = /token: (\S+)/.exec(banner)?.[1] ?? '';
  }, 40_000);

  afterAll(() => {
    serve.kill('SIGTERM');
  });

  it('podtrail timeline shows the very rows npm start printed', async () => {
    const cli = await runPodtrail(['timeline', 'pod-phase', '-n', 'default', '--cluster', 'demo'], {
      timeoutMs: 30_000,
      env: { PODTRAIL_ENDPOINT: endpoint, PODTRAIL_TOKEN: token },
    });
    expect(cli.code).toBe(0);
    expect(cli.stdout.trimEnd()).toBe(section(run.stdout, '== Timeline of default/pod-phase'));
  });

  it('podtrail restarts -o json totals equal the printed audit', async () => {
    const cli = await runPodtrail(
      ['restarts', '--since', DEMO_START, '--until', '2026-11-23T10:03:00Z', '-o', 'json'],
      { timeoutMs: 30_000, env: { PODTRAIL_ENDPOINT: endpoint, PODTRAIL_TOKEN: token } },
    );
    expect(cli.code).toBe(0);
    const report = JSON.parse(cli.stdout) as { groups: { restarts: number }[] };
    expect(report.groups.reduce((sum, g) => sum + g.restarts, 0)).toBe(6);
  });
});

describe("the rerun's printed follow-up commands, run at once", () => {
  let serve: ChildProcess;
  let env: Record<string, string>;
  let outputs: Map<string, { code: number | null; stdout: string; stderr: string }>;

  beforeAll(async () => {
    serve = spawn(process.execPath, ['bin/podtrail.js', 'serve', '--port', '0', '--data-dir', dataDir], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const banner = await readUntil(serve, /token: (\S+)/, 30_000);
    env = {
      PODTRAIL_ENDPOINT: /listening on (\S+)/.exec(banner)?.[1] ?? '',
      PODTRAIL_TOKEN: /token: (\S+)/.exec(banner)?.[1] ?? '',
    };
    outputs = new Map();
    for (const command of followUpCommands(rerun.stdout)) {
      outputs.set(command.join(' '), await runPodtrail(command, { timeoutMs: 30_000, env }));
    }
  }, 120_000);

  afterAll(() => {
    serve.kill('SIGTERM');
  });

  const output = (pattern: RegExp) => {
    const key = [...outputs.keys()].find((k) => pattern.test(k));
    expect(key, `a printed command matching ${pattern}`).toBeDefined();
    return outputs.get(key ?? '') ?? { code: null, stdout: '', stderr: '' };
  };

  it('all succeed, with no age from the future', () => {
    expect(outputs.size).toBeGreaterThanOrEqual(8);
    for (const [command, result] of outputs) {
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).not.toContain('<invalid>');
    }
  });

  it('timeline shows the rows the report printed', () => {
    const wide = parseRows(output(/^timeline .* -o wide$/).stdout.trimEnd());
    const printed = parseRows(section(rerun.stdout, '== Timeline of default/pod-phase'));
    expect(wide.map((row) => row.slice(0, 6))).toEqual(printed);
  });

  it('describe shows the pod as the report printed it', () => {
    const text = section(rerun.stdout, '== default/pod-phase as "kubectl describe pod" showed it');
    expect(`${text}\n`).toContain(output(/^describe /).stdout);
  });

  it('restarts counts the 6 restarts of the audit, the crash loop at 4', () => {
    const csv = output(/^restarts .* -o csv$/)
      .stdout.trim()
      .split(/\r?\n/);
    const header = (csv[0] ?? '').split(',');
    const column = header.indexOf('restarts');
    expect(column).toBeGreaterThanOrEqual(0);
    const counts = csv.slice(1).map((line) => Number(line.split(',')[column]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(counts).toContain(4);
  });

  it('pods shows the crash loop with its 4 restarts, and deletions already past', () => {
    const pods = output(/^pods -A /).stdout;
    expect(pods).toMatch(/\npayments +payments-api-\S+ +0\/1 +CrashLoopBackOff +4 \((\d+m)?\d+s ago\)/);
    const deleted = [...pods.matchAll(/Deleted (\S+Z)/g)].map((m) => Date.parse(m[1] ?? ''));
    expect(deleted.length).toBeGreaterThan(0);
    for (const at of deleted) expect(at).toBeLessThanOrEqual(Date.now());
  });
});

/** The "npx podtrail …" lines of "How to query further", as argv (serve and --html left out). */
function followUpCommands(stdout: string): string[][] {
  const advice = stdout.slice(stdout.indexOf('How to query further:'));
  return advice
    .split('\n')
    .map((line) => /^ {2}npx podtrail (.*?)(?: {2,}#.*)?$/.exec(line)?.[1])
    .filter(
      (line): line is string => line !== undefined && !line.startsWith('serve') && !line.includes('--html'),
    )
    .map((line) => line.trim().split(/ +/));
}

/**
 * The report from its first section on, with what legitimately differs between two runs replaced:
 * times (absolute, in RFC 3339 or kubectl's describe form, and relative ages), uids, ports, the
 * generated event names (kubectl derives them from the time), the run's cluster name; columns
 * are compared as single-space-separated cells, since a replaced cell changes widths.
 */
function normalizeReport(stdout: string): string {
  return stdout
    .slice(stdout.indexOf('\n== '))
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>')
    .replace(/\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}/g, '<time>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uid>')
    .replace(/\.[0-9a-f]{16}\b/g, '.<event>')
    .replace(/:\d{2,5}\b/g, ':<port>')
    .replace(/\bdemo(-\d+)?\b/g, '<cluster>')
    .replace(/\b(\d+d)?(\d+h)?(\d+m)?\d+s\b/g, '<age>')
    .replace(/\b\d+m\b/g, '<age>')
    .replace(/ +/g, ' ');
}

/** The text under a "== title" line, up to the next blank-line-then-heading. */
function section(stdout: string, heading: string): string {
  const start = stdout.indexOf(heading);
  expect(start, `output has a "${heading}" section`).toBeGreaterThanOrEqual(0);
  const body = stdout.slice(stdout.indexOf('\n', start) + 1);
  const end = body.search(/\n(== |\nHow to query further)/);
  return (end < 0 ? body : body.slice(0, end)).trimEnd();
}

function parseRows(table: string): string[][] {
  return table.split('\n').map((line) =>
    line
      .trim()
      .split(/\s{2,}/)
      .filter((c) => c !== ''),
  );
}

/**
 * Rows equal the golden ones; TIME and AGE may differ by one second, since the demo clock runs 3×
 * fast and an event's observation time includes its delivery delay.
 */
function expectRows(actual: string[][], expected: string[][]): void {
  expect(actual.map((r) => [r[1], r[2], r[3], r[4]])).toEqual(expected.map((r) => [r[1], r[2], r[3], r[4]]));
  actual.slice(1).forEach((row, i) => {
    const want = expected[i + 1] ?? [];
    expect(
      Math.abs(Date.parse(row[0] ?? '') - Date.parse(want[0] ?? '')),
      `row ${i + 1} TIME`,
    ).toBeLessThanOrEqual(1_000);
    expect(Math.abs(seconds(row[5] ?? '') - seconds(want[5] ?? '')), `row ${i + 1} AGE`).toBeLessThanOrEqual(
      1,
    );
  });
}

function seconds(age: string): number {
  const m = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(age);
  return Number(m?.[1] ?? 0) * 60 + Number(m?.[2] ?? 0);
}

function readUntil(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${timeoutMs} ms: ${text}`)),
      timeoutMs,
    );
    child.stdout?.on('data', (d) => {
      text += String(d);
      if (pattern.test(text)) {
        clearTimeout(timer);
        resolve(text);
      }
    });
  });
}
