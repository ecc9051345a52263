import {
  apiAccessVolume,
  CONTROLLER_SPEC_DEFAULT_FIELDS,
  DEFAULT_TOLERATIONS,
  KUBELET_STATUS_FIELDS,
} from '../simulator/pod-template.js';

/**
 * What bench/ingest-trace.ts adds to each pod so it is sized as the API serves it (3–6 KB):
 * managedFields, env, probes, volumes, tolerations, status extras — none of which the ingest reads.
 */
type Json = Record<string, unknown>;

export /** The parts of a served pod the ingest never reads: managedFields, spec details, status extras. */
function dress(pod: Json, resourceVersion: string, random: () => number): Json {
  const metadata = pod.metadata as Json;
  const spec = pod.spec as { containers: Json[]; nodeName?: string };
  const status = pod.status as Json & { containerStatuses?: Json[] };
  const managed = (manager: string, operation: string, fields: Json) => ({
    manager,
    operation,
    apiVersion: 'v1',
    time: metadata.creationTimestamp,
    fieldsType: 'FieldsV1',
    fieldsV1: fields,
    ...(operation === 'Update' && manager === 'kubelet' ? { subresource: 'status' } : {}),
  });
  const containerFields = Object.fromEntries(
    spec.containers.map((c) => [
      `k:{"name":"${String(c.name)}"}`,
      {
        '.': {},
        'f:env': { '.': {}, 'k:{"name":"LOG_LEVEL"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
        'f:image': {},
        'f:imagePullPolicy': {},
        'f:name': {},
        'f:ports': {},
        'f:readinessProbe': {},
        'f:resources': { '.': {}, 'f:limits': {}, 'f:requests': {} },
        'f:terminationMessagePath': {},
        'f:volumeMounts': {},
      },
    ]),
  );
  return {
    ...pod,
    metadata: {
      ...metadata,
      resourceVersion,
      generateName: `${String(metadata.name).split('-').slice(0, -1).join('-')}-`,
      annotations: {
        'kubectl.kubernetes.io/restartedAt': '2026-11-20T08:00:00Z',
        ...(metadata.annotations as Json | undefined),
      },
      managedFields: [
        managed('kube-controller-manager', 'Update', {
          'f:metadata': {
            'f:generateName': {},
            'f:labels': { '.': {}, 'f:app': {}, 'f:pod-template-hash': {} },
            'f:ownerReferences': { '.': {} },
          },
          'f:spec': {
            'f:containers': containerFields,
            ...CONTROLLER_SPEC_DEFAULT_FIELDS,
          },
        }),
        managed('kubelet', 'Update', {
          'f:status': KUBELET_STATUS_FIELDS,
        }),
      ],
    },
    spec: {
      ...spec,
      containers: spec.containers.map((c) => ({
        ...c,
        // A pod's spec is the same in every version the API serves (and its describe card is kept
        // once): the env count follows the pod. One draw per container as before, so the seeded
        // trace is otherwise unchanged.
        env: Array.from(
          { length: 6 + ((keepDraw(random) + stableHash(`${String(metadata.uid)}/${String(c.name)}`)) % 8) },
          (_, i) => ({
            name: `SETTING_${i}`,
            value: `value-${i}-${'x'.repeat(8)}`,
          }),
        ),
        ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
        resources: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '100m', memory: '256Mi' } },
        readinessProbe: {
          httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
          periodSeconds: 10,
          timeoutSeconds: 1,
          successThreshold: 1,
          failureThreshold: 3,
        },
        volumeMounts: [
          {
            name: 'kube-api-access-x7k2p',
            mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
            readOnly: true,
          },
        ],
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        imagePullPolicy: 'IfNotPresent',
      })),
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      securityContext: {},
      schedulerName: 'default-scheduler',
      tolerations: DEFAULT_TOLERATIONS.map((t) => ({ ...t })),
      volumes: [apiAccessVolume('kube-api-access-x7k2p')],
    },
    status: {
      ...status,
      qosClass: 'Burstable',
      ...(spec.nodeName === undefined
        ? {}
        : { hostIP: '10.0.1.23', hostIPs: [{ ip: '10.0.1.23' }], startTime: metadata.creationTimestamp }),
      ...(status.containerStatuses === undefined
        ? {}
        : {
            containerStatuses: status.containerStatuses.map((c) => ({
              ...c,
              imageID: 'registry.example/app@sha256:9f2c0d…',
              // A new container ID for every run of the container, as the runtime assigns them.
              containerID: `containerd://${stableHash(
                `${String(metadata.uid)}/${String(c.name)}/${String(c.restartCount)}`,
              )
                .toString(16)
                .padStart(8, '0')}4b1e…`,
            })),
          }),
    },
  };
}

/** Takes one draw from the seeded stream and adds nothing (the trace's later draws stay where they were). */
function keepDraw(random: () => number): number {
  random();
  return 0;
}

/** FNV-1a 32-bit: a stable per-pod choice. */
function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
