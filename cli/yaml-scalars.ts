/**
 * Scalars as the fast YAML reader (yaml-block.ts) reads them: plain scalars resolved by the YAML 1.2
 * core schema, single- and double-quoted scalars with their escapes, and flow folding of scalars
 * written over several lines — each as the `yaml` package gives them.
 */

/** Thrown where the reader declines the text: the caller hands it to the `yaml` package. */
export class NotUnderstood extends Error {}

const SPACE = 32;

/** Characters that cannot open a plain scalar (YAML 1.2 §7.3.3), quotes included (read elsewhere). */
export const INDICATORS = '&*!%@`,[]{}#|>\'"?-:';

const NUMBERS = {
  int: /^[-+]?[0-9]+$/,
  octal: /^0o[0-7]+$/,
  hex: /^0x[0-9a-fA-F]+$/,
  exp: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  float: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
  special: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
};

/** A plain scalar resolved as the YAML 1.2 core schema does (the yaml package's default). */
export function plain(raw: string): unknown {
  const c = raw.charCodeAt(0);
  if (raw === '' || raw === '~') return null;
  if (c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70) {
    // n N t T f F
    switch (raw) {
      case 'null':
      case 'Null':
      case 'NULL':
        return null;
      case 'true':
      case 'True':
      case 'TRUE':
        return true;
      case 'false':
      case 'False':
      case 'FALSE':
        return false;
    }
    return raw;
  }
  if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
    // 0-9 - + .
    if (NUMBERS.int.test(raw)) return Number(raw);
    if (NUMBERS.octal.test(raw)) return Number.parseInt(raw.slice(2), 8);
    if (NUMBERS.hex.test(raw)) return Number.parseInt(raw.slice(2), 16);
    if (NUMBERS.exp.test(raw) || NUMBERS.float.test(raw)) return Number.parseFloat(raw);
    if (NUMBERS.special.test(raw)) {
      if (raw.endsWith('nan') || raw.endsWith('NaN') || raw.endsWith('NAN')) return Number.NaN;
      return raw.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
    }
  }
  return raw;
}

/** Offset just after the closing quote of '…' opening at `at`, or -1 if it does not close on the line. */
export function singleQuotedEnd(text: string, at: number, eol: number): number {
  for (let i = at + 1; i < eol; i++) {
    if (text.charCodeAt(i) !== 39) continue;
    if (text.charCodeAt(i + 1) !== 39) return i + 1;
    i++; // '' is an escaped quote
  }
  return -1;
}

export function singleQuoted(text: string, at: number, end: number): string {
  return text.slice(at + 1, end - 1).replaceAll("''", "'");
}

export function doubleQuotedEnd(text: string, at: number, eol: number): number {
  for (let i = at + 1; i < eol; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i + 1;
  }
  return -1;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

const HEX_DIGITS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/**
 * Flow folding (YAML 1.2 §6.5): a line break between two pieces becomes a space; n empty lines
 * between them become n line feeds.
 */
export function fold(pieces: readonly string[], breaks: readonly number[]): string {
  let out = pieces[0] ?? '';
  for (let i = 1; i < pieces.length; i++) {
    const empty = breaks[i - 1] ?? 0;
    out += (empty === 0 ? ' ' : '\n'.repeat(empty)) + pieces[i];
  }
  return out;
}

/**
 * fold() for double-quoted pieces, where a piece ending in an escaping backslash joins the next one
 * directly (an escaped line break). Undefined where that is not certain: empty lines after it.
 */
export function foldEscaped(pieces: readonly string[], breaks: readonly number[]): string | undefined {
  let out = '';
  let joinNext = false;
  for (let i = 0; i < pieces.length; i++) {
    let piece = pieces[i] ?? '';
    if (i > 0) {
      const empty = breaks[i - 1] ?? 0;
      if (joinNext && empty > 0) return undefined;
      if (!joinNext) out += empty === 0 ? ' ' : '\n'.repeat(empty);
    }
    const backslashes = /\\+$/.exec(piece)?.[0].length ?? 0;
    joinNext = i < pieces.length - 1 && backslashes % 2 === 1;
    if (joinNext) piece = piece.slice(0, -1);
    out += piece;
  }
  return out;
}

/**
 * text[from, to) without trailing spaces and tabs. A backslash that white space followed is refused:
 * in a double-quoted scalar it would escape that space, not the line break.
 */
export function trimEnd(text: string, from: number, to: number): string {
  let end = to;
  while (end > from && (text.charCodeAt(end - 1) === SPACE || text.charCodeAt(end - 1) === 9)) end--;
  if (end < to && end > from && text.charCodeAt(end - 1) === 92) throw new NotUnderstood();
  return text.slice(from, end);
}

/** The value of "…" from `at` to just after its closing quote, or undefined for an unknown escape. */
export function doubleQuoted(text: string, at: number, end: number): string | undefined {
  return unescapeDouble(text.slice(at + 1, end - 1));
}

export function unescapeDouble(body: string): string | undefined {
  if (!body.includes('\\')) return body;
  let out = '';
  let from = 0;
  for (let i = body.indexOf('\\'); i !== -1; i = body.indexOf('\\', from)) {
    out += body.slice(from, i);
    const e = body.charAt(i + 1);
    const simple = ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      from = i + 2;
      continue;
    }
    const digits = HEX_DIGITS[e];
    const hex = digits === undefined ? '' : body.slice(i + 2, i + 2 + digits);
    if (digits === undefined || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) return undefined;
    out += String.fromCodePoint(Number.parseInt(hex, 16));
    from = i + 2 + digits;
  }
  return out + body.slice(from);
}
