/**
 * Every pod case of kubernetes/kubernetes pkg/printers/internalversion/printers_test.go
 * (TestPrintPod, TestPrintPodWithRestartableInitContainer, TestPrintPodwide, TestPrintPodConditions,
 * TestPrintPodList, TestPrintNonTerminatedPod) and of pkg/registry/core/pod/storage/storage_test.go
 * (TestConvertToTableList), ported to v1 JSON. The upstream index is in each name; TableRow
 * conditions (Completed for Succeeded/Failed) are not cells and are not modelled here.
 */
import { describe, expect, it } from 'vitest';
import {
  ago,
  cellsOf,
  condition,
  containerStatus as cs,
  DAY,
  finishedAgo,
  type Json,
  MINUTE,
  pod,
  running,
  SECOND,
  sidecarSpec,
  terminated,
  waiting,
} from '../support/pod-builders.js';

interface Case {
  readonly name: string;
  readonly pod: Json;
  readonly cells: readonly string[];
}

const deleteTime = ago(10 * SECOND);
const readyRunning = (restartCount: number) => cs({ ready: true, restartCount, state: running() });

const testPrintPod: readonly Case[] = [
  {
    name: 'READY counts running+ready containers and RESTARTS sums every container (TestPrintPod/0)',
    pod: pod({
      name: 'test1',
      containers: 2,
      phase: 'podPhase',
      containerStatuses: [readyRunning(3), cs({ restartCount: 3 })],
    }),
    cells: ['test1', '1/2', 'podPhase', '6', '<unknown>'],
  },
  {
    name: "a waiting container's reason overrides the pod phase (TestPrintPod/1)",
    pod: pod({
      name: 'test2',
      containers: 2,
      phase: 'podPhase',
      containerStatuses: [readyRunning(3), cs({ state: waiting('ContainerWaitingReason'), restartCount: 3 })],
    }),
    cells: ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>'],
  },
  {
    name: "the first container's reason wins over a later terminated one (TestPrintPod/2)",
    pod: pod({
      name: 'test3',
      containers: 2,
      phase: 'podPhase',
      containerStatuses: [
        cs({ state: waiting('ContainerWaitingReason'), restartCount: 3 }),
        cs({ state: terminated({ reason: 'ContainerTerminatedReason' }), restartCount: 3 }),
      ],
    }),
    cells: ['test3', '0/2', 'ContainerWaitingReason', '6', '<unknown>'],
  },
  {
    name: 'ready without a running state is not counted as ready (TestPrintPod/3)',
    pod: pod({
      name: 'test4',
      containers: 2,
      phase: 'podPhase',
      containerStatuses: [readyRunning(3), cs({ ready: true, restartCount: 3 })],
    }),
    cells: ['test4', '1/2', 'podPhase', '6', '<unknown>'],
  },
  {
    name: 'status.reason replaces the phase (TestPrintPod/4)',
    pod: pod({
      name: 'test5',
      containers: 2,
      phase: 'podPhase',
      reason: 'podReason',
      containerStatuses: [readyRunning(3), cs({ ready: true, restartCount: 3 })],
    }),
    cells: ['test5', '1/2', 'podReason', '6', '<unknown>'],
  },
  {
    name: 'Completed next to a running container prints NotReady without a Ready condition (TestPrintPod/5)',
    pod: pod({
      name: 'test6',
      containers: 2,
      phase: 'Running',
      reason: '',
      containerStatuses: [
        cs({ ready: true, restartCount: 3, state: terminated({ reason: 'Completed' }) }),
        readyRunning(3),
      ],
    }),
    cells: ['test6', '1/2', 'NotReady', '6', '<unknown>'],
  },
  {
    name: 'Completed next to a running container prints Running with Ready=True (TestPrintPod/6)',
    pod: pod({
      name: 'test6',
      containers: 2,
      phase: 'Running',
      reason: '',
      containerStatuses: [
        cs({ ready: true, restartCount: 3, state: terminated({ reason: 'Completed' }) }),
        readyRunning(3),
      ],
      conditions: [{ ...condition('Ready', 'True'), lastProbeTime: ago(0) }],
    }),
    cells: ['test6', '1/2', 'Running', '6', '<unknown>'],
  },
  {
    name: 'a running init container shows Init:0/1 with its restarts and their age (TestPrintPod/7)',
    pod: pod({
      name: 'test7',
      initContainers: 1,
      containers: 1,
      phase: 'podPhase',
      initContainerStatuses: [cs({ restartCount: 3, state: running(), lastState: finishedAgo(10 * SECOND) })],
      containerStatuses: [cs({ state: waiting() })],
    }),
    cells: ['test7', '0/1', 'Init:0/1', '3 (10s ago)', '<unknown>'],
  },
  {
    name: 'Init:i/N counts all spec init containers (TestPrintPod/8)',
    pod: pod({
      name: 'test8',
      initContainers: 2,
      containers: 1,
      phase: 'podPhase',
      initContainerStatuses: [
        cs({ restartCount: 3, state: running(), lastState: finishedAgo(10 * SECOND) }),
        cs({ state: waiting() }),
      ],
      containerStatuses: [cs({ state: waiting() })],
    }),
    cells: ['test8', '0/1', 'Init:0/2', '3 (10s ago)', '<unknown>'],
  },
  {
    name: 'an init container that exited 0 is done and the next one is reported (TestPrintPod/9)',
    pod: pod({
      name: 'test9',
      initContainers: 2,
      containers: 1,
      phase: 'podPhase',
      initContainerStatuses: [
        cs({ state: terminated() }),
        cs({ restartCount: 3, state: running(), lastState: finishedAgo(10 * SECOND) }),
      ],
      containerStatuses: [cs({ state: waiting() })],
    }),
    cells: ['test9', '0/1', 'Init:1/2', '3 (10s ago)', '<unknown>'],
  },
  {
    name: 'init restarts add up and the newest init lastState dates them (TestPrintPod/10)',
    pod: pod({
      name: 'test10',
      initContainers: 2,
      containers: 1,
      phase: 'podPhase',
      initContainerStatuses: [
        cs({ restartCount: 2, state: terminated(), lastState: finishedAgo(2 * MINUTE) }),
        cs({ restartCount: 3, state: running(), lastState: finishedAgo(10 * SECOND) }),
      ],
      containerStatuses: [cs({ state: waiting() })],
    }),
    cells: ['test10', '0/1', 'Init:1/2', '5 (10s ago)', '<unknown>'],
  },
  {
    name: 'once initialised, regular init restarts no longer count (TestPrintPod/11)',
    pod: pod({
      name: 'test11',
      initContainers: 1,
      containers: 1,
      phase: 'Running',
      initContainerStatuses: [
        cs({ restartCount: 2, state: terminated(), lastState: finishedAgo(2 * MINUTE) }),
      ],
      containerStatuses: [cs({ restartCount: 4, state: running(), lastState: finishedAgo(20 * SECOND) })],
    }),
    cells: ['test11', '0/1', 'Running', '4 (20s ago)', '<unknown>'],
  },
  {
    name: 'a restart five days ago prints 3 (5d ago) (TestPrintPod/12)',
    pod: pod({
      name: 'test12',
      containers: 1,
      phase: 'Running',
      containerStatuses: [
        cs({ ready: true, restartCount: 3, state: running(), lastState: finishedAgo(5 * DAY) }),
      ],
    }),
    cells: ['test12', '1/1', 'Running', '3 (5d ago)', '<unknown>'],
  },
  {
    name: 'a never-restarted container leaves the date to the one that restarted (TestPrintPod/13)',
    pod: pod({
      name: 'test13',
      containers: 2,
      phase: 'Running',
      containerStatuses: [
        readyRunning(0),
        cs({ ready: true, restartCount: 3, state: running(), lastState: finishedAgo(10 * DAY) }),
      ],
    }),
    cells: ['test13', '2/2', 'Running', '3 (10d ago)', '<unknown>'],
  },
  {
    name: 'the newest restart across containers dates the sum (TestPrintPod/14)',
    pod: pod({
      name: 'test14',
      containers: 2,
      phase: 'Running',
      containerStatuses: [
        cs({ ready: true, restartCount: 6, state: running(), lastState: finishedAgo(5 * DAY) }),
        cs({ ready: true, restartCount: 3, state: running(), lastState: finishedAgo(20 * DAY) }),
      ],
    }),
    cells: ['test14', '2/2', 'Running', '9 (5d ago)', '<unknown>'],
  },
  {
    name: 'PodScheduled with reason SchedulingGated prints SchedulingGated (TestPrintPod/15)',
    pod: pod({
      name: 'test15',
      containers: 2,
      phase: 'podPhase',
      conditions: [condition('PodScheduled', 'False', 'SchedulingGated')],
    }),
    cells: ['test15', '0/2', 'SchedulingGated', '0', '<unknown>'],
  },
  {
    name: 'a succeeded pod prints its container reason Completed (TestPrintPod/16)',
    pod: pod({
      name: 'test16',
      containers: 1,
      phase: 'Succeeded',
      containerStatuses: [cs({ state: terminated({ reason: 'Completed' }) })],
    }),
    cells: ['test16', '0/1', 'Completed', '0', '<unknown>'],
  },
  {
    name: 'a failed pod prints its container reason Error (TestPrintPod/17)',
    pod: pod({
      name: 'test17',
      containers: 1,
      phase: 'Failed',
      containerStatuses: [cs({ state: terminated({ reason: 'Error', exitCode: 1 }) })],
    }),
    cells: ['test17', '0/1', 'Error', '0', '<unknown>'],
  },
  {
    name: 'a deleted Succeeded pod is not Terminating (TestPrintPod/18)',
    pod: pod({
      name: 'test18',
      deletionTimestamp: deleteTime,
      containers: 1,
      phase: 'Succeeded',
      containerStatuses: [cs({ state: terminated({ reason: 'Completed' }) })],
    }),
    cells: ['test18', '0/1', 'Completed', '0', '<unknown>'],
  },
  {
    name: 'a deleted Running pod is Terminating (TestPrintPod/19)',
    pod: pod({
      name: 'test19',
      deletionTimestamp: deleteTime,
      containers: 1,
      phase: 'Running',
      containerStatuses: [cs({ state: running() })],
    }),
    cells: ['test19', '0/1', 'Terminating', '0', '<unknown>'],
  },
  {
    name: 'a deleted Pending pod is Terminating (TestPrintPod/20)',
    pod: pod({ name: 'test20', deletionTimestamp: deleteTime, containers: 1, phase: 'Pending' }),
    cells: ['test20', '0/1', 'Terminating', '0', '<unknown>'],
  },
];

