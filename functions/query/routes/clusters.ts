import type { Route } from '../route.js';

/**
 * No event (SYNCs included) for this long from a cluster's agent, and the cluster is reported
 * stale. `lastEventAt` is exact to the minute (the registry's write interval), so a cluster is
 * never called stale while something arrived less than 9 minutes ago.
 */
export const STALE_AFTER_MS = 10 * 60_000;

/**
 * GET /v1/clusters — every cluster that has reported: agent, last event, last SYNC, live pods, gaps,
 * and whether it has gone quiet (no event for STALE_AFTER_MS).
 */
export const clustersRoute: Route = {
  path: '/v1/clusters',
  summary: 'every cluster recorded: agent, last event and SYNC, live pods, reported gaps',
  parameters: [],
  paged: false,
  async run(context) {
    const clusters = await context.reader.listClusters();
    return {
      body: {
        staleAfterMs: STALE_AFTER_MS,
        retentionDays: context.config.retentionDays,
        clusters: clusters.map((c) => {
          const last = c.lastEventAt === undefined ? Number.NaN : Date.parse(c.lastEventAt);
          return { ...c, stale: Number.isNaN(last) || context.now - last > STALE_AFTER_MS };
        }),
      },
      items: clusters.length,
    };
  },
};
