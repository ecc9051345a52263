/**
 * What a kubectl user types, run through the real binary (node bin/podtrail.js) against the real
 * `podtrail serve` on dynalite: kubectl's flag forms (-o=wide, -n=shop, --no-headers=true), the
 * cluster and namespace taken from a kubeconfig context (a temporary KUBECONFIG), -l, --sort-by,
 * -o name, --limit, timeline --since/--until, and what `clusters` refuses.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../simulator/random.js';
import { crashLoopPod, steadyPod } from '../../simulator/scenarios/index.js';
import type { PodScript } from '../../simulator/script.js';
import { type Emulator, type Pipeline, startDynalite, startPipeline } from '../support/query-e2e.js';
import { batch, scriptEvents } from '../support/query-scenario-events.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const F = 'test/fixtures/status';
/** The recorded lives start two hours ago, so every default window (24 h before now) holds them. */
const T = Math.floor(Date.now() / 1000) * 1000 - 2 * 3_600_000;

const shop = {
  web1: steadyPod({ random: seededRandom(31), app: 'web', name: 'web-1', namespace: 'shop' }),
  web2: steadyPod({ random: seededRandom(32), app: 'web', name: 'web-2', namespace: 'shop' }),
  cart: steadyPod({ random: seededRandom(33), app: 'cart', name: 'cart-1', namespace: 'shop' }),
  api: crashLoopPod({ random: seededRandom(34), name: 'api-1', namespace: 'shop', crashes: 3 }),
};
const db = steadyPod({ random: seededRandom(35), app: 'db', name: 'db-0' });
const dev = steadyPod({ random: seededRandom(36), app: 'dev', name: 'dev-0' });

const EKS_ARN = 'arn:aws:eks:eu-west-1:111122223333:cluster/prod-eu-1';
const EKSCTL = 'admin@prod-eu-1.eu-west-1.eksctl.io';
const KUBECONFIG = `apiVersion: v1
kind: Config
current-context: ${EKS_ARN}
clusters:
  - name: ${EKS_ARN}
    cluster: { server: https://example.eks.amazonaws.com }
  - name: prod-eu-1.eu-west-1.eksctl.io
    cluster: { server: https://example.eks.amazonaws.com }
  - name: kind-dev
    cluster: { server: https://127.0.0.1:6443 }
contexts:
  - name: ${EKS_ARN}
    context: { cluster: ${EKS_ARN}, user: ${EKS_ARN}, namespace: shop }
  - name: ${EKSCTL}
    context: { cluster: prod-eu-1.eu-west-1.eksctl.io, user: ${EKSCTL} }
  - name: kind-dev
    context: { cluster: kind-dev, user: kind-dev }
  - name: kind-empty
    context: { cluster: kind-dev, user: kind-dev }
users: []
`;

let emulator: Emulator;
let pipeline: Pipeline;
let dir: string;
let kubeconfig: string;

async function record(cluster: string, scripts: readonly PodScript[]): Promise<void> {
  const { events } = scriptEvents(scripts, { startMs: T });
  const response = await pipeline.post(batch(cluster, events));
  expect(response).toMatchObject({ status: 200, body: { rejected: [] } });
}

beforeAll(async () => {
  emulator = await startDynalite();
  pipeline = await startPipeline(emulator, { now: () => Date.now() });
  dir = await mkdtemp(join(tmpdir(), 'podtrail-kubectl-'));
  kubeconfig = join(dir, 'config');
  await writeFile(kubeconfig, KUBECONFIG);
  await record('prod-eu-1', [...Object.values(shop), db]);
  await record('kind-dev', [dev]);
}, 90_000);
afterAll(async () => {
  await pipeline?.close();
  await emulator?.close();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `podtrail ARGS…` as a separate process, with only the environment given here: the endpoint, the
 * temporary KUBECONFIG (unless `env` says otherwise) and a HOME with no ~/.kube.
 */
function podtrail(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['bin/podtrail.js', ...args],
      {
        cwd: ROOT,
        timeout: 110_000,
        env: { ...pipeline.env, HOME: dir, KUBECONFIG: kubeconfig, TZ: 'UTC', ...env },
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : (error as { code?: unknown }).code;
        if (typeof code !== 'number') reject(error);
        else resolve({ code, stdout, stderr });
      },
    );
  });
}

