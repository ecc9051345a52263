import { maxTime, minTime } from './event-order.js';
import type { StartupBreakdown } from './model.js';
import type { PodObservation } from './observation.js';

/**
 * Startup milestones gathered over every observation of a pod. Each field is a minimum over the
 * observations (a commutative, idempotent merge), so the result depends only on the set observed.
 */
export interface StartupMarks {
  /** PodScheduled=True lastTransitionTime. */
  readonly scheduledAt?: string;
  readonly initializedAt?: string;
  /** First Ready=True lastTransitionTime. */
  readonly readyAt?: string;
  /** Per regular container, the earliest startedAt of any of its runs. */
  readonly firstStarts: Readonly<Record<string, string>>;
  /** Regular containers seen, sorted. */
  readonly containers: readonly string[];
}

export const NO_STARTUP_MARKS: StartupMarks = { firstStarts: {}, containers: [] };

export function markStartup(marks: StartupMarks, obs: PodObservation): StartupMarks {
  const trueSince = (type: string) =>
    obs.conditions.find((c) => c.type === type && c.status === 'True')?.lastTransitionTime;
  const firstStarts: Record<string, string> = { ...marks.firstStarts };
  const containers = new Set(marks.containers);
  for (const c of obs.containers) {
    if (c.init) continue;
    containers.add(c.name);
    const started = minTime(
      c.state === 'terminated' || c.state === 'running' ? c.startedAt : undefined,
      c.last?.startedAt,
    );
    const first = minTime(firstStarts[c.name], started);
    if (first !== undefined) firstStarts[c.name] = first;
  }
  const scheduledAt = minTime(marks.scheduledAt, trueSince('PodScheduled'));
  const initializedAt = minTime(marks.initializedAt, trueSince('Initialized'));
  const readyAt = minTime(marks.readyAt, trueSince('Ready'));
  return {
    ...(scheduledAt === undefined ? {} : { scheduledAt }),
    ...(initializedAt === undefined ? {} : { initializedAt }),
    ...(readyAt === undefined ? {} : { readyAt }),
    firstStarts: sortedRecord(firstStarts),
    containers: [...containers].sort(),
  };
}

/** The breakdown (model.ts); containersStartedAt once every regular container has started. */
export function startupBreakdown(
  createdAt: string | undefined,
  marks: StartupMarks,
): StartupBreakdown | undefined {
  if (createdAt === undefined) return undefined;
  let containersStartedAt: string | undefined;
  if (
    marks.containers.length > 0 &&
    marks.containers.every((name) => marks.firstStarts[name] !== undefined)
  ) {
    for (const name of marks.containers)
      containersStartedAt = maxTime(containersStartedAt, marks.firstStarts[name]);
  }
  return {
    createdAt,
    ...(marks.scheduledAt === undefined ? {} : { scheduledAt: marks.scheduledAt }),
    ...(marks.initializedAt === undefined ? {} : { initializedAt: marks.initializedAt }),
    ...(containersStartedAt === undefined ? {} : { containersStartedAt }),
    ...(marks.readyAt === undefined ? {} : { readyAt: marks.readyAt }),
  };
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
