import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badImagePod } from '../../simulator/scenarios/index.js';
import { demo, fleetA, fleetB, NOW, T, timed } from '../support/query-e2e-fleet.js';
import { type BrowserStack, relistWithout, startBrowserStack } from './ui-harness.js';

/**
 * The four report views in Debian's Chromium against `podtrail serve`, the fleet recorded through
 * the real ingest (the query end-to-end fleet: demo, fleet-a, fleet-b, startup), compared with what
 * the real CLI binary prints for the same window.
 */
const SINCE = '2026-11-23T09:00:00Z';
const UNTIL = new Date(NOW).toISOString().replace('.000Z', 'Z');
const WINDOW = `since=${SINCE}&until=${UNTIL}`;

let harness: BrowserStack;
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
  harness = await startBrowserStack({ now: NOW, startMs: T });
  await harness.stack.record('demo', Object.values(demo), relistWithout(T, demo.vanishing.uid));
  await harness.stack.record('fleet-a', fleetA);
  const missed = fleetB[1]!.uid;
  await harness.stack.record('fleet-b', fleetB, {
    omit: (uid, step) => uid === missed && step >= 8 && step <= 11,
  });
  await harness.stack.record('startup', timed);
  // A pod left in ImagePullBackOff: the fleet's "bad STATUS now" list.
  await harness.stack.record('seed', [badImagePod()]);
  // A zone that is not UTC, so the local-time toggle shows a difference.
  ({ context, page, errors } = await harness.open({
    viewport: { width: 1280, height: 900 },
    timezoneId: 'Europe/Paris',
  }));
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

const at = (path: string) => `${harness.stack.origin}${path}`;

/** Splits a CLI table into rows of cells (columns are separated by at least two spaces). */
function cliTable(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/ {2,}/));
}

describe('fleet → pods → pod', () => {
  it('lists every cluster with its freshness, restarts per day and the pods in a bad STATUS, and leads to a pod', async () => {
    await page.goto(at('/'));
    const clusters = page.getByRole('table', { name: 'Clusters' });
    await clusters.waitFor();
    const names = await clusters.locator('tbody th[scope=row]').allTextContents();
    expect(names.sort()).toEqual(['demo', 'fleet-a', 'fleet-b', 'seed', 'startup']);

    // Restarts per cluster over the window equal `podtrail restarts --group-by cluster` for it.
    const since = new Date(NOW - 7 * 86_400_000).toISOString();
    const { stdout } = await harness.stack.cli([
      'restarts',
      '--group-by',
      'cluster',
      '--since',
      since,
      '--until',
      UNTIL,
    ]);
    const cli = new Map(
      cliTable(stdout)
        .slice(1)
        .filter((row) => !row[0]!.startsWith('Total'))
        .map((row) => [row[0]!, Number(row[1])]),
    );
    for (const cluster of names) {
      const row = clusters.locator(`tr[data-cluster="${cluster}"]`);
      const shown = Number(await row.locator('td.restarts').textContent());
      expect(shown, cluster).toBe(cli.get(cluster) ?? 0);
      // The day bars add up to the same number.
      const days = await row
        .locator('svg.day-bars g.day')
        .evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-count'))));
      expect(days).toHaveLength(8);
      expect(
        days.reduce((a, b) => a + b, 0),
        cluster,
      ).toBe(shown);
    }

    const bad = page.getByRole('table', { name: 'Pods in a bad STATUS now' });
    await bad.waitFor();
    const statuses = await bad.locator('td.status').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    for (const s of statuses)
      expect(s).not.toMatch(/^(Running|Completed|Succeeded|Pending|ContainerCreating)$/);
    await page.screenshot({ path: join(harness.shots, 'reports-fleet.png'), fullPage: true });

    await clusters.getByRole('link', { name: 'demo', exact: true }).click();
    await page.waitForURL(/\/pods\?cluster=demo/);
    const pods = page.getByRole('table', { name: 'Pods' });
    await pods.waitFor();
    // The view's default window is the last 24 h of the server's clock; the CLI gets it spelled out.
    const day = new Date(NOW - 86_400_000).toISOString();
    const { stdout: cliPods } = await harness.stack.cli([
      'pods',
      '--cluster',
      'demo',
      '-A',
      '--since',
      day,
      '--until',
      UNTIL,
    ]);
    const cliNames = cliTable(cliPods)
      .slice(1)
      .map((row) => `${row[0]}/${row[1]}`);
    const uiNames = await pods
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => `${r.children[0]!.textContent}/${r.children[1]!.textContent}`));
    expect(uiNames.sort()).toEqual(cliNames.sort());
    const ended = await pods.locator('td.ended').allTextContents();
    expect(ended.some((e) => e.startsWith('Deleted '))).toBe(true);
    expect(ended.some((e) => e.startsWith('Vanished '))).toBe(true);
    await page.screenshot({ path: join(harness.shots, 'reports-pods.png'), fullPage: true });

    await pods.getByRole('link', { name: demo.crashLoop.name, exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/pod');
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      cluster: 'demo',
      ns: demo.crashLoop.namespace,
      name: demo.crashLoop.name,
    });
  });
});