const sidecars = [sidecarSpec('restartable-init-1'), sidecarSpec('restartable-init-2')];

const testPrintPodWithRestartableInitContainer: readonly Case[] = [
  {
    name: 'sidecars count in READY; a sidecar running but not started stops at Init:0/2 (TestPrintPodWithRestartableInitContainer/0)',
    pod: pod({
      name: 'test1',
      initContainers: sidecars,
      containers: 1,
      phase: 'Pending',
      initContainerStatuses: [
        cs({
          name: 'restartable-init-1',
          restartCount: 3,
          state: running(),
          started: false,
          lastState: finishedAgo(10 * SECOND),
        }),
        cs({ name: 'restartable-init-2', state: waiting(), started: false }),
      ],
      containerStatuses: [cs({ state: waiting() })],
      conditions: [condition('Initialized', 'False')],
    }),
    cells: ['test1', '0/3', 'Init:0/2', '3 (10s ago)', '<unknown>'],
  },
  {
    name: 'a started sidecar is passed over and the next unstarted one is reported (TestPrintPodWithRestartableInitContainer/1)',
    pod: pod({
      name: 'test1',
      initContainers: sidecars,
      containers: 1,
      phase: 'Pending',
      initContainerStatuses: [
        cs({
          name: 'restartable-init-1',
          restartCount: 3,
          state: running(),
          started: true,
          lastState: finishedAgo(10 * SECOND),
        }),
        cs({ name: 'restartable-init-2', state: running(), started: false }),
      ],
      containerStatuses: [cs({ state: waiting() })],
      conditions: [condition('Initialized', 'False')],
    }),
    cells: ['test1', '0/3', 'Init:1/2', '3 (10s ago)', '<unknown>'],
  },
  {
    name: 'sidecar restarts survive initialisation and the newest date wins (TestPrintPodWithRestartableInitContainer/2)',
    pod: pod({
      name: 'test2',
      initContainers: sidecars,
      containers: 1,
      phase: 'Running',
      initContainerStatuses: [
        cs({
          name: 'restartable-init-1',
          restartCount: 3,
          state: running(),
          started: true,
          lastState: finishedAgo(10 * SECOND),
        }),
        cs({ name: 'restartable-init-2', state: running(), started: true }),
      ],
      containerStatuses: [
        cs({ ready: true, restartCount: 4, state: running(), lastState: finishedAgo(20 * SECOND) }),
      ],
      conditions: [condition('Initialized', 'True')],
    }),
    cells: ['test2', '1/3', 'Running', '7 (10s ago)', '<unknown>'],
  },
  {
    name: 'Initialized=True lets a container reason replace an init failure (TestPrintPodWithRestartableInitContainer/3)',
    pod: pod({
      name: 'test3',
      initContainers: sidecars,
      containers: 1,
      phase: 'Succeeded',
      initContainerStatuses: [
        cs({
          name: 'restartable-init-1',
          restartCount: 3,
          state: terminated({ reason: 'Error', exitCode: 137 }),
          started: false,
          lastState: finishedAgo(10 * SECOND),
        }),
        cs({
          name: 'restartable-init-2',
          state: terminated({ reason: 'Error', exitCode: 137 }),
          started: false,
        }),
      ],
      containerStatuses: [
        cs({
          restartCount: 4,
          state: terminated({ reason: 'Completed' }),
          lastState: finishedAgo(20 * SECOND),
        }),
      ],
      conditions: [condition('Initialized', 'True')],
    }),
    cells: ['test3', '0/3', 'Completed', '7 (10s ago)', '<unknown>'],
  },
  {
    name: 'statuses naming no spec container are not sidecars and do not crash (TestPrintPodWithRestartableInitContainer/4)',
    pod: pod({
      name: 'test4',
      initContainers: [
        { name: 'init1', image: 'initimage' },
        { ...sidecarSpec('sidecar1'), image: 'sidecarimage' },
      ],
      containers: [{ name: 'container1', image: 'containerimage' }],
      phase: 'Running',
      initContainerStatuses: [cs({ name: 'initinvalid' }), cs({ name: 'init1' }), cs({ name: 'sidecar1' })],
      containerStatuses: [cs({ name: 'containerinvalid' }), cs({ name: 'container1' })],
    }),
    cells: ['test4', '0/2', 'Init:0/2', '0', '<unknown>'],
  },
];

