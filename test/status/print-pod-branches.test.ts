/**
 * One case per branch of printPod (pkg/printers/internalversion/printers.go) beyond the upstream
 * tests: sidecars, init failures, the Initialized=True override, container order, exit codes,
 * Completed→Running/NotReady, deletion, SchedulingGated and the RESTARTS date.
 */
import { describe, expect, it } from 'vitest';
import {
  ago,
  cellsOf,
  condition,
  containerStatus as cs,
  finishedAgo,
  HOUR,
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
  /** READY, STATUS, RESTARTS (NAME and AGE are fixed by the builder). */
  readonly expected: readonly [ready: string, status: string, restarts: string];
}

function check(cases: readonly Case[]): void {
  it.each(cases)('$name', ({ pod: input, expected }) => {
    expect(cellsOf(input).slice(1, 4)).toEqual(expected);
  });
}

const sidecar = sidecarSpec('proxy');
const readyRunning = (restartCount = 0) => cs({ ready: true, restartCount, state: running() });
const proxy = (parts: Parameters<typeof cs>[0]) => cs({ name: 'proxy', ...parts });

describe('sidecars (restartable init containers)', () => {
  check([
    {
      name: 'a started and ready sidecar counts as ready',
      pod: pod({
        initContainers: [sidecar],
        containers: 1,
        phase: 'Running',
        initContainerStatuses: [proxy({ started: true, ready: true, state: running() })],
        containerStatuses: [readyRunning()],
        conditions: [condition('Initialized', 'True'), condition('Ready', 'True')],
      }),
      expected: ['2/2', 'Running', '0'],
    },
    {
      name: 'a started sidecar that is not ready is passed over without counting',
      pod: pod({
        initContainers: [sidecar],
        containers: 1,
        phase: 'Running',
        initContainerStatuses: [proxy({ started: true, ready: false, state: running() })],
        containerStatuses: [readyRunning()],
      }),
      expected: ['1/2', 'Running', '0'],
    },
    {
      name: 'a ready sidecar without started stops initialisation at Init:0/1',
      pod: pod({
        initContainers: [sidecar],
        containers: 1,
        phase: 'Pending',
        initContainerStatuses: [proxy({ ready: true, state: running() })],
        containerStatuses: [cs({ state: waiting('PodInitializing') })],
      }),
      expected: ['0/2', 'Init:0/1', '0'],
    },
    {
      name: 'a ready sidecar with started false stops initialisation at Init:0/1',
      pod: pod({
        initContainers: [sidecar],
        containers: 1,
        phase: 'Pending',
        initContainerStatuses: [proxy({ ready: true, started: false, state: running() })],
      }),
      expected: ['0/2', 'Init:0/1', '0'],
    },
    {
      name: 'a started sidecar that crashed still counts as started (rule order)',
      pod: pod({
        initContainers: [sidecar],
        containers: 1,
        phase: 'Running',
        initContainerStatuses: [
          proxy({ started: true, ready: true, state: terminated({ reason: 'Error', exitCode: 1 }) }),
        ],
        containerStatuses: [readyRunning()],
      }),
      expected: ['2/2', 'Running', '0'],
    },
    {
      name: 'a sidecar that exited 0 is done and never counts as ready',
      pod: pod({
        initContainers: [sidecar],
        containers: 1,
        phase: 'Running',
        initContainerStatuses: [
          proxy({ started: true, ready: true, state: terminated({ reason: 'Completed' }) }),
        ],
        containerStatuses: [readyRunning()],
      }),
      expected: ['1/2', 'Running', '0'],
    },
    {
      name: 'an unstarted sidecar that crashed reports Init:<reason>',
      pod: pod({
        initContainers: [sidecar],
        containers: 1,
        phase: 'Pending',
        initContainerStatuses: [
          proxy({ started: false, state: terminated({ reason: 'Error', exitCode: 1 }) }),
        ],
      }),
      expected: ['0/2', 'Init:Error', '0'],
    },
    {
      name: 'sidecars add to the READY denominator from the spec alone',
      pod: pod({
        initContainers: [sidecar, { name: 'migrate' }, sidecarSpec('log')],
        containers: 2,
        phase: 'Pending',
      }),
      expected: ['0/4', 'Pending', '0'],
    },
    {
      name: 'sidecar restarts and dates survive initialisation; regular init ones are dropped',
      pod: pod({
        initContainers: [{ name: 'migrate' }, sidecar],
        containers: 1,
        phase: 'Running',
        initContainerStatuses: [
          cs({ name: 'migrate', restartCount: 5, state: terminated(), lastState: finishedAgo(30 * SECOND) }),
          proxy({
            started: true,
            ready: true,
            restartCount: 2,
            state: running(),
            lastState: finishedAgo(MINUTE),
          }),
        ],
        containerStatuses: [
          cs({ ready: true, restartCount: 1, state: running(), lastState: finishedAgo(3 * MINUTE) }),
        ],
      }),
      expected: ['2/2', 'Running', '3 (60s ago)'],
    },
    {
      name: 'a duplicated init container name takes the last spec entry: not a sidecar',
      pod: pod({
        initContainers: [sidecarSpec('dup'), { name: 'dup' }],
        containers: 1,
        phase: 'Pending',
        initContainerStatuses: [cs({ name: 'dup', started: true, ready: true, state: running() })],
      }),
      expected: ['0/2', 'Init:0/2', '0'],
    },
    {
      name: 'a duplicated init container name takes the last spec entry: a sidecar',
      pod: pod({
        initContainers: [{ name: 'dup' }, sidecarSpec('dup')],
        containers: 1,
        phase: 'Running',
        initContainerStatuses: [cs({ name: 'dup', started: true, ready: true, state: running() })],
        containerStatuses: [readyRunning()],
      }),
      expected: ['2/2', 'Running', '0'],
    },
    {
      name: 'restartPolicy other than Always is not a sidecar',
      pod: pod({
        initContainers: [{ name: 'proxy', restartPolicy: 'OnFailure' }],
        containers: 1,
        phase: 'Pending',
        initContainerStatuses: [proxy({ started: true, ready: true, state: running() })],
      }),
      expected: ['0/1', 'Init:0/1', '0'],
    },
    {
      name: 'a nameless sidecar status matches a nameless sidecar spec (Go map key "")',
      pod: pod({
        initContainers: [{ restartPolicy: 'Always' }],
        containers: 1,
        phase: 'Running',
        initContainerStatuses: [cs({ started: true, ready: true, state: running() })],
        containerStatuses: [readyRunning()],
      }),
      expected: ['2/2', 'Running', '0'],
    },
  ]);
});

