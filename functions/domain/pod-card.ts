import { createHash } from 'node:crypto';
import { annotationsOf, redactEnv, slimVolume } from './card-fields.js';
import { arr, isObject, type JsonObject, obj, optObj, str } from './json-access.js';
import { type ObservedPod, observePod, TEXT_LIMIT } from './observation.js';

/**
 * What `kubectl describe pod` prints beyond the observation (docs/key-schema.md, the describe card), in two
 * content-addressed parts, each shaped like the part of a v1 Pod it comes from:
 *
 * - the *card*: metadata and spec describe prints (images, ports, command, args, resources, probes,
 *   env by name, mounts, volumes, scheduling fields, labels, annotations, owners). It changes only
 *   with the spec (an in-place resize, an image update) or metadata;
 * - the *extras*: what describe prints of the status that the observation does not keep and that
 *   most pods never have: IP lists beyond the single IP (dual stack), ephemeral container
 *   statuses, messages longer than the observation's TEXT_LIMIT. (Small describe-only fields —
 *   host IP, start time, QoS class, deletion, container and image IDs — are in the observation,
 *   observation.ts `PodDetails`: kept here, each change would cost a write.)
 *
 * Nothing here carries a secret (docs/wire-format.md, Authentication): an env var keeps its name and `valueFrom`
 * reference; a literal value is replaced by the renderer's ENV_VALUE_NOT_RECORDED marker; the
 * last-applied-configuration annotation is dropped and annotation values are cut where describe
 * cuts them. Part of a pod's identity lives in the observation (name, node, phase…), so assembling
 * a pod needs both (pod-as-of.ts).
 */

/** A part and its content address: the first 48 bits of SHA-256 of its JSON, base64url. */
export interface DescribePart {
  readonly hash: string;
  readonly body: JsonObject;
}

export interface DescribeParts {
  readonly card: DescribePart;
  /** Absent when the pod has none of the extras' fields. */
  readonly extras?: DescribePart;
}

const SPEC_FIELDS = [
  'priority',
  'priorityClassName',
  'runtimeClassName',
  'serviceAccountName',
  'readinessGates',
  'nodeSelector',
  'tolerations',
  'topologySpreadConstraints',
  'overhead',
  'workloadRef',
  'schedulingGroup',
] as const;

const CONTAINER_FIELDS = [
  'name',
  'image',
  'ports',
  'command',
  'args',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'envFrom',
  'volumeDevices',
  'restartPolicy',
] as const;

/** observePod, plus the pod's describe parts and their hashes on the observation. */
export function observeDescribedPod(pod: unknown, deleted: boolean, observedAt: string): ObservedPod {
  const observed = observePod(pod, deleted, observedAt);
  const parts = describeParts(pod);
  return {
    identity: observed.identity,
    observation: {
      ...observed.observation,
      card: parts.card.hash,
      ...(parts.extras === undefined ? {} : { extras: parts.extras.hash }),
    },
    parts,
  };
}

export function describeParts(pod: unknown): DescribeParts {
  const card = describeCard(pod);
  const extras = extrasOf(pod);
  return {
    card: { hash: contentHash(card), body: card },
    ...(Object.keys(extras).length === 0 ? {} : { extras: { hash: contentHash(extras), body: extras } }),
  };
}

export function contentHash(body: JsonObject): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 8);
}

/**
 * The card's body: `{metadata, spec}` holding only what describe prints. Idempotent (the card of
 * a card is itself), so an agent may forward it in place of the full spec (agent/slim-pod.ts).
 */
export function describeCard(pod: unknown): JsonObject {
  const metadata = obj(pod, 'metadata');
  const spec = obj(pod, 'spec');
  const owners = arr(metadata, 'ownerReferences')
    .filter(isObject)
    .map((o) => pick(o, ['apiVersion', 'kind', 'name', 'uid', 'controller']));
  const annotations = annotationsOf(metadata.annotations);
  const seccomp = optObj(optObj(spec, 'securityContext'), 'seccompProfile');
  const volumes = arr(spec, 'volumes').filter(isObject).map(slimVolume);
  return compact({
    metadata: compact({
      generateName: metadata.generateName,
      labels:
        isObject(metadata.labels) && Object.keys(metadata.labels).length > 0 ? metadata.labels : undefined,
      annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
      ownerReferences: owners.length > 0 ? owners : undefined,
    }),
    spec: compact({
      ...pick(spec, SPEC_FIELDS),
      securityContext: seccomp === undefined ? undefined : { seccompProfile: seccomp },
      resources: resourcesOf(spec.resources),
      initContainers: containersOf(spec, 'initContainers'),
      containers: containersOf(spec, 'containers') ?? [],
      ephemeralContainers: containersOf(spec, 'ephemeralContainers'),
      volumes: volumes.length > 0 ? volumes : undefined,
    }),
  });
}

