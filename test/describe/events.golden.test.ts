import type { SimEvent } from '../../simulator/index.js';
import { describeGoldenCases } from '../support/describe-golden.js';
import { KUBELET, NAMESPACE, pod, podEvent } from '../support/describe-pods.js';
import { ago, type DescribeInput, microAgo } from '../support/kubectl-describe.js';

/** The Events section: which events, their order, ages, sources and messages. */

const kubeletEvent = (
  about: Record<string, unknown>,
  suffix: string,
  reason: string,
  times: { first: string; last: string; count?: number },
  extra: Record<string, unknown> = {},
) =>
  podEvent(about, suffix, {
    type: 'Normal',
    reason,
    message: `${reason} happened`,
    firstTimestamp: times.first,
    lastTimestamp: times.last,
    count: times.count ?? 1,
    ...KUBELET,
    ...extra,
  });

/** Events that all happened in one of three seconds (i mod 3), named in creation order. */
function ties(name: string, count: number, now: number, seconds: (i: number) => number): DescribeInput {
  const p = pod(name);
  const events = Array.from({ length: count }, (_, k) => {
    const i = k + 1;
    const at = ago(now, seconds(i));
    return kubeletEvent(p, `tie.${String(i).padStart(3, '0')}`, `R${String(i).padStart(2, '0')}`, {
      first: at,
      last: at,
    });
  });
  return { pod: p, events };
}

/** core/v1 Events as events.k8s.io/v1 serves the same objects. */
function asEventsApi(input: DescribeInput): DescribeInput {
  const events = (input.events ?? []).map((e: SimEvent) => ({
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: e.metadata,
    regarding: e.involvedObject,
    reason: e.reason,
    note: e.message,
    type: e.type,
    eventTime: e.eventTime ?? null,
    series: e.series,
    reportingController: e.reportingComponent,
    deprecatedSource: e.source,
    deprecatedFirstTimestamp: e.firstTimestamp,
    deprecatedLastTimestamp: e.lastTimestamp,
    deprecatedCount: e.count,
  })) as unknown as SimEvent[];
  return { ...input, events };
}

const scheduled = (about: Record<string, unknown>, now: number, secondsAgo: number, extra = {}) =>
  podEvent(about, 'scheduled', {
    type: 'Normal',
    reason: 'Scheduled',
    message: `Successfully assigned ${NAMESPACE}/${(about.metadata as { name: string }).name} to node-a`,
    eventTime: microAgo(now, secondsAgo),
    source: {},
    reportingComponent: 'default-scheduler',
    reportingInstance: 'default-scheduler-node-a',
    ...extra,
  });

