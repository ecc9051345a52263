import type { ContainerSpec, OwnerReference, SimPod } from './pod-types.js';
import { hexString, nameSuffix, type Random, randomUid } from './random.js';

/**
 * Builds pods that look like what a real API server serves (3–6 KB of JSON): managedFields for the
 * controller and the kubelet, env with secret references, the projected service-account volume,
 * probes, resources and the default tolerations. The agent must cope with exactly this bulk, and
 * the benchmarks' byte ratios are only meaningful against it.
 */

export interface ContainerTemplate {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  /** restartPolicy on an init container: "Always" makes it a sidecar. */
  readonly restartPolicy?: 'Always';
  readonly port?: number;
  readonly memoryLimit?: string;
}

export interface PodTemplateOptions {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly createdAt: string;
  readonly random: Random;
  readonly generateName?: string;
  readonly owner?: OwnerReference;
  readonly labels?: Readonly<Record<string, string>>;
  readonly containers: readonly ContainerTemplate[];
  readonly initContainers?: readonly ContainerTemplate[];
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  readonly serviceAccountName?: string;
}

export function buildPod(options: PodTemplateOptions): SimPod {
  const random = options.random;
  const apiAccess = `kube-api-access-${nameSuffix(random)}`;
  const spec = {
    volumes: [apiAccessVolume(apiAccess)],
    ...(options.initContainers === undefined || options.initContainers.length === 0
      ? {}
      : { initContainers: options.initContainers.map((c) => containerSpec(c, apiAccess, false)) }),
    containers: options.containers.map((c) => containerSpec(c, apiAccess, true)),
    restartPolicy: options.restartPolicy ?? 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    serviceAccountName: options.serviceAccountName ?? 'default',
    serviceAccount: options.serviceAccountName ?? 'default',
    securityContext: { runAsNonRoot: true, fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' } },
    schedulerName: 'default-scheduler',
    tolerations: DEFAULT_TOLERATIONS.map((t) => ({ ...t })),
    priority: 0,
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
  };
  const metadata = {
    name: options.name,
    ...(options.generateName === undefined ? {} : { generateName: options.generateName }),
    namespace: options.namespace,
    uid: options.uid,
    creationTimestamp: options.createdAt,
    labels: { ...(options.labels ?? {}) },
    annotations: {
      'prometheus.io/scrape': 'true',
      'checksum/config': hexString(random, 64),
    },
    ...(options.owner === undefined ? {} : { ownerReferences: [options.owner] }),
  };
  const managedFields = [
    {
      manager: options.owner === undefined ? 'kubectl-create' : 'kube-controller-manager',
      operation: 'Update',
      apiVersion: 'v1',
      time: options.createdAt,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:metadata': fieldsV1(withoutIdentity(metadata)), 'f:spec': fieldsV1(spec) },
    },
    {
      manager: 'kubelet',
      operation: 'Update',
      apiVersion: 'v1',
      time: options.createdAt,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:status': KUBELET_STATUS_FIELDS },
      subresource: 'status',
    },
  ];
  return {
    metadata: { ...metadata, managedFields },
    spec,
    status: { phase: 'Pending', qosClass: 'Burstable' },
  };
}

function containerSpec(template: ContainerTemplate, apiAccess: string, regular: boolean): ContainerSpec {
  const port = template.port ?? 8080;
  return {
    name: template.name,
    image: template.image,
    ...(template.command === undefined ? {} : { command: [...template.command] }),
    ...(regular ? { ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }] } : {}),
    env: [
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'url' } } },
      { name: 'API_TOKEN', value: 'not-a-real-secret-but-never-forward-env-values' },
    ],
    resources: {
      limits: { memory: template.memoryLimit ?? '256Mi' },
      requests: { cpu: '100m', memory: '128Mi' },
    },
    ...(regular
      ? {
          readinessProbe: {
            httpGet: { path: '/ready', port, scheme: 'HTTP' },
            timeoutSeconds: 1,
            periodSeconds: 10,
            successThreshold: 1,
            failureThreshold: 3,
          },
        }
      : {}),
    volumeMounts: [
      { name: apiAccess, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' },
    ],
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    imagePullPolicy: 'IfNotPresent',
    ...(template.restartPolicy === undefined ? {} : { restartPolicy: template.restartPolicy }),
  };
}

function withoutIdentity(metadata: Record<string, unknown>): Record<string, unknown> {
  const { name: _n, namespace: _ns, uid: _u, creationTimestamp: _c, ...rest } = metadata;
  return rest;
}

/**
 * Server-side apply's FieldsV1 set for an object: `f:` for fields, `k:{…}` for keyed list items,
 * cut off below `depth` levels to keep the pods at the 3–6 KB real ones weigh.
 */
function fieldsV1(value: unknown, depth = 3): Record<string, unknown> {
  if (depth === 0) return {};
  if (Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const item of value) {
      if (typeof item === 'object' && item !== null && 'name' in item) {
        out[`k:{"name":"${String((item as { name: unknown }).name)}"}`] = {
          '.': {},
          ...fieldsV1(item, depth - 1),
        };
      }
    }
    return out;
  }
  if (typeof value !== 'object' || value === null) return {};
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) out[`f:${key}`] = fieldsV1(child, depth - 1);
  return out;
}

/** What the DefaultTolerationSeconds admission plugin adds to every pod. */
export const DEFAULT_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

/** The projected service-account volume the ServiceAccount admission plugin adds to every pod. */
export function apiAccessVolume(name: string) {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
          },
        },
      ],
      defaultMode: 420,
    },
  };
}

/**
 * The pod-spec fields filled with defaults that the creating controller owns in managedFields
 * (beside its containers), shared by the benchmarks' dressed pods.
 */
export const CONTROLLER_SPEC_DEFAULT_FIELDS = {
  'f:dnsPolicy': {},
  'f:enableServiceLinks': {},
  'f:restartPolicy': {},
  'f:schedulerName': {},
  'f:securityContext': {},
  'f:terminationGracePeriodSeconds': {},
};

/**
 * The kubelet's status field set in managedFields (Kubernetes 1.29+), shared by the simulator and the
 * benchmarks so that every synthetic pod is dressed the same way.
 */
export const KUBELET_STATUS_FIELDS = {
  'f:conditions': {
    'k:{"type":"ContainersReady"}': {
      '.': {},
      'f:lastProbeTime': {},
      'f:lastTransitionTime': {},
      'f:status': {},
      'f:type': {},
    },
    'k:{"type":"Initialized"}': {
      '.': {},
      'f:lastProbeTime': {},
      'f:lastTransitionTime': {},
      'f:status': {},
      'f:type': {},
    },
    'k:{"type":"PodReadyToStartContainers"}': {
      '.': {},
      'f:lastProbeTime': {},
      'f:lastTransitionTime': {},
      'f:status': {},
      'f:type': {},
    },
    'k:{"type":"Ready"}': {
      '.': {},
      'f:lastProbeTime': {},
      'f:lastTransitionTime': {},
      'f:status': {},
      'f:type': {},
    },
  },
  'f:containerStatuses': {},
  'f:hostIP': {},
  'f:hostIPs': {},
  'f:phase': {},
  'f:podIP': {},
  'f:podIPs': { '.': {}, 'k:{"ip":"10.0.0.1"}': { '.': {}, 'f:ip': {} } },
  'f:startTime': {},
};

/** Owner references as the controllers set them. */
export function controllerRef(
  kind: string,
  name: string,
  random: Random,
  apiVersion = 'apps/v1',
): OwnerReference {
  return { apiVersion, kind, name, uid: randomUid(random), controller: true, blockOwnerDeletion: true };
}