const oneInit = { initContainers: 2, containers: 1, phase: 'Pending' } as const;

describe('init containers', () => {
  check([
    {
      name: 'a terminated init container with a signal and no reason prints Init:Signal:N',
      pod: pod({
        ...oneInit,
        initContainerStatuses: [cs({ state: terminated({ exitCode: 137, signal: 9 }) })],
      }),
      expected: ['0/1', 'Init:Signal:9', '0'],
    },
    {
      name: 'a terminated init container with neither reason nor signal prints Init:ExitCode:N',
      pod: pod({ ...oneInit, initContainerStatuses: [cs({ state: terminated({ exitCode: 2 }) })] }),
      expected: ['0/1', 'Init:ExitCode:2', '0'],
    },
    {
      name: 'a negative init exit code is printed as is',
      pod: pod({ ...oneInit, initContainerStatuses: [cs({ state: terminated({ exitCode: -1 }) })] }),
      expected: ['0/1', 'Init:ExitCode:-1', '0'],
    },
    {
      name: 'an init reason wins over its signal',
      pod: pod({
        ...oneInit,
        initContainerStatuses: [cs({ state: terminated({ reason: 'OOMKilled', exitCode: 137, signal: 9 }) })],
      }),
      expected: ['0/1', 'Init:OOMKilled', '0'],
    },
    {
      name: 'a waiting init container prints Init:<reason>',
      pod: pod({
        ...oneInit,
        initContainerStatuses: [
          cs({ restartCount: 4, state: waiting('CrashLoopBackOff'), lastState: finishedAgo(90 * SECOND) }),
        ],
      }),
      expected: ['0/1', 'Init:CrashLoopBackOff', '4 (90s ago)'],
    },
    {
      name: 'PodInitializing falls through to Init:i/N',
      pod: pod({
        ...oneInit,
        initContainerStatuses: [cs({ state: terminated() }), cs({ state: waiting('PodInitializing') })],
      }),
      expected: ['0/1', 'Init:1/2', '0'],
    },
    {
      name: 'a waiting init container without a reason falls through to Init:i/N',
      pod: pod({ ...oneInit, initContainerStatuses: [cs({ state: waiting() })] }),
      expected: ['0/1', 'Init:0/2', '0'],
    },
    {
      name: 'an init status with no state at all is Init:i/N',
      pod: pod({ ...oneInit, initContainerStatuses: [cs({})] }),
      expected: ['0/1', 'Init:0/2', '0'],
    },
    {
      name: 'the loop stops at the first unfinished init container: later ones and their restarts are ignored',
      pod: pod({
        ...oneInit,
        initContainerStatuses: [
          cs({ restartCount: 1, state: running() }),
          cs({
            restartCount: 5,
            state: terminated({ reason: 'Error', exitCode: 1 }),
            lastState: finishedAgo(SECOND),
          }),
        ],
      }),
      expected: ['0/1', 'Init:0/2', '1'],
    },
    {
      name: 'while initialising, restarts of regular containers are not counted',
      pod: pod({
        ...oneInit,
        initContainerStatuses: [cs({ restartCount: 1, state: running() })],
        containerStatuses: [cs({ restartCount: 7, state: waiting('CrashLoopBackOff') })],
      }),
      expected: ['0/1', 'Init:0/2', '1'],
    },
    {
      name: 'Initialized=True lets a container waiting reason replace Init:Error',
      pod: pod({
        ...oneInit,
        phase: 'Running',
        initContainerStatuses: [cs({ restartCount: 3, state: terminated({ reason: 'Error', exitCode: 1 }) })],
        containerStatuses: [
          cs({ restartCount: 2, state: waiting('CrashLoopBackOff'), lastState: finishedAgo(HOUR) }),
        ],
        conditions: [condition('Initialized', 'True')],
      }),
      expected: ['0/1', 'CrashLoopBackOff', '2 (60m ago)'],
    },
    {
      name: 'Initialized=True keeps Init:Error when no container sets a reason',
      pod: pod({
        ...oneInit,
        phase: 'Running',
        initContainerStatuses: [cs({ state: terminated({ reason: 'Error', exitCode: 1 }) })],
        containerStatuses: [readyRunning()],
        conditions: [condition('Initialized', 'True')],
      }),
      expected: ['1/1', 'Init:Error', '0'],
    },
    {
      name: 'only the first Initialized condition is consulted',
      pod: pod({
        ...oneInit,
        initContainerStatuses: [cs({ state: terminated({ reason: 'Error', exitCode: 1 }) })],
        containerStatuses: [cs({ state: waiting('CrashLoopBackOff') })],
        conditions: [condition('Initialized', 'False'), condition('Initialized', 'True')],
      }),
      expected: ['0/1', 'Init:Error', '0'],
    },
    {
      name: 'all init containers exited 0: the containers decide',
      pod: pod({
        ...oneInit,
        phase: 'Running',
        initContainerStatuses: [
          cs({ state: terminated() }),
          cs({ state: terminated({ reason: 'Completed' }) }),
        ],
        containerStatuses: [readyRunning()],
      }),
      expected: ['1/1', 'Running', '0'],
    },
  ]);
});

