/**
 * `podtrail status` end to end: the real binary (node bin/podtrail.js, compiled) on the files in
 * test/fixtures/status, with the expected output written out literally (kubectl's exact alignment).
 * Each spawn is a full CLI start, so one run covers several input shapes where their outputs can
 * share a table; test/cli/status-input.test.ts covers each shape and message on its own.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { type Finished, REPO as ROOT, runPodtrail } from '../support/cli-process.js';

const F = 'test/fixtures/status';
const NOW = ['--now', '2026-11-23T10:00:00Z'];

/**
 * Runs `podtrail status` with `args`, feeding `stdin` (or nothing) to a pipe. Each run is a fresh
 * node start, which can take seconds on a busy 2-core machine, hence the generous kill timer.
 */
function podtrail(args: readonly string[], stdin = ''): Promise<Finished> {
  return runPodtrail(['status', ...args], { stdin, timeoutMs: 110_000 });
}

const LIST_WIDE = `NAME                 READY   STATUS                   RESTARTS        AGE     IP          NODE                                      NOMINATED NODE   READINESS GATES
web-7d4f9c-x2k8p     1/1     Running                  0               3h12m   10.1.2.3    ip-10-0-1-7.eu-west-1.compute.internal    <none>           <none>
api-5b6c7d-q9w8e     0/1     CrashLoopBackOff         12 (4m5s ago)   2d3h    10.1.7.44   ip-10-0-2-19.eu-west-1.compute.internal   <none>           <none>
pod-phase            0/1     ContainerCreating        0               41s     <none>      ip-10-0-1-7.eu-west-1.compute.internal    <none>           <none>
report-29123-ab1cd   0/1     Completed                0               45m     10.1.7.50   ip-10-0-2-19.eu-west-1.compute.internal   <none>           <none>
cart-6c8d9f-m2n3b    2/2     Running                  1 (120m ago)    9d      10.1.2.99   ip-10-0-1-7.eu-west-1.compute.internal    <none>           1/1
db-0                 0/1     Init:0/2                 0               95s     10.1.7.61   ip-10-0-2-19.eu-west-1.compute.internal   <none>           <none>
ml-train-x8z7        0/1     SchedulingGated          0               20m     <none>      <none>                                    <none>           <none>
web-7d4f9c-old42     0/1     ContainerStatusUnknown   0               12d     <none>      ip-10-0-1-7.eu-west-1.compute.internal    <none>           <none>
web-7d4f9c-z9y8x     1/1     Terminating              2 (25h ago)     26h     10.1.7.8    ip-10-0-2-19.eu-west-1.compute.internal   <none>           <none>
web-7d4f9c-lost1     1/1     Unknown                  0               400d    10.1.9.9    ip-10-0-9-9.eu-west-1.compute.internal    <none>           <none>
`;

describe.concurrent('podtrail status prints kubectl tables', { timeout: 120_000 }, () => {
  it.each([
    {
      name: 'a Pod, a JSON array and NDJSON, in file order in one table',
      args: ['-f', `${F}/pod.json`, '-f', `${F}/pods-array.json`, '-f', `${F}/pods.ndjson`],
      stdout: `NAME                READY   STATUS                   RESTARTS        AGE
api-5b6c7d-q9w8e    0/1     CrashLoopBackOff         12 (4m5s ago)   2d3h
cart-6c8d9f-m2n3b   2/2     Running                  1 (120m ago)    9d
db-0                0/1     Init:0/2                 0               95s
web-7d4f9c-x2k8p    1/1     Running                  0               3h12m
ml-train-x8z7       0/1     SchedulingGated          0               20m
web-7d4f9c-old42    0/1     ContainerStatusUnknown   0               12d
`,
    },
    {
      name: 'a v1 List with -o wide adds IP, NODE, NOMINATED NODE and READINESS GATES',
      args: ['-f', `${F}/pods-list.json`, '-o', 'wide'],
      stdout: LIST_WIDE,
    },
    {
      name: 'watch output: --output-watch-events NDJSON and concatenated -w -o json, a row per event',
      args: ['-f', `${F}/watch-events.ndjson`, '-f', `${F}/watch-stream.json`],
      stdout: `NAME        READY   STATUS              RESTARTS   AGE
pod-phase   0/1     ContainerCreating   0          41s
pod-phase   0/1     ImagePullBackOff    0          41s
pod-phase   0/1     Terminating         0          41s
pod-phase   0/1     ContainerCreating   0          41s
pod-phase   0/1     ImagePullBackOff    0          41s
`,
    },
  ])('$name', async ({ args, stdout }) => {
    expect(await podtrail([...args, ...NOW])).toEqual({ code: 0, stdout, stderr: '' });
  });
});

