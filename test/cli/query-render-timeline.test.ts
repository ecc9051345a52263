import { describe, expect, it } from 'vitest';
import { renderTimeline } from '../../cli/render-timeline.js';
import { at, entry, pod } from '../support/query-builders.js';

/** The seed's `kubectl get po pod-phase -w` rows: [seconds after creation, STATUS]. */
const SEED: [number, string][] = [
  [1, 'ContainerCreating'],
  [41, 'ErrImagePull'],
  [52, 'ImagePullBackOff'],
  [97, 'ErrImagePull'],
  [110, 'ImagePullBackOff'],
  [162, 'ErrImagePull'],
  [174, 'ImagePullBackOff'],
];

const seedEntries = SEED.map(([s, status], i) =>
  entry({
    name: 'pod-phase',
    uid: 'seed',
    kind: i === 0 ? 'first-seen' : 'transition',
    observedAt: at(s),
    row: { ready: '0/1', status, restarts: 0, phase: 'Pending', node: 'node-1', ip: '10.0.0.5' },
  }),
);

describe('timeline table', () => {
  it("reproduces the seed's kubectl get po -w rows, with a TIME column", () => {
    const text = renderTimeline([{ pod: pod({ uid: 'seed', name: 'pod-phase' }), entries: seedEntries }], {
      wide: false,
      noHeaders: false,
    });
    expect(text).toBe(
      [
        'TIME                   NAME        READY   STATUS              RESTARTS   AGE',
        '2026-11-23T10:00:01Z   pod-phase   0/1     ContainerCreating   0          1s',
        '2026-11-23T10:00:41Z   pod-phase   0/1     ErrImagePull        0          41s',
        '2026-11-23T10:00:52Z   pod-phase   0/1     ImagePullBackOff    0          52s',
        '2026-11-23T10:01:37Z   pod-phase   0/1     ErrImagePull        0          97s',
        '2026-11-23T10:01:50Z   pod-phase   0/1     ImagePullBackOff    0          110s',
        '2026-11-23T10:02:42Z   pod-phase   0/1     ErrImagePull        0          2m42s',
        '2026-11-23T10:02:54Z   pod-phase   0/1     ImagePullBackOff    0          2m54s',
        '',
      ].join('\n'),
    );
  });

  it('evaluates the RESTARTS suffix at each row time, widens columns like kubectl -w, notes deletion after AGE', () => {
    const entries = [
      entry({ kind: 'first-seen', observedAt: at(0), row: { ready: '1/1', status: 'Running', restarts: 0 } }),
      entry({
        observedAt: at(300),
        row: { ready: '0/1', status: 'Error', restarts: 1, lastRestartAt: at(290) },
      }),
      entry({
        kind: 'deleted',
        observedAt: at(400),
        row: { ready: '0/1', status: 'Error', restarts: 1, lastRestartAt: at(290) },
      }),
    ];
    const text = renderTimeline([{ pod: pod(), entries }], { wide: false, noHeaders: true });
    expect(text).toBe(
      [
        '2026-11-23T10:00:00Z   web-0   1/1   Running   0     0s',
        '2026-11-23T10:05:00Z   web-0   0/1   Error     1 (10s ago)   5m',
        '2026-11-23T10:06:40Z   web-0   0/1   Error     1 (110s ago)   6m40s   deleted',
        '',
      ].join('\n'),
    );
  });

  it('labels and separates several incarnations, oldest first', () => {
    const old = pod({ uid: 'uid-a', firstSeenAt: at(0), endedAt: at(60), endedBy: 'deleted' });
    const cur = pod({ uid: 'uid-b', firstSeenAt: at(100), createdAt: at(100), lastSeenAt: at(160) });
    const text = renderTimeline(
      [
        {
          pod: cur,
          entries: [
            entry({
              uid: 'uid-b',
              observedAt: at(100),
              createdAt: at(100),
              row: { status: 'Running', ready: '1/1' },
            }),
          ],
        },
        {
          pod: old,
          entries: [
            entry({
              uid: 'uid-a',
              kind: 'vanished',
              observedAt: at(60),
              row: { status: 'Running', ready: '1/1' },
            }),
          ],
        },
      ],
      { wide: false, noHeaders: false },
    );
    expect(text).toBe(
      [
        '# uid uid-a · default/web-0 · created 2026-11-23T10:00:00Z · deleted 2026-11-23T10:01:00Z',
        'TIME                   NAME    READY   STATUS    RESTARTS   AGE',
        '2026-11-23T10:01:00Z   web-0   1/1     Running   0          60s   vanished: deleted while unwatched, final state unknown (last known state shown)',
        '',
        '# uid uid-b · default/web-0 · created 2026-11-23T10:01:40Z · last seen 2026-11-23T10:02:40Z',
        'TIME                   NAME    READY   STATUS    RESTARTS   AGE',
        '2026-11-23T10:01:40Z   web-0   1/1     Running   0          0s',
        '',
      ].join('\n'),
    );
  });

  it('-o wide adds IP, NODE and what changed', () => {
    const entries = [
      entry({
        observedAt: at(8),
        row: { ready: '0/1', status: 'Error', restarts: 0, node: 'node-1', ip: '10.0.0.5' },
        changes: [
          { field: 'status', from: 'Running', to: 'Error' },
          { field: 'container/api', from: 'running', to: 'terminated:Error:1' },
          { field: 'condition/Ready', from: 'True', to: 'False' },
        ],
        reason: 'Error',
        message: 'panic: dial tcp 10.0.9.12:5432: connect: connection refused',
      }),
    ];
    const text = renderTimeline([{ pod: pod(), entries }], { wide: true, noHeaders: true });
    expect(text).toBe(
      '2026-11-23T10:00:08Z   web-0   0/1   Error   0     8s    10.0.0.5   node-1   api running → terminated:Error:1; Ready True → False; Error: panic: dial tcp 10.0.9.12:5432: connect: connection refused\n',
    );
  });
});
