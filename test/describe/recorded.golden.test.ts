import {
  badImagePod,
  completedJobPod,
  crashLoopPod,
  deletedPod,
  evictedPod,
  initContainersPod,
  nodeLostPod,
  oomKilledPod,
  type PodScript,
  scriptDurationMs,
  seededRandom,
  sidecarPod,
} from '../../simulator/index.js';
import {
  containerStatus,
  DEFAULT_TOLERATIONS,
  KUBELET,
  NAMESPACE,
  pod,
  SERVICE_ACCOUNT_MOUNT,
  SERVICE_ACCOUNT_VOLUME,
} from '../support/describe-pods.js';
import {
  describeRecordedCases,
  type EventVersion,
  type PodVersion,
  type RecordedCase,
  type RecordedLife,
  simulatedLife,
} from '../support/describe-recorded.js';
import { ago, microAgo } from '../support/kubectl-describe.js';

/**
 * `podtrail describe --at` byte for byte against kubectl v1.35.2, for pods recorded through the
 * agent's slimming and the ingest (describe-recorded.ts): hand-built pods with env of every kind,
 * probes, volumes, tolerations, terminating, evicted, events with counts and series; the
 * simulator's scenarios; and one pod's life described at three moments.
 */

type Json = Record<string, unknown>;

/** `seconds` before `now`, as ms (50 ms earlier still: kubectl-describe.ts `ago`). */
const before = (now: number, seconds: number) => now - seconds * 1000 - 50;

const probe = (handler: Json, timing: Record<string, number> = {}) => ({
  ...handler,
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
  ...timing,
});

/** One version of a core/v1 Event (uid `ev-<pod>-<suffix>`), written `seconds` before now. */
function eventVersion(
  now: number,
  about: Json,
  suffix: string,
  rv: number,
  seconds: number,
  fields: Json,
): EventVersion {
  const metadata = about.metadata as { name: string; namespace: string; uid: string };
  return {
    at: before(now, seconds),
    event: {
      metadata: {
        name: `${metadata.name}.${suffix}`,
        namespace: metadata.namespace,
        uid: `ev-${metadata.name}-${suffix}`,
        resourceVersion: String(rv),
      },
      involvedObject: {
        kind: 'Pod',
        namespace: metadata.namespace,
        name: metadata.name,
        uid: metadata.uid,
        apiVersion: 'v1',
      },
      ...fields,
    },
  };
}

/** A kubelet event repeated `count` times: first at `first`, this version's last at `last` (seconds ago). */
function repeated(
  now: number,
  about: Json,
  suffix: string,
  rv: number,
  first: number,
  last: number,
  count: number,
  fields: Json,
): EventVersion {
  return eventVersion(now, about, suffix, rv, last, {
    ...KUBELET,
    firstTimestamp: ago(now, first),
    lastTimestamp: ago(now, last),
    count,
    ...fields,
  });
}

/** A pod's versions: each `[seconds ago, parts]` merged over the one before. */
function versions(
  now: number,
  base: Json,
  steps: readonly [number, Json, PodVersion['type']?][],
): PodVersion[] {
  let current = base;
  return steps.map(([seconds, parts, type], i) => {
    current = merge(current, {
      ...parts,
      metadata: { ...(parts.metadata as Json), resourceVersion: String(1000 + i) },
    });
    return { type: type ?? (i === 0 ? 'ADDED' : 'MODIFIED'), at: before(now, seconds), pod: current };
  });
}

function merge(a: Json, b: Json): Json {
  const out: Json = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const held = out[key];
    out[key] =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      typeof held === 'object' &&
      held !== null &&
      !Array.isArray(held)
        ? merge(held as Json, value as Json)
        : value;
  }
  return out;
}

const ENV = [
  { name: 'MODE', value: 'prod' },
  { name: 'DATABASE_URL', value: 'postgres://user:secret@db:5432/app' },
  { name: 'MULTI', value: 'line one\nline two' },
  { name: 'EMPTY', value: '' },
  { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
  { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
  {
    name: 'MEM_MB',
    valueFrom: { resourceFieldRef: { containerName: 'app', resource: 'limits.memory', divisor: '1Mi' } },
  },
  { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'requests.cpu' } } },
  { name: 'DB_PASS', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
  { name: 'FLAG', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'flag', optional: true } } },
];

