import type {
  EntryKind,
  FieldChange,
  PodSummary,
  RestartRecord,
  RowState,
  StartupBreakdown,
  TimelineEntry,
} from '../../functions/domain/model.js';
import type { FunctionUrlEvent } from '../../functions/http/function-url.js';

/** Builders for query-side records; every field has a plain default, overrides win. */
export const T0 = Date.parse('2026-11-23T10:00:00Z');

/** T0 + seconds, as RFC 3339 with milliseconds. */
export function at(seconds: number): string {
  return new Date(T0 + seconds * 1000).toISOString();
}

export function row(overrides: Partial<RowState> = {}): RowState {
  return { ready: '0/1', status: 'Pending', restarts: 0, phase: 'Pending', node: '', ip: '', ...overrides };
}

export function entry(
  overrides: Omit<Partial<TimelineEntry>, 'row'> & {
    kind?: EntryKind;
    row?: Partial<RowState>;
    changes?: FieldChange[];
  } = {},
): TimelineEntry {
  const { row: rowOverrides, ...rest } = overrides;
  return {
    cluster: 'demo',
    namespace: 'default',
    name: 'web-0',
    uid: 'uid-1',
    kind: 'transition',
    resourceVersion: '1',
    observedAt: at(0),
    createdAt: at(0),
    changes: [],
    ...rest,
    row: row(rowOverrides),
  };
}

export function pod(overrides: Partial<PodSummary> = {}): PodSummary {
  return {
    cluster: 'demo',
    namespace: 'default',
    name: 'web-0',
    uid: 'uid-1',
    workload: { kind: 'StatefulSet', name: 'web' },
    createdAt: at(0),
    firstSeenAt: at(0),
    lastSeenAt: at(60),
    last: row({ ready: '1/1', status: 'Running', phase: 'Running' }),
    ...overrides,
  };
}

export function restart(overrides: Partial<RestartRecord> = {}): RestartRecord {
  return {
    cluster: 'demo',
    namespace: 'default',
    name: 'web-0',
    uid: 'uid-1',
    workload: { kind: 'StatefulSet', name: 'web' },
    container: 'app',
    init: false,
    restartCount: 1,
    reason: 'Error',
    exitCode: 1,
    observedAt: at(10),
    finishedAt: at(9),
    unobserved: 0,
    ...overrides,
  };
}

/** A startup breakdown from second offsets after creation (undefined: milestone not reached). */
export function startup(
  created: number,
  offsets: { scheduled?: number; initialized?: number; started?: number; ready?: number },
): StartupBreakdown {
  const time = (s: number | undefined) => (s === undefined ? undefined : at(created + s));
  const milestones = {
    scheduledAt: time(offsets.scheduled),
    initializedAt: time(offsets.initialized),
    containersStartedAt: time(offsets.started),
    readyAt: time(offsets.ready),
  };
  const present = Object.entries(milestones).filter(([, v]) => v !== undefined);
  return { createdAt: at(created), ...Object.fromEntries(present) };
}

/** A GET Function URL event, as Lambda (or `podtrail serve`) delivers it. */
export function getEvent(
  path: string,
  query: string | Record<string, string> = '',
  method = 'GET',
): FunctionUrlEvent {
  const rawQueryString = typeof query === 'string' ? query : new URLSearchParams(query).toString();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString,
    headers: { host: 'query.test' },
    isBase64Encoded: false,
    requestContext: {
      accountId: '111122223333',
      requestId: 'req-1',
      domainName: 'query.test',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      timeEpoch: T0,
    },
  };
}
