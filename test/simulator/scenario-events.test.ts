import { afterEach, describe, expect, it } from 'vitest';
import {
  badImagePod,
  crashLoopPod,
  deletedPod,
  demoCluster,
  evictedPod,
  initContainersPod,
  type ManualClock,
  manualClock,
  nodeLostPod,
  oomKilledPod,
  type PodScript,
  type SimPod,
  type Simulator,
  scriptDurationMs,
  seededRandom,
  sidecarPod,
  startSimulator,
  steadyPod,
  UNSCHEDULABLE_MESSAGE,
  unschedulablePod,
} from '../../simulator/index.js';
import { simGet, simWatch } from '../support/sim-client.js';

/**
 * The scenarios' pods emit the events real ones would, in step with their status changes: each
 * script played on a manual clock, then read back over HTTP as a client would (the final event
 * list, and watches of pods and events replayed from before the first write).
 */

interface EventObject {
  metadata: { name: string; namespace: string; resourceVersion: string };
  involvedObject: { kind: string; name: string; uid?: string; fieldPath?: string; resourceVersion?: string };
  type: string;
  reason: string;
  message: string;
  count?: number;
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  eventTime: string | null;
  series?: { count: number; lastObservedTime: string };
  source: { component?: string; host?: string };
}

let sim: Simulator;
let clock: ManualClock;
afterEach(async () => {
  await sim?.close();
});

const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
const at = (ms: number) => new Date(T0 + ms).toISOString().replace('.000Z', 'Z');

/** Plays `scripts` to their end (plus `extraMs`), then reads pods and events back over HTTP. */
async function play(scripts: readonly PodScript[], extraMs = 1_000) {
  clock = manualClock(T0);
  sim = await startSimulator({ clock, historyLimit: 20_000, eventHistoryLimit: 20_000 });
  const from = sim.store.resourceVersion();
  sim.play(scripts);
  clock.advance(scriptDurationMs(scripts) + extraMs);
  const replay = async <T>(resource: 'pods' | 'events', store: { eventsAfter(rv: number): unknown }) => {
    const history = store.eventsAfter(from);
    const maxLines = Array.isArray(history) ? history.length : 0;
    const { lines } = await simWatch(sim, `resourceVersion=${from}`, { resource, maxLines });
    return lines.map((l) => ({ type: l.type, object: l.object as unknown as T }));
  };
  const list = JSON.parse((await simGet(sim, '/api/v1/events')).body) as { items: EventObject[] };
  return {
    events: list.items,
    eventWrites: await replay<EventObject>('events', sim.events.objects),
    podWrites: await replay<SimPod>('pods', sim.store),
  };
}

/** kubectl describe's Events rows, unformatted: type, reason, count, first and last time, message. */
const table = (events: readonly EventObject[]) =>
  events.map((e) => [
    e.type,
    e.reason,
    e.series?.count ?? e.count ?? 1,
    e.firstTimestamp ?? e.eventTime,
    e.lastTimestamp ?? e.series?.lastObservedTime ?? e.eventTime,
    e.message,
  ]);

const about = (events: readonly EventObject[], script: PodScript) =>
  events.filter((e) => e.involvedObject.uid === script.uid);

/** When the kubelet last wrote this pod version's status (the simulator stamps its managedFields entry). */
const statusTime = (pod: SimPod) =>
  (pod.metadata.managedFields as { manager: string; time: string }[]).find((m) => m.manager === 'kubelet')
    ?.time;

