import { describe, expect, test } from 'vitest';
import { orderKey } from '../../functions/domain/event-order.js';
import { observePod } from '../../functions/domain/observation.js';
import { keyed, mergeInto } from '../../functions/domain/observation-set.js';
import { buildKeyedTimeline } from '../../functions/domain/pod-timeline.js';
import { detectRestarts } from '../../functions/domain/restart-ledger.js';
import { markStartup, NO_STARTUP_MARKS, startupBreakdown } from '../../functions/domain/startup-breakdown.js';
import { containerStateLabel, entryFor, isRoutineStatus } from '../../functions/domain/transitions.js';
import { attributeWorkload } from '../../functions/domain/workload.js';
import { normalizePrincipal } from '../../functions/ingest/authorize.js';
import {
  at,
  type ContainerState,
  type PodMeta,
  type PodState,
  podObject,
  prng,
  shuffle,
} from '../support/event-builders.js';

/** The pure rules behind the ingest, case by case, named as the rules they pin. */
const meta: PodMeta = { name: 'web-1', uid: 'uid-1', createdAt: 0 };
const observe = (state: PodState, rv = '10', seconds = 5, deleted = false, m: PodMeta = meta) =>
  observePod(podObject(m, state, rv), deleted, at(seconds)).observation;
const app = (c: Partial<ContainerState>): ContainerState => ({ name: 'app', ...c });

describe('workload attribution', () => {
  const owned = (kind: string, name: string, labels?: Record<string, string>) =>
    podObject({ ...meta, owner: { kind, name }, ...(labels === undefined ? {} : { labels }) }, {}, '1');
  const cases: [string, unknown, string][] = [
    [
      'a ReplicaSet named <deployment>-<pod-template-hash> belongs to the Deployment',
      owned('ReplicaSet', 'web-7d4f9c', { 'pod-template-hash': '7d4f9c' }),
      'Deployment/web',
    ],
    [
      'a ReplicaSet whose name does not end in the hash stays a ReplicaSet',
      owned('ReplicaSet', 'web-manual', { 'pod-template-hash': '7d4f9c' }),
      'ReplicaSet/web-manual',
    ],
    [
      'a ReplicaSet without the label stays a ReplicaSet',
      owned('ReplicaSet', 'web-7d4f9c'),
      'ReplicaSet/web-7d4f9c',
    ],
    [
      'a Job named <cronjob>-<scheduled minutes> belongs to the CronJob',
      owned('Job', 'nightly-backup-29383200'),
      'CronJob/nightly-backup',
    ],
    ['a Job with a short numeric suffix is its own workload', owned('Job', 'migrate-2'), 'Job/migrate-2'],
    ['a StatefulSet pod belongs to the StatefulSet', owned('StatefulSet', 'db'), 'StatefulSet/db'],
    ['a pod without a controller is its own workload', podObject(meta, {}, '1'), 'Pod/web-1'],
  ];
  test.each(cases)('%s', (_rule, pod, expected) => {
    const w = attributeWorkload(pod);
    expect(`${w.kind}/${w.name}`).toBe(expected);
  });
});

describe('event order', () => {
  const cases: [string, [string, string], [string, string], boolean][] = [
    ['decimal resourceVersions compare as integers', ['9', at(9)], ['10', at(1)], true],
    ['leading zeros do not make a different version', ['007', at(1)], ['7', at(2)], false],
    ['opaque resourceVersions order by observedAt', ['b', at(1)], ['a', at(2)], true],
    ['the same opaque version at the same time ties', ['a', at(1)], ['a', at(1)], false],
  ];
  test.each(cases)('%s', (_rule, [rvA, tA], [rvB, tB], aFirst) => {
    expect(orderKey(rvA, tA) < orderKey(rvB, tB)).toBe(aFirst);
  });
});

