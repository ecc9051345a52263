import { arr, bool, int, obj, optObj, str } from '../json-access.js';
import { describeContainerEnvFrom, describeContainerEnvVars } from './env.js';
import { goSort } from './go-sort.js';
import { goLess, goQuote, sortedGoStrings } from './go-text.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './prefix-writer.js';
import { describeProbe, strings } from './probe.js';
import { quantityText } from './quantity.js';
import { formatAbsoluteTime } from './times.js';

/**
 * describeContainers and its helpers (describe.go): one section per container list, each
 * container's status found by name (the last status of that name wins, as in Go's map).
 */
export function describeContainers(
  w: PrefixWriter,
  label: string,
  containers: readonly unknown[],
  statuses: readonly unknown[],
  pod: unknown,
  timeZone: string,
): void {
  const byName = new Map<string, unknown>();
  for (const status of statuses) byName.set(str(status, 'name'), status);
  w.write(LEVEL_0, `${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const container of containers) {
    const status = byName.get(str(container, 'name'));
    describeContainerBasicInfo(w, container, status);
    describeContainerCommand(w, container);
    if (status !== undefined) describeContainerState(w, status, timeZone);
    describeResources(w, obj(container, 'resources'), LEVEL_2);
    describeContainerProbes(w, container);
    describeContainerEnvFrom(w, container);
    describeContainerEnvVars(w, container, pod);
    describeContainerVolumes(w, container);
  }
}

function describeContainerBasicInfo(w: PrefixWriter, container: unknown, status: unknown): void {
  w.write(LEVEL_1, `${str(container, 'name')}:\n`);
  if (status !== undefined) w.write(LEVEL_2, `Container ID:\t${str(status, 'containerID')}\n`);
  w.write(LEVEL_2, `Image:\t${str(container, 'image')}\n`);
  if (status !== undefined) w.write(LEVEL_2, `Image ID:\t${str(status, 'imageID')}\n`);
  const ports = arr(container, 'ports');
  const portText = describePorts(ports, 'containerPort');
  w.write(LEVEL_2, portText.includes(',') ? `Ports:\t${portText}\n` : `Port:\t${portText || '<none>'}\n`);
  const hostPortText = describePorts(ports, 'hostPort');
  w.write(
    LEVEL_2,
    hostPortText.includes(',')
      ? `Host Ports:\t${hostPortText}\n`
      : `Host Port:\t${hostPortText || '<none>'}\n`,
  );
  const seccomp = optObj(optObj(container, 'securityContext'), 'seccompProfile');
  if (seccomp !== undefined) {
    const type = str(seccomp, 'type');
    w.write(LEVEL_2, `SeccompProfile:\t${type}\n`);
    if (type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${str(seccomp, 'localhostProfile')}\n`);
  }
}

/** describeContainerPorts / describeContainerHostPorts: `8080/TCP (http), 9090/TCP`. */
function describePorts(ports: readonly unknown[], field: 'containerPort' | 'hostPort'): string {
  return ports
    .map((port) => {
      const name = str(port, 'name');
      const text = `${int(port, field)}/${str(port, 'protocol')}`;
      return name === '' ? text : `${text} (${name})`;
    })
    .join(', ');
}

function describeContainerCommand(w: PrefixWriter, container: unknown): void {
  for (const [field, title] of [
    ['command', 'Command'],
    ['args', 'Args'],
  ] as const) {
    const values = strings(arr(container, field));
    if (values.length === 0) continue;
    w.write(LEVEL_2, `${title}:\n`);
    for (const value of values) for (const piece of value.split('\n')) w.write(LEVEL_3, `${piece}\n`);
  }
}

function describeContainerState(w: PrefixWriter, status: unknown, timeZone: string): void {
  describeStatus(w, 'State', obj(status, 'state'), timeZone);
  const lastState = obj(status, 'lastState');
  if (optObj(lastState, 'terminated') !== undefined) describeStatus(w, 'Last State', lastState, timeZone);
  w.write(LEVEL_2, `Ready:\t${bool(status, 'ready') ? 'True' : 'False'}\n`);
  w.write(LEVEL_2, `Restart Count:\t${int(status, 'restartCount')}\n`);
}