describe("the seed's bad-image pod", () => {
  const image = 'busybox:nonexist';
  const reference = `docker.io/library/${image}`;
  const pullError = `rpc error: code = NotFound desc = failed to pull and unpack image "${reference}": failed to resolve reference "${reference}": ${reference}: not found`;

  it('ends with the events kubectl describe shows for it, counts grown with each retry', async () => {
    const script = badImagePod();
    const { events } = await play([script]);
    expect(table(events)).toEqual([
      [
        'Normal',
        'Scheduled',
        1,
        '2026-11-23T10:00:00.200000Z',
        '2026-11-23T10:00:00.200000Z',
        expect.stringMatching(/^Successfully assigned default\/pod-phase to ip-/),
      ],
      ['Normal', 'Pulling', 3, at(1_000), at(134_000), `Pulling image "${image}"`],
      ['Warning', 'Failed', 3, at(41_000), at(162_000), `Failed to pull image "${image}": ${pullError}`],
      ['Warning', 'Failed', 3, at(41_000), at(162_000), 'Error: ErrImagePull'],
      ['Normal', 'BackOff', 4, at(52_000), at(174_000), `Back-off pulling image "${image}"`],
      ['Warning', 'Failed', 4, at(52_000), at(174_000), 'Error: ImagePullBackOff'],
    ]);
    expect(events.every((e) => e.involvedObject.uid === script.uid)).toBe(true);
    expect(events.slice(1).every((e) => e.involvedObject.fieldPath === 'spec.containers{pod-phase}')).toBe(
      true,
    );
  });

  it('writes each repeat as a MODIFIED at the moment the pod shows it', async () => {
    const { eventWrites, podWrites } = await play([badImagePod()]);
    const writesOf = (message: string) =>
      eventWrites
        .filter((w) => w.object.message === message)
        .map((w) => [w.type, w.object.count, w.object.lastTimestamp]);
    expect(writesOf('Error: ErrImagePull')).toEqual([
      ['ADDED', 1, at(41_000)],
      ['MODIFIED', 2, at(97_000)],
      ['MODIFIED', 3, at(162_000)],
    ]);
    expect(writesOf('Error: ImagePullBackOff').map(([, count, time]) => [count, time])).toEqual([
      [1, at(52_000)],
      [2, at(110_000)],
      [3, at(122_000)],
      [4, at(174_000)],
    ]);
    // Every status the kubelet wrote has the Failed event that explains it, written in that second.
    const statuses = podWrites
      .map((w) => ({
        reason: w.object.status.containerStatuses?.[0]?.state.waiting?.reason,
        time: statusTime(w.object),
      }))
      .filter((s) => s.reason === 'ErrImagePull' || s.reason === 'ImagePullBackOff');
    expect(statuses).toHaveLength(6);
    for (const { reason, time } of statuses) {
      expect(
        eventWrites.some((w) => w.object.message === `Error: ${reason}` && w.object.lastTimestamp === time),
      ).toBe(true);
    }
  });

  it('a deleted bad-image pod records nothing after its deletion', async () => {
    const { events } = await play([badImagePod({ deleteAtMs: 60_000 })]);
    expect(table(events).map(([, reason, count]) => `${reason} ${count}`)).toEqual([
      'Scheduled 1',
      'Pulling 1',
      'Failed 1',
      'Failed 1',
      'BackOff 1',
      'Failed 1',
    ]);
  });
});

describe('restarts', () => {
  it('a crash loop: a fresh pull, then "already present", Created and Started at each restart, and BackOff at each sync in back-off', async () => {
    const script = crashLoopPod({ random: seededRandom(1), crashes: 3 });
    const { events, podWrites, eventWrites } = await play([script]);
    const image = 'registry.example.com/payments/api:1.8.2';
    const rows = table(events).map(([type, reason, count, , , message]) => [type, reason, count, message]);
    expect(rows).toEqual([
      ['Normal', 'Scheduled', 1, expect.stringMatching(/^Successfully assigned /)],
      ['Normal', 'Pulling', 1, `Pulling image "${image}"`],
      [
        'Normal',
        'Pulled',
        1,
        `Successfully pulled image "${image}" in 1.846s (1.846s including waiting). Image size: 48213112 bytes.`,
      ],
      ['Normal', 'Created', 4, 'Created container: api'],
      ['Normal', 'Started', 4, 'Started container api'],
      [
        'Warning',
        'BackOff',
        1 + 2 + 4,
        `Back-off restarting failed container api in pod ${script.name}_${script.namespace}(${script.uid})`,
      ],
      ['Normal', 'Pulled', 3, `Container image "${image}" already present on machine`],
    ]);
    // Each start the pod shows has its Started write in the same second; each CrashLoopBackOff its BackOff.
    const states = podWrites.map((w) => ({
      state: w.object.status.containerStatuses?.[0]?.state,
      time: statusTime(w.object),
    }));
    const startedAt = states
      .filter((s) => s.state?.running !== undefined)
      .map((s) => s.state?.running?.startedAt);
    const startWrites = eventWrites
      .filter((w) => w.object.reason === 'Started')
      .map((w) => w.object.lastTimestamp);
    expect(startWrites).toEqual([...new Set(startedAt)]);
    const backOffTimes = new Set(
      eventWrites.filter((w) => w.object.reason === 'BackOff').map((w) => w.object.lastTimestamp),
    );
    for (const s of states.filter((s) => s.state?.waiting?.reason === 'CrashLoopBackOff')) {
      expect(backOffTimes.has(s.time ?? '')).toBe(true);
    }
  });

  it('an OOM kill has no pod event of its own: node-problem-detector reports it on the Node', async () => {
    const script = oomKilledPod({ random: seededRandom(2) });
    const { events } = await play([script]);
    const node = events.filter((e) => e.involvedObject.kind === 'Node');
    expect(
      node.map((e) => [e.metadata.namespace, e.reason, e.source.component, e.involvedObject.name]),
    ).toEqual([
      ['default', 'OOMKilling', 'kernel-monitor', expect.stringMatching(/^ip-/)],
      ['default', 'OOMKilling', 'kernel-monitor', expect.stringMatching(/^ip-/)],
    ]);
    expect(node[0]?.message).toMatch(
      /^Memory cgroup out of memory: Killed process \d+ \(resizer\) total-vm:/,
    );
    const pod = table(about(events, script)).map(([, reason, count]) => `${reason} ${count}`);
    expect(pod).toEqual([
      'Scheduled 1',
      'Pulling 1',
      'Pulled 1',
      'Created 3',
      'Started 3',
      'Pulled 2',
      'BackOff 1',
    ]);
  });
});