describe.concurrent('podtrail status reads standard input', { timeout: 120_000 }, () => {
  it('-f - with multi-document YAML (a Pod, a List, an empty document, a Pod) and -A', async () => {
    const yaml = await readFile(`${ROOT}/${F}/pods-multi.yaml`, 'utf8');
    expect(await podtrail(['-f', '-', '-A', ...NOW], yaml)).toEqual({
      code: 0,
      stdout: `NAMESPACE   NAME                 READY   STATUS             RESTARTS        AGE
shop        web-7d4f9c-x2k8p     1/1     Running            0               3h12m
shop        api-5b6c7d-q9w8e     0/1     CrashLoopBackOff   12 (4m5s ago)   2d3h
batch       report-29123-ab1cd   0/1     Completed          0               45m
shop        web-7d4f9c-z9y8x     1/1     Terminating        2 (25h ago)     26h
`,
      stderr: '',
    });
  });

  it('piped without -f: a PodList line, --no-headers, --now with an offset, and <stdin> named in errors', async () => {
    const list = await readFile(`${ROOT}/${F}/podlist-api.json`, 'utf8');
    const run = await podtrail(
      ['--no-headers', '--now', '2026-11-23T12:00:00+01:00'],
      `${list}{"kind": "Pod", "metadata": {"name": "x"}\n`,
    );
    expect(run).toEqual({
      code: 1,
      stdout: `web-7d4f9c-x2k8p     1/1   Running     0     4h12m
report-29123-ab1cd   0/1   Completed   0     105m
`,
      stderr: "error: <stdin>:2:42: invalid JSON: unexpected end of input, expected ',' or '}'\n",
    });
  });
});

describe.concurrent('podtrail status -o json|yaml', { timeout: 120_000 }, () => {
  it('-o json prints an array of pods: the cells and the numbers behind them (restarts, lastRestartAt)', async () => {
    const run = await podtrail(['-f', `${F}/podlist-api.json`, '-o', 'json', ...NOW]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`[
  {
    "name": "web-7d4f9c-x2k8p",
    "namespace": "shop",
    "uid": "6f1c1520-2b1e-4c7a-9d3e-8a0b00001520",
    "ready": "1/1",
    "readyContainers": 1,
    "totalContainers": 1,
    "status": "Running",
    "restarts": 0,
    "lastRestartAt": null,
    "restartsText": "0",
    "age": "3h12m",
    "createdAt": "2026-11-23T06:48:00Z",
    "ip": "10.1.2.3",
    "node": "ip-10-0-1-7.eu-west-1.compute.internal",
    "nominatedNode": "<none>",
    "readinessGates": "<none>"
  },
  {
    "name": "report-29123-ab1cd",
    "namespace": "batch",
    "uid": "6f1c2700-2b1e-4c7a-9d3e-8a0b00002700",
    "ready": "0/1",
    "readyContainers": 0,
    "totalContainers": 1,
    "status": "Completed",
    "restarts": 0,
    "lastRestartAt": null,
    "restartsText": "0",
    "age": "45m",
    "createdAt": "2026-11-23T09:15:00Z",
    "ip": "10.1.7.50",
    "node": "ip-10-0-2-19.eu-west-1.compute.internal",
    "nominatedNode": "<none>",
    "readinessGates": "<none>"
  }
]
`);
  });

  it('-o yaml prints the same objects as YAML', async () => {
    const run = await podtrail(['-f', `${F}/pods-array.json`, '-o', 'yaml', ...NOW]);
    expect(run).toEqual({
      code: 0,
      stdout: `- name: cart-6c8d9f-m2n3b
  namespace: shop
  uid: 6f1c5600-2b1e-4c7a-9d3e-8a0b00005600
  ready: 2/2
  readyContainers: 2
  totalContainers: 2
  status: Running
  restarts: 1
  lastRestartAt: 2026-11-23T07:59:57Z
  restartsText: 1 (120m ago)
  age: 9d
  createdAt: 2026-11-14T05:00:00Z
  ip: 10.1.2.99
  node: ip-10-0-1-7.eu-west-1.compute.internal
  nominatedNode: <none>
  readinessGates: 1/1
- name: db-0
  namespace: data
  uid: 6f1c0095-2b1e-4c7a-9d3e-8a0b00000095
  ready: 0/1
  readyContainers: 0
  totalContainers: 1
  status: Init:0/2
  restarts: 0
  lastRestartAt: null
  restartsText: "0"
  age: 95s
  createdAt: 2026-11-23T09:58:25Z
  ip: 10.1.7.61
  node: ip-10-0-2-19.eu-west-1.compute.internal
  nominatedNode: <none>
  readinessGates: <none>
`,
      stderr: '',
    });
  });
});

