#!/usr/bin/env node
/**
 * Compiles the `podtrail` CLI (cli/main.ts and everything it imports from this repository) into
 * dist/cli/, which bin/podtrail.js runs. `npm ci` runs this through the `prepare` script, `npm test`
 * and `npm start` run it first, so nobody runs TypeScript compiled at start-up (0.2–0.8 s a call).
 *
 * One esbuild bundle with code splitting: each command that cli/main.ts loads with `import()` becomes
 * its own chunk, so `podtrail status` loads only the status code. Packages in node_modules stay
 * external (`import 'yaml'` as written): Node loads them as published, and the heavy ones
 * (@aws-sdk/*, @kubernetes/client-node, dynalite) only in the commands that import them.
 * docs/benchmarks.md ("CLI start-up") has the measurements behind this choice.
 *
 * The build goes to a fresh directory that then replaces dist/cli, so a CLI starting meanwhile sees
 * either the old build or the new one, never half of each. dist/cli/sources.json lists the source
 * files the bundle was built from and when: bin/podtrail.js compares their modification times with
 * that to notice a build older than the code.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'dist', 'cli');
const staging = join(root, 'dist', `.cli-${process.pid}-${randomBytes(4).toString('hex')}`);

const started = performance.now();
// Saved with the source list: a source file changed after this moment may not be in the build.
const builtAt = Date.now();
await mkdir(staging, { recursive: true });
try {
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: 'cli/main.ts' },
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    logLevel: 'warning',
  });
  const sources = Object.keys(result.metafile.inputs)
    .filter((input) => !input.includes('node_modules'))
    .sort();
  await writeFile(join(staging, 'sources.json'), `${JSON.stringify({ builtAt, sources }, null, 1)}\n`);
  // Another build finishing at the same moment may put its own dist/cli back in between: retry.
  const retired = `${staging}-old`;
  for (let attempt = 1; ; attempt++) {
    await rename(target, retired).catch((error) => {
      if (error.code !== 'ENOENT') throw error;
    });
    try {
      await rename(staging, target);
      break;
    } catch (error) {
      if (attempt === 5 || (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST')) throw error;
    } finally {
      await rm(retired, { recursive: true, force: true });
    }
  }
  const ms = Math.round(performance.now() - started);
  console.error(`build:cli: ${relative(root, target)}/ from ${sources.length} source files in ${ms} ms`);
} catch (error) {
  await rm(staging, { recursive: true, force: true });
  throw error;
}