describe('transitions', () => {
  test('container states read as kind, reason and exit code', () => {
    expect(
      containerStateLabel(observe({ containers: [app({ waiting: 'ErrImagePull' })] }).containers[0]),
    ).toBe('waiting:ErrImagePull');
    expect(containerStateLabel(observe({ containers: [app({ running: 1 })] }).containers[0])).toBe('running');
    expect(
      containerStateLabel(
        observe({ containers: [app({ terminated: { reason: 'OOMKilled', exitCode: 137 } })] }).containers[0],
      ),
    ).toBe('terminated:OOMKilled:137');
    expect(containerStateLabel(undefined)).toBe('');
  });

  test('the first sighting is an entry; an unchanged state is not; a deletion always is', () => {
    const identity = observePod(podObject(meta, {}, '1'), false, at(0)).identity;
    const a = observe({ phase: 'Running', containers: [app({ running: 1, ready: true })] }, '11');
    const b = observe(
      { phase: 'Running', containers: [app({ running: 1, ready: true })], annotations: { x: '1' } },
      '12',
    );
    const c = observe({ phase: 'Running', containers: [app({ running: 1, ready: true })] }, '13', 9, true);
    expect(entryFor('c', identity, undefined, a)?.kind).toBe('first-seen');
    expect(entryFor('c', identity, a, b)).toBeUndefined();
    expect(entryFor('c', identity, b, c)).toMatchObject({ kind: 'deleted', changes: [] });
  });

  test('a condition flip is a change of condition/<Type>, timed by its lastTransitionTime', () => {
    const identity = observePod(podObject(meta, {}, '1'), false, at(0)).identity;
    const a = observe({ conditions: { Ready: ['False', 1] } }, '11', 2);
    const b = observe({ conditions: { Ready: ['True', 7] } }, '12', 8);
    expect(entryFor('c', identity, a, b)).toMatchObject({
      changes: [{ field: 'condition/Ready', from: 'False', to: 'True' }],
      objectTime: at(7),
    });
  });

  test.each([
    'Pending',
    'ContainerCreating',
    'PodInitializing',
    'Running',
    'Terminating',
    'Completed',
    'Init:0/2',
  ])('%s is routine: every healthy pod passes through it', (status) => {
    expect(isRoutineStatus(status)).toBe(true);
  });

  test.each([
    'CrashLoopBackOff',
    'OOMKilled',
    'ImagePullBackOff',
    'Evicted',
    'Error',
    'Init:Error',
    'NotReady',
  ])('%s is not routine: every entering is indexed', (status) => {
    expect(isRoutineStatus(status)).toBe(false);
  });
});

describe('restart ledger', () => {
  const identity = observePod(podObject(meta, {}, '1'), false, at(0)).identity;
  const last = { reason: 'Error', exitCode: 2, startedAt: 10, finishedAt: 20 };
  test('a jump of k restarts between two observations records one restart and k−1 unobserved', () => {
    const before = observe({ containers: [app({ running: 5, restarts: 2 })] }, '11');
    const after = observe({ containers: [app({ running: 30, restarts: 5, last })] }, '12');
    expect(detectRestarts('c', identity, before, after)).toEqual([
      expect.objectContaining({
        container: 'app',
        restartCount: 5,
        unobserved: 2,
        reason: 'Error',
        exitCode: 2,
        finishedAt: at(20),
        startedAt: at(10),
      }),
    ]);
  });
  test('restarts a pod already had when first seen are recorded the same way', () => {
    const first = observe({ containers: [app({ running: 30, restarts: 3, last })] }, '11');
    expect(
      detectRestarts('c', identity, undefined, first).map((r) => [r.restartCount, r.unobserved]),
    ).toEqual([[3, 2]]);
  });
  test('a restart count that did not grow records nothing', () => {
    const a = observe({ containers: [app({ running: 5, restarts: 2 })] }, '11');
    expect(detectRestarts('c', identity, a, a)).toEqual([]);
  });
});

describe('startup breakdown', () => {
  const two: PodMeta = { ...meta, containers: ['app', 'proxy'] };
  test('containersStartedAt waits for every regular container, then takes the latest first start', () => {
    const partial = observe(
      {
        conditions: { PodScheduled: ['True', 1] },
        containers: [app({ running: 4 }), { name: 'proxy', waiting: 'ContainerCreating' }],
      },
      '11',
      5,
      false,
      two,
    );
    const full = observe(
      {
        conditions: { PodScheduled: ['True', 1], Ready: ['True', 9] },
        containers: [app({ running: 4 }), { name: 'proxy', running: 6 }],
      },
      '12',
      10,
      false,
      two,
    );
    const afterPartial = markStartup(NO_STARTUP_MARKS, partial);
    expect(startupBreakdown(at(0), afterPartial)).toEqual({ createdAt: at(0), scheduledAt: at(1) });
    expect(startupBreakdown(at(0), markStartup(afterPartial, full))).toEqual({
      createdAt: at(0),
      scheduledAt: at(1),
      containersStartedAt: at(6),
      readyAt: at(9),
    });
    // A minimum per field: the order observations arrive in does not matter.
    expect(markStartup(markStartup(NO_STARTUP_MARKS, full), partial)).toEqual(
      markStartup(afterPartial, full),
    );
  });
});

