import { STATUS_VALUE } from '../../domain/names.js';
import type { Route } from '../route.js';
import { LIST_LIMIT } from './pods.js';
import { nextCursor, readWindowState, windowOf } from './window.js';

/**
 * GET /v1/status-entered?status=[&cluster=][&namespace=][&since=][&until=][&limit=][&cursor=]
 * Pods that entered a STATUS (CrashLoopBackOff, OOMKilled, ImagePullBackOff, Evicted…) in the window,
 * oldest first. The namespace filter is applied to what the store returns for the status, so a page
 * may hold fewer than `limit` items while `next` is still present.
 */
export const statusEnteredRoute: Route = {
  path: '/v1/status-entered',
  summary: 'pods that entered a STATUS (CrashLoopBackOff, OOMKilled, …) in a time window',
  parameters: ['status', 'cluster', 'namespace', 'since', 'until', 'limit'],
  paged: true,
  async run(context) {
    const { params } = context;
    params.required('status', 'a STATUS value such as CrashLoopBackOff');
    const status = params.matching('status', STATUS_VALUE, 'a STATUS value such as CrashLoopBackOff')!;
    const cluster = params.cluster(false);
    const namespace = params.namespace();
    const limit = params.integer('limit', LIST_LIMIT);
    const state = readWindowState(context.cursorState);
    const window = windowOf(params, context.now, state);
    const page = context.count(
      await context.reader.listStatusEntered({
        status,
        ...window,
        ...(cluster === undefined ? {} : { cluster }),
        limit,
        ...(state?.store === undefined ? {} : { cursor: state.store }),
      }),
    );
    const entered =
      namespace === undefined ? page.items : page.items.filter((item) => item.namespace === namespace);
    return {
      body: { status, window, entered, ...nextCursor(context.sealCursor, window, page.next) },
      items: entered.length,
    };
  },
};
