import { createHash } from 'node:crypto';
import { describeCard } from '../functions/domain/pod-card.js';

/**
 * The slim pod: exactly what the ingest reads (docs/wire-format.md), nothing that could carry secrets.
 *
 * Kept: metadata identity and lifecycle times, owner references, and the pod's describe card
 * (functions/domain/pod-card.ts `describeCard`: labels, annotations as describe prints them, and
 * the spec fields describe prints — containers with env by name and `valueFrom` only, literal
 * values replaced by the not-recorded marker, volumes without item lists); spec nodeName and
 * restartPolicy; the status, minus per-container fields no one reads (volume mounts, resources,
 * user). Dropped: managedFields, last-applied-configuration, literal env values, every other spec
 * field.
 *
 * A slim form is built once per event. Its fingerprint (SHA-1 of the JSON without resourceVersion,
 * annotations and the labels attribution does not use) lets the reflector skip updates that change
 * nothing the status engine reads (e.g. a kubelet status heartbeat). A change of annotations or
 * other labels alone is therefore not forwarded at once: it reaches the ingest with the pod's next
 * forwarded update (controllers churn annotations; describe shows them, timelines do not).
 */

/** Labels that workload attribution uses (ReplicaSet → Deployment, Job → CronJob, StatefulSet, DaemonSet). */
export const ATTRIBUTION_LABELS = [
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'statefulset.kubernetes.io/pod-name',
  'job-name',
  'controller-uid',
  'batch.kubernetes.io/job-name',
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-completion-index',
] as const;

const DROPPED_CONTAINER_STATUS_FIELDS = new Set([
  'volumeMounts',
  'resources',
  'allocatedResources',
  'allocatedResourcesStatus',
  'user',
]);

export interface SlimmedPod {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly resourceVersion: string;
  /** The slim pod as JSON, resourceVersion included: the `pod` of a wire event. */
  readonly json: string;
  readonly fingerprint: string;
  /**
   * When the API server last wrote the object, as far as it says: the newest managedFields time
   * (set at commit, whole seconds). Undefined when the object carries none.
   */
  readonly changedAtMs: number | undefined;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const objectAt = (parent: Json, key: string): Json => {
  const v = parent[key];
  return isObject(v) ? v : {};
};
const stringAt = (parent: Json, key: string): string | undefined => {
  const v = parent[key];
  return typeof v === 'string' ? v : undefined;
};
const arrayAt = (parent: Json, key: string): unknown[] => {
  const v = parent[key];
  return Array.isArray(v) ? v : [];
};

/** undefined when the object is not a pod the ingest could use (no uid, name or resourceVersion). */
export function slimPod(pod: unknown): SlimmedPod | undefined {
  if (!isObject(pod)) return undefined;
  const metadata = objectAt(pod, 'metadata');
  const uid = stringAt(metadata, 'uid');
  const name = stringAt(metadata, 'name');
  const namespace = stringAt(metadata, 'namespace') ?? '';
  const resourceVersion = stringAt(metadata, 'resourceVersion');
  if (uid === undefined || uid === '' || name === undefined || resourceVersion === undefined)
    return undefined;

  const labels: Json = {};
  const sourceLabels = objectAt(metadata, 'labels');
  for (const key of ATTRIBUTION_LABELS)
    if (typeof sourceLabels[key] === 'string') labels[key] = sourceLabels[key];

  const card = describeCard(pod);
  const cardMetadata = objectAt(card, 'metadata');
  // metadata first, name first: `json` is built by splicing resourceVersion in after `{"metadata":{`.
  const slimMetadata: Json = {
    name,
    namespace,
    uid,
    creationTimestamp: metadata.creationTimestamp,
    deletionTimestamp: metadata.deletionTimestamp,
    deletionGracePeriodSeconds: metadata.deletionGracePeriodSeconds,
    generateName: metadata.generateName,
    labels: cardMetadata.labels,
    annotations: cardMetadata.annotations,
    ownerReferences: cardMetadata.ownerReferences,
  };
  const spec = objectAt(pod, 'spec');
  const slimSpec: Json = {
    nodeName: spec.nodeName,
    restartPolicy: spec.restartPolicy,
    ...objectAt(card, 'spec'),
  };
  const status = objectAt(pod, 'status');
  const slimStatus: Json = { ...status };
  for (const key of ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses']) {
    if (Array.isArray(status[key])) slimStatus[key] = (status[key] as unknown[]).map(slimContainerStatus);
  }

  const withoutVersion = JSON.stringify({ metadata: slimMetadata, spec: slimSpec, status: slimStatus });
  const fingerprinted = JSON.stringify({
    metadata: {
      ...slimMetadata,
      labels: Object.keys(labels).length > 0 ? labels : undefined,
      annotations: undefined,
    },
    spec: slimSpec,
    status: slimStatus,
  });
  const fingerprint = createHash('sha1').update(fingerprinted).digest('base64url').slice(0, 16);
  const json = `{"metadata":{"resourceVersion":${JSON.stringify(resourceVersion)},${withoutVersion.slice(13)}`;
  return {
    uid,
    namespace,
    name,
    resourceVersion,
    json,
    fingerprint,
    changedAtMs: newestManagedTime(arrayAt(metadata, 'managedFields')),
  };
}

function newestManagedTime(entries: unknown[]): number | undefined {
  let newest: number | undefined;
  for (const entry of entries) {
    const time = isObject(entry) ? Date.parse(String(entry.time)) : Number.NaN;
    if (!Number.isNaN(time) && (newest === undefined || time > newest)) newest = time;
  }
  return newest;
}

function slimContainerStatus(status: unknown): unknown {
  if (!isObject(status)) return status;
  const out: Json = {};
  for (const [key, value] of Object.entries(status))
    if (!DROPPED_CONTAINER_STATUS_FIELDS.has(key)) out[key] = value;
  return out;
}