function containersOf(spec: JsonObject, key: string): JsonObject[] | undefined {
  const list = arr(spec, key);
  if (list.length === 0) return undefined;
  return list.map((c) => {
    const seccomp = optObj(optObj(c, 'securityContext'), 'seccompProfile');
    const env = arr(c, 'env').filter(isObject).map(redactEnv);
    const mounts = arr(c, 'volumeMounts')
      .filter(isObject)
      .map((m) => pick(m, ['name', 'mountPath', 'readOnly', 'subPath']));
    return compact({
      ...(isObject(c) ? pick(c, CONTAINER_FIELDS) : {}),
      securityContext: seccomp === undefined ? undefined : { seccompProfile: seccomp },
      resources: nonEmpty(resourcesOf(isObject(c) ? c.resources : undefined)),
      env: env.length > 0 ? env : undefined,
      volumeMounts: mounts.length > 0 ? mounts : undefined,
    });
  });
}

/** Limits and requests; present (maybe empty) when the field is: pod-level `Resources:` prints then. */
function resourcesOf(value: unknown): JsonObject | undefined {
  return isObject(value) ? compact(pick(value, ['limits', 'requests'])) : undefined;
}

function nonEmpty(value: JsonObject | undefined): JsonObject | undefined {
  return value === undefined || Object.keys(value).length === 0 ? undefined : value;
}

function extrasOf(pod: unknown): JsonObject {
  const status = obj(pod, 'status');
  const podIP = str(status, 'podIP');
  const hostIP = str(status, 'hostIP');
  const message = str(status, 'message');
  const containers = [...arr(status, 'initContainerStatuses'), ...arr(status, 'containerStatuses')].map(
    containerExtras,
  );
  while (containers.length > 0 && Object.keys(containers.at(-1) ?? {}).length === 0) containers.pop();
  const ephemeral = arr(status, 'ephemeralContainerStatuses');
  return compact({
    hostIPs: ipList(status.hostIPs, hostIP),
    podIPs: ipList(status.podIPs, podIP),
    message: message.length > TEXT_LIMIT ? message : undefined,
    containers: containers.length > 0 ? containers : undefined,
    ephemeralContainerStatuses: ephemeral.length > 0 ? ephemeral.map(slimEphemeral) : undefined,
  });
}

/** Per container status (init first, as the observation orders them): what describe prints besides it. */
function containerExtras(status: unknown): JsonObject {
  const terminated = optObj(obj(status, 'state'), 'terminated');
  const last = optObj(obj(status, 'lastState'), 'terminated');
  const long = (t: JsonObject | undefined) => {
    const m = str(t, 'message');
    return m.length > TEXT_LIMIT ? m : undefined;
  };
  return compact({
    message: long(terminated),
    lastMessage: long(last),
  });
}

function slimEphemeral(status: unknown): unknown {
  return isObject(status)
    ? pick(status, [
        'name',
        'containerID',
        'imageID',
        'ready',
        'restartCount',
        'started',
        'state',
        'lastState',
      ])
    : status;
}

/**
 * A list of `{ip}` only when it says more than its single-IP field: left out when it is exactly
 * `[{ip: single}]` (or both are empty), `[]` when the list is empty but the single field is not.
 */
function ipList(list: unknown, single: string): unknown {
  const entries = Array.isArray(list) ? list : [];
  if (entries.length === 0) return single === '' ? undefined : [];
  const [first] = entries;
  if (entries.length === 1 && isObject(first) && Object.keys(first).length === 1 && first.ip === single)
    return undefined;
  return entries;
}

function pick(o: JsonObject, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (o[key] !== undefined && o[key] !== null) out[key] = o[key];
  return out;
}

/** Without undefined and null fields (exactOptionalPropertyTypes: absent, never undefined). */
function compact(o: Record<string, unknown>): JsonObject {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}