describe('starts', () => {
  it('init containers: events carry spec.initContainers{…}, each image pulled when its container is due', async () => {
    const { events } = await play([initContainersPod({ random: seededRandom(3) })]);
    expect(
      events
        .filter((e) => e.involvedObject.fieldPath !== undefined)
        .map((e) => `${e.involvedObject.fieldPath} ${e.reason} ${e.lastTimestamp}`),
    ).toEqual([
      `spec.initContainers{wait-for-db} Pulled ${at(2_000)}`,
      `spec.initContainers{wait-for-db} Created ${at(2_000)}`,
      `spec.initContainers{wait-for-db} Started ${at(2_000)}`,
      `spec.initContainers{migrate} Pulled ${at(6_000)}`,
      `spec.initContainers{migrate} Created ${at(6_000)}`,
      `spec.initContainers{migrate} Started ${at(6_000)}`,
      `spec.containers{orders} Pulling ${at(12_000)}`,
      `spec.containers{orders} Pulled ${at(13_000)}`,
      `spec.containers{orders} Created ${at(14_000)}`,
      `spec.containers{orders} Started ${at(14_000)}`,
    ]);
    expect(
      events.find((e) => e.reason === 'Pulled' && e.involvedObject.fieldPath?.includes('orders'))?.message,
    ).toBe(
      'Successfully pulled image "registry.example.com/shop/orders:2.4.0" in 1.871s (1.871s including waiting). Image size: 61034291 bytes.',
    );
  });

  it('a sidecar starts before the app container is pulled', async () => {
    const { events } = await play([sidecarPod({ random: seededRandom(4) })]);
    const order = events.map((e) => `${e.reason} ${e.involvedObject.fieldPath ?? ''}`);
    expect(order.indexOf('Started spec.initContainers{log-shipper}')).toBeLessThan(
      order.indexOf('Pulling spec.containers{web}'),
    );
  });

  it('a readiness flap follows three Unhealthy probe failures, the last when the pod turns unready', async () => {
    const script = steadyPod({ random: seededRandom(5), flapAtMs: [90_000] });
    const { events, podWrites } = await play([script]);
    const unhealthy = events.find((e) => e.reason === 'Unhealthy');
    expect(unhealthy).toMatchObject({
      type: 'Warning',
      count: 3,
      firstTimestamp: at(70_000),
      lastTimestamp: at(90_000),
      message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
    });
    const unready = podWrites.find((w) => statusTime(w.object) === at(90_000));
    expect(unready?.object.status.containerStatuses?.[0]?.ready).toBe(false);
  });

  it('a pod that waits for a node: FailedScheduling (a second event once the pod changed, then a series), the scale-up, Scheduled', async () => {
    const script = unschedulablePod({ random: seededRandom(6) });
    const { events } = await play([script], 13 * 60_000);
    expect(table(events).slice(0, 4)).toEqual([
      [
        'Warning',
        'FailedScheduling',
        1,
        '2026-11-23T10:00:00.100000Z',
        '2026-11-23T10:00:00.100000Z',
        UNSCHEDULABLE_MESSAGE,
      ],
      [
        'Normal',
        'TriggeredScaleUp',
        1,
        at(12_000),
        at(12_000),
        'pod triggered scale-up: [{eks-general-20261101 5->6 (max: 10)}]',
      ],
      // Counted 3 by the scheduler; the count reached the API at its first 6-minute tick after 6 quiet minutes.
      [
        'Warning',
        'FailedScheduling',
        3,
        '2026-11-23T10:00:15.000000Z',
        '2026-11-23T10:01:00.000000Z',
        UNSCHEDULABLE_MESSAGE,
      ],
      [
        'Normal',
        'Scheduled',
        1,
        '2026-11-23T10:01:15.000000Z',
        '2026-11-23T10:01:15.000000Z',
        `Successfully assigned default/${script.name} to ip-10-0-4-77.eu-west-1.compute.internal`,
      ],
    ]);
    const [first, , second] = events;
    expect(Number(second?.involvedObject.resourceVersion)).toBeGreaterThan(
      Number(first?.involvedObject.resourceVersion),
    );
    expect(events.at(-1)).toMatchObject({ reason: 'Started', lastTimestamp: at(80_000) });
  });
});