/** A pod with every section describe prints, created 10 minutes ago, scheduled, started, ready. */
function richLife(now: number): RecordedLife {
  const base = pod('rich-web-7d4f9c-x2k8p', {
    metadata: {
      generateName: 'rich-web-7d4f9c-',
      creationTimestamp: ago(now, 600),
      labels: { app: 'rich-web', 'pod-template-hash': '7d4f9c', owner: 'zoë' },
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': '{"env":[{"name":"MODE","value":"prod"}]}\n',
        'example.com/long': 'x'.repeat(200),
        'example.com/multi': 'line one\nline two\n',
        'example.com/short': 'yes',
      },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rich-web-7d4f9c', uid: 'rs-1', controller: true },
      ],
    },
    spec: {
      priority: 1000,
      priorityClassName: 'high',
      runtimeClassName: 'gvisor',
      serviceAccountName: 'web',
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      readinessGates: [{ conditionType: 'example.com/lb-ready' }],
      nodeSelector: { 'kubernetes.io/os': 'linux', tier: 'web' },
      tolerations: [
        ...DEFAULT_TOLERATIONS,
        { key: 'dedicated', operator: 'Equal', value: 'web', effect: 'NoSchedule' },
      ],
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'DoNotSchedule',
          labelSelector: { matchLabels: { app: 'rich-web' } },
        },
      ],
      initContainers: [
        {
          name: 'migrate',
          image: 'migrate:3',
          command: ['sh', '-c', 'migrate up\necho done'],
          volumeMounts: [SERVICE_ACCOUNT_MOUNT],
        },
        {
          name: 'proxy',
          image: 'envoy:1.30',
          restartPolicy: 'Always',
          ports: [{ containerPort: 15001, name: 'proxy', protocol: 'TCP' }],
          livenessProbe: probe({ grpc: { port: 9000, service: 'health' } }),
        },
      ],
      containers: [
        {
          name: 'app',
          image: 'rich-web:2.1',
          args: ['--port=8080', '--verbose'],
          ports: [
            { containerPort: 8080, name: 'http', protocol: 'TCP' },
            { containerPort: 9090, protocol: 'TCP', hostPort: 9090 },
          ],
          resources: { limits: { memory: '256Mi', cpu: '1' }, requests: { cpu: '250m', memory: '128Mi' } },
          livenessProbe: probe(
            { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' } },
            { initialDelaySeconds: 5 },
          ),
          readinessProbe: probe({ tcpSocket: { port: 8080 } }),
          startupProbe: probe({ exec: { command: ['cat', '/tmp/ok'] } }, { failureThreshold: 30 }),
          envFrom: [
            { configMapRef: { name: 'web-env' } },
            { prefix: 'S_', secretRef: { name: 'web-secrets', optional: true } },
          ],
          env: ENV,
          volumeMounts: [
            { name: 'data', mountPath: '/data', subPath: 'web' },
            { name: 'config', mountPath: '/etc/config', readOnly: true },
            SERVICE_ACCOUNT_MOUNT,
          ],
          securityContext: { seccompProfile: { type: 'RuntimeDefault' }, runAsUser: 1000 },
        },
      ],
      volumes: [
        { name: 'data', emptyDir: { sizeLimit: '1Gi' } },
        {
          name: 'config',
          configMap: { name: 'web-config', items: [{ key: 'a', path: 'a' }], defaultMode: 420 },
        },
        { name: 'tls', secret: { secretName: 'web-tls', optional: true, defaultMode: 256 } },
        { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
        { name: 'claim', persistentVolumeClaim: { claimName: 'web-data', readOnly: true } },
        {
          name: 'podinfo',
          downwardAPI: {
            items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }],
          },
        },
        {
          name: 'csi',
          csi: {
            driver: 'secrets-store.csi.k8s.io',
            readOnly: true,
            volumeAttributes: { secretProviderClass: 'web' },
          },
        },
        SERVICE_ACCOUNT_VOLUME,
      ],
    },
    status: { phase: 'Pending', qosClass: 'Burstable' },
  });
  const node = { spec: { nodeName: 'node-a' } };
  const scheduled = { type: 'PodScheduled', status: 'True', lastTransitionTime: ago(now, 598) };
  const started = {
    hostIP: '10.0.1.23',
    hostIPs: [{ ip: '10.0.1.23' }],
    podIP: '10.1.0.45',
    podIPs: [{ ip: '10.1.0.45' }, { ip: 'fd00::45' }],
    startTime: ago(now, 597),
  };
  const initStatuses = [
    containerStatus('migrate', {
      state: {
        terminated: { exitCode: 0, reason: 'Completed', startedAt: ago(now, 590), finishedAt: ago(now, 585) },
      },
      ready: true,
    }),
    containerStatus('proxy', {
      state: { running: { startedAt: ago(now, 584) } },
      ready: true,
      started: true,
    }),
  ];
  const app = (ready: boolean) =>
    containerStatus('app', {
      state: { running: { startedAt: ago(now, 580) } },
      ready,
      started: ready,
      restartCount: 0,
    });
  const conditions = (ready: string) => [
    { type: 'example.com/lb-ready', status: ready },
    { type: 'Initialized', status: 'True' },
    { type: 'Ready', status: ready },
    { type: 'ContainersReady', status: ready },
    scheduled,
  ];
  const pods = versions(now, base, [
    [600, {}],
    [598, { ...node, status: { conditions: [scheduled] } }],
    [
      597,
      {
        status: {
          ...started,
          initContainerStatuses: [
            containerStatus('migrate', { state: { waiting: { reason: 'PodInitializing' } } }),
          ],
        },
      },
    ],
    [
      580,
      {
        status: {
          phase: 'Running',
          conditions: conditions('False'),
          initContainerStatuses: initStatuses,
          containerStatuses: [app(false)],
        },
      },
    ],
    [560, { status: { conditions: conditions('True'), containerStatuses: [app(true)] } }],
  ]);
  const about = base;
  const events = [
    eventVersion(now, about, '0001', 1, 598, {
      type: 'Normal',
      reason: 'Scheduled',
      message: 'Successfully assigned golden/rich-web-7d4f9c-x2k8p to node-a',
      eventTime: microAgo(now, 598),
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-x',
      source: {},
    }),
    ...[1, 2, 3, 4].map((n) =>
      repeated(now, about, '0002', 10 + n, 590, 590 - 100 * (n - 1), n, {
        type: 'Normal',
        reason: 'Pulled',
        message: 'Container image "rich-web:2.1" already present on machine',
        involvedObject: {
          ...(about as { metadata: Json }).metadata,
          kind: 'Pod',
          apiVersion: 'v1',
          fieldPath: 'spec.containers{app}',
        },
      }),
    ),
    ...[1, 5, 12].map((n, i) =>
      repeated(now, about, '0003', 20 + i, 570, 570 - 40 * n, n, {
        type: 'Warning',
        reason: 'Unhealthy',
        message: 'Readiness probe failed: HTTP probe failed with statuscode: 500  ',
      }),
    ),
  ];
  return { pods, events: fixInvolved(events, about) };
}

