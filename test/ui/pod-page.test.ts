import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../simulator/random.js';
import { badImagePod, crashLoopPod, initContainersPod, steadyPod } from '../../simulator/scenarios/index.js';
import { delayed } from '../../simulator/script.js';
import { eventVersion } from '../support/event-builders.js';
import { batch } from '../support/query-scenario-events.js';
import { type BrowserStack, relistWithout, startBrowserStack } from './ui-harness.js';

/**
 * The pod page in Debian's Chromium against `podtrail serve`, with scenario pods recorded through
 * the real ingest, compared with what the real CLI binary prints for the same pod: the rows, the
 * incarnation labels, the lanes and their markers, describe as of a clicked row; deep links,
 * keyboard use and accessible names; no console errors.
 */
const T = Date.parse('2026-11-23T10:00:00Z');
const NOW = T + 3 * 3_600_000;

const pods = {
  crashLoop: crashLoopPod({ random: seededRandom(11), crashes: 3 }),
  init: initContainersPod({ random: seededRandom(12) }),
  vanishing: steadyPod({ random: seededRandom(16), app: 'cache' }),
  firstWeb: badImagePod({ random: seededRandom(17), name: 'web-0', deleteAtMs: 60_000 }),
  secondWeb: delayed(steadyPod({ random: seededRandom(18), name: 'web-0' }), 120_000),
};
/** A crash loop the agent partly missed: RESTARTS is next seen jumping 1 → 3. */
const missed = crashLoopPod({ random: seededRandom(24), crashes: 4 });

let harness: BrowserStack;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  harness = await startBrowserStack({ now: NOW, startMs: T });
  await harness.stack.record('demo', Object.values(pods), relistWithout(T, pods.vanishing.uid));
  // The kubelet's Events about the crash loop: a BackOff seen twice (two versions), a Pulled.
  const pod = { namespace: pods.crashLoop.namespace, name: pods.crashLoop.name, uid: pods.crashLoop.uid };
  const backOff = {
    uid: 'ev-backoff-0001',
    pod,
    reason: 'BackOff',
    type: 'Warning' as const,
    component: 'kubelet',
  };
  await harness.stack.post(
    batch('demo', [
      eventVersion(
        {
          uid: 'ev-pulled-00001',
          pod,
          reason: 'Pulled',
          message: 'Container image "api:1.8.2" already present on machine',
          component: 'kubelet',
          first: 2,
        },
        '5001',
      ),
      eventVersion(
        { ...backOff, message: 'Back-off restarting failed container api', first: 9, count: 1 },
        '5002',
      ),
      eventVersion(
        { ...backOff, message: 'Back-off restarting failed container api', first: 9, last: 25, count: 2 },
        '5003',
      ),
    ]),
  );
  await harness.stack.record('fleet-b', [missed], {
    omit: (uid, step) => uid === missed.uid && step >= 8 && step <= 11,
  });
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

beforeEach(async () => {
  // The link serve printed: the page moves the token into localStorage and out of the address bar.
  ({ context, page, errors } = await harness.open({ viewport: { width: 1400, height: 1000 } }));
  await page.waitForFunction(() => localStorage.getItem('podtrail.token') !== null);
});

afterEach(async () => {
  await context.close();
  expect(errors).toEqual([]);
});

function podUrl(
  script: { namespace: string; name: string; uid: string },
  cluster = 'demo',
  extra = '',
): string {
  return `${harness.stack.origin}/pod?cluster=${cluster}&ns=${script.namespace}&name=${script.name}&uid=${script.uid}${extra}`;
}

/** The real CLI's `command` (timeline, describe) for one incarnation of a pod in the demo cluster. */
function podCli(
  command: string,
  pod: { namespace: string; name: string; uid: string },
  ...extra: string[]
): Promise<{ stdout: string; stderr: string }> {
  return harness.stack.cli([
    command,
    pod.name,
    '-n',
    pod.namespace,
    '--cluster',
    'demo',
    '--uid',
    pod.uid,
    ...extra,
  ]);
}

async function openPod(url: string): Promise<void> {
  await page.goto(url);
  await page.locator('#pod-page[data-ready="true"]').waitFor();
}

async function pageRows(): Promise<string[]> {
  return page.locator('[role="listbox"] [role="option"]').allTextContents();
}

/** The lanes' ids and marker classes as drawn, from an SVG root (the page or the CLI's HTML file). */
async function lanesOf(p: Page, root: string): Promise<{ lanes: string[]; markers: string[] }> {
  return p.evaluate((selector) => {
    const svg = document.querySelector(selector)!;
    return {
      lanes: Array.from(svg.querySelectorAll('g.lane')).map((g) => g.getAttribute('data-lane') ?? ''),
      markers: Array.from(svg.querySelectorAll('g.marker'))
        .map((g) => g.getAttribute('class') ?? '')
        .sort(),
    };
  }, root);
}

