import { describe, expect, it } from 'vitest';
import { goSort } from '../../functions/domain/describe/go-sort.js';
import { cutBytes, goQuote } from '../../functions/domain/describe/go-text.js';
import {
  describePod,
  ENV_VALUE_NOT_RECORDED,
  encodeDescribeText,
  VALUE_NOT_RECORDED_TEXT,
} from '../../functions/domain/describe/index.js';
import { quantityText } from '../../functions/domain/describe/quantity.js';
import { formatTabbed } from '../../functions/domain/describe/tab-writer.js';

/**
 * The renderer's own rules, without kubectl: the Go pieces it ports, the env-not-recorded
 * convention, and its contract on odd input. Everything it prints is also checked byte for byte
 * against the real kubectl in the *.golden.test.ts files next to this one.
 */

const NOW = Date.parse('2026-12-07T18:00:00Z');

describe('the tab writer (Go text/tabwriter, padding 2)', () => {
  it.each([
    [
      'a column is 2 wider than its widest cell; trailing text is not padded',
      'a:\tx\nlonger:\ty\n',
      'a:       x\nlonger:  y\n',
    ],
    ['an empty cell is padded too, leaving trailing spaces', 'IP:\t\nName:\tn\n', 'IP:    \nName:  n\n'],
    ['a line without a tab ends the block', 'a:\t1\nbreak\nlonger:\t2\n', 'a:  1\nbreak\nlonger:  2\n'],
    [
      'widths count code points, not bytes or UTF-16 units',
      'zoë:\t1\n😀😀:\t2\nab:\t3\n',
      'zoë:  1\n😀😀:   2\nab:   3\n',
    ],
    [
      'a line with fewer cells ends the blocks of the columns it lacks',
      'a\tb\tc\nlong\tb\nx\tlonger\tc\n',
      'a     b  c\nlong  b\nx     longer  c\n',
    ],
    [
      '\\v ends a cell like \\t; \\f ends the line and every block',
      'a\vb\nlong:\tc\fx:\ty\n',
      'a      b\nlong:  c\nx:  y\n',
    ],
  ])('%s', (_rule, input, output) => {
    expect(formatTabbed(input)).toBe(output);
  });
});

describe('Go sort.Sort (pdqsort), which decides the order of tied events', () => {
  const order = (n: number, seconds: (i: number) => number) =>
    goSort(
      Array.from({ length: n }, (_, k) => ({
        reason: `R${String(k + 1).padStart(2, '0')}`,
        at: -seconds(k + 1),
      })),
      (a, b) => a.at < b.at,
    )
      .map((e) => e.reason)
      .join(' ');

  it('reproduces the reference vector for forty events in three tied seconds', () => {
    expect(order(40, (i) => 100 + (i % 3))).toBe(
      'R14 R02 R38 R35 R05 R32 R29 R08 R26 R23 R11 R20 R17 ' +
        'R31 R04 R16 R13 R40 R19 R37 R28 R22 R10 R34 R25 R01 R07 ' +
        'R27 R15 R30 R09 R06 R33 R24 R21 R36 R12 R03 R39 R18',
    );
  });

  it('keeps input order among ties up to twelve elements', () => {
    expect(order(12, (i) => 100 + (i % 3))).toBe('R02 R05 R08 R11 R01 R04 R07 R10 R03 R06 R09 R12');
  });
});

describe('resource quantities print in their Go canonical form', () => {
  it.each([
    ['1000m', '1'],
    ['1024Mi', '1Gi'],
    ['0.5', '500m'],
    ['100m', '100m'],
    ['0100m', '0100m'],
    ['12e2', '1200'],
    ['1e3', '1e3'],
    ['1.5Gi', '1536Mi'],
    ['0.1Mi', '104857600m'],
    ['1500000000n', '1500m'],
    ['0.0000000001', '1n'],
    ['+5k', '+5k'],
    ['2048Ki', '2Mi'],
    [2, '2'],
    [null, '0'],
    ['not a quantity', 'not a quantity'],
  ])('%j prints %j', (input, output) => {
    expect(quantityText(input)).toBe(output);
  });
});