const names = (...pods: string[]) => pods.map((p) => `pod/${p}\n`).join('');

describe.concurrent('kubectl flag forms', { timeout: 120_000 }, () => {
  it.each([
    ['-n=shop -o=name', ['-n=shop', '-o=name']],
    ['--namespace=shop --output=name', ['--namespace=shop', '--output=name']],
    ['-nshop -oname', ['-nshop', '-oname']],
  ])('pods %s', async (_, args) => {
    const r = await podtrail(['pods', '--cluster=prod-eu-1', ...args, '--sort-by=.metadata.name']);
    expect(r).toEqual({ code: 0, stdout: names('api-1', 'cart-1', 'web-1', 'web-2'), stderr: '' });
  });

  it('status -f=FILE -o=wide --no-headers=true, and -A=false prints no NAMESPACE column', async () => {
    const r = await podtrail([
      'status',
      `-f=${F}/pod.json`,
      '-o=wide',
      '--no-headers=true',
      '-A=false',
      '--now=2026-11-23T10:00:00Z',
    ]);
    expect(r).toEqual({
      code: 0,
      stdout:
        'api-5b6c7d-q9w8e   0/1   CrashLoopBackOff   12 (4m5s ago)   2d3h   10.1.7.44   ip-10-0-2-19.eu-west-1.compute.internal   <none>   <none>\n',
      stderr: '',
    });
  });

  it('a boolean flag with a value that is not true or false is a usage error', async () => {
    const r = await podtrail(['status', `-f=${F}/pod.json`, '--no-headers=yes']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'error: --no-headers: "yes" is not a boolean: use --no-headers, --no-headers=true or --no-headers=false',
    );
  });
});

