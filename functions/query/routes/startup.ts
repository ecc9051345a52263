import { podImagePulls } from '../../domain/image-pulls.js';
import {
  countNoPullData,
  groupStartups,
  type PodStartup,
  phaseDistributions,
  podStartup,
  STARTUP_GROUP_KEYS,
  type StartupGroupKey,
  slowestFirst,
  withImagePulls,
} from '../../domain/report-startup.js';
import { HttpError } from '../../http/responses.js';
import { InvalidParameterError } from '../errors.js';
import type { Route, RouteContext } from '../route.js';
import { readAllPages } from './read-all.js';

/** Pods created in one window that one report may read (each is one small summary item). */
export const MAX_STARTUP_PODS = 100_000;
const DEFAULT_GROUP_BY: readonly StartupGroupKey[] = ['cluster', 'namespace', 'workload'];
/**
 * Started pods whose image pulls one report may read: two Queries each (about 6 s of a Lambda's
 * time for 10,000 at 32 in flight); more must be narrowed, or asked for without pulls.
 */
export const MAX_PULL_PODS = 10_000;

/**
 * GET /v1/startup?[cluster=][&namespace=][&workload=][&since=][&until=][&groupBy=][&limit=20][&pulls=true]
 * Startup breakdown of the pods created in the window: phase percentiles (p50/p90/p99, nearest
 * rank) per group and overall, and the `limit` slowest pods with their milestones. See
 * functions/domain/report-startup.ts for exactly what each phase measures. `pulls=true` reads the
 * started pods' events for imagePull and the SLI phase (startupSli), and counts per group the pods
 * without pull data; it costs two Queries per started pod, so it is asked for, not default.
 */
export const startupRoute: Route = {
  path: '/v1/startup',
  summary: 'startup latency: per-pod breakdown and p50/p90/p99 per cluster/namespace/workload',
  parameters: ['cluster', 'namespace', 'workload', 'since', 'until', 'groupBy', 'limit', 'pulls'],
  paged: false,
  async run(context) {
    const { params } = context;
    const cluster = params.cluster(false);
    const namespace = params.namespace();
    const workload = params.workloadIn(namespace);
    if (namespace !== undefined && cluster === undefined) {
      throw new InvalidParameterError('namespace', 'needs cluster too');
    }
    const groupBy = params.list('groupBy', STARTUP_GROUP_KEYS, DEFAULT_GROUP_BY);
    const limit = params.integer('limit', { min: 0, max: 1000, default: 20 });
    const pulls = params.boolean('pulls');
    const window = params.window(context.now, 24 * 3_600_000);
    let pods: PodStartup[] = [];
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
    if (pulls) pods = await withPulls(context, pods);
    const groups = groupStartups(pods, groupBy, { pulls });
    return {
      body: {
        window,
        groupBy,
        overall: {
          pods: pods.length,
          phases: phaseDistributions(pods),
          ...(pulls ? { noPullData: countNoPullData(pods) } : {}),
        },
        groups,
        slowest: [...pods].sort(slowestFirst).slice(0, limit),
      },
      items: groups.length,
    };
  },
};

/** The pods with their image pulls, read from the events of those that started (the others have none). */
async function withPulls(context: RouteContext, pods: readonly PodStartup[]): Promise<PodStartup[]> {
  const started = pods.filter((p) => p.durations.startup !== undefined);
  if (started.length > MAX_PULL_PODS) {
    throw new HttpError(
      'too_many_results',
      `more than ${MAX_PULL_PODS} started pods to read image pulls for: narrow the window or the cluster, or leave pulls out`,
    );
  }
  const read = context.count(await context.reader.podEvents({ pods: started }));
  const events = new Map(read.items.map((i) => [`${i.pod.cluster}/${i.pod.uid}`, i.events]));
  return pods.map((p) => {
    const found = events.get(`${p.cluster}/${p.uid}`);
    return found === undefined ? p : withImagePulls(p, podImagePulls(p.milestones, found));
  });
}
