/**
 * What picking the cluster from the kubeconfig costs a CLI call (cli/kube-context.ts), beside
 * baselines in the same run:
 *   - read the file only (the floor);
 *   - read and parse the whole file with the yaml package (the plain way to do it);
 *   - readKubeContext (reads, then parses only `current-context` and `contexts`).
 * In one process with the yaml package already loaded (`podtrail pods` imports it anyway for
 * -o yaml); cases run round-robin so machine load hits them alike; medians. Loading the yaml package
 * itself is timed in fresh processes, for commands that would not load it otherwise.
 *
 *   npx tsx bench/kubeconfig-context.ts            # --rounds 51
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import { readKubeContext } from '../cli/kube-context.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '51' } } });
const rounds = Number(values.rounds);
/** A kubeconfig as `aws eks update-kubeconfig` leaves it, with `contexts` EKS clusters. */
function kubeconfig(contexts: number): string {
  const arn = (i: number) => `arn:aws:eks:eu-west-1:111122223333:cluster/prod-${i}`;
  const lines = ['apiVersion: v1', 'kind: Config', `current-context: ${arn(contexts - 1)}`, 'clusters:'];
  for (let i = 0; i < contexts; i++)
    lines.push(
      `- name: ${arn(i)}`,
      '  cluster:',
      `    certificate-authority-data: ${'LS0tLS1CRUdJTi'.repeat(80)}`,
      `    server: https://${i}.gr7.eu-west-1.eks.amazonaws.com`,
    );
  lines.push('contexts:');
  for (let i = 0; i < contexts; i++)
    lines.push(`- name: ${arn(i)}`, '  context:', `    cluster: ${arn(i)}`, `    user: ${arn(i)}`);
  lines.push('users:');
  for (let i = 0; i < contexts; i++)
    lines.push(
      `- name: ${arn(i)}`,
      '  user:',
      '    exec:',
      '      apiVersion: client.authentication.k8s.io/v1beta1',
      '      command: aws',
      `      args: [--region, eu-west-1, eks, get-token, --cluster-name, prod-${i}, --output, json]`,
    );
  return `${lines.join('\n')}\n`;
}

const CASES: Record<string, (file: string) => Promise<unknown>> = {
  'baseline: read the file': (file) => readFile(file, 'utf8'),
  'baseline: read + parse it whole (yaml)': async (file) => parse(await readFile(file, 'utf8')),
  readKubeContext: (file) => readKubeContext({ kubeconfig: file, context: undefined, env: {}, cwd: '/' }),
};

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

/**
 * The first call in a fresh process (cold: no JIT yet), which is what one CLI run pays, after the
 * modules are loaded: ms, median of `n` processes per case, the cases interleaved.
 */
function coldMs(file: string, n: number): Map<string, number> {
  const calls: Record<string, string> = {
    'baseline: read + parse it whole (yaml)': "parse(await readFile(file, 'utf8'))",
    readKubeContext: "await readKubeContext({ kubeconfig: file, context: undefined, env: {}, cwd: '/' })",
  };
  const xs = new Map<string, number[]>(Object.keys(calls).map((k) => [k, []]));
  for (let i = 0; i < n; i++) {
    for (const [name, call] of Object.entries(calls)) {
      const script = [
        "import { readFile } from 'node:fs/promises';",
        "import { parse } from 'yaml';",
        "const { readKubeContext } = await import('./cli/kube-context.ts');",
        `const file = ${JSON.stringify(file)};`,
        'const t0 = performance.now();',
        `${call};`,
        'console.log(performance.now() - t0);',
      ].join('\n');
      const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        encoding: 'utf8',
      });
      xs.get(name)!.push(Number(out.trim()));
    }
  }
  return new Map([...xs].map(([k, v]) => [k, median(v)]));
}

/** ms to `import('yaml')` in a fresh node process, median of `n`. */
function yamlLoadMs(n: number): number {
  const script = "const t0 = performance.now(); await import('yaml'); console.log(performance.now() - t0);";
  const xs = Array.from({ length: n }, () =>
    Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim(),
    ),
  );
  return median(xs);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const dir = await mkdtemp(join(tmpdir(), 'podtrail-bench-kubeconfig-'));
try {
  for (const contexts of [3, 100]) {
    const file = join(dir, `config-${contexts}`);
    const text = kubeconfig(contexts);
    await writeFile(file, text);
    const times = new Map<string, number[]>(Object.keys(CASES).map((k) => [k, []]));
    for (const run of Object.values(CASES)) await run(file); // warm-up
    for (let r = 0; r < rounds; r++)
      for (const [name, run] of Object.entries(CASES)) times.get(name)!.push(await timed(() => run(file)));
    console.log(
      `\nkubeconfig with ${contexts} EKS contexts (${(text.length / 1024).toFixed(0)} KiB), median of ${rounds}:`,
    );
    for (const [name, xs] of times) console.log(`  ${name.padEnd(40)} ${median(xs).toFixed(2)} ms`);
    console.log('  first call in a fresh process (median of 9):');
    for (const [name, ms] of coldMs(file, 9)) console.log(`  ${name.padEnd(40)} ${ms.toFixed(2)} ms`);
  }
  console.log(`\nload the yaml package in a fresh process: ${yamlLoadMs(9).toFixed(1)} ms (median of 9)`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
