/**
 * The pieces of kubectl's grammar the CLI re-implements, case by case: label selectors
 * (labels.Parse and Matches), pflag's `=` forms, the cluster name a kubeconfig context stands for,
 * and --sort-by's ordering. test/cli/kubectl-habits.test.ts runs them through the real binary.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubectlArgs, parsePort } from '../../cli/flags.js';
import { clusterNameOf, readKubeContext } from '../../cli/kube-context.js';
import { matchesLabels, parseLabelSelector } from '../../cli/label-selector.js';
import { naturalCompare, parseFieldPath, sortByField } from '../../cli/sort-by.js';

const labels = { app: 'web', tier: 'front', 'app.kubernetes.io/name': 'web', replicas: '3', empty: '' };

describe('label selectors match as Kubernetes matches them', () => {
  it.each([
    ['app=web', true],
    ['app==web', true],
    ['app=api', false],
    ['app!=api', true],
    ['missing!=x', true],
    ['app in (api, web)', true],
    ['app in (api)', false],
    ['app notin (api)', true],
    ['missing notin (api)', true],
    ['app', true],
    ['missing', false],
    ['!missing', true],
    ['!app', false],
    ['app.kubernetes.io/name=web', true],
    ['empty=', true],
    ['replicas>2', true],
    ['replicas<3', false],
    ['app>1', false],
    ['missing>1', false],
    [' app = web , tier in (front,back) , !missing ', true],
    ['app=web,tier=back', false],
    ['', true],
  ])('%j matches: %s', (selector, expected) => {
    expect(matchesLabels(parseLabelSelector(selector), labels)).toBe(expected);
  });

  it.each([
    ['app=web,', 'an empty requirement (two commas, or a comma at an end)'],
    ['app=-web', '"-web" is not a label value (at most 63 letters, digits, "-", "_", ".")'],
    ['Bad_Prefix/app=x', '"Bad_Prefix/app" is not a label key (such as app or app.kubernetes.io/name)'],
    ['app>x', '"app>x": > needs an integer, not "x"'],
    ['app web', '"app web" is not a requirement (key=value, key!=value, key in (a,b), key, !key)'],
  ])('%j is refused: %s', (selector, message) => {
    expect(() => parseLabelSelector(selector)).toThrow(message);
  });
});

describe("pflag's = forms become what parseArgs reads", () => {
  const options = {
    output: { type: 'string', short: 'o' },
    'no-headers': { type: 'boolean' },
    'all-namespaces': { type: 'boolean', short: 'A' },
  } as const;
  it.each([
    [['-o=wide'], ['-o', 'wide']],
    [['-o=a=b'], ['-o', 'a=b']],
    [['--output=wide'], ['--output', 'wide']],
    [['--no-headers=true', '-A=false'], ['--no-headers']],
    [
      ['-owide', 'pod'],
      ['-owide', 'pod'],
    ],
    [
      ['--', '-o=wide'],
      ['--', '-o=wide'],
    ],
    [['--unknown=1'], ['--unknown=1']],
  ])('%j → %j', (argv, expected) => {
    expect(kubectlArgs(argv, options)).toEqual(expected);
  });
});

describe('--port of start, serve and ui', () => {
  it('takes 0–65535 in digits, the default when absent, and refuses anything else by name', () => {
    expect(parsePort(undefined, 7878)).toBe(7878);
    expect(parsePort('0', 7878)).toBe(0);
    expect(parsePort('65535', 7878)).toBe(65_535);
    for (const bad of ['', '65536', '-1', '1e3', '80.5', ' 80', 'http'])
      expect(() => parsePort(bad, 7878), bad).toThrow(
        `--port: "${bad}" is not a port number (0-65535; 0 = any free port)`,
      );
  });
});

describe('the podtrail cluster a kubeconfig context names', () => {
  it.each([
    [
      'an EKS ARN (aws eks update-kubeconfig)',
      'arn:aws:eks:eu-west-1:111122223333:cluster/prod-eu-1',
      'arn:aws:eks:eu-west-1:111122223333:cluster/prod-eu-1',
      'prod-eu-1',
    ],
    ['an EKS ARN in a GovCloud partition', 'gov', 'arn:aws-us-gov:eks:us-gov-west-1:1:cluster/ops', 'ops'],
    [
      'an alias of an EKS context (its cluster is the ARN)',
      'prod',
      'arn:aws:eks:eu-west-1:1:cluster/prod-eu-1',
      'prod-eu-1',
    ],
    [
      'an eksctl context',
      'admin@prod-eu-1.eu-west-1.eksctl.io',
      'prod-eu-1.eu-west-1.eksctl.io',
      'prod-eu-1',
    ],
    ['a kind context', 'kind-dev', 'kind-dev', 'kind-dev'],
    ['a context whose cluster entry has another name', 'minikube', 'mk-cluster', 'minikube'],
  ])('%s', (_, name, cluster, expected) => {
    expect(clusterNameOf({ name, cluster })).toBe(expected);
  });
});

describe('--sort-by orders as kubectl does', () => {
  it('natural order for strings, value order for numbers, missing fields first', () => {
    const pods = [
      { metadata: { name: 'pod-10' }, n: 10 },
      { metadata: { name: 'pod-2' }, n: 2 },
      { metadata: { name: 'pod-1' } },
    ];
    const byName = parseFieldPath('{.metadata.name}');
    expect(sortByField(pods, byName, (p) => p.metadata.name).map((p) => p.metadata.name)).toEqual([
      'pod-1',
      'pod-2',
      'pod-10',
    ]);
    const byN = parseFieldPath('.n');
    expect(sortByField(pods, byN, (p) => p.n).map((p) => p.metadata.name)).toEqual([
      'pod-1',
      'pod-2',
      'pod-10',
    ]);
    expect(naturalCompare('2026-11-23T10:00:00Z', '2026-11-23T09:00:00Z')).toBeGreaterThan(0);
  });

  it('paths: dots and indexes; anything else, or a field no item has, is refused', () => {
    expect(parseFieldPath('.status.containerStatuses[0].restartCount')).toEqual([
      'status',
      'containerStatuses',
      0,
      'restartCount',
    ]);
    expect(() => parseFieldPath('.status..phase')).toThrow('is not a field path');
    expect(() => sortByField([{}], parseFieldPath('.nope'), () => undefined)).toThrow(
      `couldn't find any field with path "{.nope}" in the list of objects`,
    );
  });
});

describe('reading the kubeconfig as kubectl reads it', () => {
  const BLOCK = `apiVersion: v1
clusters:
- cluster:
    server: https://a.example
  name: a
contexts:
- context:
    cluster: a
    namespace: shop
    user: a
  name: "ctx-a"
- context: {cluster: b, user: b}
  name: ctx-b
current-context: 'ctx-a'
users:
- name: a
  user:
    contexts: not-this-one
`;
  const cases: [string, Record<string, string>, { context?: string }, unknown][] = [
    [
      'block style (as kubectl writes it): quoted names, flow-style entries, current-context last',
      { config: BLOCK },
      {},
      { name: 'ctx-a', cluster: 'a', namespace: 'shop' },
    ],
    [
      '--context picks another context',
      { config: BLOCK },
      { context: 'ctx-b' },
      { name: 'ctx-b', cluster: 'b' },
    ],
    [
      'JSON',
      {
        config: JSON.stringify({
          'current-context': 'j',
          contexts: [{ name: 'j', context: { cluster: 'arn:aws:eks:x:1:cluster/j1', namespace: 'ns' } }],
        }),
      },
      {},
      { name: 'j', cluster: 'arn:aws:eks:x:1:cluster/j1', namespace: 'ns' },
    ],
    [
      'anchors across sections fall back to a whole parse',
      {
        config:
          'defaults: &d {cluster: shared, namespace: team}\ncontexts:\n- name: x\n  context: *d\ncurrent-context: x\n',
      },
      {},
      { name: 'x', cluster: 'shared', namespace: 'team' },
    ],
    [
      '$KUBECONFIG lists files: the first current-context and the first definition of a name win',
      {
        first: 'current-context: ctx-b\n',
        second: BLOCK,
        third: 'contexts:\n- name: ctx-b\n  context: {cluster: late}\ncurrent-context: late\n',
      },
      {},
      { name: 'ctx-b', cluster: 'b' },
    ],
  ];
  it.each(cases)('%s', async (_, files, flags, expected) => {
    const dir = await mkdtemp(join(tmpdir(), 'podtrail-kubeconfig-'));
    try {
      const paths = [];
      for (const [name, text] of Object.entries(files)) {
        paths.push(join(dir, name));
        await writeFile(join(dir, name), text);
      }
      const context = await readKubeContext({
        kubeconfig: undefined,
        context: flags.context,
        env: { KUBECONFIG: [...paths, join(dir, 'missing')].join(delimiter) },
        cwd: dir,
      });
      expect(context).toMatchObject(expected as object);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('no kubeconfig at all, or none with a current context: no context (the caller falls back)', async () => {
    expect(
      await readKubeContext({ kubeconfig: undefined, context: undefined, env: {}, cwd: '/' }),
    ).toBeUndefined();
    expect(
      await readKubeContext({
        kubeconfig: undefined,
        context: undefined,
        env: { HOME: '/nonexistent' },
        cwd: '/',
      }),
    ).toBeUndefined();
  });
});