describe('containers', () => {
  check([
    {
      name: 'statuses are walked in reverse, so the first container has the last word',
      pod: pod({
        containers: 2,
        phase: 'Running',
        containerStatuses: [
          cs({ state: terminated({ reason: 'OOMKilled', exitCode: 137 }) }),
          cs({ state: waiting('CrashLoopBackOff') }),
        ],
      }),
      expected: ['0/2', 'OOMKilled', '0'],
    },
    {
      name: 'a terminated regular container with no reason prints ExitCode:0',
      pod: pod({ containers: 1, phase: 'Succeeded', containerStatuses: [cs({ state: terminated() })] }),
      expected: ['0/1', 'ExitCode:0', '0'],
    },
    {
      name: 'a terminated regular container with a signal and no reason prints Signal:N',
      pod: pod({
        containers: 1,
        phase: 'Failed',
        containerStatuses: [cs({ state: terminated({ exitCode: 143, signal: 15 }) })],
      }),
      expected: ['0/1', 'Signal:15', '0'],
    },
    {
      name: 'a container reason wins over its signal',
      pod: pod({
        containers: 1,
        phase: 'Failed',
        containerStatuses: [cs({ state: terminated({ reason: 'Error', signal: 15 }) })],
      }),
      expected: ['0/1', 'Error', '0'],
    },
    {
      name: 'a waiting container without a reason leaves the phase',
      pod: pod({ containers: 1, phase: 'Pending', containerStatuses: [cs({ state: waiting() })] }),
      expected: ['0/1', 'Pending', '0'],
    },
    {
      name: "a container reason replaces status.reason (an evicted pod's containers)",
      pod: pod({
        containers: 1,
        phase: 'Failed',
        reason: 'Evicted',
        containerStatuses: [cs({ state: terminated({ reason: 'ContainerStatusUnknown', exitCode: 137 }) })],
      }),
      expected: ['0/1', 'ContainerStatusUnknown', '0'],
    },
    {
      name: 'an evicted pod without container statuses prints Evicted',
      pod: pod({ containers: 1, phase: 'Failed', reason: 'Evicted' }),
      expected: ['0/1', 'Evicted', '0'],
    },
    {
      name: 'a ready container that is waiting is not counted',
      pod: pod({
        containers: 1,
        phase: 'Running',
        containerStatuses: [cs({ ready: true, state: waiting() })],
      }),
      expected: ['0/1', 'Running', '0'],
    },
    {
      name: 'Completed with no running container stays Completed',
      pod: pod({
        containers: 1,
        phase: 'Succeeded',
        containerStatuses: [cs({ state: terminated({ reason: 'Completed' }) })],
      }),
      expected: ['0/1', 'Completed', '0'],
    },
    {
      name: 'Completed next to a running but unready container stays Completed',
      pod: pod({
        containers: 2,
        phase: 'Running',
        containerStatuses: [cs({ state: terminated({ reason: 'Completed' }) }), cs({ state: running() })],
        conditions: [condition('Ready', 'True')],
      }),
      expected: ['0/2', 'Completed', '0'],
    },
    {
      name: 'Completed first, CrashLoopBackOff second prints Completed',
      pod: pod({
        containers: 2,
        phase: 'Running',
        containerStatuses: [
          cs({ state: terminated({ reason: 'Completed' }) }),
          cs({ state: waiting('CrashLoopBackOff') }),
        ],
      }),
      expected: ['0/2', 'Completed', '0'],
    },
    {
      name: 'any Ready=True condition turns Completed+running into Running, not just the first Ready one',
      pod: pod({
        containers: 2,
        phase: 'Running',
        containerStatuses: [cs({ state: terminated({ reason: 'Completed' }) }), readyRunning()],
        conditions: [condition('Ready', 'False'), condition('Ready', 'True')],
      }),
      expected: ['1/2', 'Running', '0'],
    },
    {
      name: 'a Ready condition that is not True gives NotReady',
      pod: pod({
        containers: 2,
        phase: 'Running',
        containerStatuses: [cs({ state: terminated({ reason: 'Completed' }) }), readyRunning()],
        conditions: [condition('Ready', 'False')],
      }),
      expected: ['1/2', 'NotReady', '0'],
    },
  ]);
});

