import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { type ServeHandle, startServe } from '../../local/serve.js';
import type { PodScript } from '../../simulator/script.js';
import { type Emulator, startDynalite } from '../support/query-e2e.js';
import { batch, scriptEvents, syncEvent } from '../support/query-scenario-events.js';

/**
 * What the web UI's browser tests stand on: the bundle built from the current source into a
 * temporary directory (never a stale dist/), `podtrail serve` over a DynamoDB emulator serving it,
 * scenario pods recorded through the real ingest (POST /v1/events), Debian's Chromium driven by
 * playwright-core, and the real CLI binary to compare the page with.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

export const CHROMIUM_FLAGS = [
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  return process.env.PODTRAIL_CHROMIUM ?? '/usr/bin/chromium';
}

export async function launchChromium(): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
  } catch (cause) {
    throw new Error(
      `cannot start Chromium at ${chromiumPath()}: apt-get install --no-install-recommends chromium, or set PODTRAIL_CHROMIUM`,
      { cause },
    );
  }
}

/** Builds the UI (scripts/build-ui.mjs) into a fresh directory and returns it. */
export async function buildUiInto(dir: string): Promise<string> {
  const out = join(dir, 'ui');
  await run(process.execPath, [join(ROOT, 'scripts', 'build-ui.mjs'), '--out', out, '--quiet'], {
    cwd: ROOT,
  });
  return out;
}

/** Where screenshots go: $PODTRAIL_SCREENSHOTS (e.g. docs/screenshots) or a temporary directory. */
export function screenshotDir(fallback: string): string {
  const dir =
    process.env.PODTRAIL_SCREENSHOTS === undefined
      ? join(fallback, 'screenshots')
      : resolve(ROOT, process.env.PODTRAIL_SCREENSHOTS);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface UiStack {
  readonly serve: ServeHandle;
  /** The UI link with its token: `http://127.0.0.1:<port>/#token=…`. */
  readonly uiUrl: string;
  readonly origin: string;
  readonly dir: string;
  /** POSTs one wire-format batch to the ingest (failing on any rejection). */
  post(body: unknown): Promise<void>;
  /** Records scenario pods for `cluster` through the ingest, from `startMs`. */
  record(cluster: string, scripts: readonly PodScript[], options?: RecordOptions): Promise<void>;
  /** The real CLI binary against this serve, TZ=UTC unless `env` says otherwise. */
  cli(args: readonly string[], env?: Record<string, string>): Promise<{ stdout: string; stderr: string }>;
  close(): Promise<void>;
}

export interface RecordOptions {
  readonly omit?: (uid: string, step: number) => boolean;
  /** A relist at this time (ms) that lists only the live pods not named here, after a gap since `gapSince`. */
  readonly relist?: { at: number; gapSince: number; without: readonly string[] };
}

const TOKEN = 'ui-test-token-0123456789abcdef';

export async function startUiStack(
  emulator: Emulator,
  options: { now: number; startMs: number },
): Promise<UiStack> {
  const dir = mkdtempSync(join(tmpdir(), 'podtrail-ui-'));
  const uiDir = await buildUiInto(dir);
  process.env.AWS_ACCESS_KEY_ID ??= 'podtrailtest';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'podtrailtest';
  const serve = await startServe({
    dataDir: join(dir, 'data'),
    storeEndpoint: emulator.endpoint,
    env: { PODTRAIL_TOKEN: TOKEN, AWS_ACCESS_KEY_ID: 'podtrailtest' },
    quiet: true,
    clock: () => options.now,
    uiDir,
  });
  if (serve.uiUrl === undefined) throw new Error('podtrail serve printed no UI link');
  const post = async (body: unknown) => {
    const response = await fetch(`${serve.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as { rejected?: unknown[] };
    if (response.status !== 200 || (json.rejected ?? []).length > 0)
      throw new Error(`ingest answered ${response.status}: ${JSON.stringify(json)}`);
  };
  return {
    serve,
    uiUrl: serve.uiUrl,
    origin: serve.url,
    dir,
    post,
    async record(cluster, scripts, opts = {}) {
      const recorded = scriptEvents(scripts, {
        startMs: options.startMs,
        ...(opts.omit ? { omit: opts.omit } : {}),
      });
      await post(batch(cluster, recorded.events));
      if (opts.relist !== undefined) {
        const live = [...recorded.live].filter((uid) => !opts.relist!.without.includes(uid));
        await post(
          batch(cluster, [
            syncEvent(
              live,
              opts.relist.at,
              recorded.nextResourceVersion,
              new Date(opts.relist.gapSince).toISOString(),
            ),
          ]),
        );
      }
    },
    async cli(args, env = {}) {
      const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'bin', 'podtrail.js'), ...args], {
        cwd: dir,
        env: { ...process.env, PODTRAIL_ENDPOINT: serve.url, PODTRAIL_TOKEN: TOKEN, TZ: 'UTC', ...env },
        maxBuffer: 16 * 1024 * 1024,
      });
      return { stdout, stderr };
    },
    async close() {
      await serve.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Console errors and uncaught exceptions of a page, collected for a "no console errors" check. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

/** What a browser test file stands on: the UI stack over its own dynalite, Chromium, a screenshot folder. */
export interface BrowserStack {
  readonly stack: UiStack;
  readonly browser: Browser;
  /** Where the file's screenshots go (screenshotDir). */
  readonly shots: string;
  /** A new browser context with one page at `url` (default the UI link with its token), its errors collected. */
  open(options?: BrowserContextOptions, url?: string): Promise<OpenPage>;
  /** Closes the browser, the stack and the emulator. */
  close(): Promise<void>;
}

export interface OpenPage {
  readonly context: BrowserContext;
  readonly page: Page;
  /** The page's console errors and uncaught exceptions (collectPageErrors). */
  readonly errors: string[];
}

/**
 * The demo cluster's relist, as the query end-to-end fleet records it: 10 min after the scenarios
 * start, after a gap since 8 min 20 s, it no longer lists `vanished` (deleted while unwatched).
 */
export function relistWithout(startMs: number, vanished: string): RecordOptions {
  return { relist: { at: startMs + 600_000, gapSince: startMs + 500_000, without: [vanished] } };
}

export async function startBrowserStack(options: { now: number; startMs: number }): Promise<BrowserStack> {
  const emulator = await startDynalite();
  let stack: UiStack | undefined;
  try {
    stack = await startUiStack(emulator, options);
    const browser = await launchChromium();
    const started = stack;
    return {
      stack: started,
      browser,
      shots: screenshotDir(started.dir),
      async open(contextOptions, url = started.uiUrl) {
        const context = await browser.newContext(contextOptions);
        const page = await context.newPage();
        const errors = collectPageErrors(page);
        await page.goto(url);
        return { context, page, errors };
      },
      async close() {
        await browser.close();
        await started.close();
        await emulator.close();
      },
    };
  } catch (error) {
    await stack?.close();
    await emulator.close();
    throw error;
  }
}
