/**
 * describe.go's prefixWriter and nestedPrefixWriter, writing into one buffer that tabbedString
 * later aligns (tab-writer.ts). `write(level, text)` prepends 2 × level spaces to that call's
 * text — per call, not per line, so a call continuing a line adds its spaces mid-line, as kubectl
 * does. Every write goes through cli-runtime's terminal escaping (printers.WriteEscaped): ESC
 * becomes `^[` and CR becomes `\r`, before alignment, so the escapes count in column widths.
 */

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;

export interface PrefixWriter {
  /** Go `Write(level, format, args…)` with the text already formatted. */
  write(level: number, text: string): void;
  /** Go `WriteLine(x)`: `x` and a newline, no prefix (a nested writer adds its own). */
  writeLine(text: string): void;
}

export interface TextPrefixWriter extends PrefixWriter {
  text(): string;
}

export function createPrefixWriter(): TextPrefixWriter {
  const parts: string[] = [];
  return {
    write(level, text) {
      parts.push(escapeTerminal('  '.repeat(level) + text));
    },
    writeLine(text) {
      parts.push(escapeTerminal(`${text}\n`));
    },
    text: () => parts.join(''),
  };
}

/** NewNestedPrefixWriter(out, indent): every write `indent` levels deeper, WriteLine included. */
export function nestedPrefixWriter(out: PrefixWriter, indent: number): PrefixWriter {
  return {
    write: (level, text) => out.write(level + indent, text),
    writeLine: (text) => out.write(indent, `${text}\n`),
  };
}

export function escapeTerminal(text: string): string {
  return text.replaceAll('\u001b', '^[').replaceAll('\r', '\\r');
}