describe.concurrent('bad input: exit 1, a located message, and every valid pod still printed', {
  timeout: 120_000,
}, () => {
  it('a missing file, unparsable JSON, a broken YAML document, a Deployment in a List and a truncated NDJSON line', async () => {
    const files = [
      'no-such-file.json',
      'bad-syntax.json',
      'bad-document.yaml',
      'with-deployment.json',
      'bad-line.ndjson',
      'pod.json',
    ];
    const run = await podtrail([...files.flatMap((file) => ['-f', `${F}/${file}`]), ...NOW]);
    expect(run).toEqual({
      code: 1,
      stdout: `NAME                 READY   STATUS             RESTARTS        AGE
web-7d4f9c-x2k8p     1/1     Running            0               3h12m
report-29123-ab1cd   0/1     Completed          0               45m
web-7d4f9c-x2k8p     1/1     Running            0               3h12m
report-29123-ab1cd   0/1     Completed          0               45m
web-7d4f9c-x2k8p     1/1     Running            0               3h12m
report-29123-ab1cd   0/1     Completed          0               45m
api-5b6c7d-q9w8e     0/1     CrashLoopBackOff   12 (4m5s ago)   2d3h
`,
      stderr: [
        `error: ${F}/no-such-file.json: cannot read: no such file`,
        `error: ${F}/bad-syntax.json:245:25: invalid JSON: unexpected '"', expected ',' or '}'`,
        `error: ${F}/bad-document.yaml: document 2 (line 90): invalid YAML at line 95, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]`,
        `error: ${F}/with-deployment.json: items[1]: kind Deployment is not a Pod`,
        `error: ${F}/bad-line.ndjson:2:181: invalid JSON: unexpected end of input, expected a closing quote`,
        '',
      ].join('\n'),
    });
  });
});

describe.concurrent('usage errors exit 2', { timeout: 120_000 }, () => {
  it.each([
    {
      name: 'an unknown -o format',
      args: ['-o', 'xml'],
      message: 'unknown output format "xml": use one of table, wide, name, json, yaml',
    },
    {
      name: 'a --now that is not RFC 3339',
      args: ['--now', 'yesterday'],
      message: '--now: "yesterday" is not an RFC 3339 time such as 2026-11-23T10:00:00Z',
    },
    { name: 'an unknown flag', args: ['--watch'], message: "Unknown option '--watch'" },
  ])('$name', async ({ args, message }) => {
    const run = await podtrail(['-f', `${F}/pod.json`, ...args]);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${message}\nRun "podtrail status --help" for usage.\n`,
    });
  });
});
