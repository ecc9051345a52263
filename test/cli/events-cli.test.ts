import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireEvent } from '../../functions/domain/wire-format.js';
import { badImagePod, deleteAfter } from '../ingest/lifecycles.js';
import { batch, eventVersion, revisions, T0 } from '../support/event-builders.js';
import { runCli } from '../support/query-cli-io.js';
import { type Emulator, type Pipeline, startDynalite, startPipeline } from '../support/query-e2e.js';

/**
 * `podtrail events` and `podtrail timeline --events` end to end: the seed's bad-image pod and the
 * events the kubelet and the scheduler record for it, POSTed to `podtrail serve` (dynalite), read
 * by the CLI two hours after the pod was deleted. Golden text is exact.
 */
const NOW = T0 + 2 * 3_600_000;
const POD = { name: 'pod-phase', uid: 'uid-seed' };
const image = 'image "busybox:nonexist"';

function seedEvents(): WireEvent[] {
  const pull = (count: number, last: number, rv: string) =>
    eventVersion(
      { uid: 'ev-pull', pod: POD, reason: 'Pulling', message: `Pulling ${image}`, first: 1, last, count },
      rv,
    );
  const backOff = (count: number, last: number, rv: string) =>
    eventVersion(
      {
        uid: 'ev-backoff',
        pod: POD,
        reason: 'BackOff',
        type: 'Warning',
        message: `Back-off pulling ${image}`,
        first: 52,
        last,
        count,
      },
      rv,
    );
  return [
    eventVersion(
      {
        uid: 'ev-scheduled',
        pod: POD,
        reason: 'Scheduled',
        component: 'default-scheduler',
        message: 'Successfully assigned default/pod-phase to node-1',
        first: 0,
      },
      '9001',
    ),
    pull(1, 1, '9002'),
    eventVersion(
      {
        uid: 'ev-failed',
        pod: POD,
        reason: 'Failed',
        type: 'Warning',
        message: `Failed to pull ${image}: not found`,
        first: 41,
      },
      '9003',
    ),
    backOff(1, 52, '9004'),
    pull(2, 97, '9005'),
    backOff(2, 110, '9006'),
  ];
}

