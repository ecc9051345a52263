import { HttpError } from '../../http/responses.js';
import type { Route } from '../route.js';
import { locateTarget, podParams } from './pod-target.js';

/**
 * GET /v1/describe?cluster=&namespace=&name=[&uid=][&at=]
 * or GET /v1/describe?cluster=&uid=[&at=] (namespace and name looked up from the uid).
 *
 * A pod as of a moment (access pattern 8): `{cluster, at, pod, events, incarnations}` — `pod` the v1
 * Pod rebuilt from the newest observation at or before `at` with its describe card and extras
 * (literal env values never recorded: marked, domain/describe/env.ts), `events` each pod Event as
 * of its newest version by then (core/v1), `incarnations` every incarnation of the name, newest
 * first, `uid` the one described. The incarnation: `uid`, else the newest first seen by `at`, else
 * the newest; `at` defaults to its end (deleted / vanished / last seen). `pod` is absent when the
 * incarnation was first seen after `at`. One DynamoDB Query (docs/benchmarks.md); by uid alone, a
 * GetItem first to find the name.
 */
export const describeRoute: Route = {
  path: '/v1/describe',
  summary: 'a pod as of a moment (what kubectl describe pod printed then): its object and its events',
  parameters: ['cluster', 'namespace', 'name', 'uid', 'at'],
  paged: false,
  async run(context) {
    const { params } = context;
    const target = podParams(params);
    const { cluster, uid } = target;
    const atMs = params.instant('at', context.now);
    const located = await locateTarget(context, target);
    if (located === undefined)
      throw new HttpError('not_found', `no pod with uid ${uid} is recorded in cluster ${cluster}`);
    const { namespace, name } = located;
    const described = await context.reader.describePod({
      cluster,
      namespace,
      name,
      ...(uid === undefined ? {} : { uid }),
      ...(atMs === undefined ? {} : { at: new Date(atMs).toISOString() }),
    });
    if (described === undefined)
      throw new HttpError(
        'not_found',
        `no pod ${namespace}/${name}${uid === undefined ? '' : ` with uid ${uid}`} is recorded in cluster ${cluster}`,
      );
    context.count({ items: [], stats: described.stats });
    return {
      body: {
        cluster,
        at: described.at,
        uid: described.incarnation.uid,
        ...(described.pod === undefined ? {} : { pod: described.pod }),
        events: described.events,
        incarnations: described.incarnations,
      },
      items: 1 + described.events.length,
    };
  },
};