const deleted = ago(5 * SECOND);

describe('deletion, lost nodes and scheduling', () => {
  check([
    {
      name: 'NodeLost with a deletionTimestamp prints Unknown',
      pod: pod({
        deletionTimestamp: deleted,
        containers: 1,
        phase: 'Running',
        reason: 'NodeLost',
        containerStatuses: [readyRunning()],
      }),
      expected: ['1/1', 'Unknown', '0'],
    },
    {
      name: 'NodeLost with a deletionTimestamp prints Unknown even for a Succeeded pod',
      pod: pod({ deletionTimestamp: deleted, containers: 1, phase: 'Succeeded', reason: 'NodeLost' }),
      expected: ['0/1', 'Unknown', '0'],
    },
    {
      name: 'NodeLost with a deletionTimestamp prints Unknown even for a Failed pod',
      pod: pod({ deletionTimestamp: deleted, containers: 1, phase: 'Failed', reason: 'NodeLost' }),
      expected: ['0/1', 'Unknown', '0'],
    },
    {
      name: 'NodeLost without a deletionTimestamp prints NodeLost',
      pod: pod({ containers: 1, phase: 'Unknown', reason: 'NodeLost' }),
      expected: ['0/1', 'NodeLost', '0'],
    },
    {
      name: 'Terminating overrides CrashLoopBackOff',
      pod: pod({
        deletionTimestamp: deleted,
        containers: 1,
        phase: 'Running',
        containerStatuses: [cs({ restartCount: 9, state: waiting('CrashLoopBackOff') })],
      }),
      expected: ['0/1', 'Terminating', '9'],
    },
    {
      name: 'Terminating overrides an init container state',
      pod: pod({
        deletionTimestamp: deleted,
        initContainers: 1,
        containers: 1,
        phase: 'Pending',
        initContainerStatuses: [cs({ state: running() })],
      }),
      expected: ['0/1', 'Terminating', '0'],
    },
    {
      name: 'Terminating overrides SchedulingGated',
      pod: pod({
        deletionTimestamp: deleted,
        containers: 1,
        phase: 'Pending',
        conditions: [condition('PodScheduled', 'False', 'SchedulingGated')],
      }),
      expected: ['0/1', 'Terminating', '0'],
    },
    {
      name: 'Terminating applies to phase Unknown',
      pod: pod({ deletionTimestamp: deleted, containers: 1, phase: 'Unknown' }),
      expected: ['0/1', 'Terminating', '0'],
    },
    {
      name: 'Terminating applies to an empty phase',
      pod: pod({ deletionTimestamp: deleted, containers: 1 }),
      expected: ['0/1', 'Terminating', '0'],
    },
    {
      name: 'a deleted Failed pod keeps its container reason',
      pod: pod({
        deletionTimestamp: deleted,
        containers: 1,
        phase: 'Failed',
        containerStatuses: [cs({ state: terminated({ reason: 'Error', exitCode: 1 }) })],
      }),
      expected: ['0/1', 'Error', '0'],
    },
    {
      name: 'a null deletionTimestamp is not a deletion',
      pod: {
        ...pod({ containers: 1, phase: 'Running' }),
        metadata: { name: 'test', creationTimestamp: null, deletionTimestamp: null },
      },
      expected: ['0/1', 'Running', '0'],
    },
    {
      name: 'PodScheduled=False with Unschedulable leaves the phase',
      pod: pod({
        containers: 1,
        phase: 'Pending',
        conditions: [condition('PodScheduled', 'False', 'Unschedulable')],
      }),
      expected: ['0/1', 'Pending', '0'],
    },
    {
      name: 'reason SchedulingGated on another condition type is ignored',
      pod: pod({
        containers: 1,
        phase: 'Pending',
        conditions: [condition('Ready', 'False', 'SchedulingGated')],
      }),
      expected: ['0/1', 'Pending', '0'],
    },
    {
      name: 'SchedulingGated replaces status.reason too',
      pod: pod({
        containers: 1,
        phase: 'Pending',
        reason: 'Whatever',
        conditions: [condition('PodScheduled', 'False', 'SchedulingGated')],
      }),
      expected: ['0/1', 'SchedulingGated', '0'],
    },
  ]);
});