describe('pods filters', () => {
  it('lists the pods that entered a STATUS, across clusters, as `podtrail pods --status` does', async () => {
    await page.goto(at(`/pods?status=CrashLoopBackOff&${WINDOW}`));
    const table = page.getByRole('table', { name: 'Pods that entered the STATUS' });
    await table.waitFor();
    const ui = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (td) => td.textContent).slice(1)));
    const { stdout } = await harness.stack.cli([
      'pods',
      '--status',
      'CrashLoopBackOff',
      '-A',
      '--since',
      SINCE,
      '--until',
      UNTIL,
    ]);
    const cli = cliTable(stdout)
      .slice(1)
      .map((row) => row.slice(1));
    expect(ui.length).toBeGreaterThan(1);
    expect(ui).toEqual(cli);
    // Each row's time links to the pod at the moment it entered the STATUS.
    const href = (await table.locator('tbody tr a').first().getAttribute('href'))!;
    expect(new URL(href, harness.stack.origin).searchParams.get('at')).toMatch(/^2026-11-23T/);
  });

  it('filters by namespace and workload as `podtrail pods -n --workload` does', async () => {
    await page.goto(at(`/pods?cluster=demo&namespace=default&workload=Deployment/web&${WINDOW}`));
    const table = page.getByRole('table', { name: 'Pods' });
    await table.waitFor();
    const ui = await table.locator('tbody tr td:nth-child(2)').allTextContents();
    const { stdout } = await harness.stack.cli([
      'pods',
      '--cluster',
      'demo',
      '-n',
      'default',
      '--workload',
      'Deployment/web',
      '--since',
      SINCE,
      '--until',
      UNTIL,
    ]);
    expect(ui).toEqual(
      cliTable(stdout)
        .slice(1)
        .map((row) => row[0]),
    );
    expect(ui.length).toBeGreaterThan(0);
  });
});

