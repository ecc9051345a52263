import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtmlTimeline } from '../../cli/render-html-timeline.js';
import { at, entry, pod } from '../support/query-builders.js';

/**
 * The HTML timeline in a real browser: Debian's chromium, headless. CI installs it (.ci/run); on a
 * machine without it this suite fails and says how to install it, rather than skipping.
 */
const CHROMIUM = '/usr/bin/chromium';
const run = promisify(execFile);

const c = (name: string, from: string, to: string) => ({ field: `container/${name}`, from, to });
const entries = [
  entry({
    kind: 'first-seen',
    observedAt: at(0),
    row: { ready: '0/2', status: 'Init:0/1', node: 'node-1' },
    changes: [{ field: 'initContainer/migrate', from: '', to: 'running' }],
  }),
  entry({
    observedAt: at(6),
    row: { ready: '0/2', status: 'PodInitializing', node: 'node-1' },
    changes: [
      { field: 'initContainer/migrate', from: 'running', to: 'terminated:Completed:0' },
      c('api', '', 'waiting:PodInitializing'),
      c('proxy', '', 'waiting:PodInitializing'),
    ],
  }),
  entry({
    observedAt: at(9),
    row: { ready: '2/2', status: 'Running', node: 'node-1' },
    changes: [
      c('api', 'waiting:PodInitializing', 'running'),
      c('proxy', 'waiting:PodInitializing', 'running'),
    ],
  }),
  entry({
    observedAt: at(40),
    row: { ready: '1/2', status: 'CrashLoopBackOff', restarts: 1, node: 'node-1' },
    changes: [c('api', 'running', 'waiting:CrashLoopBackOff')],
    reason: 'Error',
    message: '<script>alert(1)</script> exit 1',
  }),
  entry({
    observedAt: at(60),
    row: { ready: '2/2', status: 'Running', restarts: 1, node: 'node-1' },
    changes: [c('api', 'waiting:CrashLoopBackOff', 'running')],
  }),
  entry({
    kind: 'deleted',
    observedAt: at(90),
    row: { ready: '0/2', status: 'Terminating', restarts: 1, node: 'node-1' },
  }),
];

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'podtrail-html-'));
  file = join(dir, 'timeline.html');
  const html = renderHtmlTimeline({
    cluster: 'prod-eu-1',
    incarnations: [{ pod: pod({ name: 'web-0', endedAt: at(90), endedBy: 'deleted' }), entries }],
  });
  await writeFile(file, html);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function chromium(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium`).toBe(true);
  const profile = await mkdtemp(join(dir, 'profile-'));
  return run(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${profile}`,
      '--enable-logging=stderr',
      '--v=0',
      ...args,
      `file://${file}`,
    ],
    { timeout: 45_000, maxBuffer: 8 * 1024 * 1024 },
  );
}

describe('timeline --html in headless Chromium', () => {
  it('is self-contained: no scripts and nothing fetched from elsewhere', async () => {
    const html = await readFile(file, 'utf8');
    expect(html).not.toMatch(/<script|\bsrc=|<link|@import|url\(/i);
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });

  it('loads without errors and shows the lanes, labels and markers', async () => {
    const { stdout, stderr } = await chromium('--dump-dom');
    expect(stderr).not.toMatch(/CONSOLE|net::ERR|Uncaught|Failed to load/);
    const lanes = [...stdout.matchAll(/data-lane="([^"]+)"/g)].map((m) => m[1]);
    expect(lanes).toEqual(['status', 'init/migrate', 'container/api', 'container/proxy']);
    for (const label of [
      'STATUS',
      'init: migrate',
      '>api<',
      '>proxy<',
      '>Running<',
      '10:00:30',
      'uid uid-1',
    ]) {
      expect(stdout).toContain(label);
    }
    expect(stdout.match(/class="marker marker-restart"/g)).toHaveLength(1);
    expect(stdout.match(/class="marker marker-deleted"/g)).toHaveLength(1);
    expect(stdout).toContain('class="segment tone-failing"');
  });

  it('renders to a non-blank screenshot', async () => {
    const png = join(dir, 'timeline.png');
    await chromium('--window-size=1200,800', `--screenshot=${png}`);
    expect((await stat(png)).size).toBeGreaterThan(20_000);
  });
});
