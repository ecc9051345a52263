import { describe, expect, it } from 'vitest';
import { printPod } from '../../functions/domain/pod-row.js';
import {
  acceleratedClock,
  badImagePod,
  completedJobPod,
  crashLoopPod,
  createPodStore,
  deletedPod,
  demoCluster,
  evictedPod,
  initContainersPod,
  manualClock,
  nodeLostPod,
  oomKilledPod,
  type PodScript,
  playScripts,
  SEED_BAD_IMAGE_TIMELINE,
  scriptDurationMs,
  seededRandom,
  sidecarPod,
} from '../../simulator/index.js';
import type { SimPod } from '../../simulator/pod-types.js';

/** Plays one script on a manual clock and returns each distinct kubectl row as `kubectl get -w` shows it. */
function watchRows(script: PodScript) {
  const clock = manualClock();
  const store = createPodStore({ historyLimit: 10_000 });
  const events: { type: string; pod: SimPod; at: number }[] = [];
  store.subscribe((e) =>
    events.push({ type: e.type, pod: (JSON.parse(e.line) as { object: SimPod }).object, at: clock.now() }),
  );
  playScripts(store, clock, [script]);
  clock.advance(scriptDurationMs([script]) + 1_000);
  const rows: { ready: string; status: string; restarts: string; age: string; type: string }[] = [];
  for (const { type, pod, at } of events) {
    const row = printPod(pod, at);
    const last = rows.at(-1);
    const changed =
      last?.status !== row.status ||
      last.ready !== row.ready ||
      Number.parseInt(last.restarts, 10) !== Number.parseInt(row.restarts, 10);
    if (changed || type === 'DELETED') {
      rows.push({ ready: row.ready, status: row.status, restarts: row.restarts, age: row.age, type });
    }
  }
  return { rows, events, last: events.at(-1)?.pod };
}

const random = () => seededRandom(42);

/** Consecutive duplicates removed: the STATUS column's own transitions. */
const transitions = (values: string[]) => values.filter((v, i) => v !== values[i - 1]);

describe('scenario scripts, as kubectl get -w would show them', () => {
  it("the seed's bad-image pod goes through the seed's exact STATUS and AGE sequence", () => {
    const { rows } = watchRows(badImagePod());
    const fromOneSecond = rows.slice(rows.findIndex((r) => r.status === 'ContainerCreating'));
    expect(fromOneSecond.map((r) => [r.ready, r.status, r.restarts, r.age])).toEqual([
      ['0/1', 'ContainerCreating', '0', '1s'],
      ['0/1', 'ErrImagePull', '0', '41s'],
      ['0/1', 'ImagePullBackOff', '0', '52s'],
      ['0/1', 'ErrImagePull', '0', '97s'],
      ['0/1', 'ImagePullBackOff', '0', '110s'],
      ['0/1', 'ErrImagePull', '0', '2m42s'],
      ['0/1', 'ImagePullBackOff', '0', '2m54s'],
    ]);
    expect(SEED_BAD_IMAGE_TIMELINE).toHaveLength(7);
  });

  it('a crash loop alternates Error and CrashLoopBackOff with restarts growing and exit code 1 kept in lastState', () => {
    const { rows, last } = watchRows(crashLoopPod({ random: random(), crashes: 3 }));
    expect(transitions(rows.map((r) => `${r.status}:${Number.parseInt(r.restarts, 10)}`))).toEqual([
      'Pending:0',
      'ContainerCreating:0',
      'Running:0',
      'Error:0',
      'CrashLoopBackOff:1',
      'Running:1',
      'Error:1',
      'CrashLoopBackOff:2',
      'Running:2',
      'Error:2',
      'CrashLoopBackOff:3',
      'Running:3',
    ]);
    expect(last?.status.containerStatuses?.[0]?.lastState.terminated).toMatchObject({
      exitCode: 1,
      reason: 'Error',
    });
  });

  it('an OOM kill shows OOMKilled with exit code 137, then restarts', () => {
    const { rows, last } = watchRows(oomKilledPod({ random: random() }));
    expect(rows.map((r) => r.status)).toContain('OOMKilled');
    expect(rows.map((r) => r.status).at(-1)).toBe('Running');
    expect(last?.status.containerStatuses?.[0]).toMatchObject({
      restartCount: 2,
      lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
    });
  });

  it('init containers run in order: Init:0/2, Init:1/2, PodInitializing, Running', () => {
    const statuses = transitions(
      watchRows(initContainersPod({ random: random() })).rows.map((r) => r.status),
    );
    expect(statuses).toEqual(['Pending', 'Init:0/2', 'Init:1/2', 'PodInitializing', 'Running']);
  });

  it('a sidecar (restartable init container) starts first and counts in READY', () => {
    const { rows } = watchRows(sidecarPod({ random: random() }));
    expect(rows.map((r) => `${r.ready} ${r.status}`)).toEqual([
      '0/2 Pending',
      '0/2 Init:0/1',
      '1/2 PodInitializing',
      '1/2 Running',
      '2/2 Running',
    ]);
  });

  it('a CronJob run ends Completed (Succeeded), owned by its Job, with the job labels', () => {
    const { rows, last } = watchRows(completedJobPod({ random: random() }));
    expect(rows.at(-1)?.status).toBe('Completed');
    expect(last?.status.phase).toBe('Succeeded');
    const job = last?.metadata.ownerReferences?.[0];
    expect(job).toMatchObject({ kind: 'Job', apiVersion: 'batch/v1', controller: true });
    expect(last?.metadata.name.startsWith(`${job?.name}-`)).toBe(true);
    expect(last?.metadata.labels).toMatchObject({
      'job-name': job?.name,
      'batch.kubernetes.io/job-name': job?.name,
      'controller-uid': job?.uid,
    });
  });

  it('an eviction leaves the pod Failed with reason Evicted', () => {
    const { rows, last } = watchRows(evictedPod({ random: random() }));
    expect(rows.at(-1)?.status).toBe('Evicted');
    expect(last?.status).toMatchObject({ phase: 'Failed', reason: 'Evicted' });
  });

  it('a pod on a lost node turns Unknown (NodeLost, deleting), then is deleted', () => {
    const { rows, events } = watchRows(nodeLostPod({ random: random() }));
    expect(rows.map((r) => r.status).slice(-2)).toEqual(['Unknown', 'Unknown']);
    expect(rows.at(-1)?.type).toBe('DELETED');
    expect(events.at(-2)?.pod.metadata.deletionTimestamp).toBeDefined();
  });

  it('a deletion shows Terminating, then a DELETED event', () => {
    const { rows } = watchRows(deletedPod({ random: random() }));
    expect(rows.slice(-2).map((r) => `${r.type} ${r.status}`)).toEqual([
      'MODIFIED Terminating',
      'DELETED Terminating',
    ]);
  });

  it('pods look real: owned by a ReplicaSet named after the pod-template-hash, with managedFields, env and volumes', () => {
    const { last } = watchRows(crashLoopPod({ random: random() }));
    const pod = last!;
    const hash = pod.metadata.labels?.['pod-template-hash'];
    expect(pod.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'ReplicaSet',
      name: `payments-api-${hash}`,
    });
    expect(pod.metadata.name).toMatch(new RegExp(`^payments-api-${hash}-[a-z0-9]{5}$`));
    expect(pod.metadata.managedFields).toHaveLength(2);
    expect(pod.spec.containers[0]).toHaveProperty('env');
    expect(pod.spec).toHaveProperty('volumes');
    const size = JSON.stringify({ kind: 'Pod', apiVersion: 'v1', ...pod }).length;
    expect(size).toBeGreaterThan(3_000);
    expect(size).toBeLessThan(7_000);
  });
});

