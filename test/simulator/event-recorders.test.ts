import { afterEach, describe, expect, it } from 'vitest';
import {
  controllersSay,
  kubeletSays,
  type ManualClock,
  manualClock,
  type PodEventMaker,
  type SimPod,
  type Simulator,
  schedulerSays,
  startSimulator,
} from '../../simulator/index.js';
import { runningPods, simGet, simWatch, type WatchLine } from '../support/sim-client.js';

/**
 * The simulated components write events as their recorders do (client-go tools/record for the
 * kubelet and controllers, tools/events for the scheduler), observed the way a client sees them:
 * over HTTP, on a watch from before the first write.
 */

type EventObject = WatchLine['object'] & {
  series?: { count: number; lastObservedTime: string };
  [field: string]: unknown;
};

let sim: Simulator;
let clock: ManualClock;
let pod: SimPod;
let from: number;
afterEach(async () => {
  await sim?.close();
});

async function cluster() {
  clock = manualClock();
  sim = await startSimulator({ token: 'sim-token', clock });
  const [built] = runningPods(1, { seed: 3 });
  sim.store.create(built!);
  pod = sim.store.get(built!.metadata.uid)!;
  from = sim.store.resourceVersion();
}

/** Records what `maker` says about the pod now, then moves the clock on by `thenMs`. */
function say(maker: PodEventMaker, thenMs = 0) {
  const current = sim.store.get(pod.metadata.uid) ?? pod;
  sim.recordEvent(current, maker(current));
  clock.advance(thenMs);
}

/** Every event write since the cluster started, as a watch from then replays them. */
async function writes(): Promise<{ type: string; event: EventObject }[]> {
  // How many lines to wait for (the revision also counts pod writes).
  const history = sim.events.objects.eventsAfter(from);
  const count = history === 'expired' ? 0 : history.length;
  if (count === 0) return [];
  const { lines } = await simWatch(sim, `resourceVersion=${from}`, { resource: 'events', maxLines: count });
  return lines.map((l) => ({ type: l.type, event: l.object as EventObject }));
}

const container = () => pod.spec.containers[0]!.name;
const at = (seconds: number) =>
  new Date(Date.UTC(2026, 10, 23, 10, 0, seconds)).toISOString().replace('.000Z', 'Z');

