import type { SimEvent } from '../../simulator/index.js';

/**
 * Small builders for describe golden cases: v1 Pods and core/v1 Events as plain JSON, as the API
 * server serves them. Absolute times are fixed (they print the same whenever the test runs);
 * relative ones come from `ago` / `microAgo` in kubectl-describe.ts.
 */

export const NAMESPACE = 'golden';

type Json = Record<string, unknown>;

export interface PodParts {
  readonly metadata?: Json;
  readonly spec?: Json;
  readonly status?: Json;
}

/** A pod with one `app` container, Running, merged section by section with `parts`. */
export function pod(name: string, parts: PodParts = {}): Json {
  return {
    metadata: {
      name,
      namespace: NAMESPACE,
      uid: `uid-${name}`,
      creationTimestamp: '2026-03-01T10:00:00Z',
      ...parts.metadata,
    },
    spec: { containers: [{ name: 'app', image: 'nginx:1.27' }], ...parts.spec },
    status: { phase: 'Running', ...parts.status },
  };
}

/** A core/v1 Event about `about` (a pod from `pod`), named `{pod}.{suffix}`. */
export function podEvent(about: Json, suffix: string, fields: Json): SimEvent {
  const metadata = about.metadata as { name: string; namespace: string; uid: string };
  const { involvedObject, ...rest } = fields as { involvedObject?: Json };
  return {
    metadata: { name: `${metadata.name}.${suffix}`, namespace: metadata.namespace },
    involvedObject: {
      kind: 'Pod',
      namespace: metadata.namespace,
      name: metadata.name,
      uid: metadata.uid,
      apiVersion: 'v1',
      ...involvedObject,
    },
    ...rest,
  };
}

export const KUBELET = { source: { component: 'kubelet', host: 'node-a' }, reportingComponent: 'kubelet' };

export const SERVICE_ACCOUNT_VOLUME = {
  name: 'kube-api-access-abcde',
  projected: {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      {
        downwardAPI: {
          items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
        },
      },
    ],
  },
};

export const SERVICE_ACCOUNT_MOUNT = {
  name: 'kube-api-access-abcde',
  mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
  readOnly: true,
};

export const DEFAULT_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
];

/** A container status: ids derived from the name, not ready, no restarts, then `extra`. */
export function containerStatus(name: string, extra: Json = {}): Json {
  return {
    name,
    image: `docker.io/library/${name}:1`,
    imageID: `docker.io/library/${name}@sha256:${'ab'.repeat(8)}`,
    containerID: `containerd://${name}-0001`,
    ready: false,
    restartCount: 0,
    ...extra,
  };
}
