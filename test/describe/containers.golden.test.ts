import { ENV_VALUE_NOT_RECORDED } from '../../functions/domain/describe/index.js';
import { describeGoldenCases } from '../support/describe-golden.js';
import {
  containerStatus,
  pod,
  SERVICE_ACCOUNT_MOUNT,
  SERVICE_ACCOUNT_VOLUME,
} from '../support/describe-pods.js';
import type { DescribeInput } from '../support/kubectl-describe.js';

/** Container sections: basic info, command, state, resources, probes, env, mounts. */

const probe = (handler: Record<string, unknown>, timing: Record<string, number> = {}) => ({
  ...handler,
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
  ...timing,
});

const LITERAL_ENV = [
  { name: 'MODE', value: 'prod' },
  { name: 'DATABASE_URL', value: 'postgres://user:secret@db:5432/app' },
  { name: 'EMPTY', value: '' },
  { name: 'FROM_SECRET', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
];

/** The pod as podtrail records it: every non-empty literal env value removed and marked. */
function withoutLiteralEnvValues(input: DescribeInput): DescribeInput {
  const pod = structuredClone(input.pod) as { spec: { containers: { env?: Record<string, unknown>[] }[] } };
  for (const container of pod.spec.containers) {
    for (const entry of container.env ?? []) {
      if (typeof entry.value === 'string' && entry.value !== '') {
        delete entry.value;
        entry[ENV_VALUE_NOT_RECORDED] = true;
      }
    }
  }
  return { ...input, pod };
}

describeGoldenCases('describe pod: containers', [
  {
    rule: 'init containers come first: a completed init container and a running restartable sidecar with a startup probe',
    build: () => ({
      pod: pod('with-sidecar', {
        spec: {
          initContainers: [
            {
              name: 'migrate',
              image: 'migrate:3',
              command: ['migrate', 'up'],
              volumeMounts: [SERVICE_ACCOUNT_MOUNT],
            },
            {
              name: 'proxy',
              image: 'envoy:1.30',
              restartPolicy: 'Always',
              ports: [{ containerPort: 15001, name: 'proxy', protocol: 'TCP' }],
              startupProbe: probe(
                { httpGet: { path: '/ready', port: 15021, scheme: 'HTTP' } },
                { failureThreshold: 30 },
              ),
            },
          ],
          containers: [{ name: 'app', image: 'app:2', volumeMounts: [SERVICE_ACCOUNT_MOUNT] }],
          volumes: [SERVICE_ACCOUNT_VOLUME],
        },
        status: {
          initContainerStatuses: [
            containerStatus('migrate', {
              ready: true,
              state: {
                terminated: {
                  exitCode: 0,
                  reason: 'Completed',
                  startedAt: '2026-03-01T10:00:02Z',
                  finishedAt: '2026-03-01T10:00:09Z',
                },
              },
            }),
            containerStatus('proxy', {
              ready: true,
              started: true,
              state: { running: { startedAt: '2026-03-01T10:00:10Z' } },
            }),
          ],
          containerStatuses: [
            containerStatus('app', {
              ready: true,
              state: { running: { startedAt: '2026-03-01T10:00:12Z' } },
            }),
          ],
        },
      }),
    }),
  },
  {
    rule: 'every state: waiting (reason shown, message never), waiting without reason, terminated with signal and a multi-line message, no state at all, no status',
    build: () => ({
      pod: pod('states', {
        spec: {
          containers: ['waiting', 'bare-waiting', 'killed', 'no-state', 'no-status'].map((name) => ({
            name,
            image: `${name}:1`,
          })),
        },
        status: {
          phase: 'Pending',
          containerStatuses: [
            containerStatus('waiting', {
              state: {
                waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "waiting:1"' },
              },
            }),
            containerStatus('bare-waiting', { state: { waiting: {} } }),
            containerStatus('killed', {
              restartCount: 2,
              state: {
                terminated: {
                  exitCode: 143,
                  signal: 15,
                  reason: 'Error',
                  message: 'panic: shutting down\n\tat main.go:12\r\nexit',
                  startedAt: '2026-03-01T10:01:00Z',
                  finishedAt: '2026-03-01T10:02:00Z',
                },
              },
            }),
            containerStatus('no-state', { containerID: '', imageID: '' }),
          ],
        },
      }),
    }),
  },
  {
    rule: 'last state is shown only when terminated (OOMKilled); a running or waiting last state is not; duplicate status names: the last wins',
    build: () => ({
      pod: pod('last-states', {
        spec: { containers: ['oom', 'odd-last', 'dup'].map((name) => ({ name, image: 'img' })) },
        status: {
          containerStatuses: [
            containerStatus('oom', {
              ready: true,
              restartCount: 4,
              state: { running: { startedAt: '2026-03-01T10:10:00Z' } },
              lastState: {
                terminated: {
                  exitCode: 137,
                  reason: 'OOMKilled',
                  startedAt: '2026-03-01T10:05:00Z',
                  finishedAt: '2026-03-01T10:09:59Z',
                },
              },
            }),
            containerStatus('odd-last', {
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: { running: { startedAt: '2026-03-01T10:00:00Z' }, terminated: { exitCode: 2 } },
            }),
            containerStatus('dup', { restartCount: 1 }),
            containerStatus('dup', { restartCount: 7, ready: true, containerID: 'containerd://second' }),
          ],
        },
      }),
    }),
  },
  {
    rule: 'ports: none, one named, several (Ports / Host Ports), host ports, UDP and SCTP, a missing protocol',
    build: () => ({
      pod: pod('ports', {
        spec: {
          containers: [
            { name: 'none', image: 'a' },
            { name: 'one', image: 'b', ports: [{ containerPort: 53, name: 'dns', protocol: 'UDP' }] },
            {
              name: 'many',
              image: 'c',
              ports: [
                { containerPort: 8080, name: 'http', protocol: 'TCP', hostPort: 80 },
                { containerPort: 9090, protocol: 'SCTP' },
                { containerPort: 7000 },
              ],
            },
          ],
        },
      }),
    }),
  },
  {
    rule: 'command and args split on newlines; a container without them stays one tab block',
    build: () => ({
      pod: pod('commands', {
        spec: {
          containers: [
            {
              name: 'script',
              image: 'sh',
              command: ['sh', '-c', 'set -e\necho one\necho two'],
              args: ['--flag', 'tab\tinside'],
            },
            { name: 'plain', image: 'nginx', env: [{ name: 'A', value: '1' }] },
          ],
        },
      }),
    }),
  },
  {
    rule: 'resources print canonical quantities, sorted by name, limits before requests',
    build: () => ({
      pod: pod('quantities', {
        spec: {
          containers: [
            {
              name: 'app',
              image: 'app',
              resources: {
                limits: {
                  cpu: '1000m',
                  memory: '1024Mi',
                  'ephemeral-storage': '2048Ki',
                  'hugepages-2Mi': '4Mi',
                  'nvidia.com/gpu': '1',
                  'example.com/a': '0100m',
                  'example.com/b': '12e2',
                  'example.com/c': '1.5Gi',
                  'example.com/d': '0.1Mi',
                  'example.com/e': '1e3',
                  'example.com/f': '1500000000n',
                  'example.com/g': '0.0000000001',
                  'example.com/h': '+5k',
                  'example.com/i': '1024',
                  'example.com/j': '1.5',
                  'example.com/k': '100Gi',
                  'example.com/l': '3E',
                },
                requests: { cpu: '0.5', memory: '1G', 'example.com/m': 2, 'example.com/n': '0' },
              },
            },
          ],
        },
      }),
    }),
  },
  {
    rule: 'probes of every kind: http-get (scheme, host, IPv6 host, named port, escaped path), tcp-socket, grpc, exec, none',
    build: () => ({
      pod: pod('probes', {
        spec: {
          containers: [
            {
              name: 'http',
              image: 'a',
              livenessProbe: probe(
                { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' } },
                { initialDelaySeconds: 5 },
              ),
              readinessProbe: probe({
                httpGet: {
                  path: '/ready?full=1',
                  port: 'https',
                  host: 'example.com',
                  scheme: 'HTTPS',
                  httpHeaders: [{ name: 'X-Probe', value: 'yes' }],
                },
              }),
              startupProbe: probe({ httpGet: { path: 'no-slash/ü space', port: 80, host: 'fd00::1' } }),
            },
            {
              name: 'tcp',
              image: 'b',
              livenessProbe: probe({ tcpSocket: { port: 5432 } }),
              readinessProbe: probe({ tcpSocket: { port: 'pg', host: 'db.local' } }),
            },
            {
              name: 'grpc',
              image: 'c',
              livenessProbe: probe({ grpc: { port: 9000, service: 'health' } }),
              readinessProbe: probe({ grpc: { port: 9001, service: '' } }),
            },
            {
              name: 'exec',
              image: 'd',
              livenessProbe: probe({ exec: { command: ['cat', '/tmp/ok'] } }),
              startupProbe: probe({ exec: {} }, { failureThreshold: 30 }),
              readinessProbe: probe({}),
            },
          ],
        },
      }),
    }),
  },
  {
    rule: 'env of every kind: literal (multi-line, empty), fieldRef (only name and namespace resolve), resourceFieldRef, secret and config map keys',
    build: () => ({
      pod: pod('env-kinds', {
        spec: {
          containers: [
            {
              name: 'app',
              image: 'app',
              resources: {
                limits: { memory: '512Mi', 'hugepages-2Mi': '4Mi' },
                requests: { cpu: '250m', memory: '256Mi', 'ephemeral-storage': '1Gi' },
              },
              env: [
                { name: 'PLAIN', value: 'value' },
                { name: 'MULTI', value: 'line one\nline two' },
                { name: 'EMPTY', value: '' },
                { name: 'UNSET' },
                {
                  name: 'POD_NAME',
                  valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } },
                },
                { name: 'POD_NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'POD_UID', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.uid' } } },
                { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
                {
                  name: 'APP_LABEL',
                  valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['app']" } },
                },
                {
                  name: 'BAD_GV',
                  valueFrom: { fieldRef: { apiVersion: 'a/b/c', fieldPath: 'metadata.name' } },
                },
                { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
                { name: 'CPU_REQUEST', valueFrom: { resourceFieldRef: { resource: 'requests.cpu' } } },
                {
                  name: 'CPU_MILLI',
                  valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } },
                },
                {
                  name: 'MEM_LIMIT_MI',
                  valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } },
                },
                { name: 'MEM_REQUEST', valueFrom: { resourceFieldRef: { resource: 'requests.memory' } } },
                {
                  name: 'EPHEMERAL',
                  valueFrom: { resourceFieldRef: { resource: 'requests.ephemeral-storage', divisor: '1G' } },
                },
                {
                  name: 'HUGE',
                  valueFrom: { resourceFieldRef: { resource: 'limits.hugepages-2Mi', divisor: '1Mi' } },
                },
                {
                  name: 'UNKNOWN_RES',
                  valueFrom: { resourceFieldRef: { resource: 'limits.nvidia.com/gpu' } },
                },
                { name: 'SECRET', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
                {
                  name: 'SECRET_OPT',
                  valueFrom: { secretKeyRef: { name: 'db', key: 'token', optional: true } },
                },
                { name: 'CM', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode', optional: false } } },
                { name: 'FILE', valueFrom: { fileKeyRef: { volumeName: 'cfg', path: 'env', key: 'K' } } },
              ],
            },
          ],
        },
      }),
    }),
  },
  {
    rule: 'envFrom: config maps and secrets, with and without prefix and optional, and an empty source',
    build: () => ({
      pod: pod('env-from', {
        spec: {
          containers: [
            {
              name: 'app',
              image: 'app',
              envFrom: [
                { configMapRef: { name: 'web-env' } },
                { secretRef: { name: 'web-secrets', optional: true }, prefix: 'SECRET_' },
                { configMapRef: { name: 'extra', optional: false }, prefix: 'X_' },
                {},
              ],
            },
          ],
        },
      }),
    }),
  },
  {
    rule: 'mounts sort by path with ro/rw and a Go-quoted subPath; devices follow, and without mounts print Devices: <none>',
    build: () => ({
      pod: pod('mounts', {
        spec: {
          containers: [
            {
              name: 'app',
              image: 'app',
              volumeMounts: [
                { name: 'data', mountPath: '/var/lib/data', subPath: 'a "quoted"\\path\n' },
                { name: 'cfg', mountPath: '/etc/app', readOnly: true },
                { name: 'cache', mountPath: '/cache', subPathExpr: '$(POD_NAME)' },
              ],
              volumeDevices: [
                { name: 'raw-b', devicePath: '/dev/xvdb' },
                { name: 'raw-a', devicePath: '/dev/xvda' },
              ],
            },
            {
              name: 'block-only',
              image: 'app',
              volumeDevices: [{ name: 'raw-a', devicePath: '/dev/block' }],
            },
          ],
        },
      }),
    }),
  },
  {
    rule: 'ephemeral containers get their own section after the containers',
    build: () => ({
      pod: pod('debugged', {
        spec: {
          ephemeralContainers: [
            {
              name: 'debugger-x1',
              image: 'busybox',
              command: ['sh'],
              stdin: true,
              tty: true,
              targetContainerName: 'app',
            },
          ],
        },
        status: {
          containerStatuses: [
            containerStatus('app', {
              ready: true,
              state: { running: { startedAt: '2026-03-01T10:00:00Z' } },
            }),
          ],
          ephemeralContainerStatuses: [
            containerStatus('debugger-x1', { state: { running: { startedAt: '2026-03-01T11:00:00Z' } } }),
          ],
        },
      }),
    }),
  },
  {
    rule: 'a pod without containers prints Containers: <none>',
    build: () => ({ pod: pod('no-containers', { spec: { containers: [] } }) }),
  },
  {
    rule: 'a recorded pod without literal env values prints kubectl\u2019s text with <value not recorded> in their place',
    build: () => ({
      pod: pod('env-not-recorded', {
        spec: { containers: [{ name: 'app', image: 'app', env: LITERAL_ENV }] },
      }),
    }),
    render: withoutLiteralEnvValues,
    expected: (text) =>
      text
        .replace(/^( {6}MODE: +)prod$/m, '$1<value not recorded>')
        .replace(/^( {6}DATABASE_URL: +)postgres:\S+$/m, '$1<value not recorded>'),
  },
]);