describe('merging deliveries of one resourceVersion', () => {
  const base = observe({ phase: 'Running' }, '42', 10);
  const later = { ...base, observedAt: at(12) };
  const deleted = { ...observe({ phase: 'Running' }, '42', 11, true) };
  test('the earliest observedAt wins and DELETED is kept, whatever the order', () => {
    const random = prng(7);
    const results = Array.from({ length: 12 }, () => {
      const merged = mergeInto([], shuffle([later, deleted, base, later], random).map(keyed)).items;
      return JSON.stringify(merged);
    });
    expect(new Set(results).size).toBe(1);
    const [only] = JSON.parse(results[0] ?? '[]') as { obs: { observedAt: string; deleted?: boolean } }[];
    expect(only?.obs).toMatchObject({ observedAt: at(10), deleted: true });
  });
});

describe('gaps on a timeline', () => {
  test('a gap is placed before the first state observed after it began', () => {
    const identity = observePod(podObject(meta, {}, '1'), false, at(0)).identity;
    const a = observe({ phase: 'Pending' }, '11', 10);
    const b = observe({ phase: 'Running' }, '15', 50);
    const entries = buildKeyedTimeline({
      cluster: 'c',
      identity,
      observations: [a, b].map((o) => ({ key: orderKey(o.rv, o.observedAt), observation: o })),
      gaps: [{ key: orderKey('20', at(60)), resourceVersion: '20', observedAt: at(60), gapSince: at(30) }],
    }).map((k) => k.entry);
    expect(entries.map((e) => e.kind)).toEqual(['first-seen', 'gap', 'transition']);
  });

  test('every entry has a position that sorts like the timeline and does not move when others go', () => {
    const identity = observePod(podObject(meta, {}, '1'), false, at(0)).identity;
    const states = [
      observe({ phase: 'Pending' }, '11', 10),
      observe({ phase: 'Running' }, '15', 50),
      observe({ phase: 'Succeeded' }, '19', 90),
    ];
    const gaps = [
      { key: orderKey('20', at(60)), resourceVersion: '20', observedAt: at(60), gapSince: at(30) },
      { key: orderKey('30', at(120)), resourceVersion: '30', observedAt: at(120), gapSince: at(100) },
    ];
    const keyed = (observations: typeof states) =>
      buildKeyedTimeline({
        cluster: 'c',
        identity,
        observations: observations.map((o) => ({ key: orderKey(o.rv, o.observedAt), observation: o })),
        gaps,
        vanish: { key: orderKey('40', at(200)), observedAt: at(200) },
      });
    const full = keyed(states);
    expect(full.map((k) => k.entry.kind)).toEqual([
      'first-seen',
      'gap',
      'transition',
      'transition',
      'gap',
      'vanished',
    ]);
    const positions = full.map((k) => k.position);
    expect([...positions].sort()).toEqual(positions);
    expect(new Set(positions).size).toBe(positions.length);
    // Without the first state, the others keep their positions.
    const later = keyed(states.slice(1)).map((k) => k.position);
    expect(later.filter((p) => positions.includes(p)).length).toBeGreaterThanOrEqual(later.length - 1);
  });
});

describe('caller principals', () => {
  const cases: [string, string, string][] = [
    [
      'an assumed-role session is its role',
      'arn:aws:sts::111122223333:assumed-role/agent/i-123',
      'arn:aws:iam::111122223333:role/agent',
    ],
    [
      'a role path is dropped (sessions do not carry it)',
      'arn:aws:iam::111122223333:role/podtrail/agent',
      'arn:aws:iam::111122223333:role/agent',
    ],
    [
      'other partitions are kept',
      'arn:aws-cn:sts::111122223333:assumed-role/agent/s',
      'arn:aws-cn:iam::111122223333:role/agent',
    ],
    [
      'users and local principals are unchanged',
      'arn:aws:iam::111122223333:user/ops',
      'arn:aws:iam::111122223333:user/ops',
    ],
  ];
  test.each(cases)('%s', (_rule, given, expected) => {
    expect(normalizePrincipal(given)).toBe(expected);
  });
});