describe('Go string helpers', () => {
  it('strconv.Quote escapes quotes, backslashes and control characters, keeps printable Unicode', () => {
    expect(goQuote('a "b"\\c\n\t\u0001é😀\u200b')).toBe('"a \\"b\\"\\\\c\\n\\t\\x01é😀\\u200b"');
  });

  it('a byte cut inside a character keeps its leading bytes, which encode back to those bytes', () => {
    const cut = cutBytes('aé', 2);
    expect([...encodeDescribeText(cut)]).toEqual([0x61, 0xc3]);
  });
});

describe('env values podtrail did not record', () => {
  const render = (env: unknown[]) =>
    describePod(
      { metadata: { name: 'p', namespace: 'n' }, spec: { containers: [{ name: 'app', env }] } },
      [],
      {
        now: NOW,
      },
    );

  it('an entry marked as not recorded prints <value not recorded> where kubectl prints the value', () => {
    expect(render([{ name: 'TOKEN', [ENV_VALUE_NOT_RECORDED]: true }])).toMatch(
      /^ {6}TOKEN: +<value not recorded>$/m,
    );
    expect(VALUE_NOT_RECORDED_TEXT).toBe('<value not recorded>');
  });

  it('an entry that still has its value prints the value, marker or not', () => {
    expect(render([{ name: 'MODE', value: 'prod', [ENV_VALUE_NOT_RECORDED]: true }])).toMatch(
      /^ {6}MODE: +prod$/m,
    );
  });

  it('an unmarked entry without a value prints nothing after the name, as kubectl does', () => {
    expect(render([{ name: 'EMPTY' }])).toMatch(/^ {6}EMPTY: +$/m);
  });
});

describe('the contract', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a string', 'pod'],
    ['an array', []],
    ['mistyped sections', { metadata: 5, spec: 'x', status: [] }],
    [
      'mistyped fields',
      {
        metadata: {
          name: 7,
          labels: ['a'],
          annotations: { a: 1 },
          ownerReferences: {},
          deletionTimestamp: 'soon',
        },
        spec: {
          containers: 'x',
          volumes: [null, 5, { name: 'v', csi: null }],
          tolerations: [null],
          priority: '1',
        },
        status: { containerStatuses: [{ state: { running: null } }], podIPs: 'x', startTime: 12 },
      },
    ],
    [
      'null list entries',
      {
        spec: {
          containers: [
            null,
            { name: 'a', resources: { limits: { cpu: {} } }, livenessProbe: { httpGet: null } },
          ],
        },
      },
    ],
  ])('never throws on %s, and always prints a Name line and a final newline', (_name, pod) => {
    const text = describePod(pod, [null, 1, 'x', { involvedObject: null }], { now: NOW });
    expect(text.startsWith('Name:')).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('does not modify its input (frozen objects are fine)', () => {
    const pod = deepFreeze({
      metadata: { name: 'p', namespace: 'n', uid: 'u' },
      spec: {
        containers: [
          {
            name: 'a',
            volumeMounts: [
              { name: 'z', mountPath: '/z' },
              { name: 'a', mountPath: '/a' },
            ],
          },
        ],
        tolerations: [{ key: 'b' }, { key: 'a' }],
      },
    });
    const events = deepFreeze([
      { metadata: { name: 'p.2' }, involvedObject: { name: 'p', namespace: 'n', uid: 'u' }, reason: 'B' },
      { metadata: { name: 'p.1' }, involvedObject: { name: 'p', namespace: 'n', uid: 'u' }, reason: 'A' },
    ]);
    expect(() => describePod(pod, events, { now: NOW })).not.toThrow();
  });

  it('takes now as a Date or as milliseconds, and can leave the events out', () => {
    const pod = { metadata: { name: 'p', namespace: 'n', deletionTimestamp: '2026-12-07T17:50:00Z' } };
    expect(describePod(pod, [], { now: new Date(NOW) })).toBe(describePod(pod, [], { now: NOW }));
    expect(describePod(pod, [], { now: NOW })).toContain('Terminating (lasts 10m)');
    expect(describePod(pod, [], { now: NOW, showEvents: false })).not.toContain('Events:');
  });

  it('an unknown time zone prints UTC, as Go falls back to UTC', () => {
    const pod = { metadata: { name: 'p' }, status: { startTime: '2026-12-07T17:00:00Z' } };
    expect(describePod(pod, [], { now: NOW, timeZone: 'Nowhere/Special' })).toContain(
      'Start Time:   Mon, 07 Dec 2026 17:00:00 +0000',
    );
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
