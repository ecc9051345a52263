import { WORKLOAD } from '../../domain/names.js';
import {
  groupStartups,
  type PodStartup,
  phaseDistributions,
  podStartup,
  STARTUP_GROUP_KEYS,
  type StartupGroupKey,
  slowestFirst,
} from '../../domain/report-startup.js';
import { InvalidParameterError } from '../errors.js';
import type { Route } from '../route.js';
import { readAllPages } from './read-all.js';

/** Pods created in one window that one report may read (each is one small summary item). */
export const MAX_STARTUP_PODS = 100_000;
const DEFAULT_GROUP_BY: readonly StartupGroupKey[] = ['cluster', 'namespace', 'workload'];

/**
 * GET /v1/startup?[cluster=][&namespace=][&workload=][&since=][&until=][&groupBy=][&limit=20]
 * Startup breakdown of the pods created in the window: phase percentiles (p50/p90/p99, nearest
 * rank) per group and overall, and the `limit` slowest pods with their milestones. See
 * functions/domain/report-startup.ts for exactly what each phase measures.
 */
export const startupRoute: Route = {
  path: '/v1/startup',
  summary: 'startup latency: per-pod breakdown and p50/p90/p99 per cluster/namespace/workload',
  parameters: ['cluster', 'namespace', 'workload', 'since', 'until', 'groupBy', 'limit'],
  paged: false,
  async run(context) {
    const { params } = context;
    const cluster = params.cluster(false);
    const namespace = params.namespace();
    const workload = params.matching(
      'workload',
      WORKLOAD,
      'a workload (name or Kind/name, e.g. Deployment/web)',
    );
    if (namespace !== undefined && cluster === undefined) {
      throw new InvalidParameterError('namespace', 'needs cluster too');
    }
    if (workload !== undefined && namespace === undefined) {
      throw new InvalidParameterError('workload', 'needs namespace too (workloads are namespaced)');
    }
    const groupBy = params.list('groupBy', STARTUP_GROUP_KEYS, DEFAULT_GROUP_BY);
    const limit = params.integer('limit', { min: 0, max: 1000, default: 20 });
    const window = params.window(context.now, 24 * 3_600_000);
    const pods: PodStartup[] = [];
    await readAllPages(
      context,
      (page) =>
        context.reader.listStartups({
          ...window,
          ...(cluster === undefined ? {} : { cluster }),
          ...(namespace === undefined ? {} : { namespace }),
          ...(workload === undefined ? {} : { workload }),
          ...page,
        }),
      (items) => {
        for (const item of items) {
          const startup = podStartup(item);
          if (startup !== undefined) pods.push(startup);
        }
      },
      { pageSize: 1000, maxItems: MAX_STARTUP_PODS, what: 'pods' },
    );
    const groups = groupStartups(pods, groupBy);
    return {
      body: {
        window,
        groupBy,
        overall: { pods: pods.length, phases: phaseDistributions(pods) },
        groups,
        slowest: [...pods].sort(slowestFirst).slice(0, limit),
      },
      items: groups.length,
    };
  },
};
