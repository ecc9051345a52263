/**
 * `podtrail status -f` on a big saved pod list: the same seeded pods as `kubectl get pods -o json`
 * and as `kubectl get pods -o yaml`, each file read by the real CLI (compiled, bin/podtrail.js) in
 * its own process; wall time and peak RSS (GNU time's "Maximum resident set size"), JSON and YAML
 * alternating in the same run. With --whole, one more case: the same YAML parsed whole with
 * `parseAllDocuments`, as status did before it streamed (slow: tens of seconds, ~2 GB).
 *
 *   npm run build:cli && npx tsx bench/status-yaml.ts [--pods 5000] [--runs 3] [--seed 42] [--whole]
 *
 * Targets (issue 16): YAML ≤ 3× the JSON time, ≤ 600 MB peak RSS for 5,000 pods.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { generatePodMix } from './status-pod-mix.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NOW = '2026-11-23T10:00:00Z';
const TIME = '/usr/bin/time';

const { values } = parseArgs({
  options: {
    pods: { type: 'string', default: '5000' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '42' },
    whole: { type: 'boolean', default: false },
  },
});
const podCount = Number(values.pods);
const runs = Number(values.runs);

if (!existsSync(join(ROOT, 'dist/cli/main.js'))) {
  console.error('bench/status-yaml: dist/cli/ is not built; run "npm run build:cli" first');
  process.exit(2);
}
if (!existsSync(TIME)) {
  console.error(`bench/status-yaml: needs GNU time at ${TIME} for peak RSS (apt-get install time)`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'podtrail-status-yaml-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

// As kubectl writes them: JSON indented by 4; YAML from Go's encoder (sorted keys, sequences not
// indented under their key, long scalars folded). Pods round-trip through JSON so nothing is shared.
const { pods } = generatePodMix(podCount, Number(values.seed), Date.parse(NOW));
const list = {
  apiVersion: 'v1',
  items: pods.map((p) => JSON.parse(JSON.stringify(p)) as unknown),
  kind: 'List',
  metadata: { resourceVersion: '' },
};
const files = {
  json: join(dir, 'pods.json'),
  yaml: join(dir, 'pods.yaml'),
};
const jsonText = `${JSON.stringify(list, null, 4)}\n`;
const yamlText = stringify(list, {
  indentSeq: false,
  sortMapEntries: true,
  lineWidth: 80, // Go's encoder (gopkg.in/yaml.v2) folds long scalars at 80 columns, as kubectl prints them
  aliasDuplicateObjects: false,
});
writeFileSync(files.json, jsonText);
writeFileSync(files.yaml, yamlText);

interface Case {
  readonly name: string;
  readonly args: readonly string[];
  readonly mb: number;
}

const statusArgs = (file: string) => ['bin/podtrail.js', 'status', '-f', file, '-o', 'wide', '--now', NOW];
const CASES: Case[] = [
  { name: 'JSON (kubectl get pods -o json)', args: statusArgs(files.json), mb: jsonText.length / 1e6 },
  { name: 'YAML (kubectl get pods -o yaml)', args: statusArgs(files.yaml), mb: yamlText.length / 1e6 },
];

/** Runs node with `args` under GNU time: wall ms, peak RSS in MB, and stdout. */
function measure(args: readonly string[]): { ms: number; rssMb: number; stdout: string } {
  const start = performance.now();
  const run = spawnSync(TIME, ['-f', 'maxrss_kb=%M', process.execPath, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  const rss = /maxrss_kb=(\d+)/.exec(run.stderr);
  if (run.status !== 0 || rss === null) throw new Error(`exit ${run.status}: ${run.stderr.slice(0, 2000)}`);
  return { ms, rssMb: Number(rss[1]) / 1024, stdout: run.stdout };
}

const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const samples = CASES.map(() => ({ ms: [] as number[], rss: [] as number[] }));
const outputs: string[] = [];
for (let r = 0; r < runs; r++) {
  CASES.forEach((c, i) => {
    const m = measure(c.args);
    samples[i]?.ms.push(m.ms);
    samples[i]?.rss.push(m.rssMb);
    outputs[i] = m.stdout;
  });
}
if (outputs[0] !== outputs[1]) throw new Error('the JSON and YAML runs printed different tables');

let whole: { ms: number; rssMb: number } | undefined;
if (values.whole) {
  // The old reader, in a process of its own: parseAllDocuments over the whole text, then toJS.
  const script = `import { readFileSync } from 'node:fs';
import { readYamlWhole } from './cli/yaml-documents.ts';
let pods = 0;
for (const r of readYamlWhole(readFileSync(process.argv[1], 'utf8'), 'f')) if ('value' in r) pods += r.value.items.length;
console.log(pods);`;
  whole = measure(['--import', 'tsx', '--input-type=module', '-e', script, files.yaml]);
}

console.log(
  `${podCount} pods, seed ${values.seed}, ${runs} runs of each case alternating, Node ${process.version}; ` +
    `both printed the same ${(outputs[0] ?? '').split('\n').length - 1}-line table\n`,
);
console.log(
  `${'input'.padEnd(46)} ${'MB'.padStart(6)} ${'median s'.padStart(9)} ${'max s'.padStart(7)} ${'peak RSS MB'.padStart(12)}`,
);
CASES.forEach((c, i) => {
  const s = samples[i] ?? { ms: [], rss: [] };
  console.log(
    `${c.name.padEnd(46)} ${c.mb.toFixed(1).padStart(6)} ${(median(s.ms) / 1000).toFixed(2).padStart(9)} ${(Math.max(...s.ms) / 1000).toFixed(2).padStart(7)} ${Math.max(
      ...s.rss,
    )
      .toFixed(0)
      .padStart(12)}`,
  );
});
if (whole !== undefined) {
  console.log(
    `${'before: YAML parsed whole (parseAllDocuments)'.padEnd(46)} ${(yamlText.length / 1e6).toFixed(1).padStart(6)} ${(whole.ms / 1000).toFixed(2).padStart(9)} ${''.padStart(7)} ${whole.rssMb.toFixed(0).padStart(12)}`,
  );
}
const ratio = median(samples[1]?.ms ?? []) / median(samples[0]?.ms ?? []);
const rss = Math.max(...(samples[1]?.rss ?? []));
console.log(
  `\nYAML/JSON time: ${ratio.toFixed(2)}× (target ≤ 3×: ${ratio <= 3 ? 'met' : 'MISSED'}); ` +
    `YAML peak RSS ${rss.toFixed(0)} MB (target ≤ 600 MB: ${rss <= 600 ? 'met' : 'MISSED'})`,
);