describe('the demo cluster', () => {
  it('tells every story within about three simulated minutes', () => {
    const scripts = demoCluster();
    expect(new Set(scripts.map((s) => s.scenario))).toEqual(
      new Set([
        'bad-image',
        'crash-loop',
        'oom-kill',
        'init-containers',
        'sidecar',
        'completed-job',
        'evicted',
        'node-lost',
        'deletion',
        'steady',
      ]),
    );
    expect(scriptDurationMs(scripts)).toBeLessThanOrEqual(180_000);
    expect(new Set(scripts.map((s) => `${s.namespace}/${s.name}`)).size).toBe(scripts.length);
  });

  it('with uidRandom, a rerun is a new life of the same pods: same names, timings and pod bodies, fresh uids', () => {
    const seeded = demoCluster();
    const rerun = demoCluster({ uidRandom: seededRandom(99) });
    expect(rerun.map((s) => `${s.namespace}/${s.name}`)).toEqual(
      seeded.map((s) => `${s.namespace}/${s.name}`),
    );
    expect(scriptDurationMs(rerun)).toBe(scriptDurationMs(seeded));
    rerun.forEach((script, i) => {
      const before = seeded[i];
      expect(script.uid).not.toBe(before?.uid);
      const create = (s: PodScript | undefined) => {
        const step = s?.steps[0];
        if (step?.op !== 'create') throw new Error('a script starts with create');
        return JSON.stringify(step.build('2026-11-23T10:00:00Z')).replaceAll(s?.uid ?? '', '<uid>');
      };
      expect(create(script)).toBe(create(before));
    });
    expect(demoCluster().map((s) => s.uid)).toEqual(seeded.map((s) => s.uid));
  });

  it('an accelerated clock runs simulated time `speed` times as fast as the wall clock', () => {
    let wall = 1_000_000;
    const clock = acceleratedClock({ speed: 3, startMs: 0, wallNow: () => wall });
    wall += 20_000;
    expect(clock.now()).toBe(60_000);
  });

  // [wall-clock]: at 500× a millisecond of real delay is half a simulated second, so the creation
  // time is checked to fall in the script's first simulated seconds, not on the exact second.
  it('[wall-clock] plays scripts to the end on a fast clock, timestamps in simulated time', async () => {
    const clock = acceleratedClock({ speed: 500, startMs: Date.UTC(2030, 0, 1) });
    const store = createPodStore();
    const script = badImagePod({ deleteAtMs: 180_000 });
    const created: string[] = [];
    store.subscribe((e) => {
      if (e.type === 'ADDED')
        created.push((JSON.parse(e.line) as { object: SimPod }).object.metadata.creationTimestamp);
    });
    const playback = playScripts(store, clock, [script]);
    await playback.done;
    expect(playback.applied()).toBe(playback.total);
    expect(store.size()).toBe(0);
    expect(created).toHaveLength(1);
    const offset = Date.parse(created[0] ?? '') - Date.UTC(2030, 0, 1);
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(5_000);
  });
});
