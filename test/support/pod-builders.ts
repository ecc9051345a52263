/**
 * Small builders for v1 Pod JSON as the API serves it, for the status-derivation tests.
 *
 * They follow the rules for porting upstream Go cases (kubernetes printers_test.go, TestPrintPod): a Go
 * zero value becomes its JSON zero (`creationTimestamp: null`, `state: {}`, `ready: false`,
 * `restartCount: 0`), `started` appears only when set, and times relative to `time.Now()` become
 * second-precision RFC 3339 strings relative to the fixed NOW.
 */
import { podRowCells, printPod } from '../../functions/domain/pod-row.js';

export type Json = Record<string, unknown>;

export const NOW_ISO = '2026-11-23T10:00:00Z';
export const NOW = Date.parse(NOW_ISO);
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** NOW minus `ms`, as the API server writes times (whole seconds, UTC). */
export function ago(ms: number): string {
  return `${new Date(NOW - ms).toISOString().slice(0, 19)}Z`;
}

export interface PodParts {
  readonly name?: string;
  readonly namespace?: string;
  /** Defaults to null: Go tests leave CreationTimestamp unset (AGE `<unknown>`). */
  readonly creationTimestamp?: string | null;
  readonly deletionTimestamp?: string;
  /** A count gives nameless-in-Go containers named c1..cN. */
  readonly containers?: number | readonly Json[];
  readonly initContainers?: number | readonly Json[];
  readonly nodeName?: string;
  readonly readinessGates?: readonly string[];
  readonly phase?: string;
  readonly reason?: string;
  readonly conditions?: readonly unknown[];
  readonly initContainerStatuses?: readonly unknown[];
  readonly containerStatuses?: readonly unknown[];
  readonly podIP?: string;
  readonly podIPs?: readonly string[];
  readonly nominatedNodeName?: string;
}

export function pod(parts: PodParts = {}): Json {
  const metadata: Json = { name: parts.name ?? 'test', creationTimestamp: parts.creationTimestamp ?? null };
  if (parts.namespace !== undefined) metadata.namespace = parts.namespace;
  if (parts.deletionTimestamp !== undefined) metadata.deletionTimestamp = parts.deletionTimestamp;

  const spec: Json = { containers: containerSpecs(parts.containers ?? 0, 'c') };
  if (parts.initContainers !== undefined) spec.initContainers = containerSpecs(parts.initContainers, 'init');
  if (parts.nodeName !== undefined) spec.nodeName = parts.nodeName;
  if (parts.readinessGates !== undefined) {
    spec.readinessGates = parts.readinessGates.map((conditionType) => ({ conditionType }));
  }

  const status: Json = {};
  if (parts.phase !== undefined) status.phase = parts.phase;
  if (parts.reason !== undefined) status.reason = parts.reason;
  if (parts.conditions !== undefined) status.conditions = parts.conditions;
  if (parts.initContainerStatuses !== undefined) status.initContainerStatuses = parts.initContainerStatuses;
  if (parts.containerStatuses !== undefined) status.containerStatuses = parts.containerStatuses;
  if (parts.podIP !== undefined) status.podIP = parts.podIP;
  if (parts.podIPs !== undefined) status.podIPs = parts.podIPs.map((ip) => ({ ip }));
  if (parts.nominatedNodeName !== undefined) status.nominatedNodeName = parts.nominatedNodeName;

  return { apiVersion: 'v1', kind: 'Pod', metadata, spec, status };
}

function containerSpecs(containers: number | readonly Json[], prefix: string): readonly Json[] {
  if (typeof containers !== 'number') return containers;
  return Array.from({ length: containers }, (_, i) => ({ name: `${prefix}${i + 1}`, image: 'busybox' }));
}

/** A restartable init container (sidecar): restartPolicy Always. */
export function sidecarSpec(name: string): Json {
  return { name, image: 'envoy', restartPolicy: 'Always' };
}

export interface StatusParts {
  readonly name?: string;
  readonly ready?: boolean;
  readonly restartCount?: number;
  readonly started?: boolean;
  readonly state?: Json;
  readonly lastState?: Json;
}

/** A ContainerStatus with Go's zero values for whatever is not given. */
export function containerStatus(parts: StatusParts = {}): Json {
  const status: Json = {
    name: parts.name ?? '',
    ready: parts.ready ?? false,
    restartCount: parts.restartCount ?? 0,
    state: parts.state ?? {},
    lastState: parts.lastState ?? {},
  };
  if (parts.started !== undefined) status.started = parts.started;
  return status;
}

/** `&ContainerStateRunning{}`: a running state whose startedAt is the zero time. */
export function running(): Json {
  return { running: { startedAt: null } };
}

export function waiting(reason?: string): Json {
  return { waiting: reason === undefined ? {} : { reason } };
}

export interface TerminatedParts {
  readonly reason?: string;
  readonly exitCode?: number;
  readonly signal?: number;
  readonly finishedAt?: string;
}

/** A terminated state; `{}` in Go is `{"exitCode": 0}` (with null times) in JSON. */
export function terminated(parts: TerminatedParts = {}): Json {
  const state: Json = {
    exitCode: parts.exitCode ?? 0,
    startedAt: null,
    finishedAt: parts.finishedAt ?? null,
  };
  if (parts.reason !== undefined) state.reason = parts.reason;
  if (parts.signal !== undefined) state.signal = parts.signal;
  return { terminated: state };
}

/** lastState of a container that last finished `msAgo` before NOW. */
export function finishedAgo(msAgo: number): Json {
  return terminated({ finishedAt: ago(msAgo) });
}

export function condition(type: string, status: 'True' | 'False' | 'Unknown', reason?: string): Json {
  const c: Json = { type, status, lastProbeTime: null, lastTransitionTime: null };
  if (reason !== undefined) c.reason = reason;
  return c;
}

/** The cells printPod produces at NOW: NAME READY STATUS RESTARTS AGE (+ the wide columns). */
export function cellsOf(value: unknown, wide = false): string[] {
  return podRowCells(printPod(value, NOW), wide);
}
