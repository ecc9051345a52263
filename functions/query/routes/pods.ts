import type { Route } from '../route.js';
import { nextCursor, readWindowState, windowOf } from './window.js';

export const LIST_LIMIT = { min: 1, max: 1000, default: 100 } as const;

/**
 * GET /v1/pods?cluster=[&namespace=][&workload=][&since=][&until=][&limit=][&cursor=]
 * Pods whose life overlaps [since, until), with their last row and how they ended.
 */
export const podsRoute: Route = {
  path: '/v1/pods',
  summary: 'pods seen in a cluster (optionally one namespace or workload) in a time window',
  parameters: ['cluster', 'namespace', 'workload', 'since', 'until', 'limit'],
  paged: true,
  async run(context) {
    const { params } = context;
    const cluster = params.cluster(true);
    const namespace = params.namespace();
    const workload = params.workloadIn(namespace);
    const limit = params.integer('limit', LIST_LIMIT);
    const state = readWindowState(context.cursorState);
    const window = windowOf(params, context.now, state);
    const page = context.count(
      await context.reader.listPodsSeen({
        cluster,
        ...window,
        ...(namespace === undefined ? {} : { namespace }),
        ...(workload === undefined ? {} : { workload }),
        limit,
        ...(state?.store === undefined ? {} : { cursor: state.store }),
      }),
    );
    return {
      body: {
        cluster,
        window,
        pods: page.items,
        ...nextCursor(context.sealCursor, window, page.next),
      },
      items: page.items.length,
    };
  },
};