describe('restarts', () => {
  it('draws a ranked bar per group whose values and totals equal `podtrail restarts` for the same window', async () => {
    await page.goto(at(`/restarts?${WINDOW}`));
    const chart = page.getByRole('group', { name: /^Restarts by cluster, namespace, workload/ });
    await chart.waitFor();
    const bars = await chart
      .locator('g.bar')
      .evaluateAll((gs) =>
        gs.map((g) => [g.getAttribute('data-label')!, Number(g.getAttribute('data-value'))] as const),
      );
    const { stdout } = await harness.stack.cli(['restarts', '--since', SINCE, '--until', UNTIL]);
    const rows = cliTable(stdout);
    const total = rows.find((r) => r[0]!.startsWith('Total: '))!;
    const groups = rows
      .slice(1, rows.indexOf(total))
      .map((r) => [`${r[0]} · ${r[1]} · ${r[2]}`, Number(r[3])]);
    expect(groups.length).toBeGreaterThan(1);
    expect(bars).toEqual(groups);
    // "Total: 17 restarts (2 OOMKilled, 2 unobserved) in 5 pods across 3 clusters," then the window.
    const totals = await page.getByTestId('restart-totals').textContent();
    const cliTotal = total.join('  ');
    expect(totals!.slice(0, totals!.indexOf(',', totals!.indexOf('across')) + 1)).toBe(
      cliTotal.slice(0, cliTotal.indexOf(',', cliTotal.indexOf('across')) + 1),
    );
    expect(bars.reduce((sum, [, n]) => sum + n, 0)).toBe(Number(/Total: (\d+) restart/.exec(cliTotal)![1]));

    // With warnings, each group's Warning reasons are the ones `podtrail restarts -o wide` prints.
    await page.getByRole('checkbox', { name: /^Warnings before restarts/ }).check();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/warnings=true/);
    const table = page.getByRole('table', { name: 'Restart groups' });
    await table.getByRole('columnheader', { name: 'Warnings' }).waitFor();
    const wide = cliTable(
      (await harness.stack.cli(['restarts', '-o', 'wide', '--since', SINCE, '--until', UNTIL])).stdout,
    );
    const cliWarnings = wide
      .slice(
        1,
        wide.findIndex((r) => r[0]!.startsWith('Total')),
      )
      .map((r) => r.at(-1));
    const uiWarnings = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.children[tr.children.length - 2]!.textContent));
    expect(uiWarnings).toEqual(cliWarnings);
  });

  it('regroups with the keyboard, and drills down from a bar to the restart records and the pod at that moment', async () => {
    await page.goto(at(`/restarts?${WINDOW}`));
    await page.getByRole('group', { name: /^Restarts by/ }).waitFor();
    // Group by reason only: untick the three defaults, tick Reason, submit — all from the keyboard.
    for (const name of ['Cluster', 'Namespace', 'Workload', 'Reason']) {
      await page.getByRole('checkbox', { name, exact: true }).focus();
      await page.keyboard.press('Space');
    }
    await page.getByRole('button', { name: 'Show' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/groupBy=reason/);
    const chart = page.getByRole('group', { name: /^Restarts by reason/ });
    await chart.waitFor();
    const { stdout } = await harness.stack.cli([
      'restarts',
      '--group-by',
      'reason',
      '--since',
      SINCE,
      '--until',
      UNTIL,
    ]);
    const rows = cliTable(stdout);
    const cliGroups = rows
      .slice(
        1,
        rows.findIndex((r) => r[0]!.startsWith('Total')),
      )
      .map((r) => [r[0], Number(r[1])]);
    const bars = await chart
      .locator('g.bar')
      .evaluateAll((gs) =>
        gs.map((g) => [g.getAttribute('data-label')!, Number(g.getAttribute('data-value'))]),
      );
    expect(bars).toEqual(cliGroups);

    // The first bar is a link: focus it and press Enter.
    const [reason, restarts] = bars[0] as [string, number];
    await chart.getByRole('link').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/open=/);
    const records = page.getByRole('table', { name: `Restart records of ${reason}` });
    await records.waitFor();
    await expect
      .poll(() => page.locator('.drill-summary').textContent())
      .toMatch(new RegExp(`^${restarts} restarts in \\d+ pods`));
    const perRecord = await records.locator('tbody tr:not(.pod-head)').evaluateAll((trs) =>
      trs.map((tr) => ({
        reason: tr.children[3]!.textContent,
        unobserved: Number(tr.children[5]!.textContent),
      })),
    );
    expect(perRecord.every((r) => r.reason === reason)).toBe(true);
    expect(perRecord.reduce((sum, r) => sum + 1 + r.unobserved, 0)).toBe(restarts);
    await page.screenshot({ path: join(harness.shots, 'reports-restarts.png'), fullPage: true });

    // Reload: the same grouping and the same group opened.
    const before = page.url();
    await page.reload();
    await records.waitFor();
    expect(page.url()).toBe(before);
    expect(await page.getByRole('checkbox', { name: 'Reason', exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Cluster', exact: true }).isChecked()).toBe(false);

    // A record links to its pod at the restart's moment.
    const link = records.locator('tbody tr:not(.pod-head) a').first();
    const label = (await link.getAttribute('aria-label'))!;
    const moment = /at (\S+)$/.exec(label)![1]!;
    await link.click();
    await page.waitForURL((url) => url.pathname === '/pod');
    expect(new URL(page.url()).searchParams.get('at')).toBe(moment);
  });
});

describe('startup', () => {
  it('charts the per-phase percentiles and lists the slowest pods as `podtrail startup` does, each linking to its pod', async () => {
    await page.goto(at(`/startup?${WINDOW}`));
    const chart = page.getByRole('img', { name: /^Startup latency per phase/ });
    await chart.waitFor();
    const { stdout } = await harness.stack.cli(['startup', '--since', SINCE, '--until', UNTIL]);
    const rows = cliTable(stdout);
    const slowestAt = rows.findIndex((r) => r[0] === 'Slowest pods:');
    const cliSlowest = rows.slice(slowestAt + 2).map((r) => [r[0], r[1], r[2], ...r.slice(4)]);
    const slowest = page.getByRole('table', { name: 'Slowest pods' });
    const uiSlowest = await slowest.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(tr.children)
          .filter((_, i) => i !== 3)
          .map((td) => td.textContent ?? ''),
      ),
    );
    expect(uiSlowest.length).toBeGreaterThan(0);
    expect(uiSlowest).toEqual(cliSlowest);
    // The groups' cells (p50/p90/p99) are the CLI's.
    const cliGroups = rows.slice(2, slowestAt).map((r) => r.join('|'));
    const uiGroups = await page
      .getByRole('table', { name: /^By / })
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) =>
          Array.from(tr.children)
            .map((td) => td.textContent)
            .join('|'),
        ),
      );
    expect(uiGroups).toEqual(cliGroups);
    // The chart's STARTUP p90 bar is the overall distribution's.
    const p90 = await chart
      .locator('g[data-phase="STARTUP"] rect[data-percentile="p90"]')
      .getAttribute('data-ms');
    expect(Number(p90)).toBeGreaterThan(0);
    await page.screenshot({ path: join(harness.shots, 'reports-startup.png'), fullPage: true });

    const first = uiSlowest[0]!;
    await slowest.getByRole('link', { name: first[2]!, exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/pod');
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({
      cluster: first[0],
      ns: first[1],
      name: first[2],
    });
  });
});

