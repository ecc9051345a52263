import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { WireEvent } from '../../functions/domain/wire-format.js';
import { crashLoop, healthyStart } from '../ingest/lifecycles.js';
import { batch, eventVersion, type KubeEventParts, revisions, T0 } from '../support/event-builders.js';
import { runCli } from '../support/query-cli-io.js';
import { type Emulator, type Pipeline, startDynalite, startPipeline } from '../support/query-e2e.js';

/**
 * What pod Events add to `podtrail startup` and `podtrail restarts` with -o wide/json: pods and
 * their kubelet events POSTed to `podtrail serve` (dynalite) through the real ingest, read by the
 * CLI. Golden text is exact.
 *
 * Startup: three pods that start the same way (scheduled at creation, Initialized 1 s later, the
 * container started at 3 s, Ready at 8 s: STARTUP 2 s): web-1 pulled its image in 1.234 s, web-2
 * had it already, web-3's events were not recorded. Restarts: crash-1 restarts at 20 s and 45 s
 * (its container's finishedAt) after a liveness probe failed three times and one back-off; batch-1
 * restarts with no warning before.
 */
const NOW = T0 + 2 * 3_600_000;
const app = 'spec.containers{app}';

function kubelet(parts: Omit<KubeEventParts, 'fieldPath'>, rv: string): WireEvent {
  return eventVersion({ ...parts, fieldPath: app }, rv);
}

function startupPods(nextRv: () => string): WireEvent[] {
  const web1 = { name: 'web-1', uid: 'uid-web-1' };
  const web2 = { name: 'web-2', uid: 'uid-web-2' };
  return [
    ...healthyStart({ ...web1, createdAt: 0 }, nextRv).events,
    ...healthyStart({ ...web2, createdAt: 60 }, nextRv).events,
    ...healthyStart({ name: 'web-3', uid: 'uid-web-3', createdAt: 120 }, nextRv).events,
    kubelet(
      {
        uid: 'ev-pull-1',
        pod: web1,
        reason: 'Pulled',
        first: 2,
        message:
          'Successfully pulled image "registry.example/app:1.0" in 1.234s (1.234s including waiting). Image size: 5237120 bytes.',
      },
      '8001',
    ),
    kubelet({ uid: 'ev-start-1', pod: web1, reason: 'Started', first: 3 }, '8002'),
    kubelet(
      {
        uid: 'ev-pull-2',
        pod: web2,
        reason: 'Pulled',
        first: 62,
        message: 'Container image "registry.example/app:1.0" already present on machine',
      },
      '8003',
    ),
  ];
}

function restartPods(nextRv: () => string): WireEvent[] {
  const crash = { name: 'crash-1', uid: 'uid-crash-1' };
  const unhealthy = (count: number, last: number, rv: string) =>
    kubelet(
      {
        uid: 'ev-unhealthy',
        pod: crash,
        reason: 'Unhealthy',
        type: 'Warning',
        message: 'Liveness probe failed: HTTP probe failed with statuscode: 500',
        first: 15,
        last,
        count,
      },
      rv,
    );
  const backOff = (count: number, last: number, rv: string) =>
    kubelet(
      {
        uid: 'ev-backoff',
        pod: crash,
        reason: 'BackOff',
        type: 'Warning',
        message: 'Back-off restarting failed container app in pod crash-1_default(uid-crash-1)',
        first: 21,
        last,
        count,
      },
      rv,
    );
  return [
    ...crashLoop({ ...crash, createdAt: 0 }, nextRv, 2).events,
    ...crashLoop({ name: 'batch-1', uid: 'uid-batch-1', createdAt: 300 }, nextRv, 1).events,
    unhealthy(1, 15, '9001'),
    unhealthy(3, 18, '9002'),
    backOff(1, 21, '9003'),
    // After the last restart (45 s): precedes none.
    backOff(2, 47, '9004'),
  ];
}

