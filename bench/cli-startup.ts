/**
 * How long one `podtrail` call takes, start to exit, as a shell runs it: `podtrail status -f` on one
 * pod and `podtrail --version`, beside `node -e 0` (the floor: starting Node itself) and the same
 * status call run from the TypeScript sources through tsx (how bin/podtrail.js ran before the CLI
 * was compiled), all in the same run.
 *
 *   npm run build:cli && npx tsx bench/cli-startup.ts [--runs 30]
 *
 * Each round spawns every case once, in turn, so that all cases see the same machine load; the
 * first round is a warm-up (disk cache, tsx's compile cache) and is not counted. Reports the median
 * and the 90th percentile of the wall-clock times in milliseconds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ONE_POD = 'test/fixtures/status/pod.json';
const TARGET_MS = 150;

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' } } });
const runs = Number(values.runs);

if (!existsSync(`${ROOT}dist/cli/main.js`)) {
  console.error('bench/cli-startup: dist/cli/ is not built; run "npm run build:cli" first');
  process.exit(2);
}

/** The old bin/podtrail.js, verbatim in effect: register tsx, import the sources, run. */
const THROUGH_TSX = `import { register } from 'tsx/esm/api';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('./cli/main.ts');
process.exitCode = await main(process.argv.slice(1));`;

interface Case {
  readonly name: string;
  readonly args: readonly string[];
}

const CASES: readonly Case[] = [
  { name: 'baseline: node -e 0', args: ['-e', '0'] },
  { name: 'podtrail --version', args: ['bin/podtrail.js', '--version'] },
  { name: `podtrail status -f ${ONE_POD}`, args: ['bin/podtrail.js', 'status', '-f', ONE_POD] },
  {
    name: 'before: the same status call through tsx',
    args: ['--input-type=module', '-e', THROUGH_TSX, 'status', '-f', ONE_POD],
  },
];

function timeOnce(c: Case): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, c.args, { cwd: ROOT, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (run.status !== 0 || run.stderr !== '') {
    throw new Error(`${c.name}: exit ${run.status}\n${run.stderr}`);
  }
  return ms;
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

for (const c of CASES) timeOnce(c);
const times = CASES.map((): number[] => []);
for (let r = 0; r < runs; r++) {
  CASES.forEach((c, i) => {
    times[i]?.push(timeOnce(c));
  });
}

console.log(`${runs} runs of each case, round-robin, Node ${process.version}\n`);
console.log(
  `${'case'.padEnd(58)} ${'median ms'.padStart(9)} ${'p90 ms'.padStart(7)} ${'min ms'.padStart(7)}`,
);
const medians = CASES.map((c, i) => {
  const sorted = [...(times[i] ?? [])].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  console.log(
    `${c.name.padEnd(58)} ${median.toFixed(0).padStart(9)} ${quantile(sorted, 0.9).toFixed(0).padStart(7)} ${(sorted[0] ?? 0).toFixed(0).padStart(7)}`,
  );
  return median;
});
const status = medians[2] ?? Number.NaN;
const floor = medians[0] ?? Number.NaN;
console.log(
  `\npodtrail status: ${status.toFixed(0)} ms median (target ≤ ${TARGET_MS} ms: ${status <= TARGET_MS ? 'met' : 'MISSED'}), ` +
    `${(status - floor).toFixed(0)} ms above starting Node, ${((medians[3] ?? 0) / status).toFixed(1)}× faster than through tsx`,
);
