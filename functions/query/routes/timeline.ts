import type { PodHistory, StoreCursor } from '../../store/port.js';
import type { Route, RouteResult } from '../route.js';
import { locateTarget, podParams } from './pod-target.js';
import { readState } from './state.js';

/**
 * GET /v1/timeline?cluster=&namespace=&name=[&uid=][&limit=][&cursor=]
 * or GET /v1/timeline?cluster=&uid= (namespace and name looked up from the uid).
 *
 * Every incarnation (uid) of cluster/namespace/name, newest first, each with its entries oldest
 * first. `limit` bounds the entries per page; an incarnation cut by the page boundary comes back
 * with `complete: false` and continues, same uid, on the next page. One store read a page: a 1,000-entry
 * timeline costs two DynamoDB Queries (the name's partition and the cluster's SYNC reports).
 */
interface TimelineState {
  /** The store's position. */
  readonly at: StoreCursor;
}

export const TIMELINE_LIMIT = { min: 1, max: 5000, default: 1000 } as const;

export const timelineRoute: Route = {
  path: '/v1/timeline',
  summary: "a pod's timeline: every incarnation of cluster/namespace/name (or one uid), newest first",
  parameters: ['cluster', 'namespace', 'name', 'uid', 'limit'],
  paged: true,
  async run(context) {
    const { params } = context;
    const target = podParams(params);
    const { cluster, uid } = target;
    const limit = params.integer('limit', TIMELINE_LIMIT);
    const located = await locateTarget(context, target);
    if (located === undefined) return emptyResult(cluster, target.namespace ?? '', target.name ?? '');
    const { namespace, name } = located;
    const state = readState<TimelineState>(context.cursorState, isTimelineState);
    const page = context.count(
      await context.reader.getPodHistory({
        cluster,
        namespace,
        name,
        ...(uid === undefined ? {} : { uid }),
        limit,
        ...(state === undefined ? {} : { cursor: state.at }),
      }),
    );
    const incarnations: readonly PodHistory[] = page.items;
    const entryCount = incarnations.reduce((n, inc) => n + inc.entries.length, 0);
    return {
      body: {
        cluster,
        namespace,
        name,
        incarnations,
        ...(page.next === undefined
          ? {}
          : { next: context.sealCursor({ at: page.next } satisfies TimelineState) }),
      },
      items: entryCount,
    };
  },
};

function emptyResult(cluster: string, namespace: string, name: string): RouteResult {
  return { body: { cluster, namespace, name, incarnations: [] }, items: 0 };
}

function isTimelineState(value: unknown): value is TimelineState {
  return typeof value === 'object' && value !== null && 'at' in value;
}
