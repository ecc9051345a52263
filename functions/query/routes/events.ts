import { compareText } from '../../domain/compare-text.js';
import type { PodSummary } from '../../domain/model.js';
import { DNS_SUBDOMAIN, EVENT_REASON, EVENT_TYPE, UID } from '../../domain/names.js';
import { eventLastSeen, type RecordedEvent, versionAt } from '../../domain/pod-event.js';
import { InvalidParameterError } from '../errors.js';
import type { Route } from '../route.js';
import { LIST_LIMIT } from './pods.js';
import { nextCursor, readWindowState, windowOf } from './window.js';

/**
 * GET /v1/pod-events?cluster=[&namespace=][&name=[&uid=]][&since=][&until=][&reason=][&type=][&limit=][&cursor=]
 * Recorded pod Events last seen in [since, until), each with its versions up to `until`, oldest
 * last sighting first — for pods long gone too. With `name` (and `namespace`): that pod's events
 * (every incarnation, or one `uid`), one page. Without: the events of the pods seen in the window,
 * `limit` pods a page (a page holds all their events).
 */
export const eventsRoute: Route = {
  path: '/v1/pod-events',
  summary: 'pod events recorded in a cluster (optionally one namespace or pod) in a time window',
  parameters: ['cluster', 'namespace', 'name', 'uid', 'since', 'until', 'reason', 'type', 'limit'],
  paged: true,
  async run(context) {
    const { params } = context;
    const cluster = params.cluster(true);
    const namespace = params.namespace();
    const name = params.matching('name', DNS_SUBDOMAIN, 'a pod name (lower-case DNS subdomain)');
    const uid = params.matching('uid', UID, 'a pod uid');
    const reason = params.matching(
      'reason',
      EVENT_REASON,
      'an event reason such as BackOff or FailedScheduling',
    );
    const type = params.matching('type', EVENT_TYPE, 'an event type: Normal or Warning');
    if (name !== undefined && namespace === undefined)
      throw new InvalidParameterError('name', 'needs namespace too (pods are namespaced)');
    if (uid !== undefined && name === undefined)
      throw new InvalidParameterError('uid', 'needs namespace and name too');
    const limit = params.integer('limit', LIST_LIMIT);
    const state = readWindowState(context.cursorState);
    const window = windowOf(params, context.now, state);
    const filter = { ...window, reason, type };
    if (name !== undefined && namespace !== undefined) {
      const history = context.count(
        await context.reader.getPodHistory({
          cluster,
          namespace,
          name,
          ...(uid === undefined ? {} : { uid }),
        }),
      );
      const events = history.items.flatMap((h) =>
        (h.events ?? []).flatMap((event) => inWindow(h.pod, event, filter)),
      );
      events.sort((a, b) => compareText(lastSeen(a.event), lastSeen(b.event)));
      return { body: { cluster, window, events }, items: events.length };
    }
    const page = context.count(
      await context.reader.listPodEvents({
        cluster,
        ...window,
        ...(namespace === undefined ? {} : { namespace }),
        ...(reason === undefined ? {} : { reason }),
        ...(type === undefined ? {} : { type }),
        limit,
        ...(state?.store === undefined ? {} : { cursor: state.store }),
      }),
    );
    return {
      body: { cluster, window, events: page.items, ...nextCursor(context.sealCursor, window, page.next) },
      items: page.items.length,
    };
  },
};

type Filter = { since: string; until: string; reason: string | undefined; type: string | undefined };

/** The event as of the window's end, if it was last seen in the window and passes the filters. */
function inWindow(
  pod: PodSummary,
  event: RecordedEvent,
  f: Filter,
): { pod: PodSummary; event: RecordedEvent }[] {
  const newest = versionAt(event, f.until);
  if (newest === undefined) return [];
  const seen = eventLastSeen(newest.event) ?? newest.observedAt;
  if (seen < f.since || seen >= f.until) return [];
  if (f.reason !== undefined && newest.event.reason !== f.reason) return [];
  if (f.type !== undefined && newest.event.type !== f.type) return [];
  return [
    { pod, event: { uid: event.uid, versions: event.versions.slice(0, event.versions.indexOf(newest) + 1) } },
  ];
}

function lastSeen(event: RecordedEvent): string {
  const v = event.versions.at(-1);
  return v === undefined ? '' : (eventLastSeen(v.event) ?? v.observedAt);
}
