import { timestampSince } from './human-duration.js';
import { derivePodStatus, type PodStatusFacts } from './pod-status.js';

/** The cells kubectl prints for a pod: NAME READY STATUS RESTARTS AGE, plus the wide columns. */
export interface PodRow {
  readonly name: string;
  readonly namespace: string;
  readonly ready: string;
  readonly status: string;
  readonly restarts: string;
  readonly age: string;
  readonly ip: string;
  readonly node: string;
  readonly nominatedNode: string;
  readonly readinessGates: string;
}

export const POD_COLUMNS = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'] as const;
export const POD_WIDE_COLUMNS = [...POD_COLUMNS, 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] as const;

/** printPod's RESTARTS cell: `N`, or `N (X ago)` when a last termination time is known. */
export function formatRestarts(restarts: number, lastRestartAt: number | undefined, now: number): string {
  if (restarts !== 0 && lastRestartAt !== undefined) {
    return `${restarts} (${timestampSince(lastRestartAt, now)} ago)`;
  }
  return String(restarts);
}

export function formatPodRow(facts: PodStatusFacts, now: number): PodRow {
  return {
    name: facts.name,
    namespace: facts.namespace,
    ready: `${facts.readyContainers}/${facts.totalContainers}`,
    status: facts.status,
    restarts: formatRestarts(facts.restarts, facts.lastRestartAt, now),
    age: timestampSince(facts.createdAt, now),
    ip: facts.ip,
    node: facts.node,
    nominatedNode: facts.nominatedNode,
    readinessGates: facts.readinessGates,
  };
}

/** The whole printPod: a pure function of (pod, now), `now` in ms since the epoch. */
export function printPod(pod: unknown, now: number): PodRow {
  return formatPodRow(derivePodStatus(pod), now);
}

export function podRowCells(row: PodRow, wide: boolean): string[] {
  const cells = [row.name, row.ready, row.status, row.restarts, row.age];
  if (wide) cells.push(row.ip, row.node, row.nominatedNode, row.readinessGates);
  return cells;
}
