import { arr, int, isObject, obj, optObj, present, str } from '../json-access.js';
import { describeContainers, describeResources } from './containers.js';
import { describeEvents } from './events.js';
import { wellFormed } from './go-text.js';
import {
  describeTopologySpreadConstraints,
  printAnnotationsMultiline,
  printLabelsMultiline,
  printPodTolerationsMultiline,
} from './metadata-blocks.js';
import { createPrefixWriter, LEVEL_0, LEVEL_1, type PrefixWriter } from './prefix-writer.js';
import { podQosClass } from './qos.js';
import { formatTabbed } from './tab-writer.js';
import { formatAbsoluteTime, since } from './times.js';
import { describeVolumes } from './volumes.js';

/**
 * `kubectl describe pod`, byte for byte: a port of kubectl v1.35's pkg/describe/describe.go
 * (PodDescriber.Describe → describePod, DescribeEvents, tabbedString) and the helpers it calls.
 * Pure: the pod and its events are plain JSON as the API serves them (v1 Pod; core/v1 or
 * events.k8s.io/v1 Events), the clock and the time zone are parameters. Odd input never throws:
 * a missing or mistyped field reads as Go's zero value, as kubectl would print it (where kubectl
 * itself would crash on a nil pointer, the zero value is printed instead).
 *
 * The text may contain raw bytes of a byte-cut character (see go-text.ts); `encodeDescribeText`
 * gives the exact bytes kubectl writes. One deliberate difference: env values podtrail did not
 * record print `<value not recorded>` (env.ts, ENV_VALUE_NOT_RECORDED).
 */

export interface DescribeOptions {
  /** The moment described: ages and `Terminating (lasts …)` are computed as of it. */
  readonly now: Date | number;
  /** IANA zone (or 'UTC') for absolute times, as kubectl uses its local zone (TZ). Default UTC. */
  readonly timeZone?: string;
  /** `--show-events` (default true, as for a single pod). */
  readonly showEvents?: boolean;
}

export function describePod(pod: unknown, events: readonly unknown[], options: DescribeOptions): string {
  const now = typeof options.now === 'number' ? options.now : options.now.getTime();
  const timeZone = options.timeZone ?? 'UTC';
  const cleanPod = sanitize(pod);
  const w = createPrefixWriter();
  describePodBody(w, cleanPod, now, timeZone);
  if (options.showEvents ?? true) describeEvents(w, cleanPod, sanitize(events) as readonly unknown[], now);
  return formatTabbed(w.text());
}