describe('the pod page', () => {
  it('moves the token out of the address bar', async () => {
    expect(page.url()).not.toContain('token');
  });

  it('shows the rows, lanes and labels the CLI prints for the same pod', async () => {
    const pod = pods.crashLoop;
    await openPod(podUrl(pod));
    const html = join(harness.stack.dir, 'crash.html');
    const cli = await podCli('timeline', pod, '--html', html);
    const lines = cli.stdout.trimEnd().split('\n');
    expect(await page.locator('.rows .header-line').textContent()).toBe(lines[0]);
    expect(await pageRows()).toEqual(lines.slice(1));
    const onPage = await lanesOf(page, '#pod-page svg.swim-lanes');
    const file = await context.newPage();
    await file.setContent(await readFile(html, 'utf8'));
    const inFile = await lanesOf(file, 'svg.swim-lanes');
    await file.close();
    expect(onPage).toEqual(inFile);
    expect(onPage.lanes).toEqual(['status', 'container/api', 'events']);
    expect(onPage.markers.filter((m) => m === 'marker marker-restart')).toHaveLength(3);
    const titles = await page.locator('g.lane .lane-title').allTextContents();
    expect(titles[0]).toBe('STATUS');
    await expect
      .poll(() => page.locator('g.marker-restart title').first().textContent())
      .toMatch(/^restart → 1 \(.+\) at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await page.screenshot({ path: join(harness.shots, 'pod.png'), fullPage: true });
  });

  it('selects the moment of a clicked row and shows describe as podtrail describe --at prints it', async () => {
    const pod = pods.crashLoop;
    await openPod(podUrl(pod));
    const row = page.locator('[role="option"]').nth(3);
    const at = await row.getAttribute('data-at');
    await row.click();
    await expect.poll(() => new URL(page.url()).searchParams.get('at')).toBe(at);
    expect(await row.getAttribute('aria-selected')).toBe('true');
    await page.locator(`#describe-text[data-at="${at}"]`).waitFor();
    const cli = await podCli('describe', pod, '--at', at!);
    expect(await page.locator('#describe-text').textContent()).toBe(cli.stdout);
    // The selected moment is drawn on the lanes.
    expect(await page.locator('svg.swim-lanes line.cursor').count()).toBe(1);
    await page.screenshot({ path: join(harness.shots, 'pod-describe.png'), fullPage: true });
  });

  it('selects the nearest row when the lanes are clicked', async () => {
    const pod = pods.crashLoop;
    await openPod(podUrl(pod));
    // Just right of where the third STATUS state begins: that state's first row is the nearest.
    const segment = page.locator('g.lane[data-lane="status"] rect.segment').nth(2);
    const begins = /: (\S+) → /.exec((await segment.locator('title').textContent()) ?? '')?.[1];
    const box = (await segment.boundingBox())!;
    await page.mouse.click(box.x + 1, box.y + box.height / 2);
    await expect.poll(() => new URL(page.url()).searchParams.get('at')).not.toBeNull();
    const at = new URL(page.url()).searchParams.get('at')!;
    const selected = page.locator('[role="option"][aria-selected="true"]');
    expect(await selected.count()).toBe(1);
    expect(await selected.getAttribute('data-at')).toBe(at);
    expect(`${at.slice(0, 19)}Z`).toBe(begins);
    expect(await selected.textContent()).toMatch(new RegExp(`^${begins}`));
  });

  it('reloads a deep link to the same view: incarnation, zoom, selected row, wide rows, describe', async () => {
    const [first] = [pods.firstWeb];
    await openPod(podUrl(first, 'demo', '&wide=1'));
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.locator('[role="option"]').nth(1).click();
    await page.locator('#describe-text').waitFor();
    const url = page.url();
    const before = {
      rows: await pageRows(),
      selected: await page.locator('[role="option"][aria-selected="true"]').textContent(),
      ticks: await page.locator('svg.swim-lanes .tick').allTextContents(),
      describe: await page.locator('#describe-text').textContent(),
      cli: await page.locator('#cli-commands').textContent(),
    };
    expect(new URL(url).searchParams.get('from')).not.toBeNull();
    await page.reload();
    await page.locator('#pod-page[data-ready="true"]').waitFor();
    await page.locator('#describe-text').waitFor();
    expect(page.url()).toBe(url);
    expect({
      rows: await pageRows(),
      selected: await page.locator('[role="option"][aria-selected="true"]').textContent(),
      ticks: await page.locator('svg.swim-lanes .tick').allTextContents(),
      describe: await page.locator('#describe-text').textContent(),
      cli: await page.locator('#cli-commands').textContent(),
    }).toEqual(before);
    const wide = await podCli('timeline', first, '-o', 'wide');
    expect(before.rows).toEqual(wide.stdout.trimEnd().split('\n').slice(1));
  });

  it('lists every incarnation with the CLI’s labels and switches between them', async () => {
    await openPod(`${harness.stack.origin}/pod?cluster=demo&ns=${pods.firstWeb.namespace}&name=web-0`);
    const cli = await harness.stack.cli([
      'timeline',
      'web-0',
      '-n',
      pods.firstWeb.namespace,
      '--cluster',
      'demo',
    ]);
    const labels = cli.stdout.split('\n').filter((l) => l.startsWith('# uid '));
    expect(labels).toHaveLength(2);
    const buttons = page.getByRole('navigation', { name: 'Incarnations' }).getByRole('button');
    expect(await buttons.count()).toBe(2);
    // The newest is shown first; its label is the CLI's.
    expect(await page.locator('.incarnation-label').textContent()).toBe(labels[1]);
    await buttons.first().click();
    await page.locator('#pod-page[data-ready="true"]').waitFor();
    expect(await page.locator('.incarnation-label').textContent()).toBe(labels[0]);
    expect(new URL(page.url()).searchParams.get('uid')).toBe(pods.firstWeb.uid);
    expect(await page.locator('g.marker-deleted').count()).toBe(1);
  });

  it('opens the incarnation alive at the linked moment when the link names no uid', async () => {
    const first = pods.firstWeb;
    const at = new Date(T + 30_000).toISOString();
    await openPod(`${harness.stack.origin}/pod?cluster=demo&ns=${first.namespace}&name=web-0&at=${at}`);
    const shown = page.getByRole('button', { name: /^Incarnation uid /, pressed: true });
    expect(await shown.getAttribute('aria-label')).toContain(first.uid);
    const selected = await page.locator('[role="option"][aria-selected="true"]').getAttribute('data-at');
    expect(Date.parse(selected!)).toBeLessThanOrEqual(Date.parse(at));
  });

  it('zooms and pans with the buttons and the wheel, keeping the window in the link', async () => {
    await openPod(podUrl(pods.crashLoop));
    const window = () => {
      const q = new URL(page.url()).searchParams;
      return [q.get('from'), q.get('to')];
    };
    const span = (w: (string | null)[]) => Date.parse(w[1]!) - Date.parse(w[0]!);
    const whole = await page.locator('svg.swim-lanes .tick').allTextContents();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    const once = window();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    const zoomed = window();
    expect(span(zoomed)).toBe(span(once) / 2);
    expect(await page.locator('svg.swim-lanes .tick').allTextContents()).not.toEqual(whole);
    await page.getByRole('button', { name: 'Pan later' }).click();
    const panned = window();
    expect(Date.parse(panned[0]!)).toBeGreaterThan(Date.parse(zoomed[0]!));
    expect(span(panned)).toBe(span(zoomed));
    await page.getByRole('button', { name: 'Show the whole life' }).click();
    expect(window()).toEqual([null, null]);
    const box = (await page.locator('g.lane[data-lane="status"]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -400);
    await expect.poll(() => window()[0]).not.toBeNull();
    expect(span(window())).toBeLessThan(span(once) * 2);
  });

  it('marks restarts nobody observed and hatches the incomplete record of a vanished pod', async () => {
    await openPod(podUrl(missed, 'fleet-b'));
    const unobserved = page.locator('g.marker-unobserved title');
    expect(await unobserved.count()).toBeGreaterThan(0);
    expect(await unobserved.first().textContent()).toMatch(/not observed \(RESTARTS jumped 1 → 3\)/);
    await openPod(podUrl(pods.vanishing));
    expect(await page.locator('rect.incomplete-vanished').count()).toBe(1);
    expect(await page.locator('g.marker-vanished').count()).toBe(1);
    await page.screenshot({ path: join(harness.shots, 'pod-vanished.png'), fullPage: true });
  });

  it('is usable from the keyboard, with names on every control', async () => {
    const pod = pods.init;
    await openPod(podUrl(pod));
    for (const name of [
      'Zoom in',
      'Zoom out',
      'Pan earlier',
      'Pan later',
      'Show the whole life',
      'Copy as CLI',
    ]) {
      expect(await page.getByRole('button', { name }).count(), name).toBe(1);
    }
    expect(await page.getByRole('group', { name: /^swim lanes of / }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /^lane STATUS: / }).count()).toBe(1);
    expect(await page.getByRole('img', { name: /^lane init: / }).count()).toBeGreaterThan(0);
    const unnamed = await page.evaluate(() =>
      Array.from(document.querySelectorAll('button, a, [role="listbox"], [tabindex="0"]'))
        .filter((el) => (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() === '')
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    expect(unnamed).toEqual([]);

    // Tab reaches the chart, then (past the row toolbar) the rows; arrows move the selection.
    const chart = page.getByRole('region', { name: /^Swim lanes chart/ });
    await chart.focus();
    await page.keyboard.press('+');
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).not.toBeNull();
    await page.keyboard.press('0');
    await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBeNull();
    let focused = '';
    for (let i = 0; i < 8 && focused !== 'listbox'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.getAttribute('role') ?? '');
    }
    expect(focused).toBe('listbox');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const second = await page.locator('[role="option"]').nth(1).getAttribute('data-at');
    await expect.poll(() => new URL(page.url()).searchParams.get('at')).toBe(second);
    await page.keyboard.press('Enter');
    await page.locator('#describe-text').waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('describe-text');
  });

  it('puts the recorded events on their lane and lists them as timeline --events prints them', async () => {
    const pod = pods.crashLoop;
    await openPod(podUrl(pod));
    const cli = await podCli('timeline', pod, '--events');
    const eventLines = cli.stdout.split('\n').filter((line) => line.startsWith('  '));
    expect(eventLines).toHaveLength(3);
    expect(await page.locator('#events-text').textContent()).toBe(eventLines.join('\n'));
    expect(await page.locator('g.events-lane path.event').count()).toBe(3);
    expect(await page.locator('g.events-lane path.event-warning').count()).toBe(2);
    expect(await page.getByRole('img', { name: 'events: 3 recorded' }).count()).toBe(1);
  });

  it('shows a hovered row’s moment on the lanes', async () => {
    await openPod(podUrl(pods.crashLoop));
    expect(await page.locator('svg.swim-lanes line.hover-cursor').count()).toBe(0);
    const row = page.locator('[role="option"]').nth(5);
    await row.hover();
    await expect.poll(() => page.locator('svg.swim-lanes line.hover-cursor').count()).toBe(1);
    const [cursor, time] = await Promise.all([
      page.locator('svg.swim-lanes line.hover-cursor').getAttribute('x1'),
      row.getAttribute('data-at'),
    ]);
    // The cursor stands where the row's moment is: the row's own time, clicked there, selects it.
    await page.mouse.move(0, 0);
    const svg = (await page.locator('svg.swim-lanes').boundingBox())!;
    await page.mouse.click(svg.x + Number(cursor), svg.y + 60);
    await expect.poll(() => new URL(page.url()).searchParams.get('at')).toBe(time);
  });

  it('prints describe in the browser’s zone with tz=local, as describe does under that TZ', async () => {
    const {
      context: berlin,
      page: other,
      errors: otherErrors,
    } = await harness.open({ timezoneId: 'Europe/Berlin', viewport: { width: 1400, height: 1000 } });
    const pod = pods.crashLoop;
    const at = new Date(T + 30_000).toISOString();
    await other.goto(podUrl(pod, 'demo', `&at=${at}&tz=local`));
    await other.locator(`#describe-text[data-at="${at}"]`).waitFor();
    const cli = await harness.stack.cli(
      ['describe', pod.name, '-n', pod.namespace, '--cluster', 'demo', '--uid', pod.uid, '--at', at],
      { TZ: 'Europe/Berlin' },
    );
    expect(cli.stdout).toContain('+0100');
    expect(await other.locator('#describe-text').textContent()).toBe(cli.stdout);
    expect(await other.getByRole('button', { name: /^Time zone: local/ }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(await other.locator('#cli-commands').textContent()).not.toContain('TZ=UTC');
    await berlin.close();
    expect(otherErrors).toEqual([]);
  });

  it('copies as CLI the commands that print what is on screen', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.stack.origin });
    const pod = pods.crashLoop;
    await openPod(podUrl(pod, 'demo', '&wide=1'));
    await page.locator('[role="option"]').nth(6).click();
    await page.locator('#describe-text').waitFor();
    await page.getByRole('button', { name: 'Copy as CLI' }).click();
    await page.getByText('Copied.').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.locator('#cli-commands').textContent());
    const [timeline, describe] = copied.split('\n').map((line) =>
      line
        .replace(/^TZ=UTC /, '')
        .split(' ')
        .slice(1),
    );
    const rows = await harness.stack.cli(timeline!);
    const onScreen = [await page.locator('.rows .header-line').textContent(), ...(await pageRows())];
    expect(rows.stdout.split('\n').filter((line) => !line.startsWith('  '))).toEqual([...onScreen, '']);
    expect((await harness.stack.cli(describe!)).stdout).toBe(
      await page.locator('#describe-text').textContent(),
    );
  });

  it('shows how to get a token to a browser without one', async () => {
    const {
      context: fresh,
      page: other,
      errors: otherErrors,
    } = await harness.open({}, podUrl(pods.crashLoop));
    await other.getByRole('heading', { name: 'Open podtrail from the link it printed' }).waitFor();
    expect(await other.locator('main').textContent()).toContain('podtrail serve');
    await fresh.close();
    expect(otherErrors).toEqual([]);
  });
});
