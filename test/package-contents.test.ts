/**
 * What `npm pack` publishes: what users run (bin/, the compiled CLI, README), and none of the tests,
 * benchmarks, fixtures or TypeScript sources; and the unpacked package runs on its own.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
};

const dir = mkdtempSync(join(tmpdir(), 'podtrail-pack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `npm pack` without its `prepare` build: vitest's global setup has just built dist/cli/. */
function npmPack(...args: string[]): string {
  return execFileSync('npm', ['pack', '--ignore-scripts', '--json', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, npm_config_loglevel: 'error' },
  });
}

describe('npm pack', { timeout: 60_000 }, () => {
  it('lists only what users run', () => {
    const [pack] = JSON.parse(npmPack('--dry-run')) as [{ files: { path: string }[] }];
    const paths = pack.files.map((f) => f.path);
    const unexpected = paths.filter(
      (p) =>
        !(p.startsWith('bin/') || p.startsWith('dist/cli/') || p.startsWith('dist/ui/')) &&
        !['package.json', 'README.md', 'LICENSE'].includes(p),
    );
    expect(unexpected).toEqual([]);
    expect(paths.filter((p) => /(^|\/)(test|bench|fixtures)\//.test(p) || p.endsWith('.ts'))).toEqual([]);
    for (const target of Object.values(packageJson.bin)) expect(paths).toContain(target);
    expect(paths).toContain('dist/cli/main.js');
    const chunks = paths.filter((p) => p.startsWith('dist/cli/chunks/'));
    expect(chunks.length).toBeGreaterThan(5);
  });

  it('unpacks into a package whose podtrail runs', () => {
    const [pack] = JSON.parse(npmPack('--pack-destination', dir)) as [{ filename: string }];
    execFileSync('tar', ['xzf', join(dir, pack.filename), '-C', dir]);
    // Dependencies as `npm install` would provide them.
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'package', 'node_modules'));
    const run = spawnSync(
      process.execPath,
      [
        join(dir, 'package', packageJson.bin.podtrail ?? ''),
        'status',
        '-f',
        join(ROOT, 'test/fixtures/status/pod.json'),
        '--now',
        '2026-11-23T10:00:00Z',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^api-5b6c7d-q9w8e +0\/1 +CrashLoopBackOff +12 \(4m5s ago\) +2d3h$/m);
  });
});