describe('RESTARTS and its "(X ago)" date', () => {
  check([
    {
      name: 'a container with 0 restarts can still supply the newest date',
      pod: pod({
        containers: 2,
        phase: 'Running',
        containerStatuses: [
          cs({ ready: true, restartCount: 0, state: running(), lastState: finishedAgo(MINUTE) }),
          cs({ ready: true, restartCount: 2, state: running(), lastState: finishedAgo(HOUR) }),
        ],
      }),
      expected: ['2/2', 'Running', '2 (60s ago)'],
    },
    {
      name: 'a lastState without finishedAt gives no suffix',
      pod: pod({
        containers: 1,
        phase: 'Running',
        containerStatuses: [cs({ ready: true, restartCount: 4, state: running(), lastState: terminated() })],
      }),
      expected: ['1/1', 'Running', '4'],
    },
    {
      name: 'zero restarts never get a suffix',
      pod: pod({
        containers: 1,
        phase: 'Running',
        containerStatuses: [cs({ ready: true, state: running(), lastState: finishedAgo(MINUTE) })],
      }),
      expected: ['1/1', 'Running', '0'],
    },
    {
      name: 'a finishedAt 2 s or more in the future prints <invalid> ago',
      pod: pod({
        containers: 1,
        phase: 'Running',
        containerStatuses: [
          cs({ ready: true, restartCount: 1, state: running(), lastState: finishedAgo(-3 * SECOND) }),
        ],
      }),
      expected: ['1/1', 'Running', '1 (<invalid> ago)'],
    },
    {
      name: 'a finishedAt before year 1 never becomes the date (it is not after the zero time)',
      pod: pod({
        containers: 1,
        phase: 'Running',
        containerStatuses: [
          cs({
            ready: true,
            restartCount: 1,
            state: running(),
            lastState: terminated({ finishedAt: '0000-06-01T00:00:00Z' }),
          }),
        ],
      }),
      expected: ['1/1', 'Running', '1'],
    },
    {
      name: 'a finishedAt centuries ago saturates like a Go time.Duration (292y)',
      pod: pod({
        containers: 1,
        phase: 'Running',
        containerStatuses: [
          cs({
            ready: true,
            restartCount: 1,
            state: running(),
            lastState: terminated({ finishedAt: '1200-01-01T00:00:00Z' }),
          }),
        ],
      }),
      expected: ['1/1', 'Running', '1 (292y ago)'],
    },
  ]);
});

