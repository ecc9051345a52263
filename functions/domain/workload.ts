import { arr, bool, obj, str } from './json-access.js';
import type { WorkloadRef } from './model.js';

/**
 * Which workload a pod belongs to: its controller ownerReference, resolved one level further by
 * the controllers' own naming rules, since the pod never references the Deployment or CronJob:
 * - ReplicaSet → Deployment: the Deployment controller names ReplicaSets `<deployment>-<hash>`
 *   and stamps the same hash on the pod as the `pod-template-hash` label.
 * - Job → CronJob: the CronJob controller names Jobs `<cronjob>-<scheduled time in minutes since
 *   the epoch>` (getJobName in pkg/controller/cronjob); we require at least 8 digits (any time after
 *   March 1975) so that hand-made Jobs such as `migrate-2` keep their own name.
 * - no controller → kind Pod, the pod's own name.
 */
const CRONJOB_JOB_NAME = /^(.+)-([0-9]{8,})$/;

export function attributeWorkload(pod: unknown): WorkloadRef {
  const metadata = obj(pod, 'metadata');
  const controller = arr(metadata, 'ownerReferences').find((ref) => bool(ref, 'controller'));
  if (controller === undefined) return { kind: 'Pod', name: str(metadata, 'name') };
  const kind = str(controller, 'kind');
  const name = str(controller, 'name');
  if (kind === 'ReplicaSet') {
    const hash = str(obj(metadata, 'labels'), 'pod-template-hash');
    if (hash !== '' && name.endsWith(`-${hash}`) && name.length > hash.length + 1) {
      return { kind: 'Deployment', name: name.slice(0, -(hash.length + 1)) };
    }
  }
  if (kind === 'Job') {
    const match = CRONJOB_JOB_NAME.exec(name);
    if (match?.[1] !== undefined) return { kind: 'CronJob', name: match[1] };
  }
  return { kind: kind || 'Unknown', name };
}

/**
 * Whether a workload is the one a user named, as `name` or `Kind/name` (e.g. `web` or
 * `Deployment/web`); no name given matches every workload.
 */
export function matchesWorkload(workload: WorkloadRef, wanted: string | undefined): boolean {
  return wanted === undefined || workload.name === wanted || `${workload.kind}/${workload.name}` === wanted;
}
