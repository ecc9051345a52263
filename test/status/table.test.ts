/**
 * kubectl's table layout: cli-runtime printTable's cell handling plus liggitt/tabwriter (minwidth 6,
 * padding 3, RememberWidths). Expected text is written out literally.
 */
import { describe, expect, it } from 'vitest';
import { formatTable, formatWatchTable, printableCell, TableWriter } from '../../cli/table.js';

const HEADER = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'];

describe('formatTable', () => {
  it("pads every column to its widest cell plus 3, as in the seed's kubectl output", () => {
    expect(formatTable([HEADER, ['pod-phase', '0/1', 'ContainerCreating', '0', '1s']])).toBe(
      'NAME        READY   STATUS              RESTARTS   AGE\n' +
        'pod-phase   0/1     ContainerCreating   0          1s\n',
    );
  });

  it('never makes a column narrower than 6, padding included', () => {
    expect(
      formatTable([
        ['A', 'B', 'C'],
        ['a', 'b', 'c'],
      ]),
    ).toBe('A     B     C\na     b     c\n');
  });

  it('leaves the last cell of a row unpadded, however wide', () => {
    expect(
      formatTable([
        ['X', 'LAST'],
        ['x', 'a-very-long-last-cell'],
      ]),
    ).toBe('X     LAST\nx     a-very-long-last-cell\n');
  });

  it('pads empty cells to the column width', () => {
    expect(
      formatTable([
        ['NAME', 'STATUS', 'AGE'],
        ['', '', '<unknown>'],
      ]),
    ).toBe('NAME   STATUS   AGE\n' + '                <unknown>\n');
  });

  it('counts runes, not bytes or UTF-16 units', () => {
    expect(
      formatTable([
        ['NAME', 'AGE'],
        ['pödé-日本-😀', '1s'],
      ]),
    ).toBe('NAME        AGE\npödé-日本-😀   1s\n');
  });

  it('returns nothing for no rows', () => {
    expect(formatTable([])).toBe('');
  });

  it('splits a cell at a tab into a new column block, as text/tabwriter does', () => {
    expect(
      formatTable([
        ['NAME', 'STATUS', 'AGE'],
        ['a\tb', 'Running', '1s'],
        ['c', 'Pending', '2s'],
      ]),
    ).toBe('NAME   STATUS    AGE\n' + 'a      b         Running   1s\n' + 'c      Pending   2s\n');
  });

  it('treats a vertical tab like a tab', () => {
    expect(
      formatTable([
        ['A', 'B'],
        ['x\vy', 'z'],
      ]),
    ).toBe('A     B\nx     y     z\n');
  });

  it('cuts a cell at a newline and marks it with ...', () => {
    expect(
      formatTable([
        ['NAME', 'STATUS'],
        ['p', 'Error\nexit 1'],
      ]),
    ).toBe('NAME   STATUS\np      Error...\n');
  });
});

describe("printTable's cell escaping", () => {
  it.each([
    ['plain text is kept', 'CrashLoopBackOff', 'CrashLoopBackOff'],
    ['ESC becomes ^[', 'Running\x1b[31m', 'Running^[[31m'],
    ['a newline cuts the cell', 'line1\nline2', 'line1...'],
    ['a carriage return cuts the cell', 'a\rb', 'a...'],
    ['a form feed cuts the cell', 'a\fb', 'a...'],
    ['the cut comes before escaping', '\x1bx\ny', '^[x...'],
    ['a tab is left for the tabwriter', 'a\tb', 'a\tb'],
  ])('%s', (_, cell, expected) => {
    expect(printableCell(cell)).toBe(expected);
  });
});

describe('RememberWidths across flushes', () => {
  it('widens a column from the row that needs it on, and never narrows it again', () => {
    expect(
      formatWatchTable(
        [
          ['NAME', 'READY'],
          ['a', '1/1'],
        ],
        [
          ['long-name-here', '1/1'],
          ['b', '1/1'],
        ],
      ),
    ).toBe('NAME   READY\n' + 'a      1/1\n' + 'long-name-here   1/1\n' + 'b                1/1\n');
  });

  it('keeps widths per writer', () => {
    const writer = new TableWriter();
    expect(writer.flush([['wide-wide-wide', 'x']])).toBe('wide-wide-wide   x\n');
    expect(writer.flush([['a', 'y']])).toBe('a                y\n');
    expect(new TableWriter().flush([['a', 'y']])).toBe('a     y\n');
  });
});