const gates = ['condition1', 'condition2', 'condition3'];
const gateConditions = [condition('condition1', 'False'), condition('condition2', 'True')];

const testPrintPodwide: readonly Case[] = [
  {
    name: 'wide columns show the pod IP, node, nominated node and true readiness gates (TestPrintPodwide/0)',
    pod: pod({
      name: 'test1',
      containers: 2,
      nodeName: 'test1',
      readinessGates: gates,
      conditions: gateConditions,
      phase: 'podPhase',
      podIPs: ['1.1.1.1'],
      containerStatuses: [readyRunning(3), cs({ restartCount: 3 })],
      nominatedNodeName: 'node1',
    }),
    cells: ['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/3'],
  },
  {
    name: 'a dual-stack pod shows its first IP (TestPrintPodwide/1)',
    pod: pod({
      name: 'test1',
      containers: 2,
      nodeName: 'test1',
      readinessGates: gates,
      conditions: gateConditions,
      phase: 'podPhase',
      podIPs: ['1.1.1.1', '2001:db8::'],
      containerStatuses: [readyRunning(3), cs({ restartCount: 3 })],
      nominatedNodeName: 'node1',
    }),
    cells: ['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/3'],
  },
  {
    name: 'empty wide columns print <none> (TestPrintPodwide/2)',
    pod: pod({
      name: 'test2',
      containers: 2,
      nodeName: '',
      phase: 'podPhase',
      containerStatuses: [readyRunning(3), cs({ state: waiting('ContainerWaitingReason'), restartCount: 3 })],
    }),
    cells: [
      'test2',
      '1/2',
      'ContainerWaitingReason',
      '6',
      '<unknown>',
      '<none>',
      '<none>',
      '<none>',
      '<none>',
    ],
  },
];