describe('podtrail startup and restarts with the pods’ events, through podtrail serve', () => {
  let emulator: Emulator;
  let pipeline: Pipeline;
  beforeAll(async () => {
    emulator = await startDynalite();
    pipeline = await startPipeline(emulator, { now: () => NOW });
    const nextRv = revisions();
    for (const [cluster, events] of [
      ['startup', startupPods(nextRv)],
      ['restarts', restartPods(nextRv)],
    ] as const) {
      const response = await pipeline.post(batch(cluster, events));
      expect(response.status).toBe(200);
    }
  });
  afterAll(async () => {
    await pipeline.close();
    await emulator.close();
  });
  const cli = (...args: string[]) => runCli(args, { env: pipeline.env, now: NOW });

  it('startup -o wide adds PULL and SLI, and says how many pods had no pull data', async () => {
    const r = await cli(
      'startup',
      '--cluster',
      'startup',
      '--since',
      '3h',
      '--group-by',
      'namespace',
      '-o',
      'wide',
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'Pods created 2026-11-23T09:00:00Z – 2026-11-23T12:00:00Z: 3; cells are p50/p90/p99/max.',
        '1 started pod has no pull data (no Pulled event recorded for a container): left out of PULL and SLI.',
        'NAMESPACE   PODS   SCHEDULING    INIT          CONTAINERS    READINESS     STARTUP       TO READY      PULL                SLI              NO PULL DATA',
        'default     3      0s/0s/0s/0s   1s/1s/1s/1s   2s/2s/2s/2s   5s/5s/5s/5s   2s/2s/2s/2s   8s/8s/8s/8s   0s/1.2s/1.2s/1.2s   766ms/2s/2s/2s   1',
        '',
        'Slowest pods:',
        'CLUSTER   NAMESPACE   NAME    CREATED                SCHEDULING   INIT   CONTAINERS   READINESS   STARTUP   TO READY   PULL   SLI     WORKLOAD    UID',
        'startup   default     web-1   2026-11-23T10:00:00Z   0s           1s     2s           5s          2s        8s         1.2s   766ms   Pod/web-1   uid-web-1',
        'startup   default     web-2   2026-11-23T10:01:00Z   0s           1s     2s           5s          2s        8s         0s     2s      Pod/web-2   uid-web-2',
        'startup   default     web-3   2026-11-23T10:02:00Z   0s           1s     2s           5s          2s        8s         -      -       Pod/web-3   uid-web-3',
        '',
      ].join('\n'),
    );
  });

  it('startup as a plain table has no pull columns', async () => {
    const r = await cli(
      'startup',
      '--cluster',
      'startup',
      '--since',
      '3h',
      '--group-by',
      'namespace',
      '--limit',
      '0',
    );
    expect(r.stdout).toBe(
      [
        'Pods created 2026-11-23T09:00:00Z – 2026-11-23T12:00:00Z: 3; cells are p50/p90/p99.',
        'NAMESPACE   PODS   SCHEDULING   INIT       CONTAINERS   READINESS   STARTUP    TO READY',
        'default     3      0s/0s/0s     1s/1s/1s   2s/2s/2s     5s/5s/5s    2s/2s/2s   8s/8s/8s',
        '',
      ].join('\n'),
    );
  });

  it('startup -o json carries imagePull, startupSli, the pulls per container and noPullData', async () => {
    const r = await cli('startup', '--cluster', 'startup', '--since', '3h', '-o', 'json');
    const body = JSON.parse(r.stdout);
    expect(body.overall.noPullData).toBe(1);
    expect(body.overall.phases.imagePull).toEqual({
      count: 2,
      min: 0,
      p50: 0,
      p90: 1234,
      p99: 1234,
      max: 1234,
    });
    expect(body.overall.phases.startupSli).toEqual({
      count: 2,
      min: 766,
      p50: 766,
      p90: 2000,
      p99: 2000,
      max: 2000,
    });
    expect(body.overall.phases.startup.count).toBe(3);
    expect(body.slowest.map((p: { name: string; imagePulls?: unknown }) => [p.name, p.imagePulls])).toEqual([
      ['web-1', { app: 1234 }],
      ['web-2', { app: 0 }],
      ['web-3', undefined],
    ]);
  });

  it('restarts -o wide adds WARNINGS: the reasons seen in the 10 minutes before restarts', async () => {
    const r = await cli(
      'restarts',
      '--cluster',
      'restarts',
      '--since',
      '3h',
      '--group-by',
      'workload',
      '-o',
      'wide',
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'WORKLOAD      RESTARTS   OOMKILLED   UNOBSERVED   PODS   EXIT CODES   LAST                   RECORDS   REASONS   WARNINGS',
        'Pod/crash-1   2          0           0            1      1×2          2026-11-23T10:00:45Z   2         Error×2   Unhealthy×3, BackOff×1',
        'Pod/batch-1   1          0           0            1      1×1          2026-11-23T10:05:20Z   1         Error×1   <none>',
        '',
        'Total: 3 restarts (0 OOMKilled, 0 unobserved) in 2 pods across 1 cluster, 2026-11-23T09:00:00Z – 2026-11-23T12:00:00Z.',
        '',
      ].join('\n'),
    );
  });

  it('restarts -o yaml carries the warnings', async () => {
    const r = await cli(
      'restarts',
      '--cluster',
      'restarts',
      '--since',
      '3h',
      '--group-by',
      'workload',
      '-o',
      'yaml',
    );
    const report = parse(r.stdout) as {
      groups: { key: unknown; warnings: unknown }[];
      warningLookbackMs: number;
    };
    expect(report.groups.map((g) => [g.key, g.warnings])).toEqual([
      [{ workload: 'Pod/crash-1' }, { Unhealthy: 3, BackOff: 1 }],
      [{ workload: 'Pod/batch-1' }, {}],
    ]);
    expect(report.warningLookbackMs).toBe(600_000);
  });
});
