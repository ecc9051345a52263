import {
  CONTROLLER_SPEC_DEFAULT_FIELDS,
  DEFAULT_TOLERATIONS,
  KUBELET_STATUS_FIELDS,
} from '../simulator/pod-template.js';
import { seededRandom } from '../simulator/random.js';

/**
 * A seeded, reproducible mix of v1 Pods as the API serves them (`kubectl get pods -o json`, with
 * managedFields): mostly healthy Deployments, plus crash loops, image-pull failures, unschedulable
 * and scheduling-gated pods, init containers, sidecars, terminating pods, completed and failed Jobs,
 * evictions and lost nodes. Serialised, a pod is 3–6 KB.
 *
 * Sub-trees the status printer never reads (managedFields' fieldsV1, env, volumes, tolerations) are
 * shared between pods to keep 100,000 pods at a few hundred MB of heap.
 */

type Json = Record<string, unknown>;

const SCENARIOS = [
  ['running', 52],
  ['running-restarted', 8],
  ['crash-loop', 6],
  ['image-pull', 4],
  ['container-creating', 2],
  ['unschedulable', 2],
  ['scheduling-gated', 1],
  ['init-in-progress', 4],
  ['sidecar', 6],
  ['terminating', 3],
  ['completed', 7],
  ['failed', 2],
  ['evicted', 2],
  ['node-lost', 1],
] as const;
export type Scenario = (typeof SCENARIOS)[number][0];

const TOTAL_WEIGHT = SCENARIOS.reduce((sum, [, w]) => sum + w, 0);

const SHARED_FIELDS_V1 = Object.freeze({
  'f:metadata': { 'f:generateName': {}, 'f:labels': { '.': {}, 'f:app': {}, 'f:pod-template-hash': {} } },
  'f:spec': {
    'f:containers': {
      'k:{"name":"app"}': {
        '.': {},
        'f:env': { '.': {}, 'k:{"name":"LOG_LEVEL"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
        'f:image': {},
        'f:imagePullPolicy': {},
        'f:name': {},
        'f:ports': {
          '.': {},
          'k:{"containerPort":8080,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} },
        },
        'f:resources': { '.': {}, 'f:limits': { '.': {}, 'f:memory': {} }, 'f:requests': { '.': {} } },
        'f:terminationMessagePath': {},
        'f:terminationMessagePolicy': {},
      },
    },
    ...CONTROLLER_SPEC_DEFAULT_FIELDS,
  },
});
const SHARED_STATUS_FIELDS_V1 = Object.freeze({
  'f:status': KUBELET_STATUS_FIELDS,
});
const SHARED_ENV = Object.freeze([
  { name: 'LOG_LEVEL', value: 'info' },
  { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
  { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
]);
const SHARED_VOLUMES = Object.freeze([
  {
    name: 'kube-api-access',
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
      ],
    },
  },
]);

export interface PodMix {
  readonly pods: readonly Json[];
  readonly now: number;
  readonly counts: Readonly<Record<string, number>>;
}

/** `count` pods from `seed`, all observed at `now` (ms since the epoch). */
export function generatePodMix(count: number, seed: number, now: number): PodMix {
  const random = seededRandom(seed);
  const pods: Json[] = [];
  const counts: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const scenario = pickScenario(random());
    counts[scenario] = (counts[scenario] ?? 0) + 1;
    pods.push(buildPod(i, scenario, random, now));
  }
  return { pods, now, counts };
}

function pickScenario(r: number): Scenario {
  let acc = 0;
  for (const [name, weight] of SCENARIOS) {
    acc += weight / TOTAL_WEIGHT;
    if (r < acc) return name;
  }
  return 'running';
}

function iso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