describe('the kubelet (legacy recorder)', () => {
  it('patches a repeat into the same event: count + 1, lastTimestamp moves, each a MODIFIED with a new resourceVersion', async () => {
    await cluster();
    for (let i = 0; i < 3; i++) say(kubeletSays.crashBackOff(container()), 12_000);
    const seen = await writes();
    expect(seen.map((w) => [w.type, w.event.count, w.event.firstTimestamp, w.event.lastTimestamp])).toEqual([
      ['ADDED', 1, at(0), at(0)],
      ['MODIFIED', 2, at(0), at(12)],
      ['MODIFIED', 3, at(0), at(24)],
    ]);
    const names = new Set(seen.map((w) => w.event.metadata?.name));
    expect([...names]).toHaveLength(1);
    expect([...names][0]).toMatch(new RegExp(`^${pod.metadata.name}\\.[0-9a-f]{16}$`));
    const rvs = seen.map((w) => Number(w.event.metadata?.resourceVersion));
    expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
    expect(new Set(rvs).size).toBe(3);
    const node = pod.spec.nodeName;
    expect(seen[2]?.event).toMatchObject({
      involvedObject: {
        kind: 'Pod',
        namespace: pod.metadata.namespace,
        name: pod.metadata.name,
        uid: pod.metadata.uid,
        apiVersion: 'v1',
        fieldPath: `spec.containers{${container()}}`,
      },
      reason: 'BackOff',
      type: 'Warning',
      source: { component: 'kubelet', host: node },
      eventTime: null,
      reportingComponent: 'kubelet',
      reportingInstance: node,
      metadata: { managedFields: [{ manager: 'kubelet', apiVersion: 'v1', time: at(24) }] },
    });
  });

  it('keeps apart what differs in message or container, and counts each', async () => {
    await cluster();
    say(kubeletSays.alreadyPresent(container()));
    say(kubeletSays.created(container()));
    say(kubeletSays.started(container()));
    say(kubeletSays.alreadyPresent(container()));
    say(kubeletSays.pulled(container(), { pullMs: 1_594, waitMs: 2_000, sizeBytes: 1_000 }));
    const list = JSON.parse((await simGet(sim, '/api/v1/events')).body) as { items: EventObject[] };
    expect(list.items.map((e) => [e.reason, e.count, e.message])).toEqual([
      ['Pulled', 2, `Container image "${pod.spec.containers[0]!.image}" already present on machine`],
      ['Created', 1, `Created container: ${container()}`],
      ['Started', 1, `Started container ${container()}`],
      [
        'Pulled',
        1,
        `Successfully pulled image "${pod.spec.containers[0]!.image}" in 1.594s (3.594s including waiting). Image size: 1000 bytes.`,
      ],
    ]);
  });

  it('combines the tenth distinct message of a group within ten minutes, then patches the combined event', async () => {
    await cluster();
    for (let i = 1; i <= 12; i++) say(kubeletSays.unhealthy(container(), 'Liveness', `output ${i}`), 1_000);
    const list = JSON.parse((await simGet(sim, '/api/v1/events')).body) as { items: EventObject[] };
    expect(list.items.map((e) => [e.message, e.count])).toEqual([
      ...Array.from({ length: 9 }, (_, i) => [`Liveness probe failed: output ${i + 1}`, 1]),
      ['(combined from similar events): Liveness probe failed: output 12', 3],
    ]);
    expect(list.items.at(-1)).toMatchObject({
      reportingComponent: '',
      reportingInstance: '',
      firstTimestamp: at(9),
    });
    clock.advance(601_000);
    say(kubeletSays.unhealthy(container(), 'Liveness', 'output 13'));
    const after = JSON.parse((await simGet(sim, '/api/v1/events')).body) as { items: EventObject[] };
    expect(after.items.at(-1)).toMatchObject({ message: 'Liveness probe failed: output 13', count: 1 });
  });

  it('lets 25 writes through per pod and type, then one per 5 minutes, each carrying the true count', async () => {
    await cluster();
    for (let i = 0; i < 40; i++) say(kubeletSays.crashBackOff(container()), 1_000);
    say(kubeletSays.killing(container()));
    let seen = await writes();
    const backOffs = seen.filter((w) => w.event.reason === 'BackOff');
    expect(backOffs).toHaveLength(25);
    expect(backOffs.at(-1)?.event).toMatchObject({ count: 25, lastTimestamp: at(24) });
    // Normal events of the same pod have a bucket of their own.
    expect(seen.filter((w) => w.event.reason === 'Killing')).toHaveLength(1);
    clock.advance(300_000);
    say(kubeletSays.crashBackOff(container()));
    seen = await writes();
    expect(seen.at(-1)).toMatchObject({ type: 'MODIFIED', event: { reason: 'BackOff', count: 41 } });
  });

  it('creates a repeat again under its name, with the running count, once the event has expired', async () => {
    await cluster();
    say(kubeletSays.crashBackOff(container()), 3_600_000);
    say(kubeletSays.crashBackOff(container()));
    const seen = await writes();
    expect(seen.map((w) => [w.type, w.event.count, w.event.firstTimestamp])).toEqual([
      ['ADDED', 1, at(0)],
      ['DELETED', 1, at(0)],
      ['ADDED', 2, at(0)],
    ]);
    expect(seen[2]?.event.metadata?.name).toBe(seen[0]?.event.metadata?.name);
  });

  it('controllers write as themselves; the taint manager names the pod without its uid; node events are about the Node', async () => {
    await cluster();
    say(controllersSay.nodeNotReady());
    say(controllersSay.taintManagerEviction());
    say(controllersSay.oomKilling('Memory cgroup out of memory: Killed process 4242 (app)'));
    const byReason = Object.fromEntries((await writes()).map((w) => [w.event.reason, w.event]));
    expect(byReason.NodeNotReady).toMatchObject({
      source: { component: 'node-controller' },
      reportingComponent: 'node-controller',
      reportingInstance: '',
      involvedObject: { uid: pod.metadata.uid },
    });
    expect(byReason.TaintManagerEviction?.involvedObject).toEqual({
      kind: 'Pod',
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      apiVersion: 'v1',
    });
    expect(byReason.OOMKilling).toMatchObject({
      metadata: { namespace: 'default' },
      involvedObject: { kind: 'Node', name: pod.spec.nodeName, uid: pod.spec.nodeName },
      source: { component: 'kernel-monitor', host: pod.spec.nodeName },
    });
    const podsOnly = JSON.parse(
      (await simGet(sim, `/api/v1/events?fieldSelector=${encodeURIComponent('involvedObject.kind=Pod')}`))
        .body,
    ) as { items: EventObject[] };
    expect(podsOnly.items.map((e) => e.reason).sort()).toEqual(['NodeNotReady', 'TaintManagerEviction']);
  });
});

