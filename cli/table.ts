/**
 * Column layout identical to kubectl's: github.com/liggitt/tabwriter as configured by
 * k8s.io/cli-runtime printers.GetNewTabWriter (minwidth 6, padding 3, pad char ' ',
 * RememberWidths). Every cell but the last in a row is padded to its column width; the last cell is
 * written as is. RememberWidths matters for `kubectl get -w`: widths never shrink across flushes.
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

export class TableWriter {
  readonly #remembered: number[] = [];

  flush(rows: Rows): string {
    const widths = [...this.#remembered];
    for (const row of rows) {
      for (let i = 0; i < row.length - 1; i++) {
        const width = Math.max(MIN_WIDTH, displayWidth(row[i] ?? '') + PADDING);
        if ((widths[i] ?? 0) < width) widths[i] = width;
      }
    }
    widths.forEach((w, i) => {
      this.#remembered[i] = w;
    });
    let out = '';
    for (const row of rows) {
      let line = '';
      for (let i = 0; i < row.length; i++) {
        const cell = row[i] ?? '';
        line += i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - displayWidth(cell));
      }
      out += `${line}\n`;
    }
    return out;
  }
}

/** tabwriter counts UTF-8 runes, not bytes or UTF-16 units. */
function displayWidth(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