describe('podtrail events and timeline --events, through podtrail serve', () => {
  let emulator: Emulator;
  let pipeline: Pipeline;
  beforeAll(async () => {
    emulator = await startDynalite();
    pipeline = await startPipeline(emulator, { now: () => NOW });
    const pod = deleteAfter(badImagePod({ ...POD, createdAt: 0 }, revisions()), 180);
    const response = await pipeline.post(batch('seed', [...pod.events, ...seedEvents()]));
    expect(response.status).toBe(200);
  });
  afterAll(async () => {
    await pipeline.close();
    await emulator.close();
  });
  const cli = (...args: string[]) => runCli(args, { env: pipeline.env, now: NOW });

  it('lists a deleted pod’s events with kubectl get events’ columns, each as of its newest version', async () => {
    const r = await cli('events', 'pod-phase', '--cluster', 'seed');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'LAST SEEN   TYPE      REASON      OBJECT          MESSAGE',
        '120m        Normal    Scheduled   pod/pod-phase   Successfully assigned default/pod-phase to node-1',
        '119m        Warning   Failed      pod/pod-phase   Failed to pull image "busybox:nonexist": not found',
        '118m        Normal    Pulling     pod/pod-phase   Pulling image "busybox:nonexist"',
        '118m        Warning   BackOff     pod/pod-phase   Back-off pulling image "busybox:nonexist"',
        '',
      ].join('\n'),
    );
  });

  it('-o wide adds SUBOBJECT, SOURCE, FIRST SEEN, COUNT and NAME; --type narrows', async () => {
    const r = await cli('events', 'pod-phase', '--cluster', 'seed', '-o', 'wide', '--type', 'Warning');
    expect(r.stdout).toBe(
      [
        'LAST SEEN   TYPE      REASON    OBJECT          SUBOBJECT   SOURCE            MESSAGE                                              FIRST SEEN   COUNT   NAME',
        '119m        Warning   Failed    pod/pod-phase               kubelet, node-1   Failed to pull image "busybox:nonexist": not found   119m         1       pod-phase.ev-faile',
        '118m        Warning   BackOff   pod/pod-phase               kubelet, node-1   Back-off pulling image "busybox:nonexist"            119m         2       pod-phase.ev-backo',
        '',
      ].join('\n'),
    );
  });

  it('-o name prints event/NAME, and --sort-by orders by a field of the events, as kubectl', async () => {
    const r = await cli('events', 'pod-phase', '--cluster=seed', '-o=name', '--sort-by=.reason');
    expect(r).toEqual({
      code: 0,
      stdout: [
        'event/pod-phase.ev-backo', // BackOff
        'event/pod-phase.ev-faile', // Failed
        'event/pod-phase.ev-pull', //  Pulling
        'event/pod-phase.ev-sched', // Scheduled
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('-A lists every namespace with a NAMESPACE column', async () => {
    const r = await cli('events', '-A', '--cluster', 'seed', '--since', '3h', '--reason', 'Scheduled');
    expect(r.stdout).toBe(
      [
        'NAMESPACE   LAST SEEN   TYPE     REASON      OBJECT          MESSAGE',
        'default     120m        Normal   Scheduled   pod/pod-phase   Successfully assigned default/pod-phase to node-1',
        '',
      ].join('\n'),
    );
  });

  it('timeline --events puts every event version under the row it follows, with its count', async () => {
    const r = await cli('timeline', 'pod-phase', '--cluster', 'seed', '--events');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'TIME                   NAME        READY   STATUS    RESTARTS   AGE',
        '2026-11-23T10:00:00Z   pod-phase   0/1     Pending   0          0s',
        '2026-11-23T10:00:00Z   pod-phase   0/1     Pending   0          0s',
        '  2026-11-23T10:00:00Z   Normal   Scheduled   default-scheduler   Successfully assigned default/pod-phase to node-1',
        '2026-11-23T10:00:01Z   pod-phase   0/1     ContainerCreating   0          1s',
        '  2026-11-23T10:00:01Z   Normal   Pulling   kubelet   Pulling image "busybox:nonexist"',
        '2026-11-23T10:00:41Z   pod-phase   0/1     ErrImagePull        0          41s',
        '  2026-11-23T10:00:41Z   Warning   Failed   kubelet   Failed to pull image "busybox:nonexist": not found',
        '2026-11-23T10:00:52Z   pod-phase   0/1     ImagePullBackOff    0          52s',
        '  2026-11-23T10:00:52Z   Warning   BackOff   kubelet   Back-off pulling image "busybox:nonexist"',
        '2026-11-23T10:01:37Z   pod-phase   0/1     ErrImagePull        0          97s',
        '  2026-11-23T10:01:37Z   Normal   Pulling   kubelet   Pulling image "busybox:nonexist" (x2)',
        '2026-11-23T10:01:50Z   pod-phase   0/1     ImagePullBackOff    0          110s',
        '  2026-11-23T10:01:50Z   Warning   BackOff   kubelet   Back-off pulling image "busybox:nonexist" (x2)',
        '2026-11-23T10:02:42Z   pod-phase   0/1     ErrImagePull        0          2m42s',
        '2026-11-23T10:02:54Z   pod-phase   0/1     ImagePullBackOff    0          2m54s',
        '2026-11-23T10:03:00Z   pod-phase   1/1     Terminating         0          3m',
        '2026-11-23T10:03:02Z   pod-phase   0/1     Terminating         0          3m2s',
        '2026-11-23T10:03:03Z   pod-phase   0/1     Completed           0          3m3s   deleted',
        '',
      ].join('\n'),
    );
  });
});
