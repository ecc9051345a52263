import { queryConfig } from '../../functions/query/config.js';
import { createQueryHandler } from '../../functions/query/create-handler.js';
import { createMemoryReader } from '../support/memory-reader.js';
import { at, entry, pod, restart, startup } from '../support/query-builders.js';
import { serveHandler } from '../support/query-server.js';

export const TOKEN = 'test-token-0123456789';
/** The CLI's clock in these tests: two hours after T0. */
export const NOW = Date.parse('2026-11-23T12:00:00Z');

const api = { kind: 'Deployment', name: 'payments-api' };
const web = { kind: 'StatefulSet', name: 'web' };

/** A small fleet: two clusters, restarts in both, pods with startups, one deleted pod. */
export function fleetReader() {
  return createMemoryReader({
    clusters: [
      {
        cluster: 'prod-eu-1',
        agent: { id: 'podtrail-agent-5d9c7', version: '0.1.0' },
        lastEventAt: new Date(NOW - 5000).toISOString(),
        lastSyncAt: new Date(NOW - 180_000).toISOString(),
        lastSyncResourceVersion: '48213',
        livePods: 14,
        gaps: [],
      },
      {
        cluster: 'prod-us-1',
        agent: { id: 'podtrail-agent-7f2aa', version: '0.1.0' },
        lastEventAt: at(0),
        lastSyncAt: at(0),
        livePods: 3,
        gaps: [{ since: at(-600), reportedAt: at(0) }],
      },
    ],
    pods: [
      pod({
        cluster: 'prod-eu-1',
        uid: 'a1',
        name: 'payments-api-7d4f9c-x2k8p',
        namespace: 'shop',
        workload: api,
        createdAt: at(0),
        firstSeenAt: at(0),
        lastSeenAt: at(3000),
        last: {
          ready: '0/1',
          status: 'CrashLoopBackOff',
          restarts: 5,
          lastRestartAt: at(2900),
          phase: 'Running',
          node: 'ip-10-0-1-23',
          ip: '10.0.77.4',
        },
        startup: startup(0, { scheduled: 1, initialized: 2, started: 5, ready: 9 }),
      }),
      pod({
        cluster: 'prod-eu-1',
        uid: 'a2',
        name: 'payments-api-7d4f9c-q9z7w',
        namespace: 'shop',
        workload: api,
        createdAt: at(60),
        firstSeenAt: at(60),
        lastSeenAt: at(600),
        endedAt: at(600),
        endedBy: 'deleted',
        last: {
          ready: '0/1',
          status: 'Completed',
          restarts: 0,
          phase: 'Succeeded',
          node: 'ip-10-0-1-87',
          ip: '10.0.80.9',
        },
        startup: startup(60, { scheduled: 3, initialized: 3, started: 7, ready: 10 }),
      }),
      pod({
        cluster: 'prod-eu-1',
        uid: 'w0',
        name: 'web-0',
        namespace: 'shop',
        workload: web,
        createdAt: at(100),
        firstSeenAt: at(100),
        lastSeenAt: at(3600),
        last: {
          ready: '1/1',
          status: 'Running',
          restarts: 0,
          phase: 'Running',
          node: 'ip-10-0-2-14',
          ip: '10.0.90.1',
        },
        startup: startup(100, { scheduled: 0, initialized: 1, started: 2, ready: 22 }),
      }),
    ],
    timelines: {
      a2: [
        entry({
          cluster: 'prod-eu-1',
          namespace: 'shop',
          name: 'payments-api-7d4f9c-q9z7w',
          uid: 'a2',
          kind: 'first-seen',
          observedAt: at(61),
          createdAt: at(60),
          row: { ready: '0/1', status: 'ContainerCreating', node: 'ip-10-0-1-87' },
        }),
        entry({
          cluster: 'prod-eu-1',
          namespace: 'shop',
          name: 'payments-api-7d4f9c-q9z7w',
          uid: 'a2',
          kind: 'deleted',
          observedAt: at(600),
          createdAt: at(60),
          row: {
            ready: '0/1',
            status: 'Completed',
            phase: 'Succeeded',
            node: 'ip-10-0-1-87',
            ip: '10.0.80.9',
          },
        }),
      ],
    },
    restarts: [
      ...[1, 2, 3, 4, 5].map((n) =>
        restart({
          cluster: 'prod-eu-1',
          namespace: 'shop',
          uid: 'a1',
          name: 'payments-api-7d4f9c-x2k8p',
          workload: api,
          container: 'api',
          restartCount: n,
          observedAt: at(600 * n),
          finishedAt: at(600 * n - 5),
        }),
      ),
      restart({
        cluster: 'prod-eu-1',
        namespace: 'media',
        uid: 'r1',
        name: 'image-resizer-5f8b-abcde',
        workload: { kind: 'Deployment', name: 'image-resizer' },
        container: 'worker',
        reason: 'OOMKilled',
        exitCode: 137,
        restartCount: 1,
        observedAt: at(100),
        finishedAt: at(99),
      }),
      restart({
        cluster: 'prod-us-1',
        namespace: 'media',
        uid: 'r2',
        name: 'image-resizer-77aa-fghij',
        workload: { kind: 'Deployment', name: 'image-resizer' },
        container: 'worker',
        reason: 'OOMKilled',
        exitCode: 137,
        restartCount: 3,
        unobserved: 2,
        observedAt: at(200),
        finishedAt: at(190),
      }),
    ],
  });
}

export async function startFleet() {
  const reader = fleetReader();
  const handler = createQueryHandler({
    reader,
    config: queryConfig({
      cursorKey: new TextEncoder().encode('cli-test-cursor-key-0123456789abcdef'),
      tableName: 'podtrail-test',
    }),
    clock: () => NOW,
    log: () => {},
  });
  const server = await serveHandler(handler, TOKEN);
  return { ...server, env: { PODTRAIL_ENDPOINT: server.url, PODTRAIL_TOKEN: TOKEN } };
}