describe.concurrent('the cluster and namespace come from the kubeconfig context', {
  timeout: 120_000,
}, () => {
  it('the current context, an EKS ARN with namespace shop, is cluster prod-eu-1, namespace shop', async () => {
    const r = await podtrail(['pods', '-o', 'name', '--sort-by', '.metadata.name']);
    expect(r).toEqual({ code: 0, stdout: names('api-1', 'cart-1', 'web-1', 'web-2'), stderr: '' });
  });

  it('an eksctl context is its EKS cluster, in namespace default (the context sets none)', async () => {
    const r = await podtrail(['pods', '-o', 'name', '--context', EKSCTL]);
    expect(r).toEqual({ code: 0, stdout: names('db-0'), stderr: '' });
  });

  it('any other context is recorded under its own name (kind-dev)', async () => {
    const r = await podtrail(['pods', '-o=name', '--context=kind-dev']);
    expect(r).toEqual({ code: 0, stdout: names('dev-0'), stderr: '' });
  });

  it('--cluster wins over the context; the context is not read at all', async () => {
    const r = await podtrail(['pods', '-o', 'name', '--cluster', 'kind-dev'], {
      KUBECONFIG: join(dir, 'no-such-kubeconfig'),
    });
    expect(r).toEqual({ code: 0, stdout: names('dev-0'), stderr: '' });
  });

  it('timeline and describe look in the context namespace too (shop), as kubectl would', async () => {
    const timeline = await podtrail(['timeline', 'web-1', '-o', 'json']);
    expect(timeline.code).toBe(0);
    expect(JSON.parse(timeline.stdout)).toMatchObject({
      cluster: 'prod-eu-1',
      namespace: 'shop',
      name: 'web-1',
    });
    const describe = await podtrail(['describe', 'web-1', '-o', 'json']);
    expect(describe.code).toBe(0);
    expect(JSON.parse(describe.stdout).pod.metadata).toMatchObject({ namespace: 'shop', name: 'web-1' });
  });

  it('a context whose cluster recorded nothing: the message says which cluster, how it was picked, and what is recorded', async () => {
    const r = await podtrail(['pods', '--context', 'kind-empty', '--since', '3h']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const [first, hint] = r.stderr.split('\n');
    expect(first).toMatch(
      /^No pods seen in namespace "default" of cluster "kind-empty" \(picked by kubeconfig context "kind-empty" \(--context kind-empty\)\) from /,
    );
    expect(hint).toContain('cluster "kind-empty" has never reported here (recorded: kind-dev, prod-eu-1)');
  });

  it('describe of a pod not recorded in the context cluster names that cluster and how it was picked', async () => {
    const r = await podtrail(['describe', 'web-1', '--context', 'kind-dev']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: .*web-1.* \(in cluster "kind-dev" \(picked by kubeconfig context "kind-dev" \(--context kind-dev\)\)\)\n$/,
    );
  });

  it.each([
    [
      '--context nope',
      ['--context', 'nope'],
      `error: context "nope" is not defined in KUBECONFIG (contexts: ${EKS_ARN}, ${EKSCTL}, kind-dev, kind-empty)`,
    ],
    [
      '--kubeconfig /nope',
      ['--kubeconfig', '/nope'],
      'error: --kubeconfig: cannot read "/nope": no such file',
    ],
  ])('%s is a usage error that says why', async (_, args, message) => {
    const r = await podtrail(['pods', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(message.replace('KUBECONFIG', kubeconfig));
  });
});

describe.concurrent('-l, --sort-by, -o name on pods', { timeout: 120_000 }, () => {
  it.each([
    ['app=web', names('web-1', 'web-2')],
    ['app in (web,cart),app!=web', names('cart-1')],
    ['app notin (web),app', names('api-1', 'cart-1')],
    ['!app', ''],
  ])('-l %s', async (selector, stdout) => {
    const r = await podtrail(['pods', '-l', selector, '-o', 'name', '--sort-by', '{.metadata.name}']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(stdout);
  });

  it('pods --status with -l and -o name: the pods that entered a STATUS, filtered by their labels', async () => {
    const [match, none] = await Promise.all([
      podtrail(['pods', '--status', 'CrashLoopBackOff', '-A', '-l', 'app=payments-api', '-o', 'name']),
      podtrail(['pods', '--status', 'CrashLoopBackOff', '-A', '-l', 'app=web', '-o', 'name']),
    ]);
    expect(match.stdout).toBe(names('api-1')); // entered it three times: -o name lists the pod once
    expect(none).toMatchObject({ code: 0, stdout: '' });
    expect(none.stderr.split('\n')[0]).toMatch(
      /^No pod entered CrashLoopBackOff in any namespace of any cluster from /,
    );
  });

  it('--sort-by a field podtrail does not record for a listing is refused, naming those it does', async () => {
    const r = await podtrail(['pods', '--sort-by', '.status.startTime']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'error: --sort-by: podtrail does not record ".status.startTime" for a pod listing; use one of ' +
        '.metadata.name, .metadata.namespace, .metadata.uid, .metadata.creationTimestamp, .spec.nodeName, .status.phase, .status.podIP',
    );
  });
});

describe.concurrent('--limit, timeline --since/--until, clusters', { timeout: 120_000 }, () => {
  it('restarts --limit N; --top N still works, with a note naming --limit', async () => {
    const limit = await podtrail(['restarts', '--limit', '1', '-o', 'json']);
    const top = await podtrail(['restarts', '--top', '1', '-o', 'json']);
    expect(limit.code).toBe(0);
    expect(JSON.parse(limit.stdout).groups).toHaveLength(1);
    expect(limit.stderr).toBe('');
    expect(JSON.parse(top.stdout).groups).toEqual(JSON.parse(limit.stdout).groups);
    expect(top.stderr).toBe(
      'warning: --top is deprecated, use --limit (the same number, as in every podtrail command)\n',
    );
  });

  it('timeline --since/--until keep the rows observed in the window', async () => {
    const all = await podtrail(['timeline', 'api-1', '-o', 'json']);
    const rows = JSON.parse(all.stdout).incarnations[0].entries as { observedAt: string }[];
    expect(rows.length).toBeGreaterThan(4);
    const since = rows[2]!.observedAt;
    const until = rows[4]!.observedAt;
    const r = await podtrail(['timeline', 'api-1', `--since=${since}`, '--until', until, '-o', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).incarnations[0].entries).toEqual(rows.slice(2, 4));
  });

  it.each([
    ['--cluster', ['--cluster', 'prod-eu-1'], 'error: --cluster does not apply'],
    ['-n', ['-n', 'shop'], 'error: --namespace does not apply'],
    ['--since', ['--since=2h'], 'error: --since does not apply'],
  ])('clusters refuses %s (exit 2) instead of ignoring it', async (_, args, start) => {
    const r = await podtrail(['clusters', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      `${start} to "podtrail clusters", which lists every cluster recorded (for one cluster: podtrail pods --cluster NAME, or -o json)`,
    );
  });
});

describe.concurrent('fleet reports and the one-incarnation timeline', { timeout: 120_000 }, () => {
  it('restarts covers every cluster; --context narrows it to the context cluster, the current context does not', async () => {
    const fleet = await podtrail(['restarts', '-o', 'json', '--group-by', 'cluster']);
    expect(JSON.parse(fleet.stdout).cluster).toBeUndefined();
    expect(JSON.parse(fleet.stdout).groups.map((g: { key: { cluster: string } }) => g.key.cluster)).toEqual([
      'prod-eu-1',
    ]);
    const dev = await podtrail(['restarts', '-o', 'json', '--context', 'kind-dev']);
    expect(JSON.parse(dev.stdout)).toMatchObject({ cluster: 'kind-dev', groups: [] });
  });

  it('startup -n without a cluster says how to name one', async () => {
    const r = await podtrail(['startup', '-n=shop']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'error: -n needs a cluster (--cluster NAME or --context NAME): namespaces are per cluster',
    );
  });

  it('a single incarnation prints the table alone, as --help says (no "# uid" line)', async () => {
    const [help, r] = await Promise.all([
      podtrail(['timeline', '--help']),
      podtrail(['timeline', 'web-1', '--cluster', 'prod-eu-1', '-n', 'shop']),
    ]);
    expect(help.stdout).toContain(
      'when\nthere are several, each is under a "# uid …" line (a single one prints kubectl\'s table alone',
    );
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^TIME +NAME +READY +STATUS +RESTARTS +AGE$/);
    expect(r.stdout).not.toContain('# uid');
  });
});

describe.concurrent('status: -l, --sort-by, -o name, -o json numbers', { timeout: 120_000 }, () => {
  it('-l app=web,pod-template-hash --sort-by a restart count, -o name', async () => {
    const r = await podtrail([
      'status',
      '-f',
      `${F}/pods-list.json`,
      '-l',
      'app=web,pod-template-hash',
      '--sort-by',
      '.status.containerStatuses[0].restartCount',
      '-o',
      'name',
    ]);
    expect(r).toEqual({
      code: 0,
      stdout: 'pod/web-7d4f9c-x2k8p\npod/web-7d4f9c-old42\npod/web-7d4f9c-lost1\npod/web-7d4f9c-z9y8x\n',
      stderr: '',
    });
  });

  it('-o json carries the restart count and the last restart time as values', async () => {
    const r = await podtrail([
      'status',
      '-f',
      `${F}/pod.json`,
      '-o',
      'json',
      '--now',
      '2026-11-23T10:00:00Z',
    ]);
    expect(r.code).toBe(0);
    const [pod] = JSON.parse(r.stdout);
    expect(pod).toMatchObject({
      name: 'api-5b6c7d-q9w8e',
      ready: '0/1',
      readyContainers: 0,
      totalContainers: 1,
      restarts: 12,
      lastRestartAt: '2026-11-23T09:55:55Z',
      restartsText: '12 (4m5s ago)',
    });
  });

  it('a bad selector is a usage error naming the requirement', async () => {
    const r = await podtrail(['status', '-f', `${F}/pod.json`, '-l', 'app==web==x']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'error: -l: "web==x" is not a label value (at most 63 letters, digits, "-", "_", ".")',
    );
  });
});
