import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../functions/domain/pod-event.js';
import {
  containerOf,
  type RestartMoment,
  warningOccurrences,
  warningsBeforeRestarts,
} from '../../functions/domain/restart-warnings.js';
import { at, type KubeEventParts, recordedEvent } from '../support/event-builders.js';

/** Times in seconds after T0; a restart of pod "p" container "app" at 1,000 s unless told. */
const POD = { name: 'web-1', uid: 'uid-web' };
type Version = Partial<KubeEventParts> & { last: number; count: number };

function warning(
  uid: string,
  reason: string,
  versions: readonly Version[],
  container = 'app',
): RecordedEvent {
  return recordedEvent(
    versions.map((v, i) => ({
      uid,
      pod: POD,
      reason,
      type: 'Warning' as const,
      first: versions[0]?.last ?? 0,
      ...(container === '' ? {} : { fieldPath: `spec.containers{${container}}` }),
      ...v,
      rv: `${uid}-${i + 1}`,
    })),
  );
}
const restartAt = (seconds: number, container = 'app', pod = 'p'): RestartMoment => ({
  pod,
  container,
  at: at(seconds),
});

describe('warning occurrences of an event', () => {
  it('are the count’s growth between recorded versions, dated at each version’s last sighting', () => {
    const e = warning('ev', 'Unhealthy', [
      { last: 100, count: 1 },
      { last: 130, count: 4 },
      { last: 160, count: 4 },
      { last: 190, count: 6 },
    ]);
    expect(warningOccurrences(e).map((o) => [o.at, o.count])).toEqual([
      [at(100), 1],
      [at(130), 3],
      [at(190), 2],
    ]);
  });

  it('start at the first recorded version’s whole count when earlier versions were missed', () => {
    const e = warning('ev', 'BackOff', [{ last: 100, count: 7 }]);
    expect(warningOccurrences(e)).toEqual([{ reason: 'BackOff', container: 'app', at: at(100), count: 7 }]);
  });

  it('are none for a Normal event', () => {
    const e = warning('ev', 'Killing', [{ last: 100, count: 2, type: 'Normal' }]);
    expect(warningOccurrences(e)).toEqual([]);
  });
});

describe('Warning reasons before restarts', () => {
  it.each<[string, RestartMoment[], RecordedEvent[], Record<string, number>]>([
    [
      'count occurrences within 10 minutes before a restart, the restart’s second included',
      [restartAt(1000)],
      [
        warning('u1', 'Unhealthy', [
          { last: 300, count: 1 }, // 700 s before: out
          { last: 400, count: 3 }, // exactly 600 s before: in
          { last: 1000, count: 5 }, // at the restart: in
          { last: 1001, count: 9 }, // after: out
        ]),
      ],
      { Unhealthy: 4 },
    ],
    [
      'count an occurrence once however many restarts it precedes',
      [restartAt(1000), restartAt(1100)],
      [warning('b', 'BackOff', [{ last: 950, count: 2 }])],
      { BackOff: 2 },
    ],
    [
      'count a container’s events before that container’s restarts only',
      [restartAt(1000, 'app')],
      [
        warning('a', 'Unhealthy', [{ last: 990, count: 1 }], 'app'),
        warning('s', 'Unhealthy', [{ last: 990, count: 5 }], 'sidecar'),
      ],
      { Unhealthy: 1 },
    ],
    [
      'count an event that names no container before any restart of the pod',
      [restartAt(1000, 'sidecar')],
      [warning('m', 'FailedMount', [{ last: 900, count: 3 }], '')],
      { FailedMount: 3 },
    ],
    [
      'keep the three most frequent reasons, ties by name',
      [restartAt(1000)],
      [
        warning('1', 'Unhealthy', [{ last: 990, count: 12 }]),
        warning('2', 'BackOff', [{ last: 990, count: 4 }]),
        warning('3', 'Failed', [{ last: 990, count: 4 }]),
        warning('4', 'FailedMount', [{ last: 990, count: 1 }], ''),
      ],
      { Unhealthy: 12, BackOff: 4, Failed: 4 },
    ],
    [
      'count nothing for a pod without warnings',
      [restartAt(1000)],
      [warning('n', 'Pulled', [{ last: 990, count: 1, type: 'Normal' }])],
      {},
    ],
  ])('%s', (_rule, restarts, events, expected) => {
    const got = warningsBeforeRestarts(restarts, (pod) => (pod === 'p' ? events : []));
    expect(got).toEqual(expected);
    expect(Object.keys(got)).toEqual(Object.keys(expected));
  });

  it('read each pod’s own events: another pod’s warnings do not count', () => {
    const events: Record<string, RecordedEvent[]> = {
      p: [warning('a', 'Unhealthy', [{ last: 990, count: 2 }])],
      q: [warning('b', 'BackOff', [{ last: 990, count: 3 }])],
    };
    expect(warningsBeforeRestarts([restartAt(1000, 'app', 'p')], (pod) => events[pod] ?? [])).toEqual({
      Unhealthy: 2,
    });
  });

  it.each([
    ['spec.containers{app}', 'app'],
    ['spec.initContainers{init}', 'init'],
    ['spec.ephemeralContainers{debug}', 'debug'],
    ['spec', undefined],
    [undefined, undefined],
  ])('fieldPath %j names container %j', (fieldPath, name) => {
    expect(containerOf(fieldPath)).toBe(name);
  });
});
