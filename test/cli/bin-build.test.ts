/**
 * bin/podtrail.js runs the compiled CLI (dist/cli/, built by scripts/build-cli.mjs in vitest's global
 * setup) and never a stale one: each case lays out a copy of the repository in a temporary directory
 * — bin/, the build, the source files the build lists — and runs the real entry point there.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const POD = join(ROOT, 'test/fixtures/status/pod.json');
const ROW = /^api-5b6c7d-q9w8e +0\/1 +CrashLoopBackOff +12 \(4m5s ago\) +2d3h$/m;
const NOW = ['--now', '2026-11-23T10:00:00Z'];

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A directory holding package.json, bin/ and node_modules, plus the build and/or the sources. */
function layout(include: { build: boolean; sources: boolean }): string {
  const dir = mkdtempSync(join(tmpdir(), 'podtrail-bin-'));
  made.push(dir);
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  cpSync(join(ROOT, 'tsconfig.json'), join(dir, 'tsconfig.json'));
  cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  if (include.build) cpSync(join(ROOT, 'dist/cli'), join(dir, 'dist/cli'), { recursive: true });
  if (include.sources) {
    const { builtAt, sources } = JSON.parse(readFileSync(join(ROOT, 'dist/cli/sources.json'), 'utf8')) as {
      builtAt: number;
      sources: string[];
    };
    const before = new Date(builtAt - 60_000);
    for (const source of sources) {
      mkdirSync(dirname(join(dir, source)), { recursive: true });
      cpSync(join(ROOT, source), join(dir, source));
      utimesSync(join(dir, source), before, before);
    }
  }
  return dir;
}

function podtrail(dir: string, args: readonly string[]) {
  const run = spawnSync(process.execPath, [join(dir, 'bin/podtrail.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('bin/podtrail.js', { timeout: 90_000 }, () => {
  it('runs the build quietly when no source is newer than it', () => {
    const dir = layout({ build: true, sources: true });
    const run = podtrail(dir, ['status', '-f', POD, ...NOW]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(ROW);
  });

  it('runs the TypeScript sources, and says why, when a source changed after the build', () => {
    const dir = layout({ build: true, sources: true });
    // Were the stale build run, it would say so.
    writeFileSync(
      join(dir, 'dist/cli/main.js'),
      "export async function main() { process.stdout.write('stale build\\n'); return 3; }\n",
    );
    const stale = join(dir, 'cli/table.ts');
    const later = new Date(Date.now() + 60_000);
    utimesSync(stale, later, later);
    const run = podtrail(dir, ['status', '-f', POD, ...NOW]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(ROW);
    expect(run.stderr).toBe(
      'podtrail: cli/table.ts changed since the last build: running the TypeScript sources (slower; "npm run build" compiles them)\n',
    );
  });

  it('runs the TypeScript sources when a clone has no build yet', () => {
    const dir = layout({ build: false, sources: true });
    const run = podtrail(dir, ['status', '-f', POD, ...NOW]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(ROW);
    expect(run.stderr).toContain('podtrail: dist/cli/ is not built: running the TypeScript sources');
  });

  it('runs the build in an installed package, which has no sources to compare with', () => {
    const dir = layout({ build: true, sources: false });
    expect(podtrail(dir, ['--version'])).toEqual({ code: 0, stdout: '0.1.0\n', stderr: '' });
  });

  it('says how to repair an installed package that has no build', () => {
    const dir = layout({ build: false, sources: false });
    const run = podtrail(dir, ['--version']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `error: podtrail is not built: ${join(dir, 'dist/cli/main.js')} is missing. Run "npm run build" in ${dir}/, or reinstall podtrail.\n`,
    );
  });
});