describe('endings', () => {
  it('a deletion: Killing when the pod turns Terminating; its events outlive it by an hour after their last write', async () => {
    const script = deletedPod({ random: seededRandom(7), deleteAtMs: 20_000 });
    const { events, podWrites } = await play([script]);
    const terminating = podWrites.find((w) => w.object.metadata.deletionTimestamp !== undefined);
    expect(events.at(-1)).toMatchObject({
      reason: 'Killing',
      message: 'Stopping container checkout',
      lastTimestamp: statusTime(terminating?.object as SimPod) ?? 'missing',
    });
    expect(sim.store.get(script.uid)).toBeUndefined();
    // The start's events were last written by 3 s, Killing at 20 s.
    clock.advance(T0 + 3_603_000 - clock.now());
    expect(sim.events.size()).toBe(1);
    clock.advance(17_000);
    expect(sim.events.size()).toBe(0);
  });

  it('an eviction: Evicted with the status message, then Killing', async () => {
    const script = evictedPod({ random: seededRandom(8) });
    const { events } = await play([script]);
    const pod = sim.store.get(script.uid);
    expect(events.slice(-2).map((e) => [e.type, e.reason, e.message, e.involvedObject.fieldPath])).toEqual([
      ['Warning', 'Evicted', pod?.status.message, undefined],
      ['Normal', 'Killing', 'Stopping container cache', 'spec.containers{cache}'],
    ]);
  });

  it('a lost node: NodeNotReady from the node controller, TaintManagerEviction without a uid (invisible to describe)', async () => {
    const script = nodeLostPod({ random: seededRandom(9) });
    const { events } = await play([script]);
    expect(events.slice(-2).map((e) => [e.reason, e.source.component, e.involvedObject.uid])).toEqual([
      ['NodeNotReady', 'node-controller', script.uid],
      ['TaintManagerEviction', 'taint-eviction-controller', undefined],
    ]);
    const selector = encodeURIComponent(
      `involvedObject.name=${script.name},involvedObject.namespace=${script.namespace},involvedObject.uid=${script.uid}`,
    );
    const described = JSON.parse(
      (await simGet(sim, `/api/v1/namespaces/${script.namespace}/events?fieldSelector=${selector}`)).body,
    ) as {
      items: EventObject[];
    };
    expect(described.items.map((e) => e.reason)).not.toContain('TaintManagerEviction');
    expect(described.items).toHaveLength(events.length - 1);
  });
});

describe('the demo cluster', () => {
  it('every pod has its Scheduled event and its kubelet events come from its node, all within the demo', async () => {
    const scripts = demoCluster();
    const { events } = await play(scripts);
    const end = T0 + scriptDurationMs(scripts);
    for (const script of scripts) {
      const own = about(events, script);
      expect(
        own.map((e) => e.reason),
        script.scenario,
      ).toContain('Scheduled');
      const node = own.find((e) => e.reason === 'Scheduled')?.message.split(' to ')[1];
      expect(own.filter((e) => e.source.component === 'kubelet').every((e) => e.source.host === node)).toBe(
        true,
      );
    }
    for (const e of events) {
      expect(
        Date.parse(e.lastTimestamp ?? e.series?.lastObservedTime ?? e.eventTime ?? ''),
      ).toBeLessThanOrEqual(end);
    }
  });

  it('replays exactly: the same names, resourceVersions and messages every time', async () => {
    const first = (await play(demoCluster())).eventWrites;
    await sim.close();
    const second = (await play(demoCluster())).eventWrites;
    expect(second).toEqual(first);
    expect(first.length).toBeGreaterThan(100);
  });
});
