/**
 * Column layout identical to kubectl's. Two upstream pieces are mirrored:
 *
 * 1. k8s.io/cli-runtime printers `printTable`: cells are joined with "\t", rows end in "\n"; a cell
 *    is cut at its first "\f", "\n" or "\r" and gets "..." appended; WriteEscaped turns ESC into
 *    "^[" (and "\r" into "\\r", which the cut has already removed).
 * 2. github.com/liggitt/tabwriter v0.0.0-20181228230101-89fcab3d43de (the text/tabwriter fork that
 *    k8s.io/cli-runtime's GetNewTabWriter configures with minwidth 6, tabwidth 4, padding 3, pad
 *    char ' ' and RememberWidths). Elastic tabstops: a column is a block of consecutive lines that
 *    have a tab-terminated cell at that index; its width is max(minwidth, widest cell + padding),
 *    widths counted in runes; a line's last cell is not part of any column and is never padded.
 *    A tab or vertical tab inside a cell therefore splits it, as it does in kubectl. RememberWidths
 *    keeps the widest width seen per column index across flushes (`kubectl get -w`).
 */
const MIN_WIDTH = 6;
const PADDING = 3;

type Rows = readonly (readonly string[])[];

/** One flushed block, as `kubectl get` prints a list. */
export function formatTable(rows: Rows): string {
  return new TableWriter().flush(rows);
}

/**
 * `kubectl get -w` layout: the first block (header plus initial rows) is flushed together, then each
 * later row is flushed on its own with the remembered widths, so a wider cell widens only its own
 * row and those after it.
 */
export function formatWatchTable(first: Rows, later: Rows): string {
  const writer = new TableWriter();
  let out = writer.flush(first);
  for (const row of later) out += writer.flush([row]);
  return out;
}

/** A table printer with kubectl's remembered widths; each flush() is one tabwriter Flush. */
export class TableWriter {
  readonly #tabs = new TabWriter();

  flush(rows: Rows): string {
    let text = '';
    for (const row of rows) text += `${row.map(printableCell).join('\t')}\n`;
    this.#tabs.write(text);
    return this.#tabs.flush();
  }
}

/** printTable's treatment of a string cell. */
export function printableCell(cell: string): string {
  const cut = cell.search(/[\f\n\r]/);
  const kept = cut >= 0 ? cell.slice(0, cut) : cell;
  const escaped = kept.includes('\x1b') ? kept.replaceAll('\x1b', '^[') : kept;
  return cut >= 0 ? `${escaped}...` : escaped;
}

interface Cell {
  readonly text: string;
  /** Width in runes (Unicode code points), as utf8.RuneCount counts it. */
  readonly width: number;
}

/**
 * The tabwriter state machine, on JS strings instead of bytes. HTML filtering and the 0xff escape
 * byte are left out: kubectl sets neither flag, and 0xff cannot occur in text that came from JSON.
 */
class TabWriter {
  #lines: Cell[][] = [[]];
  /** Text of the current, not yet terminated cell. */
  #cell = '';
  #widths: number[] = [];
  readonly #maxWidths: number[] = [];
  #out = '';

  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch !== 9 && ch !== 11 && ch !== 10 && ch !== 12) continue; // \t \v \n \f end a cell
      this.#cell += text.slice(start, i);
      start = i + 1;
      const cellsInLine = this.#terminateCell();
      if (ch === 10 || ch === 12) {
        this.#lines.push([]);
        // A form feed always flushes; so does a line of one cell, which cannot affect alignment.
        if (ch === 12 || cellsInLine === 1) this.#flushInto();
      }
    }
    this.#cell += text.slice(start);
  }

  /** Formats and returns everything written since the last flush. */
  flush(): string {
    this.#flushInto();
    const out = this.#out;
    this.#out = '';
    return out;
  }

  #terminateCell(): number {
    const line = this.#lines[this.#lines.length - 1]!;
    line.push({ text: this.#cell, width: runeCount(this.#cell) });
    this.#cell = '';
    return line.length;
  }

  #flushInto(): void {
    if (this.#cell.length > 0) this.#terminateCell();
    this.#format(0, this.#lines.length);
    this.#lines = [[]];
    this.#cell = '';
    this.#widths = [];
  }

  /** text/tabwriter's format: lays out lines [line0, line1) column block by column block. */
  #format(line0: number, line1: number): void {
    const column = this.#widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= this.#lines[current]!.length - 1) continue;
      // This line starts a block with a cell in `column`: print what precedes the block.
      this.#writeLines(line0, current);
      line0 = current;

      let width = MIN_WIDTH;
      for (; current < line1; current++) {
        const line = this.#lines[current]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column]!.width + PADDING);
      }

      // RememberWidths: a column never gets narrower than it has ever been.
      const max = this.#maxWidths;
      if (max.length < column) max.push(...this.#widths.slice(max.length));
      if (max.length === column) max.push(width);
      else if (max[column]! > width) width = max[column]!;
      else max[column] = width;

      this.#widths.push(width);
      this.#format(line0, current);
      this.#widths.pop();
      line0 = current;
    }
    this.#writeLines(line0, line1);
  }

  #writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.#lines[i]!;
      for (let j = 0; j < line.length; j++) {
        const cell = line[j]!;
        this.#out += cell.text;
        if (j < this.#widths.length) this.#out += ' '.repeat(this.#widths[j]! - cell.width);
      }
      // The last buffered line has no newline of its own; only the unterminated cell follows it.
      this.#out += i + 1 === this.#lines.length ? this.#cell : '\n';
    }
  }
}

function runeCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