function buildPod(i: number, scenario: Scenario, random: () => number, now: number): Json {
  const int = (n: number) => Math.floor(random() * n);
  const ageS = 30 + int(90 * 24 * 3600);
  const created = now - ageS * 1000;
  const app = `svc-${int(400)}`;
  const hash = (int(0xffffff) + 0x1000000).toString(16).slice(1, 10);
  const name = `${app}-${hash}-${(int(0xfffff) + 0x100000).toString(36).slice(0, 5)}`;
  const node = `ip-10-0-${int(64)}-${int(250)}.eu-west-1.compute.internal`;
  const ip = `10.${int(255)}.${int(255)}.${int(255)}`;
  const containerCount = 1 + (random() < 0.25 ? 1 + int(2) : 0);
  const containers = Array.from({ length: containerCount }, (_, c) =>
    specContainer(c === 0 ? 'app' : `aux-${c}`),
  );
  const when = (s: number) => iso(now - Math.min(ageS, s) * 1000);
  const running = (c: number, ready: boolean, restarts = 0, lastState: Json = {}) =>
    containerStatus(
      c === 0 ? 'app' : `aux-${c}`,
      { running: { startedAt: when(ageS / 2) } },
      ready,
      restarts,
      lastState,
    );

  let phase = 'Running';
  let reason: string | undefined;
  let deletionTimestamp: string | undefined;
  let initContainers: Json[] = [];
  let initStatuses: Json[] = [];
  let statuses: Json[] = containers.map((_, c) => running(c, true));
  let conditions = standardConditions(created, true);
  let nodeName: string | undefined = node;
  let podIP: string | undefined = ip;

  switch (scenario) {
    case 'running':
      break;
    case 'running-restarted': {
      const last = terminated(random() < 0.5 ? 'OOMKilled' : 'Error', 137, when(int(7200)));
      statuses = containers.map((_, c) => running(c, true, c === 0 ? 1 + int(20) : 0, c === 0 ? last : {}));
      break;
    }
    case 'crash-loop': {
      const last = terminated('Error', 1, when(int(600)));
      statuses = containers.map((_, c) =>
        c === 0
          ? containerStatus(
              'app',
              {
                waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' },
              },
              false,
              5 + int(300),
              last,
            )
          : running(c, true),
      );
      conditions = standardConditions(created, false);
      break;
    }
    case 'image-pull':
      phase = 'Pending';
      statuses = containers.map((_, c) =>
        containerStatus(
          c === 0 ? 'app' : `aux-${c}`,
          { waiting: { reason: random() < 0.5 ? 'ImagePullBackOff' : 'ErrImagePull' } },
          false,
          0,
          {},
        ),
      );
      conditions = standardConditions(created, false);
      podIP = random() < 0.5 ? ip : undefined;
      break;
    case 'container-creating':
      phase = 'Pending';
      statuses = containers.map((_, c) =>
        containerStatus(
          c === 0 ? 'app' : `aux-${c}`,
          { waiting: { reason: 'ContainerCreating' } },
          false,
          0,
          {},
        ),
      );
      conditions = standardConditions(created, false);
      podIP = undefined;
      break;
    case 'unschedulable':
    case 'scheduling-gated':
      phase = 'Pending';
      statuses = [];
      nodeName = undefined;
      podIP = undefined;
      conditions = [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: scenario === 'unschedulable' ? 'Unschedulable' : 'SchedulingGated',
          message: '0/12 nodes are available: 12 Insufficient memory.',
          lastProbeTime: null,
          lastTransitionTime: iso(created),
        },
      ];
      break;
    case 'init-in-progress': {
      phase = 'Pending';
      initContainers = [specContainer('migrate'), specContainer('warm-cache')];
      const first = random() < 0.5;
      initStatuses = [
        first
          ? containerStatus('migrate', { running: { startedAt: when(20) } }, false, 0, {})
          : containerStatus(
              'migrate',
              { terminated: { exitCode: 0, reason: 'Completed', finishedAt: when(30) } },
              false,
              0,
              {},
            ),
        first
          ? containerStatus('warm-cache', { waiting: { reason: 'PodInitializing' } }, false, 0, {})
          : containerStatus(
              'warm-cache',
              { waiting: { reason: 'CrashLoopBackOff' } },
              false,
              3,
              terminated('Error', 2, when(40)),
            ),
      ];
      statuses = containers.map((_, c) =>
        containerStatus(
          c === 0 ? 'app' : `aux-${c}`,
          { waiting: { reason: 'PodInitializing' } },
          false,
          0,
          {},
        ),
      );
      conditions = standardConditions(created, false, false);
      break;
    }
    case 'sidecar':
      initContainers = [{ ...specContainer('istio-proxy'), restartPolicy: 'Always' }];
      initStatuses = [
        {
          ...containerStatus('istio-proxy', { running: { startedAt: when(ageS) } }, true, int(2), {}),
          started: true,
        },
      ];
      break;
    case 'terminating':
      deletionTimestamp = iso(now + 30_000 - int(60) * 1000);
      break;
    case 'completed':
      phase = 'Succeeded';
      statuses = containers.map((_, c) =>
        containerStatus(
          c === 0 ? 'app' : `aux-${c}`,
          { terminated: { exitCode: 0, reason: 'Completed', finishedAt: when(60) } },
          false,
          0,
          {},
        ),
      );
      conditions = standardConditions(created, false);
      break;
    case 'failed':
      phase = 'Failed';
      statuses = containers.map((_, c) =>
        containerStatus(
          c === 0 ? 'app' : `aux-${c}`,
          { terminated: { exitCode: 2, reason: 'Error', finishedAt: when(60) } },
          false,
          0,
          {},
        ),
      );
      conditions = standardConditions(created, false);
      break;
    case 'evicted':
      phase = 'Failed';
      reason = 'Evicted';
      statuses = containers.map((_, c) =>
        containerStatus(
          c === 0 ? 'app' : `aux-${c}`,
          { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', finishedAt: null } },
          false,
          0,
          {},
        ),
      );
      conditions = standardConditions(created, false);
      break;
    case 'node-lost':
      reason = 'NodeLost';
      deletionTimestamp = iso(now - int(600) * 1000);
      break;
  }

  const status: Json = {
    phase,
    conditions,
    hostIP: `10.0.${int(64)}.${int(250)}`,
    startTime: iso(created + 1000),
  };
  if (reason !== undefined) {
    status.reason = reason;
    status.message = 'The node was low on resource: memory. Threshold quantity: 100Mi, available: 91Mi.';
  }
  if (podIP !== undefined) {
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
  }
  if (initStatuses.length > 0) status.initContainerStatuses = initStatuses;
  if (statuses.length > 0) status.containerStatuses = statuses;
  status.qosClass = 'Burstable';

  const metadata: Json = {
    name,
    generateName: `${app}-${hash}-`,
    namespace: `team-${int(30)}`,
    uid: uid(random),
    resourceVersion: String(1_000_000 + i),
    creationTimestamp: iso(created),
    labels: { app, 'pod-template-hash': hash, 'app.kubernetes.io/part-of': 'shop' },
    annotations: { 'kubectl.kubernetes.io/restartedAt': iso(created - 3_600_000) },
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: `${app}-${hash}`,
        uid: uid(random),
        controller: true,
        blockOwnerDeletion: true,
      },
    ],
    managedFields: [
      {
        apiVersion: 'v1',
        fieldsType: 'FieldsV1',
        fieldsV1: SHARED_FIELDS_V1,
        manager: 'kube-controller-manager',
        operation: 'Update',
        time: iso(created),
      },
      {
        apiVersion: 'v1',
        fieldsType: 'FieldsV1',
        fieldsV1: SHARED_STATUS_FIELDS_V1,
        manager: 'kubelet',
        operation: 'Update',
        subresource: 'status',
        time: iso(created + 5000),
      },
    ],
  };
  if (deletionTimestamp !== undefined) {
    metadata.deletionTimestamp = deletionTimestamp;
    metadata.deletionGracePeriodSeconds = 30;
  }

  const spec: Json = {
    containers,
    dnsPolicy: 'ClusterFirst',
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    restartPolicy: scenario === 'completed' || scenario === 'failed' ? 'Never' : 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    serviceAccountName: 'default',
    terminationGracePeriodSeconds: 30,
    tolerations: DEFAULT_TOLERATIONS,
    volumes: SHARED_VOLUMES,
  };
  if (initContainers.length > 0) spec.initContainers = initContainers;
  if (nodeName !== undefined) spec.nodeName = nodeName;
  if (scenario === 'scheduling-gated') spec.schedulingGates = [{ name: 'example.com/quota' }];

  return { apiVersion: 'v1', kind: 'Pod', metadata, spec, status };
}

