import type { SimEvent } from '../../simulator/index.js';
import { pick, type Random, randomInt } from '../../simulator/random.js';
import { ago, type DescribeInput, microAgo } from './kubectl-describe.js';

/**
 * Seeded random pods and events for differential tests against kubectl: every field describe
 * prints, filled with awkward values (tabs, newlines, CR, ESC, \v, \f, non-ASCII, non-canonical
 * quantities, duplicate keys and names, odd times). Only what makes kubectl itself crash (a nil
 * deletionGracePeriodSeconds with a deletionTimestamp) is left out.
 */

const CHARACTERS = [
  'a',
  'b',
  'Z',
  '0',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r',
  '\u001b',
  '\v',
  '\f',
  'é',
  '😀',
  '～',
  '%',
  '"',
  '\\',
  ':',
  '/',
  '?',
  '#',
  '[',
  ']',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '=',
  ',',
  '.',
  '-',
  '日本',
];
const QUANTITIES = [
  '1',
  '0',
  '100m',
  '1000m',
  '0.5',
  '1.5Gi',
  '1024Mi',
  '2048Ki',
  '1e3',
  '12e2',
  '1E',
  '3E',
  '0.1Mi',
  '1n',
  '0.0000000001',
  '+5k',
  '-1',
  '0100m',
  '999999999999999999',
  '9223372036854775807',
  '1.2345678901234567890',
  '5.5e-3',
  '1Ei',
  '8Ei',
  '0.5Ki',
  '1023',
  '1025',
  '1024',
  '123456789Ki',
  ' 1 ',
  '1.',
  '.5',
  '1e-12',
];
const RESOURCES = ['cpu', 'memory', 'ephemeral-storage', 'hugepages-2Mi', 'example.com/x', 'nvidia.com/gpu'];

export function randomDescribeInput(random: Random, index: number, now: number): DescribeInput {
  const g = generators(random, now);
  const name = `random-${index}`;
  const namespace = 'random';
  const uid = `uid-${index}`;
  const containers = g.list(3, (k) => g.container(g.maybe(0.1) ? 'dup' : `c${k}`), g.maybe(0.9) ? 1 : 0);
  const inits = g.maybe(0.3)
    ? g.list(2, (k) => ({ ...g.container(`i${k}`), ...(g.maybe() ? { restartPolicy: 'Always' } : {}) }), 1)
    : [];
  const pod = {
    metadata: {
      name,
      namespace,
      uid,
      ...g.optional('labels', () => g.map(6)),
      ...g.optional('annotations', () => ({
        ...g.map(4),
        ...(g.maybe() ? { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } : {}),
        ...(g.maybe(0.3) ? { 'kubernetes.io/config.mirror': pick(random, ['', 'mirror-uid', uid]) } : {}),
      })),
      ...(g.maybe(0.3)
        ? {
            deletionTimestamp: ago(now, randomInt(random, -500, 500)),
            deletionGracePeriodSeconds: randomInt(random, 0, 60),
          }
        : {}),
      ...g.optional(
        'ownerReferences',
        () =>
          g.list(3, () => ({
            apiVersion: 'v1',
            kind: g.text(),
            name: g.text(),
            uid: 'o',
            ...g.optional('controller', g.maybe),
          })),
        0.4,
      ),
    },
    spec: {
      containers,
      ...(inits.length > 0 ? { initContainers: inits } : {}),
      ...g.optional(
        'ephemeralContainers',
        () => [{ ...g.container('debugger'), targetContainerName: 'c0' }],
        0.3,
      ),
      ...g.optional('nodeName', g.text),
      ...g.optional('priority', () => randomInt(random, -1000, 2_000_000)),
      ...g.optional('priorityClassName', g.text, 0.3),
      ...g.optional('runtimeClassName', g.text, 0.3),
      ...g.optional('serviceAccountName', g.text),
      ...g.optional('volumes', () => g.list(5, g.volume)),
      ...g.optional('nodeSelector', () => g.map(3)),
      ...g.optional('tolerations', () => g.list(g.maybe(0.2) ? 25 : 5, g.toleration)),
      ...g.optional('topologySpreadConstraints', () => g.list(4, g.spreadConstraint), 0.3),
      ...g.optional(
        'readinessGates',
        () => g.list(3, () => ({ conditionType: pick(random, ['Ready', 'x', g.text()]) })),
        0.3,
      ),
      ...g.optional('resources', g.resources, 0.2),
      ...g.optional('securityContext', g.securityContext, 0.2),
      ...g.optional(
        'workloadRef',
        () => ({ name: g.text(), podGroup: g.text(), ...g.optional('podGroupReplicaKey', g.text) }),
        0.1,
      ),
    },
    status: {
      phase: pick(random, ['Running', 'Pending', 'Failed', 'Succeeded', '', 'Unknown']),
      ...g.optional('hostIP', g.text),
      ...g.optional('podIP', g.text),
      ...g.optional('podIPs', () => g.list(3, () => ({ ip: g.text() }))),
      ...g.optional('startTime', g.time),
      ...g.optional('reason', g.text, 0.3),
      ...g.optional('message', g.text, 0.3),
      ...g.optional('nominatedNodeName', g.text, 0.3),
      ...g.optional('qosClass', () => pick(random, ['', 'Burstable', g.text()])),
      ...g.optional('conditions', () =>
        g.list(4, () => ({
          type: pick(random, ['Ready', 'x', g.text()]),
          status: pick(random, ['True', 'False', g.text()]),
        })),
      ),
      containerStatuses: containers.filter(() => g.maybe(0.8)).map((c) => g.containerStatus(c.name)),
      ...(inits.length > 0
        ? { initContainerStatuses: inits.filter(() => g.maybe(0.8)).map((c) => g.containerStatus(c.name)) }
        : {}),
    },
  };
  const events = g.list(g.maybe(0.2) ? 40 : 8, (k) => g.event(pod.metadata, k));
  return { pod, events };
}