const twoContainers = [readyRunning(3), cs({ restartCount: 3 })];
const testPrintPodConditions: readonly Case[] = [
  {
    name: 'a running pod prints Running (TestPrintPodConditions/0)',
    pod: pod({ name: 'test1', containers: 2, phase: 'Running', containerStatuses: twoContainers }),
    cells: ['test1', '1/2', 'Running', '6', '<unknown>'],
  },
  {
    name: 'a Succeeded pod with a running container still prints Succeeded (TestPrintPodConditions/1)',
    pod: pod({ name: 'test1', containers: 2, phase: 'Succeeded', containerStatuses: twoContainers }),
    cells: ['test1', '1/2', 'Succeeded', '6', '<unknown>'],
  },
  {
    name: 'a Failed pod with a running container still prints Failed (TestPrintPodConditions/2)',
    pod: pod({ name: 'test2', containers: 2, phase: 'Failed', containerStatuses: twoContainers }),
    cells: ['test2', '1/2', 'Failed', '6', '<unknown>'],
  },
];

const testPrintPodList: readonly Case[] = [
  {
    name: 'each pod of a list gets its own row: two ready containers (TestPrintPodList/0 row 1)',
    pod: pod({
      name: 'test1',
      containers: 2,
      phase: 'podPhase',
      containerStatuses: [readyRunning(3), readyRunning(3)],
    }),
    cells: ['test1', '2/2', 'podPhase', '6', '<unknown>'],
  },
  {
    name: 'each pod of a list gets its own row: one ready container (TestPrintPodList/0 row 2)',
    pod: pod({ name: 'test2', containers: 1, phase: 'podPhase', containerStatuses: [readyRunning(1)] }),
    cells: ['test2', '1/1', 'podPhase', '1', '<unknown>'],
  },
];

