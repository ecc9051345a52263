import type { RestartRecord } from '../../domain/model.js';
import { STATUS_VALUE, WORKLOAD } from '../../domain/names.js';
import {
  createRestartAggregator,
  RESTART_GROUP_KEYS,
  type RestartGroupKey,
} from '../../domain/report-restarts.js';
import { matchesWorkload } from '../../domain/workload.js';
import type { Route } from '../route.js';
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
 * The restart audit: every ledger record in the window, grouped and ranked. Reads only the ledger
 * items in the window (cost ∝ restarts), in pages, without buffering them.
 */
export const restartsRoute: Route = {
  path: '/v1/restarts',
  summary:
    'restart audit: restarts in a window grouped by cluster/namespace/workload/container/reason/exitCode',
  parameters: ['cluster', 'namespace', 'workload', 'container', 'reason', 'since', 'until', 'groupBy', 'top'],
  paged: false,
  async run(context) {
    const { params } = context;
    const cluster = params.cluster(false);
    const filter = recordFilter({
      namespace: params.namespace(),
      workload: params.matching('workload', WORKLOAD, 'a workload (name or Kind/name, e.g. Deployment/web)'),
      container: params.matching('container', /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'a container name'),
      reason: params.matching('reason', STATUS_VALUE, 'a termination reason such as OOMKilled'),
    });
    const groupBy = params.list('groupBy', RESTART_GROUP_KEYS, DEFAULT_GROUP_BY);
    const top = params.integer('top', { min: 1, max: 1000, default: 20 });
    const window = params.window(context.now, 24 * 3_600_000);
    const aggregator = createRestartAggregator(groupBy);
    await readAllPages(
      context,
      (page) =>
        context.reader.listRestarts({ ...window, ...(cluster === undefined ? {} : { cluster }), ...page }),
      (records) => aggregator.add(records.filter(filter)),
      { pageSize: LEDGER_PAGE, maxItems: MAX_REPORT_RESTARTS, what: 'restarts' },
    );
    const report = aggregator.report(top);
    return {
      body: { window, ...(cluster === undefined ? {} : { cluster }), ...report },
      items: report.groups.length,
    };
  },
};

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
