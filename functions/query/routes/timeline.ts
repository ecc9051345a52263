import type { PodSummary, TimelineEntry } from '../../domain/model.js';
import type { StoreCursor } from '../../store/port.js';
import { InvalidParameterError } from '../errors.js';
import { DNS_SUBDOMAIN, UID } from '../params.js';
import type { Route, RouteContext, RouteResult } from '../route.js';
import { readState } from './state.js';

/**
 * GET /v1/timeline?cluster=&namespace=&name=[&uid=][&limit=][&cursor=]
 * or GET /v1/timeline?cluster=&uid= (namespace and name looked up from the uid's entries).
 *
 * Every incarnation (uid) of cluster/namespace/name, newest first, each with its entries oldest
 * first. `limit` bounds the entries per page; an incarnation cut by the page boundary comes back
 * with `complete: false` and continues, same uid, on the next page. A 1,000-entry timeline is one
 * findPods and one getTimeline read.
 */
export interface Incarnation {
  readonly pod: PodSummary;
  readonly entries: readonly TimelineEntry[];
  /** False when more of this incarnation's entries follow on the next page. */
  readonly complete: boolean;
}

interface TimelineState {
  /** findPods position of the page holding `uid`. */
  readonly pods?: StoreCursor;
  /** The incarnation being read. */
  readonly uid: string;
  /** getTimeline position inside it; absent when `uid` is finished and the next incarnation is due. */
  readonly entries?: StoreCursor;
}

/** A pod page of 25 incarnations: pods are rarely recreated more often under one name in 30 days. */
const POD_PAGE = 25;
export const TIMELINE_LIMIT = { min: 1, max: 5000, default: 1000 } as const;

export const timelineRoute: Route = {
  path: '/v1/timeline',
  summary: "a pod's timeline: every incarnation of cluster/namespace/name (or one uid), newest first",
  parameters: ['cluster', 'namespace', 'name', 'uid', 'limit'],
  paged: true,
  async run(context) {
    const { params } = context;
    const cluster = params.cluster(true);
    const uid = params.matching('uid', UID, 'a pod uid');
    let namespace = params.namespace();
    let name = params.matching('name', DNS_SUBDOMAIN, 'a pod name (lower-case DNS subdomain)');
    const limit = params.integer('limit', TIMELINE_LIMIT);
    if (name === undefined || namespace === undefined) {
      if (uid === undefined) {
        const missing = name === undefined ? 'name' : 'namespace';
        throw new InvalidParameterError(missing, 'required (give namespace and name, or uid)');
      }
      const located = await locate(context, cluster, uid);
      if (located === undefined) return emptyResult(cluster, namespace ?? '', name ?? '');
      namespace = located.namespace;
      name = located.name;
    }
    const state = readState<TimelineState>(context.cursorState, isTimelineState);
    return readIncarnations(context, { cluster, namespace, name, uid }, limit, state);
  },
};

async function readIncarnations(
  context: RouteContext,
  pod: { cluster: string; namespace: string; name: string; uid: string | undefined },
  limit: number,
  state: TimelineState | undefined,
): Promise<RouteResult> {
  const incarnations: Incarnation[] = [];
  let budget = limit;
  let podsCursor = state?.pods;
  let resume = state;
  let next: TimelineState | undefined;
  pages: for (;;) {
    const page = context.count(
      await context.reader.findPods({
        cluster: pod.cluster,
        namespace: pod.namespace,
        name: pod.name,
        ...(pod.uid === undefined ? {} : { uid: pod.uid }),
        limit: POD_PAGE,
        ...(podsCursor === undefined ? {} : { cursor: podsCursor }),
      }),
    );
    let start = 0;
    if (resume !== undefined) {
      const at = page.items.findIndex((p) => p.uid === resume?.uid);
      start = at < 0 ? 0 : resume.entries === undefined ? at + 1 : at;
    }
    for (let i = start; i < page.items.length; i++) {
      const summary = page.items[i]!;
      if (budget === 0) {
        next = { ...(podsCursor === undefined ? {} : { pods: podsCursor }), uid: page.items[i - 1]!.uid };
        break pages;
      }
      const entriesCursor = resume?.uid === summary.uid ? resume.entries : undefined;
      resume = undefined;
      const entries = context.count(
        await context.reader.getTimeline({
          cluster: pod.cluster,
          uid: summary.uid,
          limit: budget,
          ...(entriesCursor === undefined ? {} : { cursor: entriesCursor }),
        }),
      );
      budget -= entries.items.length;
      const complete = entries.next === undefined;
      incarnations.push({ pod: summary, entries: entries.items, complete });
      if (!complete) {
        next = {
          ...(podsCursor === undefined ? {} : { pods: podsCursor }),
          uid: summary.uid,
          entries: entries.next,
        };
        break pages;
      }
    }
    resume = undefined;
    if (page.next === undefined) break;
    if (budget === 0) {
      next = { pods: page.next, uid: '' };
      break;
    }
    podsCursor = page.next;
  }
  const entryCount = incarnations.reduce((n, inc) => n + inc.entries.length, 0);
  return {
    body: {
      cluster: pod.cluster,
      namespace: pod.namespace,
      name: pod.name,
      incarnations,
      ...(next === undefined ? {} : { next: context.sealCursor(next) }),
    },
    items: entryCount,
  };
}

/** Finds namespace/name for a bare uid from its first timeline entry. */
async function locate(
  context: RouteContext,
  cluster: string,
  uid: string,
): Promise<{ namespace: string; name: string } | undefined> {
  const page = context.count(await context.reader.getTimeline({ cluster, uid, limit: 1 }));
  const first = page.items[0];
  return first === undefined ? undefined : { namespace: first.namespace, name: first.name };
}

function emptyResult(cluster: string, namespace: string, name: string): RouteResult {
  return { body: { cluster, namespace, name, incarnations: [] }, items: 0 };
}

function isTimelineState(value: unknown): value is TimelineState {
  if (typeof value !== 'object' || value === null) return false;
  return typeof (value as { uid?: unknown }).uid === 'string';
}