type Json = Record<string, unknown>;

function generators(random: Random, now: number) {
  const maybe = (p = 0.5): boolean => random() < p;
  const list = <T>(max: number, item: (k: number) => T, min = 0): T[] =>
    Array.from({ length: randomInt(random, min, Math.max(min, max)) }, (_, k) => item(k));
  const optional = <T>(key: string, value: () => T, p = 0.5): Json => (maybe(p) ? { [key]: value() } : {});
  const text = (): string => {
    if (maybe(0.15))
      return pick(random, ['x', 'é', 'ab😀', 'tab\tc', 'line\n']).repeat(randomInt(random, 0, 80));
    return list(12, () => pick(random, CHARACTERS)).join('');
  };
  const word = (): string => list(10, () => pick(random, 'abcxyz019-.'.split('')), 1).join('');
  const map = (n: number): Json => Object.fromEntries(list(n, () => [maybe(0.7) ? word() : text(), text()]));
  const quantity = (): unknown => (maybe(0.05) ? randomInt(random, 0, 999) : pick(random, QUANTITIES));
  const resourceList = (): Json => Object.fromEntries(list(3, () => [pick(random, RESOURCES), quantity()]));
  const resources = (): Json => ({
    ...optional('limits', resourceList),
    ...optional('requests', resourceList),
  });
  const time = (): string => {
    if (maybe(0.1)) return '0001-01-01T00:00:00Z';
    if (maybe()) return ago(now, randomInt(random, -100, 400_000));
    const at = Date.UTC(
      2000 + randomInt(random, 0, 39),
      randomInt(random, 0, 11),
      randomInt(random, 1, 28),
      randomInt(random, 0, 23),
      randomInt(random, 0, 59),
      randomInt(random, 0, 59),
    );
    return new Date(at).toISOString().replace('.000', '');
  };
  const port = (): unknown => (maybe() ? randomInt(random, 0, 70_000) : maybe() ? word() : text());
  const securityContext = (): Json => ({
    seccompProfile: {
      type: pick(random, ['RuntimeDefault', 'Localhost', 'Unconfined']),
      localhostProfile: text(),
    },
  });
  const probe = (): Json => {
    const timing = {
      initialDelaySeconds: randomInt(random, 0, 9),
      timeoutSeconds: randomInt(random, 0, 4),
      periodSeconds: randomInt(random, 0, 29),
      successThreshold: 1,
      failureThreshold: randomInt(random, 0, 4),
    };
    const handlers: (() => Json)[] = [
      () => ({ exec: { command: list(2, text) } }),
      () => ({
        httpGet: {
          path: maybe() ? `/${word()}` : text(),
          port: port(),
          ...optional('host', () => pick(random, ['', 'example.com', 'fd00::1', text()])),
          ...optional('scheme', () => pick(random, ['HTTP', 'HTTPS', 'hTtP', text()])),
        },
      }),
      () => ({ tcpSocket: { port: port(), ...optional('host', text) } }),
      () => ({ grpc: { port: randomInt(random, 0, 65_535), service: text() } }),
      () => ({}),
    ];
    return { ...timing, ...pick(random, handlers)() };
  };
  const env = (): Json => {
    const name = maybe(0.8) ? word().toUpperCase() : text();
    const sources: (() => Json)[] = [
      () => ({ value: text() }),
      () => ({
        valueFrom: {
          fieldRef: {
            apiVersion: pick(random, ['v1', '', 'a/b/c', 'apps/v1']),
            fieldPath: pick(random, [
              'metadata.name',
              'metadata.namespace',
              'metadata.uid',
              "metadata.labels['a']",
              'status.podIP',
              text(),
            ]),
          },
        },
      }),
      () => ({
        valueFrom: {
          resourceFieldRef: {
            resource: pick(random, [
              'limits.cpu',
              'requests.cpu',
              'limits.memory',
              'requests.memory',
              'requests.ephemeral-storage',
              'limits.hugepages-2Mi',
              'limits.x',
              text(),
            ]),
            ...optional('divisor', () => pick(random, ['1', '1m', '1Mi', '1k', '0', '3', '250m'])),
          },
        },
      }),
      () => ({ valueFrom: { secretKeyRef: { name: text(), key: text(), ...optional('optional', maybe) } } }),
      () => ({
        valueFrom: { configMapKeyRef: { name: text(), key: text(), ...optional('optional', maybe) } },
      }),
      () => ({}),
      () => ({ valueFrom: {} }),
    ];
    return { name, ...pick(random, sources)() };
  };
  const envFrom = (): Json => ({
    ...(maybe()
      ? { configMapRef: { name: text(), ...optional('optional', maybe) } }
      : maybe()
        ? { secretRef: { name: text() } }
        : {}),
    ...optional('prefix', text),
  });
  const container = (name: string) => ({
    name,
    image: text(),
    ...optional('command', () => list(2, text)),
    ...optional('args', () => list(2, text)),
    ...optional('ports', () =>
      list(2, () => ({
        containerPort: randomInt(random, 0, 65_535),
        ...optional('hostPort', () => randomInt(random, 0, 99)),
        ...optional('protocol', () => pick(random, ['TCP', 'UDP', 'SCTP', text()])),
        ...optional('name', text),
      })),
    ),
    ...optional('resources', resources),
    ...optional('livenessProbe', probe, 0.3),
    ...optional('readinessProbe', probe, 0.3),
    ...optional('startupProbe', probe, 0.3),
    ...optional('env', () => list(4, env)),
    ...optional('envFrom', () => list(2, envFrom), 0.3),
    ...optional('volumeMounts', () =>
      list(3, () => ({
        name: text(),
        mountPath: maybe(0.2) ? '/same' : text(),
        ...optional('readOnly', maybe),
        ...optional('subPath', text),
      })),
    ),
    ...optional('volumeDevices', () => list(2, () => ({ name: text(), devicePath: text() })), 0.2),
    ...optional('securityContext', securityContext, 0.2),
  });
  const state = (): Json =>
    pick(random, [
      () => ({ running: { startedAt: time() } }),
      () => ({ waiting: { reason: text(), message: text() } }),
      () => ({
        terminated: {
          exitCode: randomInt(random, 0, 255),
          signal: maybe(0.3) ? randomInt(random, 0, 19) : 0,
          reason: text(),
          message: text(),
          ...optional('startedAt', time, 0.8),
          ...optional('finishedAt', time, 0.8),
        },
      }),
      () => ({}),
    ])();
  const containerStatus = (name: string): Json => ({
    name,
    image: text(),
    imageID: text(),
    containerID: text(),
    ready: maybe(),
    restartCount: randomInt(random, 0, 99),
    ...optional('state', state, 0.9),
    ...optional('lastState', state),
  });
  const volume = (): Json => {
    const sources: (() => Json)[] = [
      () => ({
        emptyDir: {
          ...optional('medium', () => pick(random, ['', 'Memory', text()])),
          ...optional('sizeLimit', quantity),
        },
      }),
      () => ({ hostPath: { path: text(), ...optional('type', text) } }),
      () => ({ secret: { secretName: text(), ...optional('optional', maybe) } }),
      () => ({ configMap: { name: text(), ...optional('optional', maybe) } }),
      () => ({ persistentVolumeClaim: { claimName: text(), readOnly: maybe() } }),
      () => ({
        projected: {
          sources: list(3, () =>
            pick(random, [
              { secret: { name: text(), optional: maybe() } },
              { configMap: { name: text() } },
              { downwardAPI: {} },
              { serviceAccountToken: { expirationSeconds: randomInt(random, 0, 9999) } },
              {},
            ]),
          ),
        },
      }),
      () => ({
        downwardAPI: {
          items: list(2, () => ({
            path: text(),
            ...optional('fieldRef', () => ({ fieldPath: text() })),
            ...optional('resourceFieldRef', () => ({ resource: text() })),
          })),
        },
      }),
      () => ({
        csi: {
          driver: text(),
          ...optional('fsType', text),
          ...optional('readOnly', maybe),
          ...optional('volumeAttributes', () => map(5)),
        },
      }),
      () => ({
        ephemeral: maybe(0.8)
          ? {
              volumeClaimTemplate: {
                metadata: { ...optional('labels', () => map(4)), ...optional('annotations', () => map(4)) },
                spec: {
                  ...optional('storageClassName', text),
                  ...optional('volumeName', text),
                  ...optional('volumeMode', text),
                  ...optional('dataSource', () => ({
                    kind: text(),
                    name: text(),
                    ...optional('apiGroup', text),
                  })),
                },
              },
            }
          : {},
      }),
      () => ({ nfs: { server: text(), path: text(), readOnly: maybe() } }),
      () => ({ flexVolume: { driver: text(), options: map(4) } }),
      () => ({ fc: { targetWWNs: [text(), text()], ...optional('lun', () => randomInt(random, 0, 9)) } }),
      () => ({ image: { reference: text(), pullPolicy: text() } }),
      () => ({}),
    ];
    return { name: text(), ...pick(random, sources)() };
  };
  const toleration = (): Json => ({
    ...optional('key', () => pick(random, ['a', 'b', 'c', text()]), 0.8),
    ...optional('operator', () => pick(random, ['Exists', 'Equal', text()])),
    ...optional('value', () => pick(random, ['', 'v', text()])),
    ...optional('effect', () => pick(random, ['NoSchedule', 'NoExecute', '', text()])),
    ...optional('tolerationSeconds', () => randomInt(random, -10, 989)),
  });
  const spreadConstraint = (): Json => ({
    maxSkew: randomInt(random, 0, 4),
    topologyKey: pick(random, ['a', 'b', text()]),
    whenUnsatisfiable: text(),
    ...optional('labelSelector', () => ({
      ...optional('matchLabels', () => (maybe() ? { app: word(), [word()]: word() } : map(2))),
      ...optional('matchExpressions', () =>
        list(2, () => ({
          key: maybe(0.8) ? word() : text(),
          operator: pick(random, ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt']),
          ...optional('values', () => list(2, () => (maybe(0.8) ? word() : text())), 0.7),
        })),
      ),
    })),
  });
  const event = (about: { name: string; namespace: string; uid: string }, k: number): SimEvent => {
    const fields: Json = {
      metadata: {
        name: `${about.name}.${String(randomInt(random, 0, 999_999)).padStart(7, '0')}${k}`,
        namespace: about.namespace,
      },
      involvedObject: {
        kind: 'Pod',
        name: about.name,
        namespace: about.namespace,
        uid: maybe(0.9) ? about.uid : pick(random, ['', 'other', 'mirror-uid']),
        ...optional('fieldPath', text),
      },
      type: pick(random, ['Normal', 'Warning', text()]),
      reason: text(),
      message: text(),
    };
    if (maybe(0.7)) {
      const first = randomInt(random, 0, 99_999);
      fields.firstTimestamp = ago(now, first);
      fields.lastTimestamp = ago(now, maybe(0.3) ? first : randomInt(random, 0, first));
    } else if (maybe(0.2)) {
      fields.lastTimestamp = ago(now, randomInt(random, 0, 999));
    }
    if (maybe(0.3)) fields.count = randomInt(random, 0, 29);
    if (maybe(0.3)) fields.eventTime = microAgo(now, randomInt(random, 0, 99_999));
    if (maybe(0.2)) {
      fields.series = {
        count: randomInt(random, 0, 49),
        ...optional('lastObservedTime', () => microAgo(now, randomInt(random, 0, 999)), 0.9),
      };
    }
    if (maybe(0.7)) fields.source = optional('component', () => pick(random, ['kubelet', '', text()]), 0.8);
    if (maybe()) fields.reportingComponent = pick(random, ['', 'ctrl', text()]);
    return fields as SimEvent;
  };
  return {
    maybe,
    list,
    optional,
    text,
    map,
    time,
    container,
    containerStatus,
    volume,
    toleration,
    spreadConstraint,
    event,
    resources,
    securityContext,
  };
}