describe('wide columns', () => {
  const wide = (input: Json) => cellsOf(input, true).slice(5);
  it.each([
    {
      name: 'a non-empty podIP is authoritative over podIPs',
      pod: pod({ podIP: '10.0.0.9', podIPs: ['10.0.0.1'] }),
      expected: '10.0.0.9',
    },
    {
      name: 'without podIP the first podIPs entry is shown',
      pod: pod({ podIPs: ['fd00::1', '10.0.0.1'] }),
      expected: 'fd00::1',
    },
    { name: 'podIP alone is shown', pod: pod({ podIP: '10.0.0.9' }), expected: '10.0.0.9' },
    {
      name: 'an empty first podIPs entry prints <none>',
      pod: pod({ podIPs: ['', '10.0.0.1'] }),
      expected: '<none>',
    },
  ])('$name', ({ pod: input, expected }) => {
    expect(wide(input)[0]).toBe(expected);
  });

  it.each([
    {
      name: 'a gate with no condition of its type is not true',
      pod: pod({ readinessGates: ['a', 'b'], conditions: [condition('a', 'True')] }),
      expected: '1/2',
    },
    {
      name: 'only the first condition of a gate type counts',
      pod: pod({ readinessGates: ['a'], conditions: [condition('a', 'False'), condition('a', 'True')] }),
      expected: '0/1',
    },
    { name: 'no gates print <none>', pod: pod({ conditions: [condition('a', 'True')] }), expected: '<none>' },
  ])('$name', ({ pod: input, expected }) => {
    expect(wide(input)[3]).toBe(expected);
  });

  it('shows node and nominated node', () => {
    expect(wide(pod({ nodeName: 'n1', nominatedNodeName: 'n2' }))).toEqual(['<none>', 'n1', 'n2', '<none>']);
  });
});

describe('AGE', () => {
  it.each([
    { name: 'a null creationTimestamp is <unknown>', at: null, expected: '<unknown>' },
    { name: "Go's zero time is <unknown>", at: '0001-01-01T00:00:00Z', expected: '<unknown>' },
    { name: 'an unparsable timestamp is <unknown>', at: 'yesterday', expected: '<unknown>' },
    { name: 'a day that does not exist is <unknown>', at: '2026-02-30T00:00:00Z', expected: '<unknown>' },
    { name: '1 s in the future is 0s', at: ago(-SECOND), expected: '0s' },
    { name: '2 s in the future is <invalid>', at: ago(-2 * SECOND), expected: '<invalid>' },
    { name: 'an offset time zone is honoured', at: '2026-11-23T11:59:00+02:00', expected: '60s' },
    { name: 'fractional seconds are honoured', at: '2026-11-23T09:59:58.999Z', expected: '1s' },
  ])('$name', ({ at, expected }) => {
    expect(cellsOf(pod({ creationTimestamp: at }))[4]).toBe(expected);
  });
});
