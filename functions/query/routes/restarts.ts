import type { RestartRecord } from '../../domain/model.js';
import { STATUS_VALUE } from '../../domain/names.js';
import type { RecordedEvent } from '../../domain/pod-event.js';
import {
  createRestartAggregator,
  RESTART_GROUP_KEYS,
  type RestartGroup,
  type RestartGroupKey,
  restartGroupId,
  restartGroupOf,
} from '../../domain/report-restarts.js';
import { restartTime } from '../../domain/restart-ledger.js';
import {
  type RestartMoment,
  TOP_WARNING_REASONS,
  WARNING_LOOKBACK_MS,
  warningsBeforeRestarts,
} from '../../domain/restart-warnings.js';
import { matchesWorkload } from '../../domain/workload.js';
import { HttpError } from '../../http/responses.js';
import type { PodIdentity } from '../../store/port.js';
import type { Route, RouteContext } from '../route.js';
import { readAllPages } from './read-all.js';
import { nextCursor, readWindowState, windowOf } from './window.js';

/**
 * Reads the ledger in pages of 5,000 records (≈ 2.5 MB): for a fleet report the store merges one
 * restart partition per cluster and re-reads, on the next page, what it fetched past a page
 * boundary, so fewer boundaries keep the items read close to the restarts in the window
 * (bench/query-cost.ts); memory stays small.
 */
const LEDGER_PAGE = 5000;
/** 250,000 restarts (~125 MB read) is about 15 s of a Lambda's time; wider windows must be narrowed. */
export const MAX_REPORT_RESTARTS = 250_000;
const DEFAULT_GROUP_BY: readonly RestartGroupKey[] = ['cluster', 'namespace', 'workload'];
/**
 * Restarted pods (of the groups returned) whose events one report may read for `warnings`: two
 * Queries each, about 6 s of a Lambda's time for 10,000 at 32 in flight.
 */
export const MAX_WARNING_PODS = 10_000;

/** Filters on the report, applied to ledger records as they stream (the store filters by cluster). */
function recordFilter(filter: {
  namespace: string | undefined;
  workload: string | undefined;
  container: string | undefined;
  reason: string | undefined;
}): (r: RestartRecord) => boolean {
  return (r) =>
    (filter.namespace === undefined || r.namespace === filter.namespace) &&
    matchesWorkload(r.workload, filter.workload) &&
    (filter.container === undefined || r.container === filter.container) &&
    (filter.reason === undefined || r.reason === filter.reason);
}

/**
 * GET /v1/restarts?[cluster=][&namespace=][&workload=][&container=][&reason=][&since=][&until=]
 *                  [&groupBy=cluster,namespace,workload,container,reason,exitCode][&top=20]
 *                  [&warnings=true]
 * The restart audit: every ledger record in the window, grouped and ranked. Reads only the ledger
 * items in the window (cost ∝ restarts), in pages, without buffering them. `warnings=true` adds
 * each returned group's top Warning event reasons before its restarts (restart-warnings.ts): it
 * keeps each restart's pod, container and time, and reads the events of the returned groups'
 * restarted pods (two Queries a pod), so it is asked for, not default.
 */
export const restartsRoute: Route = {
  path: '/v1/restarts',
  summary:
    'restart audit: restarts in a window grouped by cluster/namespace/workload/container/reason/exitCode',
  parameters: [
    'cluster',
    'namespace',
    'workload',
    'container',
    'reason',
    'since',
    'until',
    'groupBy',
    'top',
    'warnings',
  ],
  paged: false,
  async run(context) {
    const { params } = context;
    const cluster = params.cluster(false);
    const filter = recordFilter({
      namespace: params.namespace(),
      workload: params.workload(),
      container: params.matching('container', /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'a container name'),
      reason: params.matching('reason', STATUS_VALUE, 'a termination reason such as OOMKilled'),
    });
    const groupBy = params.list('groupBy', RESTART_GROUP_KEYS, DEFAULT_GROUP_BY);
    const top = params.integer('top', { min: 1, max: 1000, default: 20 });
    const warnings = params.boolean('warnings');
    const window = params.window(context.now, 24 * 3_600_000);
    const aggregator = createRestartAggregator(groupBy);
    const moments = warnings ? createMomentLog(groupBy) : undefined;
    await readAllPages(
      context,
      (page) =>
        context.reader.listRestarts({ ...window, ...(cluster === undefined ? {} : { cluster }), ...page }),
      (records) => {
        const kept = records.filter(filter);
        aggregator.add(kept);
        moments?.add(kept);
      },
      { pageSize: LEDGER_PAGE, maxItems: MAX_REPORT_RESTARTS, what: 'restarts' },
    );
    const report = aggregator.report(top);
    const groups =
      moments === undefined ? report.groups : await withWarnings(context, report.groups, moments);
    return {
      body: {
        window,
        ...(cluster === undefined ? {} : { cluster }),
        ...report,
        groups,
        ...(warnings ? { warningLookbackMs: WARNING_LOOKBACK_MS } : {}),
      },
      items: report.groups.length,
    };
  },
};