function describePodBody(w: PrefixWriter, pod: unknown, now: number, timeZone: string): void {
  const metadata = obj(pod, 'metadata');
  const spec = obj(pod, 'spec');
  const status = obj(pod, 'status');
  w.write(LEVEL_0, `Name:\t${str(metadata, 'name')}\n`);
  w.write(LEVEL_0, `Namespace:\t${str(metadata, 'namespace')}\n`);
  if (typeof spec.priority === 'number') w.write(LEVEL_0, `Priority:\t${int(spec, 'priority')}\n`);
  const priorityClassName = str(spec, 'priorityClassName');
  if (priorityClassName !== '') w.write(LEVEL_0, `Priority Class Name:\t${priorityClassName}\n`);
  const runtimeClassName = str(spec, 'runtimeClassName');
  if (runtimeClassName !== '') w.write(LEVEL_0, `Runtime Class Name:\t${runtimeClassName}\n`);
  const serviceAccount = str(spec, 'serviceAccountName');
  if (serviceAccount !== '') w.write(LEVEL_0, `Service Account:\t${serviceAccount}\n`);
  const nodeName = str(spec, 'nodeName');
  w.write(LEVEL_0, `Node:\t${nodeName === '' ? '<none>' : `${nodeName}/${str(status, 'hostIP')}`}\n`);
  if (present(status, 'startTime')) {
    w.write(LEVEL_0, `Start Time:\t${formatAbsoluteTime(status.startTime, timeZone)}\n`);
  }
  printLabelsMultiline(w, 'Labels', metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', metadata.annotations);
  const phase = str(status, 'phase');
  if (present(metadata, 'deletionTimestamp') && phase !== 'Failed' && phase !== 'Succeeded') {
    w.write(LEVEL_0, `Status:\tTerminating (lasts ${since(metadata.deletionTimestamp, now)})\n`);
    w.write(LEVEL_0, `Termination Grace Period:\t${int(metadata, 'deletionGracePeriodSeconds')}s\n`);
  } else {
    w.write(LEVEL_0, `Status:\t${phase}\n`);
  }
  const reason = str(status, 'reason');
  if (reason !== '') w.write(LEVEL_0, `Reason:\t${reason}\n`);
  const message = str(status, 'message');
  if (message !== '') w.write(LEVEL_0, `Message:\t${message}\n`);
  const seccomp = optObj(optObj(spec, 'securityContext'), 'seccompProfile');
  if (seccomp !== undefined) {
    const type = str(seccomp, 'type');
    w.write(LEVEL_0, `SeccompProfile:\t${type}\n`);
    if (type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${str(seccomp, 'localhostProfile')}\n`);
  }
  w.write(LEVEL_0, `IP:\t${str(status, 'podIP')}\n`);
  describePodIPs(w, arr(status, 'podIPs'));
  const controller = arr(metadata, 'ownerReferences').find((ref) => isObject(ref) && ref.controller === true);
  if (controller !== undefined)
    w.write(LEVEL_0, `Controlled By:\t${str(controller, 'kind')}/${str(controller, 'name')}\n`);
  const nominated = str(status, 'nominatedNodeName');
  if (nominated !== '') w.write(LEVEL_0, `NominatedNodeName:\t${nominated}\n`);
  const podResources = optObj(spec, 'resources');
  if (podResources !== undefined) {
    w.write(LEVEL_0, 'Resources:\n');
    describeResources(w, podResources, LEVEL_1);
  }
  const initContainers = arr(spec, 'initContainers');
  if (initContainers.length > 0) {
    describeContainers(
      w,
      'Init Containers',
      initContainers,
      arr(status, 'initContainerStatuses'),
      pod,
      timeZone,
    );
  }
  describeContainers(
    w,
    'Containers',
    arr(spec, 'containers'),
    arr(status, 'containerStatuses'),
    pod,
    timeZone,
  );
  const ephemeral = arr(spec, 'ephemeralContainers');
  if (ephemeral.length > 0) {
    describeContainers(
      w,
      'Ephemeral Containers',
      ephemeral,
      arr(status, 'ephemeralContainerStatuses'),
      pod,
      timeZone,
    );
  }
  describeConditionTables(w, arr(spec, 'readinessGates'), arr(status, 'conditions'));
  describeVolumes(w, arr(spec, 'volumes'));
  w.write(LEVEL_0, `QoS Class:\t${podQosClass(pod)}\n`);
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  printPodTolerationsMultiline(w, arr(spec, 'tolerations'));
  describeTopologySpreadConstraints(w, arr(spec, 'topologySpreadConstraints'));
  const workloadRef = optObj(spec, 'workloadRef');
  if (workloadRef !== undefined) {
    w.write(LEVEL_0, 'WorkloadRef:\n');
    w.write(LEVEL_1, `Name:\t${str(workloadRef, 'name')}\n`);
    w.write(LEVEL_1, `PodGroup:\t${str(workloadRef, 'podGroup')}\n`);
    const replicaKey = str(workloadRef, 'podGroupReplicaKey');
    if (replicaKey !== '') w.write(LEVEL_1, `PodGroupReplicaKey:\t${replicaKey}\n`);
  }
}

function describePodIPs(w: PrefixWriter, podIPs: readonly unknown[]): void {
  if (podIPs.length === 0) {
    w.write(LEVEL_0, 'IPs:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'IPs:\n');
  for (const ip of podIPs) w.write(LEVEL_1, `IP:\t${str(ip, 'ip')}\n`);
}

/** Readiness gates (status of the first condition of that type) and conditions, in stored order. */
function describeConditionTables(
  w: PrefixWriter,
  gates: readonly unknown[],
  conditions: readonly unknown[],
): void {
  if (gates.length > 0) {
    w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const gate of gates) {
      const type = str(gate, 'conditionType');
      const condition = conditions.find((c) => str(c, 'type') === type);
      w.write(LEVEL_1, `${type} \t${condition === undefined ? '<none>' : str(condition, 'status')} \n`);
    }
  }
  if (conditions.length > 0) {
    w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
    for (const condition of conditions) {
      w.write(LEVEL_1, `${str(condition, 'type')} \t${str(condition, 'status')} \n`);
    }
  }
}

/** A deep copy whose strings (keys included) are well-formed, as Go's JSON decoder leaves them. */
function sanitize(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (Array.isArray(value)) return value.map(sanitize);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    // defineProperty, not assignment: a "__proto__" key stays an ordinary key.
    Object.defineProperty(out, wellFormed(key), { value: sanitize(v), enumerable: true, writable: true });
  }
  return out;
}