const testPrintNonTerminatedPod: readonly Case[] = (
  [
    ['Running', 'test1'],
    ['Pending', 'test2'],
    ['Unknown', 'test3'],
    ['Succeeded', 'test4'],
    ['Failed', 'test5'],
  ] as const
).map(([phase, name], i) => ({
  name: `phase ${phase} is printed as is (TestPrintNonTerminatedPod/${i})`,
  pod: pod({
    name,
    containers: 2,
    phase,
    containerStatuses: [
      readyRunning(3),
      phase === 'Failed' ? cs({ ready: true, restartCount: 3 }) : cs({ restartCount: 3 }),
    ],
  }),
  cells: [name, '1/2', phase, '6', '<unknown>'],
}));

function storagePod(podIPs: readonly string[]): Json {
  return pod({
    name: 'foo',
    namespace: 'test',
    creationTimestamp: ago(370 * DAY),
    containers: [{ name: 'ctr1' }, { name: 'ctr2', ports: [{ containerPort: 9376 }] }],
    nodeName: 'test-node',
    readinessGates: ['condition1', 'condition2'],
    conditions: [condition('condition1', 'False'), condition('condition2', 'True')],
    podIPs,
    phase: 'Pending',
    containerStatuses: [
      cs({ name: 'ctr1', state: running(), restartCount: 10, ready: true }),
      cs({ name: 'ctr2', state: waiting(), restartCount: 0 }),
    ],
    nominatedNodeName: 'nominated-node',
  });
}

const testConvertToTableList: readonly Case[] = [
  {
    name: 'an empty pod prints empty name and status, 0/0, 0 and <unknown> (TestConvertToTableList/1)',
    pod: { metadata: { name: '', creationTimestamp: null }, spec: { containers: [] }, status: {} },
    cells: ['', '0/0', '', '0', '<unknown>', '<none>', '<none>', '<none>', '<none>'],
  },
  {
    name: 'a 370-day-old pending pod with gates prints 370d and 1/2 gates (TestConvertToTableList/2)',
    pod: storagePod(['10.1.2.3']),
    cells: ['foo', '1/2', 'Pending', '10', '370d', '10.1.2.3', 'test-node', 'nominated-node', '1/2'],
  },
  {
    name: 'a pod with two IPs shows the first (TestConvertToTableList/4)',
    pod: storagePod(['10.1.2.3', '2001:db8::']),
    cells: ['foo', '1/2', 'Pending', '10', '370d', '10.1.2.3', 'test-node', 'nominated-node', '1/2'],
  },
];

describe.each([
  ['TestPrintPod', testPrintPod],
  ['TestPrintPodWithRestartableInitContainer', testPrintPodWithRestartableInitContainer],
  ['TestPrintPodConditions', testPrintPodConditions],
  ['TestPrintPodList', testPrintPodList],
  ['TestPrintNonTerminatedPod', testPrintNonTerminatedPod],
])('upstream %s', (_, cases) => {
  it.each(cases)('$name', ({ pod: input, cells }) => {
    expect(cellsOf(input)).toEqual(cells);
  });
});

describe.each([
  ['TestPrintPodwide', testPrintPodwide],
  ['TestConvertToTableList', testConvertToTableList],
])('upstream %s (wide)', (_, cases) => {
  it.each(cases)('$name', ({ pod: input, cells }) => {
    expect(cellsOf(input, true)).toEqual(cells);
  });
});

describe('the port covers every upstream pod case', () => {
  it('has 20+1 TestPrintPod, 5 restartable-init, 3 wide, 3 conditions, 2 list rows, 5 phases and 3 storage rows', () => {
    expect(
      [
        testPrintPod,
        testPrintPodWithRestartableInitContainer,
        testPrintPodwide,
        testPrintPodConditions,
        testPrintPodList,
        testPrintNonTerminatedPod,
        testConvertToTableList,
      ].map((cases) => cases.length),
    ).toEqual([21, 5, 3, 3, 2, 5, 3]);
  });
});
