/**
 * Go's text/tabwriter as kubectl's describers configure it (`tabbedString`: minwidth 0, tabwidth 8,
 * padding 2, pad character ' ', flags 0), applied to the finished text at once. Go streams, but a
 * line without a tab flushes everything before it, so formatting the whole text gives the same
 * bytes.
 *
 * The rules: `\n` and `\f` end lines (`\f` is written as `\n` and also ends every column block);
 * `\t` and `\v` end cells. Each cell followed by a tab belongs to a column; the text after a
 * line's last tab is never padded. Column k's width, for a block of consecutive lines that all
 * have more than k tab-terminated cells, is 2 + the widest cell in it, counted in code points
 * (Go's utf8.RuneCount); every cell of the block, empty ones too, is padded with spaces to it.
 */

const PADDING = 2;

interface Line {
  /** Tab-terminated cells, then the trailing text as the last element. */
  readonly cells: readonly string[];
  /** A `\f` ended the previous line: no block continues into this one. */
  readonly afterFormFeed: boolean;
}

export function formatTabbed(text: string): string {
  const lines = splitLines(text);
  const widths = lines.map((line) => new Array<number>(line.cells.length - 1).fill(0));
  const maxColumns = Math.max(0, ...lines.map((line) => line.cells.length - 1));
  for (let column = 0; column < maxColumns; column++) {
    let start = 0;
    while (start < lines.length) {
      if (!hasColumn(lines[start], column)) {
        start++;
        continue;
      }
      let end = start + 1;
      while (end < lines.length && hasColumn(lines[end], column) && !lines[end]?.afterFormFeed) end++;
      let width = 0;
      for (let i = start; i < end; i++) width = Math.max(width, runeCount(lines[i]?.cells[column] ?? ''));
      for (let i = start; i < end; i++) {
        const row = widths[i];
        if (row !== undefined) row[column] = width + PADDING;
      }
      start = end;
    }
  }
  return lines
    .map((line, i) => {
      const row = widths[i] ?? [];
      const last = line.cells.length - 1;
      let out = '';
      for (let c = 0; c < last; c++) {
        const cell = line.cells[c] ?? '';
        out += cell + ' '.repeat(Math.max(0, (row[c] ?? 0) - runeCount(cell)));
      }
      return out + (line.cells[last] ?? '');
    })
    .join('\n');
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let afterFormFeed = false;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (i < text.length && ch !== '\n' && ch !== '\f') continue;
    lines.push({ cells: text.slice(start, i).split(/[\t\v]/), afterFormFeed });
    afterFormFeed = ch === '\f';
    start = i + 1;
  }
  return lines;
}

function hasColumn(line: Line | undefined, column: number): boolean {
  return line !== undefined && line.cells.length - 1 > column;
}

function runeCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