describeGoldenCases('describe pod: events', [
  {
    rule: 'no events: Events: <none> joins the block above it',
    build: () => ({ pod: pod('no-events') }),
  },
  {
    rule: 'one event shows the age of its first timestamp',
    build: (now) => {
      const p = pod('one-event');
      return { pod: p, events: [kubeletEvent(p, '1', 'Pulled', { first: ago(now, 61), last: ago(now, 3) })] };
    },
  },
  {
    rule: 'repeated events show the last age, the count and the first age: (x12 over 48m), with a field path prefix',
    build: (now) => {
      const p = pod('repeats');
      return {
        pod: p,
        events: [
          kubeletEvent(
            p,
            '1',
            'Unhealthy',
            { first: ago(now, 2880), last: ago(now, 160), count: 12 },
            {
              type: 'Warning',
              message: 'Liveness probe failed: HTTP probe failed with statuscode: 500',
              involvedObject: { fieldPath: 'spec.containers{app}' },
            },
          ),
          kubeletEvent(
            p,
            '2',
            'BackOff',
            { first: ago(now, 1200), last: ago(now, 293), count: 72 },
            {
              type: 'Warning',
              message: 'Back-off restarting failed container app in pod repeats_golden(uid-repeats)  ',
              involvedObject: { fieldPath: 'spec.containers{app}' },
            },
          ),
        ],
      };
    },
  },
  {
    rule: 'ages in every HumanDuration range, from seconds to years',
    build: (now) => {
      const p = pod('ages');
      const secondsAgo = [
        0, 59, 119, 120, 330, 600, 8100, 10800, 28800, 108000, 273600, 3456000, 34560000, 95000000, 300000000,
      ];
      return {
        pod: p,
        events: secondsAgo.map((s, i) =>
          kubeletEvent(p, `age-${String(i).padStart(2, '0')}`, `Age${s}`, {
            first: ago(now, s),
            last: ago(now, s),
          }),
        ),
      };
    },
  },
  {
    rule: 'forty events in three tied seconds are ordered by Go pdqsort (the reference test vector)',
    build: (now) => ties('ties-forty', 40, now, (i) => 100 + (i % 3)),
  },
  {
    rule: 'twelve tied events keep their input order within each second (insertion sort)',
    build: (now) => ties('ties-twelve', 12, now, (i) => 100 + (i % 3)),
  },
  {
    rule: 'twenty events with one timestamp keep their input order',
    build: (now) => ties('ties-twenty', 20, now, () => 100),
  },
  {
    rule: 'six hundred events (two list pages) with many ties sort as Go sorts them',
    build: (now) => ties('six-hundred', 600, now, (i) => 30 + ((i * 7919) % 11)),
  },
  {
    rule: 'events.k8s.io-made events (eventTime only, series) sort first and age by eventTime and series',
    build: (now) => {
      const p = pod('new-recorder');
      return {
        pod: p,
        events: [
          kubeletEvent(p, '0-kubelet', 'Pulling', { first: ago(now, 50), last: ago(now, 50) }),
          scheduled(p, now, 40),
          podEvent(p, 'failed-scheduling', {
            type: 'Warning',
            reason: 'FailedScheduling',
            message:
              '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
            eventTime: microAgo(now, 1200),
            series: { count: 7, lastObservedTime: microAgo(now, 61) },
            source: {},
            reportingComponent: 'default-scheduler',
          }),
        ],
      };
    },
  },
  {
    rule: 'edge cases: no timestamps, only a last timestamp, series over count, a padded message, an empty source',
    build: (now) => {
      const p = pod('edge-1');
      const e = (suffix: string, reason: string, fields: Record<string, unknown>) =>
        podEvent(p, suffix, { type: 'Normal', reason, ...fields });
      return {
        pod: p,
        events: [
          e('a1', 'NoTimes', { count: 3, source: { component: 'x' }, message: 'count 3 without timestamps' }),
          e('a2', 'OnlyLast', {
            count: 1,
            lastTimestamp: ago(now, 50),
            source: { component: 'y' },
            message: 'single with only lastTimestamp',
          }),
          e('a3', 'NewApi', {
            eventTime: microAgo(now, 40),
            reportingComponent: 'my-controller',
            message: 'events.k8s.io single',
          }),
          e('a4', 'Both', {
            count: 9,
            firstTimestamp: ago(now, 500),
            lastTimestamp: ago(now, 30),
            eventTime: microAgo(now, 400),
            series: { count: 2, lastObservedTime: microAgo(now, 20) },
            source: { component: 'z' },
            message: 'has count 9 and series 2',
          }),
          e('a5', 'Long', {
            type: 'Warning',
            count: 1,
            firstTimestamp: ago(now, 10),
            lastTimestamp: ago(now, 10),
            source: {},
            reportingComponent: '',
            message: '  \tpadded message \n ',
          }),
          e('a6', 'CountNoLast', {
            count: 3,
            firstTimestamp: ago(now, 300),
            source: { component: 'w' },
            message: 'x3, no last',
          }),
          e('a7', 'Escapes', {
            count: 1,
            firstTimestamp: ago(now, 5),
            lastTimestamp: ago(now, 5),
            source: { component: 'esc\u001b' },
            message: 'carriage\rreturn and\nnewline',
          }),
        ],
      };
    },
  },
  {
    rule: 'only this pod\u2019s events: not an older pod\u2019s of the same name, not uid-less ones, not another pod\u2019s or namespace\u2019s',
    build: (now) => {
      const p = pod('selected');
      const times = { first: ago(now, 30), last: ago(now, 30) };
      return {
        pod: p,
        events: [
          kubeletEvent(p, '1-mine', 'Started', times),
          kubeletEvent(p, '2-old-uid', 'Killing', times, {
            involvedObject: { uid: 'uid-of-the-previous-pod' },
          }),
          kubeletEvent(p, '3-no-uid', 'TaintManagerEviction', times, { involvedObject: { uid: '' } }),
          kubeletEvent(p, '4-other-pod', 'Started', times, { involvedObject: { name: 'selected-2' } }),
          kubeletEvent(p, '5-node-kind', 'NodeNotReady', times, { involvedObject: { kind: 'Node' } }),
          {
            ...kubeletEvent(p, '6-elsewhere', 'Started', times),
            metadata: { name: 'selected.6-elsewhere', namespace: 'default' },
          },
        ],
      };
    },
  },
  {
    rule: 'a mirror pod\u2019s events are found by the uid in its config.mirror annotation',
    build: (now) => {
      const p = pod('kube-apiserver-node-a', {
        metadata: {
          annotations: { 'kubernetes.io/config.mirror': 'static-uid', 'kubernetes.io/config.source': 'file' },
        },
      });
      const times = { first: ago(now, 90), last: ago(now, 90) };
      return {
        pod: p,
        events: [
          kubeletEvent(p, '1-static', 'Started', times, { involvedObject: { uid: 'static-uid' } }),
          kubeletEvent(p, '2-mirror-uid', 'Created', times),
        ],
      };
    },
  },
  {
    rule: 'the same events given as events.k8s.io/v1 objects print the same table',
    build: (now) => {
      const p = pod('events-api');
      return {
        pod: p,
        events: [
          scheduled(p, now, 300),
          kubeletEvent(
            p,
            '1',
            'Pulled',
            { first: ago(now, 290), last: ago(now, 20), count: 4 },
            { involvedObject: { fieldPath: 'spec.containers{app}' } },
          ),
          podEvent(p, '2', {
            type: 'Warning',
            reason: 'FailedScheduling',
            message: 'retrying',
            eventTime: microAgo(now, 600),
            series: { count: 3, lastObservedTime: microAgo(now, 301) },
            source: {},
            reportingComponent: 'default-scheduler',
          }),
        ],
      };
    },
    render: asEventsApi,
  },
]);