/** Each kept restart's pod, container and time, by group: what the warnings rule needs. */
function createMomentLog(groupBy: readonly RestartGroupKey[]) {
  const byGroup = new Map<string, RestartMoment[]>();
  const pods = new Map<string, PodIdentity>();
  return {
    byGroup,
    pods,
    add(records: readonly RestartRecord[]): void {
      for (const r of records) {
        const pod = `${r.cluster}/${r.uid}`;
        pods.set(pod, { cluster: r.cluster, namespace: r.namespace, name: r.name, uid: r.uid });
        const { id } = restartGroupOf(r, groupBy);
        const list = byGroup.get(id) ?? [];
        list.push({ pod, container: r.container, at: restartTime(r) });
        byGroup.set(id, list);
      }
    },
    groupBy,
  };
}

/** The groups with their top Warning reasons, from the events of their restarted pods. */
async function withWarnings(
  context: RouteContext,
  groups: readonly RestartGroup[],
  log: ReturnType<typeof createMomentLog>,
): Promise<RestartGroup[]> {
  const shown = groups.map((g) => log.byGroup.get(restartGroupId(g.key, log.groupBy)) ?? []);
  const wanted = new Set(shown.flat().map((m) => m.pod));
  if (wanted.size > MAX_WARNING_PODS) {
    throw new HttpError(
      'too_many_results',
      `more than ${MAX_WARNING_PODS} restarted pods to read events for: narrow the window, the cluster or top, or leave warnings out`,
    );
  }
  const pods = [...wanted].flatMap((key) => {
    const pod = log.pods.get(key);
    return pod === undefined ? [] : [pod];
  });
  const read = context.count(await context.reader.podEvents({ pods }));
  const events = new Map<string, readonly RecordedEvent[]>(
    read.items.map((i) => [`${i.pod.cluster}/${i.pod.uid}`, i.events]),
  );
  return groups.map((g, i) => ({
    ...g,
    warnings: warningsBeforeRestarts(shown[i] ?? [], (pod) => events.get(pod) ?? [], {
      top: TOP_WARNING_REASONS,
    }),
  }));
}

/**
 * GET /v1/restarts/records?[cluster=][&since=][&until=][&limit=][&cursor=]
 * The raw ledger in the window, oldest first, paged: for exports and spreadsheets. Pages are large
 * by default: each page merges one partition per cluster and re-reads about one record per cluster
 * where the previous page stopped, which small pages would pay again and again.
 */
export const RECORDS_LIMIT = { min: 1, max: 5000, default: 1000 } as const;

export const restartRecordsRoute: Route = {
  path: '/v1/restarts/records',
  summary: 'the raw restart ledger in a window, oldest first, paged',
  parameters: ['cluster', 'since', 'until', 'limit'],
  paged: true,
  async run(context) {
    const { params } = context;
    const cluster = params.cluster(false);
    const limit = params.integer('limit', RECORDS_LIMIT);
    const state = readWindowState(context.cursorState);
    const window = windowOf(params, context.now, state);
    const page = context.count(
      await context.reader.listRestarts({
        ...window,
        ...(cluster === undefined ? {} : { cluster }),
        limit,
        ...(state?.store === undefined ? {} : { cursor: state.store }),
      }),
    );
    return {
      body: { window, restarts: page.items, ...nextCursor(context.sealCursor, window, page.next) },
      items: page.items.length,
    };
  },
};