/** Events built with `involvedObject` overrides keep the pod's identity (name, namespace, uid). */
function fixInvolved(events: EventVersion[], about: Json): EventVersion[] {
  const metadata = about.metadata as { name: string; namespace: string; uid: string };
  return events.map((v) => {
    const involved = (v.event.involvedObject ?? {}) as Json;
    return {
      ...v,
      event: {
        ...v.event,
        involvedObject: {
          kind: 'Pod',
          apiVersion: 'v1',
          namespace: metadata.namespace,
          name: metadata.name,
          uid: metadata.uid,
          ...(typeof involved.fieldPath === 'string' ? { fieldPath: involved.fieldPath } : {}),
        },
      },
    };
  });
}

const LONG = `The node was low on resource: memory. Threshold quantity: 100Mi, available: 80Mi. ${'Container cache was using 1900Mi, request is 512Mi, has larger consumption of memory. '.repeat(4)}`;

/** Evicted: Failed with a reason and a message longer than the observation keeps, then deleted. */
function evictedLife(now: number): RecordedLife {
  const base = pod('evicted-cache', {
    metadata: { creationTimestamp: ago(now, 3600) },
    spec: {
      nodeName: 'node-b',
      containers: [{ name: 'cache', image: 'redis:7.4.1', resources: { requests: { memory: '512Mi' } } }],
    },
    status: {
      phase: 'Running',
      hostIP: '10.0.2.2',
      podIP: '10.1.2.3',
      podIPs: [{ ip: '10.1.2.3' }],
      startTime: ago(now, 3590),
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [
        containerStatus('cache', { state: { running: { startedAt: ago(now, 3580) } }, ready: true }),
      ],
    },
  });
  const pods = versions(now, base, [
    [3590, {}],
    [
      600,
      {
        status: {
          phase: 'Failed',
          reason: 'Evicted',
          message: LONG,
          conditions: [
            { type: 'Ready', status: 'False' },
            { type: 'DisruptionTarget', status: 'True' },
          ],
          containerStatuses: [
            containerStatus('cache', {
              state: {
                terminated: { exitCode: 137, reason: 'Error', message: `killed: ${'x'.repeat(400)}` },
              },
              lastState: {},
            }),
          ],
        },
      },
    ],
    [300, { metadata: { deletionTimestamp: ago(now, 300), deletionGracePeriodSeconds: 0 } }],
    [299, {}, 'DELETED'],
  ]);
  const events = [
    eventVersion(now, base, '0001', 1, 600, {
      type: 'Warning',
      reason: 'Evicted',
      message: LONG,
      ...KUBELET,
      firstTimestamp: ago(now, 600),
      lastTimestamp: ago(now, 600),
      count: 1,
    }),
  ];
  return { pods, events };
}

