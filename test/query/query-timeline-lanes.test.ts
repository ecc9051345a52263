import { describe, expect, it } from 'vitest';
import { buildSwimLanes, containerTone, statusTone } from '../../functions/domain/timeline-lanes.js';
import { at, entry, T0 } from '../support/query-builders.js';

const c = (name: string, from: string, to: string) => ({ field: `container/${name}`, from, to });

describe('swim lanes', () => {
  const entries = [
    entry({ kind: 'first-seen', observedAt: at(0), row: { status: 'Pending' } }),
    entry({
      observedAt: at(1),
      row: { status: 'Init:0/1' },
      changes: [{ field: 'initContainer/migrate', from: '', to: 'running' }],
    }),
    entry({
      observedAt: at(5),
      row: { status: 'Running', ready: '1/1' },
      changes: [
        { field: 'initContainer/migrate', from: 'running', to: 'terminated:Completed:0' },
        c('api', '', 'running'),
      ],
    }),
    entry({
      observedAt: at(20),
      row: { status: 'Error' },
      changes: [c('api', 'running', 'terminated:Error:1')],
    }),
    entry({
      observedAt: at(21),
      row: { status: 'CrashLoopBackOff', restarts: 1 },
      changes: [c('api', 'terminated:Error:1', 'waiting:CrashLoopBackOff')],
    }),
    entry({ kind: 'gap', observedAt: at(25), gapSince: at(22) }),
    entry({ kind: 'deleted', observedAt: at(30), row: { status: 'Terminating', restarts: 1 } }),
  ];
  const model = buildSwimLanes(entries);

  it('have the STATUS lane first, then init containers, then containers', () => {
    expect(model.lanes.map((l) => [l.id, l.title])).toEqual([
      ['status', 'STATUS'],
      ['init/migrate', 'init: migrate'],
      ['container/api', 'api'],
    ]);
  });

  it('turn consecutive states into segments that end where the next begins, and at deletion', () => {
    const status = model.lanes[0]!;
    expect(status.segments.map((s) => [(s.start - T0) / 1000, (s.end - T0) / 1000, s.label, s.tone])).toEqual(
      [
        [0, 1, 'Pending 0/1', 'waiting'],
        [1, 5, 'Init:0/1 0/1', 'waiting'],
        [5, 20, 'Running 1/1', 'running'],
        [20, 21, 'Error 0/1', 'failing'],
        [21, 30, 'CrashLoopBackOff 0/1', 'failing'],
        [30, 30, 'Terminating 0/1', 'terminating'],
      ],
    );
    const api = model.lanes[2]!;
    expect(api.segments.map((s) => [(s.start - T0) / 1000, (s.end - T0) / 1000, s.tone])).toEqual([
      [5, 20, 'running'],
      [20, 21, 'failing'],
      [21, 30, 'failing'],
    ]);
  });

  it('mark restarts on the container that changed, with the reason and exit code of its last termination', () => {
    expect(model.lanes[2]!.markers).toEqual([
      { at: T0 + 21_000, kind: 'restart', label: 'restart → 1 (Error, exit code 1)' },
    ]);
  });

  it('mark gaps (from where the record may be missing) and deletion on STATUS', () => {
    expect(
      model.lanes[0]!.markers.map((m) => [m.kind, (m.at - T0) / 1000, ((m.since ?? T0) - T0) / 1000]),
    ).toEqual([
      ['gap', 25, 22],
      ['deleted', 30, 0],
    ]);
  });

  it('mark restarts nobody observed apart, spanning the two observations the count jumped between', () => {
    const jumped = buildSwimLanes([
      entry({ kind: 'first-seen', observedAt: at(0), row: { status: 'Running', restarts: 0 } }),
      entry({
        observedAt: at(100),
        row: { status: 'CrashLoopBackOff', restarts: 3 },
        changes: [c('api', 'running', 'waiting:CrashLoopBackOff')],
        reason: 'OOMKilled',
      }),
    ]);
    expect(jumped.lanes[1]!.markers).toEqual([
      { at: T0 + 100_000, kind: 'restart', label: 'restart → 3 (OOMKilled)' },
      {
        at: T0 + 100_000,
        kind: 'unobserved',
        label: '2 restarts not observed (RESTARTS jumped 0 → 3): reason and exit code unknown',
        since: T0,
      },
    ]);
  });

  it('hatch from the last observation to a vanishing: the final state is unknown', () => {
    const vanished = buildSwimLanes([
      entry({ kind: 'first-seen', observedAt: at(0), row: { status: 'Running' } }),
      entry({ kind: 'vanished', observedAt: at(50), row: { status: 'Running' } }),
    ]);
    expect(vanished.lanes[0]!.markers).toEqual([
      {
        at: T0 + 50_000,
        kind: 'vanished',
        label: 'vanished: deleted while unwatched, final state unknown',
        since: T0,
      },
    ]);
  });

  it('keep a live pod’s last state running until the given end', () => {
    const live = buildSwimLanes([entry({ observedAt: at(0), row: { status: 'Running' } })], T0 + 60_000);
    expect(live.end).toBe(T0 + 60_000);
    expect(live.lanes[0]!.segments[0]).toMatchObject({ start: T0, end: T0 + 60_000 });
  });

  it('colours Running with a container not ready apart from Running with all ready', () => {
    expect([statusTone('Running', '1/2'), statusTone('Running', '2/2')]).toEqual(['notready', 'running']);
  });

  it.each([
    ['Running', 'running'],
    ['Completed', 'done'],
    ['Init:CrashLoopBackOff', 'failing'],
    ['Init:0/2', 'waiting'],
    ['OOMKilled', 'failing'],
    ['Terminating', 'terminating'],
    ['Unknown', 'unknown'],
    ['Evicted', 'failing'],
    ['ContainerCreating', 'waiting'],
  ])('STATUS %s is %s', (status, tone) => {
    expect(statusTone(status)).toBe(tone);
  });

  it.each([
    ['running', 'running'],
    ['waiting:ContainerCreating', 'waiting'],
    ['waiting:ImagePullBackOff', 'failing'],
    ['terminated:Completed:0', 'done'],
    ['terminated:Error:1', 'failing'],
    ['terminated:OOMKilled:137', 'failing'],
  ])('container state %s is %s', (state, tone) => {
    expect(containerTone(state)).toBe(tone);
  });
});
