#!/usr/bin/env node
/**
 * Builds the web UI into dist/ui: index.html, app.js (ui/main.tsx bundled with Preact, minified
 * ES2022 module) and app.css. Fixed names, no hashes, no inline script or style: the servers send a
 * strict CSP (script-src 'self'; style-src 'self'). Prints each file's size and its gzip size, and
 * the JS + CSS gzip total against the 80 KB budget.
 *
 * Usage: node scripts/build-ui.mjs [--out DIR] [--quiet]
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET_GZIP = 80 * 1024;

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const outDir =
  outIndex >= 0 && args[outIndex + 1] !== undefined ? resolve(args[outIndex + 1]) : join(ROOT, 'dist', 'ui');
const quiet = args.includes('--quiet');

const INDEX_HTML = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>podtrail</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/app.css">
<script type="module" src="/app.js"></script>
</head>
<body>
<div id="app"><noscript>podtrail's UI needs JavaScript.</noscript></div>
</body>
</html>
`;

export async function buildUi(out = outDir) {
  await mkdir(out, { recursive: true });
  const result = await build({
    entryPoints: [join(ROOT, 'ui', 'main.tsx')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    platform: 'browser',
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
    outfile: join(out, 'app.js'),
  });
  const js = result.outputFiles[0].contents;
  const css = await readFile(join(ROOT, 'ui', 'app.css'));
  const minCss = (
    await build({ stdin: { contents: css.toString(), loader: 'css' }, minify: true, write: false })
  ).outputFiles[0].contents;
  const files = [
    ['index.html', Buffer.from(INDEX_HTML)],
    ['app.js', Buffer.from(js)],
    ['app.css', Buffer.from(minCss)],
  ];
  for (const [name, body] of files) await writeFile(join(out, name), body);
  const sizes = files.map(([name, body]) => ({
    name,
    bytes: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
  }));
  const assetsGzip = sizes.filter((s) => s.name !== 'index.html').reduce((sum, s) => sum + s.gzip, 0);
  return { out, sizes, assetsGzip, budget: BUDGET_GZIP };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { out, sizes, assetsGzip } = await buildUi();
    if (!quiet) {
      for (const s of sizes)
        console.log(
          `${join(out, s.name)}  ${(s.bytes / 1024).toFixed(1)} KB  (gzip ${(s.gzip / 1024).toFixed(1)} KB)`,
        );
      console.log(
        `JS + CSS gzip: ${(assetsGzip / 1024).toFixed(1)} KB of the ${BUDGET_GZIP / 1024} KB budget`,
      );
    }
    if (assetsGzip > BUDGET_GZIP) {
      console.error(
        `error: the UI bundle is ${(assetsGzip / 1024).toFixed(1)} KB gzip, over the 80 KB budget`,
      );
      process.exit(1);
    }
  } catch (error) {
    console.error(`error: building the UI failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