describe('deep links, time zone, keyboard', () => {
  it('restores a filtered pods view on reload, in local time when the URL says tz=local', async () => {
    const path = `/pods?cluster=demo&q=web&${WINDOW}&tz=local`;
    await page.goto(at(path));
    const pods = page.getByRole('table', { name: 'Pods' });
    await pods.waitFor();
    const names = await pods.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name.startsWith('web')).toBe(true);
    // Europe/Paris is UTC+1 in November: the window's end, 13:00 UTC, reads 14:00.
    expect(await page.locator('.window').textContent()).toContain('2026-11-23 14:00:00');
    await page.reload();
    await pods.waitFor();
    expect(page.url()).toBe(at(path));
    expect(await page.getByRole('searchbox', { name: 'Name starts with' }).inputValue()).toBe('web');
    expect(await pods.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(names);
    await page.goto(at(`/pods?cluster=demo&${WINDOW}`));
    await pods.waitFor();
    expect(await page.locator('.window').textContent()).toContain('2026-11-23 13:00:00 UTC');
  });

  it.each([
    ['fleet', '/?since=3d&tz=local', 'Clusters', 5],
    ['startup', `/startup?${WINDOW}&groupBy=cluster&limit=3`, 'Slowest pods', 3],
    ['restarts', `/restarts?${WINDOW}&groupBy=container,exitCode&top=2`, 'Restart groups', 2],
  ])('reloads the %s view from its link to the same state', async (_, path, name, rows) => {
    await page.goto(at(path));
    const table = page.getByRole('table', { name });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(rows);
    const before = await page.locator('main').textContent();
    await page.reload();
    await table.waitFor();
    expect(page.url()).toBe(at(path));
    expect(await page.locator('main').textContent()).toBe(before);
  });

  it('searches by name prefix from the keyboard alone and opens a pod with Enter', async () => {
    await page.goto(at(`/pods?cluster=demo&${WINDOW}`));
    await page.getByRole('table', { name: 'Pods' }).waitFor();
    await page.getByRole('searchbox', { name: 'Name starts with' }).focus();
    await page.keyboard.type(demo.init.name.slice(0, 4));
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`q=${demo.init.name.slice(0, 4)}`));
    const link = page
      .getByRole('table', { name: 'Pods' })
      .getByRole('link', { name: demo.init.name, exact: true });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(
      (url) => url.pathname === '/pod' && url.searchParams.get('name') === demo.init.name,
    );
  });

  it('opens the pods view without a cluster on the first recorded one, named in the URL', async () => {
    await page.goto(at('/pods'));
    await page.waitForURL(/\/pods\?cluster=[a-z]/);
    await page.getByRole('table', { name: 'Pods' }).waitFor();
    const cluster = new URL(page.url()).searchParams.get('cluster')!;
    expect(await page.getByRole('combobox', { name: 'Cluster' }).inputValue()).toBe(cluster);
  });

  it('names every control', async () => {
    await page.goto(at(`/pods?cluster=demo&${WINDOW}`));
    for (const name of [
      'Name starts with',
      'Cluster',
      'Namespace',
      'Workload',
      'Entered STATUS',
      'Since',
      'Until',
    ])
      await expect.poll(() => page.getByLabel(name, { exact: true }).count(), { message: name }).toBe(1);
    await page.goto(at(`/restarts?${WINDOW}`));
    for (const name of ['Cluster', 'Namespace', 'Workload', 'Container', 'Reason', 'Exit code'])
      expect(await page.getByRole('checkbox', { name, exact: true }).count(), name).toBe(1);
    expect(await page.getByRole('spinbutton', { name: 'Top' }).count()).toBe(1);
    await page.getByRole('group', { name: /^Restarts by/ }).waitFor();
    const unnamed = await page.locator('a, button, input').evaluateAll(
      (els) =>
        els.filter((el) => {
          const labelled =
            el.getAttribute('aria-label') ||
            (el as HTMLInputElement).labels?.length ||
            (el.textContent ?? '').trim() !== '';
          return !labelled;
        }).length,
    );
    expect(unnamed).toBe(0);
  });
});