/** Deleted with a 30 s grace period 10 s ago: still terminating (deadline in the future). */
function terminatingLife(now: number): RecordedLife {
  const base = pod('terminating-web', {
    metadata: { creationTimestamp: ago(now, 900) },
    spec: { nodeName: 'node-a', terminationGracePeriodSeconds: 30 },
    status: {
      phase: 'Running',
      podIP: '10.1.0.9',
      podIPs: [{ ip: '10.1.0.9' }],
      startTime: ago(now, 899),
      containerStatuses: [
        containerStatus('app', { state: { running: { startedAt: ago(now, 890) } }, ready: true }),
      ],
    },
  });
  const deadline = new Date(now + 20_000 - 50).toISOString();
  const pods = versions(now, base, [
    [900, {}],
    [10, { metadata: { deletionTimestamp: deadline, deletionGracePeriodSeconds: 30 } }],
    [
      5,
      {
        status: {
          containerStatuses: [
            containerStatus('app', { state: { running: { startedAt: ago(now, 890) } }, ready: false }),
          ],
        },
      },
    ],
  ]);
  const events = [
    eventVersion(now, base, '0001', 1, 10, {
      type: 'Normal',
      reason: 'Killing',
      message: 'Stopping container app',
      ...KUBELET,
      firstTimestamp: ago(now, 10),
      lastTimestamp: ago(now, 10),
      count: 1,
    }),
  ];
  return { pods, events };
}

/** Crash-looping: restarts every 100 s from 1000 s before `end`; BackOff and Started repeat. */
function crashingLife(end: number): RecordedLife {
  const base = pod('crash-0', {
    metadata: { creationTimestamp: ago(end, 1000) },
    spec: {
      nodeName: 'node-b',
      containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'echo boom; exit 1'] }],
    },
    status: { phase: 'Running', hostIP: '10.0.2.2', podIP: '10.1.2.3', startTime: ago(end, 995) },
  });
  const steps: [number, Json][] = [[1000, {}]];
  const events: EventVersion[] = [];
  for (let restart = 0; restart < 9; restart++) {
    const t = 990 - restart * 100;
    const last =
      restart === 0
        ? {}
        : {
            terminated: {
              exitCode: 1,
              reason: 'Error',
              message: 'boom',
              startedAt: ago(end, t + 100),
              finishedAt: ago(end, t + 99),
            },
          };
    steps.push([
      t,
      {
        status: {
          containerStatuses: [
            containerStatus('app', {
              state: { running: { startedAt: ago(end, t) } },
              lastState: last,
              restartCount: restart,
            }),
          ],
        },
      },
    ]);
    steps.push([
      t - 1,
      {
        status: {
          containerStatuses: [
            containerStatus('app', {
              state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off' } },
              lastState: {
                terminated: {
                  exitCode: 1,
                  reason: 'Error',
                  message: 'boom',
                  startedAt: ago(end, t),
                  finishedAt: ago(end, t - 1),
                },
              },
              restartCount: restart,
            }),
          ],
        },
      },
    ]);
    events.push(
      repeated(end, base, '0001', 100 + restart, 990, t, restart + 1, {
        type: 'Normal',
        reason: 'Started',
        message: 'Container started',
      }),
    );
    events.push(
      repeated(end, base, '0002', 200 + restart, 989, t - 1, restart + 1, {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container app in pod crash-0_golden(uid-crash-0)',
      }),
    );
  }
  return { pods: versions(end, base, steps), events };
}