/** describeStatus: running, then waiting, then terminated; nothing set reads as Waiting. */
function describeStatus(w: PrefixWriter, title: string, state: unknown, timeZone: string): void {
  const running = optObj(state, 'running');
  const waiting = optObj(state, 'waiting');
  const terminated = optObj(state, 'terminated');
  if (running !== undefined) {
    w.write(LEVEL_2, `${title}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${formatAbsoluteTime(running.startedAt, timeZone)}\n`);
  } else if (waiting !== undefined) {
    w.write(LEVEL_2, `${title}:\tWaiting\n`);
    const reason = str(waiting, 'reason');
    if (reason !== '') w.write(LEVEL_3, `Reason:\t${reason}\n`);
  } else if (terminated !== undefined) {
    w.write(LEVEL_2, `${title}:\tTerminated\n`);
    const reason = str(terminated, 'reason');
    const message = str(terminated, 'message');
    if (reason !== '') w.write(LEVEL_3, `Reason:\t${reason}\n`);
    if (message !== '') w.write(LEVEL_3, `Message:\t${message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${int(terminated, 'exitCode')}\n`);
    const signal = int(terminated, 'signal');
    if (signal > 0) w.write(LEVEL_3, `Signal:\t${signal}\n`);
    w.write(LEVEL_3, `Started:\t${formatAbsoluteTime(terminated.startedAt, timeZone)}\n`);
    w.write(LEVEL_3, `Finished:\t${formatAbsoluteTime(terminated.finishedAt, timeZone)}\n`);
  } else {
    w.write(LEVEL_2, `${title}:\tWaiting\n`);
  }
}

/** describeResources: limits, then requests, each by resource name, quantities canonical. */
export function describeResources(w: PrefixWriter, resources: unknown, level: number): void {
  for (const [field, title] of [
    ['limits', 'Limits'],
    ['requests', 'Requests'],
  ] as const) {
    const list = obj(resources, field);
    const names = sortedGoStrings(Object.keys(list));
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const name of names) w.write(level + 1, `${name}:\t${quantityText(list[name])}\n`);
  }
}

function describeContainerProbes(w: PrefixWriter, container: unknown): void {
  for (const [field, title] of [
    ['livenessProbe', 'Liveness'],
    ['readinessProbe', 'Readiness'],
    ['startupProbe', 'Startup'],
  ] as const) {
    const probe = optObj(container, field);
    if (probe !== undefined) w.write(LEVEL_2, `${title}:\t${describeProbe(probe)}\n`);
  }
}

/** Mounts sorted by mountPath, devices by devicePath (sort.Sort); `Devices:` reuses the Mounts suffix. */
function describeContainerVolumes(w: PrefixWriter, container: unknown): void {
  const mounts = arr(container, 'volumeMounts');
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  for (const mount of goSort([...mounts], (a, b) => goLess(str(a, 'mountPath'), str(b, 'mountPath')))) {
    const subPath = str(mount, 'subPath');
    const flags = [
      bool(mount, 'readOnly') ? 'ro' : 'rw',
      ...(subPath === '' ? [] : [`path=${goQuote(subPath)}`]),
    ];
    w.write(LEVEL_3, `${str(mount, 'mountPath')} from ${str(mount, 'name')} (${flags.join(',')})\n`);
  }
  const devices = arr(container, 'volumeDevices');
  if (devices.length === 0) return;
  w.write(LEVEL_2, `Devices:${none}\n`);
  for (const device of goSort([...devices], (a, b) => goLess(str(a, 'devicePath'), str(b, 'devicePath')))) {
    w.write(LEVEL_3, `${str(device, 'devicePath')} from ${str(device, 'name')}\n`);
  }
}