describe('empty and error states say what to do', () => {
  it('lists the recorded clusters for a cluster that never reported, each a link', async () => {
    await page.goto(at(`/pods?cluster=nope&${WINDOW}`));
    const state = page.getByRole('region', { name: 'No pods seen in this window' });
    await state.waitFor();
    expect(await state.textContent()).toContain('Cluster nope has never reported here');
    await state.getByRole('link', { name: 'fleet-a', exact: true }).click();
    await page.waitForURL(/cluster=fleet-a/);
    await page.getByRole('table', { name: 'Pods' }).waitFor();
  });

  it('says a window before the retention finds nothing, and offers a wider one', async () => {
    await page.goto(at('/restarts?since=2026-01-01T00:00:00Z&until=2026-01-02T00:00:00Z'));
    const state = page.getByRole('region', { name: 'No restarts recorded in this window' });
    await state.waitFor();
    expect(await state.textContent()).toContain('older than the retention (30 days)');
    expect(await state.getByRole('link', { name: /wider window/ }).getAttribute('href')).toBe(
      '/restarts?since=7d',
    );
  });

  it('names the bad parameter of a request the API refuses', async () => {
    // Its own page: the browser logs the refused request (400) as a failed resource load.
    const other = await context.newPage();
    await other.goto(at('/startup?since=2%20h'));
    const alert = other.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The request was not valid');
    expect(await alert.textContent()).toContain('since: "2 h" is not a time');
    await other.close();
  });

  it('keeps the fleet clusters and bad pods when the restart report is too big to read', async () => {
    const other = await context.newPage();
    // What /v1/restarts answers past its bound (functions/query/routes/restarts.ts).
    await other.route('**/api/v1/restarts?**', (route) =>
      route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'too_many_results', message: 'the report would read more than 250000 restarts' },
        }),
      }),
    );
    await other.goto(at('/'));
    await other.getByRole('table', { name: 'Pods in a bad STATUS now' }).waitFor();
    expect(await other.getByRole('table', { name: 'Clusters' }).locator('tbody tr').count()).toBe(5);
    const alert = other.getByRole('alert', { name: 'Too much to read at once' });
    expect(await alert.textContent()).toContain('Narrow the window or pick one cluster.');
    await other.close();
  });

  it('has written no console errors while browsing every report view', () => {
    expect(errors).toEqual([]);
  });

  it('says the server is down when it does not answer, and gives the one command for an expired AWS session', async () => {
    const other = await context.newPage();
    await other.goto(at('/'));
    await other.getByRole('table', { name: 'Clusters' }).waitFor();
    await other.route('**/api/v1/**', (route) => route.abort('connectionrefused'));
    await other.getByRole('link', { name: 'Restarts', exact: true }).click();
    const down = other.getByRole('alert');
    await down.waitFor();
    expect(await down.textContent()).toContain('The podtrail server does not answer');
    expect(await down.textContent()).toContain('podtrail serve');
    // What `podtrail ui` answers when the default credential chain fails (local/ui-upstream.ts).
    await other.unroute('**/api/v1/**');
    await other.route('**/api/v1/**', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'aws_credentials',
            message:
              'the AWS SSO session of profile dev has expired: run "aws sso login --profile dev", then retry',
          },
        }),
      }),
    );
    await other.getByRole('link', { name: 'Startup', exact: true }).click();
    const expired = other.getByRole('alert', { name: 'Your AWS session has expired' });
    await expired.waitFor();
    expect(await expired.locator('code').first().textContent()).toBe('aws sso login --profile dev');
    await other.close();
  });
});
