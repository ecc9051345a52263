/**
 * printPod is total: whatever JSON a user saved, missing or mistyped fields read as Go zero values
 * and nothing throws. A seeded mutation sweep backs up the hand-picked cases.
 */
import { describe, expect, it } from 'vitest';
import { derivePodStatus } from '../../functions/domain/pod-status.js';
import {
  cellsOf,
  containerStatus as cs,
  finishedAgo,
  type Json,
  pod,
  running,
  waiting,
} from '../support/pod-builders.js';

const ZERO_ROW = ['', '0/0', '', '0', '<unknown>', '<none>', '<none>', '<none>', '<none>'];

describe('input that is not a pod at all prints the empty row', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', 'pod'],
    ['an array', [{ metadata: { name: 'x' } }]],
    ['an empty object', {}],
    ['null sections', { metadata: null, spec: null, status: null }],
    ['sections of the wrong type', { metadata: 'm', spec: [], status: 7 }],
  ])('%s', (_, input) => {
    expect(cellsOf(input, true)).toEqual(ZERO_ROW);
  });
});

describe('mistyped fields read as zero values', () => {
  it.each<[string, unknown, readonly string[]]>([
    ['a numeric name is empty', { metadata: { name: 5 } }, ['', '0/0', '', '0', '<unknown>']],
    [
      'containers that are not an array count 0',
      { spec: { containers: 'two' }, status: { phase: 'Running' } },
      ['', '0/0', 'Running', '0', '<unknown>'],
    ],
    [
      'a string restartCount is 0',
      pod({ containers: 1, containerStatuses: [{ restartCount: '3' }] }),
      ['test', '0/1', '', '0', '<unknown>'],
    ],
    [
      'a fractional restartCount is truncated',
      pod({ containers: 1, containerStatuses: [{ restartCount: 2.7 }] }),
      ['test', '0/1', '', '2', '<unknown>'],
    ],
    [
      'ready as a string is not ready',
      pod({ containers: 1, containerStatuses: [{ ready: 'true', state: running() }] }),
      ['test', '0/1', '', '0', '<unknown>'],
    ],
    [
      'null and scalar statuses are skipped as zero statuses',
      pod({ containers: 1, phase: 'Running', containerStatuses: [null, 1, 'x', [], { state: null }] }),
      ['test', '0/1', 'Running', '0', '<unknown>'],
    ],
    [
      'a null waiting state is not waiting',
      pod({
        containers: 1,
        phase: 'Pending',
        containerStatuses: [{ state: { waiting: null, terminated: null } }],
      }),
      ['test', '0/1', 'Pending', '0', '<unknown>'],
    ],
    [
      'an array terminated state is not terminated',
      pod({ containers: 1, phase: 'Pending', containerStatuses: [{ state: { terminated: [] } }] }),
      ['test', '0/1', 'Pending', '0', '<unknown>'],
    ],
    [
      'a numeric waiting reason is no reason',
      pod({ containers: 1, phase: 'Pending', containerStatuses: [{ state: { waiting: { reason: 7 } } }] }),
      ['test', '0/1', 'Pending', '0', '<unknown>'],
    ],
    [
      'an exit code that is not a number reads 0',
      pod({ containers: 1, containerStatuses: [{ state: { terminated: { exitCode: 'x' } } }] }),
      ['test', '0/1', 'ExitCode:0', '0', '<unknown>'],
    ],
    [
      'null conditions and init specs are ignored',
      {
        metadata: { name: 'n' },
        spec: { initContainers: [null, 3] },
        status: { conditions: [null, 'Ready'], phase: 'Pending' },
      },
      ['n', '0/0', 'Pending', '0', '<unknown>'],
    ],
    [
      'a numeric finishedAt gives no date',
      pod({
        containers: 1,
        containerStatuses: [cs({ restartCount: 1, lastState: { terminated: { finishedAt: 1700000000 } } })],
      }),
      ['test', '0/1', '', '1', '<unknown>'],
    ],
    [
      'a numeric creationTimestamp is <unknown>',
      { metadata: { name: 'n', creationTimestamp: 1700000000 } },
      ['n', '0/0', '', '0', '<unknown>'],
    ],
  ])('%s', (_, input, expected) => {
    expect(cellsOf(input)).toEqual(expected);
  });
});

/** mulberry32, so that a failure names a seed that reproduces it. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const JUNK: readonly unknown[] = [
  null,
  undefined,
  0,
  -1,
  1.5,
  '',
  'x',
  true,
  [],
  {},
  [null],
  { reason: 1 },
  Number.NaN,
];

/** Replaces one randomly chosen value anywhere in `value` with junk; returns a fresh copy. */
function mutate(value: unknown, random: () => number): unknown {
  const copy = structuredClone(value) as Json;
  const paths: { parent: Json | unknown[]; key: string | number }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        paths.push({ parent: node, key: i });
        walk(child);
      });
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        paths.push({ parent: node as Json, key });
        walk(child);
      }
    }
  };
  walk(copy);
  const target = paths[Math.floor(random() * paths.length)];
  if (target !== undefined) {
    (target.parent as Record<string | number, unknown>)[target.key] =
      JUNK[Math.floor(random() * JUNK.length)];
  }
  return copy;
}

describe('a seeded mutation sweep never throws', () => {
  const base = pod({
    deletionTimestamp: '2026-11-23T09:00:00Z',
    creationTimestamp: '2026-11-23T08:00:00Z',
    initContainers: [{ name: 'proxy', restartPolicy: 'Always' }, { name: 'migrate' }],
    containers: 2,
    readinessGates: ['g'],
    phase: 'Running',
    reason: 'NodeLost',
    conditions: [
      { type: 'Initialized', status: 'True' },
      { type: 'g', status: 'True' },
    ],
    initContainerStatuses: [
      cs({
        name: 'proxy',
        started: true,
        ready: true,
        restartCount: 2,
        state: running(),
        lastState: finishedAgo(1000),
      }),
      cs({ name: 'migrate', state: { terminated: { exitCode: 1, signal: 9 } } }),
    ],
    containerStatuses: [
      cs({ ready: true, restartCount: 1, state: running() }),
      cs({ state: waiting('CrashLoopBackOff') }),
    ],
    podIPs: ['10.0.0.1'],
  });

  it('2,000 single-field mutations (seed 7) all yield nine string cells', () => {
    const random = seeded(7);
    for (let i = 0; i < 2000; i++) {
      const input = mutate(base, random);
      const cells = cellsOf(input, true);
      expect(cells).toHaveLength(9);
      expect(cells.every((cell) => typeof cell === 'string')).toBe(true);
    }
  });

  it('derivePodStatus returns finite counts for every mutation', () => {
    const random = seeded(11);
    for (let i = 0; i < 500; i++) {
      const facts = derivePodStatus(mutate(base, random));
      expect(Number.isFinite(facts.restarts) && Number.isFinite(facts.readyContainers)).toBe(true);
    }
  });
});