/** More than 12 events, several in one second: kubectl's pdqsort order must survive the store. */
function manyEventsLife(now: number): RecordedLife {
  const base = pod('many-events', {
    metadata: { creationTimestamp: ago(now, 300) },
    spec: { nodeName: 'node-a' },
    status: { phase: 'Pending', qosClass: 'BestEffort' },
  });
  const events = Array.from({ length: 20 }, (_, i) =>
    repeated(
      now,
      base,
      `e${String(i).padStart(3, '0')}`,
      500 + i,
      200 - (i % 3),
      100 + (i % 3),
      1 + (i % 4),
      {
        type: i % 5 === 0 ? 'Warning' : 'Normal',
        reason: `R${String(i).padStart(2, '0')}`,
        message: `event ${i}`,
      },
    ),
  );
  return { pods: versions(now, base, [[300, {}]]), events };
}

/**
 * A simulator scenario that ends `endsBefore` seconds before `now`. The simulator stamps whole
 * seconds, so relative ages of its timestamps are only exact to the second: scenarios that print
 * one (Terminating) end long enough ago for it to print in minutes.
 */
function scenario(make: () => PodScript, endsBefore = 1): (now: number) => RecordedLife {
  return (now) => {
    const script = make();
    return { pods: simulatedLife(script, before(now, endsBefore) - scriptDurationMs([script])) };
  };
}

const CASES: RecordedCase[] = [
  {
    rule: 'a pod with every section: env of every kind, probes of each kind, volumes, tolerations, events with counts',
    life: richLife,
  },
  {
    rule: 'absolute times print in the local zone ($TZ)',
    life: (now) => renamed(richLife(now), 'rich-web-7d4f9c-x2k8p', 'rich-tz-7d4f9c-x2k8p'),
    timeZone: 'Europe/Paris',
  },
  {
    rule: 'evicted and deleted: Failed, its reason and full message, the terminated message beyond 256 characters',
    life: evictedLife,
  },
  { rule: 'terminating during its grace period', life: terminatingLife },
  { rule: 'more than 12 events with equal timestamps keep kubectl’s order', life: manyEventsLife },
  {
    rule: 'the simulator’s crash-looping pod',
    life: scenario(() => crashLoopPod({ random: seededRandom(1), namespace: NAMESPACE })),
  },
  {
    rule: 'the simulator’s pod with a sidecar',
    life: scenario(() => sidecarPod({ random: seededRandom(2), namespace: NAMESPACE })),
  },
  {
    rule: 'the simulator’s pod with init containers',
    life: scenario(() => initContainersPod({ random: seededRandom(3), namespace: NAMESPACE })),
  },
  {
    rule: 'the simulator’s evicted pod',
    life: scenario(() => evictedPod({ random: seededRandom(4), namespace: NAMESPACE })),
  },
  {
    rule: 'the simulator’s OOM-killed pod',
    life: scenario(() => oomKilledPod({ random: seededRandom(6), namespace: NAMESPACE })),
  },
  {
    rule: 'the simulator’s deleted pod, described as it went',
    life: scenario(() => deletedPod({ random: seededRandom(7), namespace: NAMESPACE })),
  },
  {
    rule: 'the simulator’s pod on a lost node',
    // The simulator stamps whole seconds, so a seconds-precise age (`Terminating (lasts 36s)`)
    // could tick between our moment and kubectl's: ended 45.5 min ago, it prints "46m" on both.
    life: scenario(() => nodeLostPod({ random: seededRandom(8), namespace: NAMESPACE }), 2730),
  },
  {
    rule: 'the simulator’s completed Job pod',
    life: scenario(() => completedJobPod({ random: seededRandom(9), namespace: NAMESPACE })),
  },
  {
    rule: 'the seed’s bad-image pod from the simulator',
    life: scenario(() => badImagePod({ random: seededRandom(5), namespace: NAMESPACE })),
  },
  // One life described at three moments: early (2 starts), midway (5), at its end (9).
  {
    rule: 'a crash loop described 800 s before its end: 2 restarts so far, its events counted then',
    life: (now) => renamed(crashingLife(now + 800_000), 'crash-0', 'crash-early'),
  },
  {
    rule: 'the same crash loop 500 s before its end',
    life: (now) => renamed(crashingLife(now + 500_000), 'crash-0', 'crash-mid'),
  },
  {
    rule: 'the same crash loop at its end',
    life: (now) => renamed(crashingLife(now), 'crash-0', 'crash-end'),
  },
];

/** The same life under another name (each case records its own pod). */
function renamed(life: RecordedLife, from: string, to: string): RecordedLife {
  return JSON.parse(JSON.stringify(life).replaceAll(from, to)) as RecordedLife;
}

describeRecordedCases('podtrail describe --at, recorded through the ingest, against kubectl v1.35.2', CASES);