describe('the scheduler (events.k8s.io recorder, served through core/v1)', () => {
  it('writes a singleton with eventTime and action, without source, timestamps or count', async () => {
    await cluster();
    say(schedulerSays.scheduled());
    const [written] = await writes();
    expect(written?.type).toBe('ADDED');
    const event = written?.event ?? {};
    expect(event).toMatchObject({
      reason: 'Scheduled',
      message: `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${pod.spec.nodeName}`,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type: 'Normal',
      eventTime: '2026-11-23T10:00:00.000000Z',
      action: 'Binding',
      reportingComponent: 'default-scheduler',
      reportingInstance: expect.stringMatching(/^default-scheduler-/),
      involvedObject: { resourceVersion: pod.metadata.resourceVersion },
      metadata: { managedFields: [{ manager: 'kube-scheduler', apiVersion: 'events.k8s.io/v1' }] },
    });
    expect(event).not.toHaveProperty('count');
    expect(event).not.toHaveProperty('series');
    expect(Object.keys(event).slice(-5)).toEqual([
      'type',
      'eventTime',
      'action',
      'reportingComponent',
      'reportingInstance',
    ]);
  });

  it('writes series count 2 at once, counts later ones in memory, and writes the last count when the series has been quiet for 6 minutes', async () => {
    await cluster();
    const failed = schedulerSays.failedScheduling('0/3 nodes are available: 3 Insufficient cpu.');
    for (let i = 0; i < 4; i++) say(failed, 20_000);
    let seen = await writes();
    expect(seen.map((w) => [w.type, w.event.series])).toEqual([
      ['ADDED', undefined],
      ['MODIFIED', { count: 2, lastObservedTime: '2026-11-23T10:00:20.000000Z' }],
    ]);
    expect(Object.keys(seen[1]?.event ?? {}).slice(-5)).toEqual([
      'eventTime',
      'series',
      'action',
      'reportingComponent',
      'reportingInstance',
    ]);
    // The 6-minute ticks (from the scheduler's start) at 6 min find it quiet for 5 min: not yet.
    clock.advance(6 * 60_000 - 80_000);
    expect(await writes()).toHaveLength(2);
    clock.advance(6 * 60_000);
    seen = await writes();
    expect(seen.at(-1)).toMatchObject({
      type: 'MODIFIED',
      event: { series: { count: 4, lastObservedTime: '2026-11-23T10:01:00.000000Z' } },
    });
    // Forgotten: the next occurrence is a new event.
    say(failed);
    seen = await writes();
    expect(seen.at(-1)?.type).toBe('ADDED');
    expect(seen.at(-1)?.event.metadata?.name).not.toBe(seen[0]?.event.metadata?.name);
  });

  it('writes open series every 30 minutes, and writes nothing for a series that did not grow', async () => {
    await cluster();
    const failed = schedulerSays.failedScheduling('0/3 nodes are available: 3 Insufficient memory.');
    for (let minute = 0; minute < 40; minute++) say(failed, 60_000);
    const seen = await writes();
    // The tick at 30 min comes before that minute's occurrence: 30 counted so far.
    expect(seen.map((w) => [w.type, w.event.series?.count])).toEqual([
      ['ADDED', undefined],
      ['MODIFIED', 2],
      ['MODIFIED', 30],
    ]);
    // A new pod version is a new `regarding`, so a new series.
    sim.store.update(pod.metadata.uid, (p) => {
      p.status.message = 'touched';
    });
    say(failed, 60_000);
    say(failed);
    const quiet = sim.store.resourceVersion();
    clock.advance(20 * 60_000);
    // The 40-occurrence series was finished and written (count 40); the 2-occurrence one was
    // already written with count 2, so finishing it changed nothing and wrote nothing.
    const late = (await writes()).filter((w) => Number(w.event.metadata?.resourceVersion) > quiet);
    expect(late.map((w) => [w.type, w.event.series?.count])).toEqual([['MODIFIED', 40]]);
  });
});