function specContainer(name: string): Json {
  return {
    name,
    image: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/${name}:1.42.7`,
    imagePullPolicy: 'IfNotPresent',
    env: SHARED_ENV,
    ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
    resources: { limits: { memory: '512Mi' }, requests: { cpu: '250m', memory: '256Mi' } },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    volumeMounts: [
      { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: 'kube-api-access', readOnly: true },
    ],
  };
}

function containerStatus(
  name: string,
  state: Json,
  ready: boolean,
  restartCount: number,
  lastState: Json,
): Json {
  return {
    containerID: `containerd://${name.length.toString(16).padStart(64, 'a')}`,
    image: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/${name}:1.42.7`,
    imageID: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/${name}@sha256:${'0'.repeat(64)}`,
    lastState,
    name,
    ready,
    restartCount,
    started: state.running !== undefined,
    state,
  };
}

function terminated(reason: string, exitCode: number, finishedAt: string): Json {
  return {
    terminated: {
      containerID: `containerd://${'b'.repeat(64)}`,
      exitCode,
      finishedAt,
      reason,
      startedAt: finishedAt,
    },
  };
}

function standardConditions(created: number, ready: boolean, initialized = true): Json[] {
  const at = iso(created + 4000);
  const condition = (type: string, status: boolean) => ({
    lastProbeTime: null,
    lastTransitionTime: at,
    status: status ? 'True' : 'False',
    type,
  });
  return [
    condition('PodReadyToStartContainers', true),
    condition('Initialized', initialized),
    condition('Ready', ready),
    condition('ContainersReady', ready),
    condition('PodScheduled', true),
  ];
}

function uid(random: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}
