/**
 * Go string semantics the describe output depends on, for JS strings: byte order, UTF-8 byte
 * lengths and byte cuts, strings.TrimSpace, strconv.Quote, and `%v` of the few composite values
 * describe.go formats that way.
 *
 * Raw bytes: Go cuts annotations and CSI attributes at a byte count, which can split a multi-byte
 * character and print its leading bytes alone (invalid UTF-8). A JS string cannot hold such bytes,
 * so describe text carries each one as the lone surrogate U+DC80 + byte (the "surrogateescape"
 * convention); `encodeDescribeText` turns them back into the exact bytes. Input strings never
 * contain lone surrogates: `wellFormed` replaces them with U+FFFD first, as Go's JSON decoder does.
 */

const RAW_BYTE_BASE = 0xdc00;

/** Go's `<` on strings: UTF-8 byte order, which is code point order (not UTF-16 unit order). */
export function goLess(a: string, b: string): boolean {
  return compareGoStrings(a, b) < 0;
}

export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Surrogates (code points above U+FFFF) sort after every BMP unit from U+E000 up. */
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/** Go `sort.Strings` order (the keys are distinct, so stability never matters). */
export function sortedGoStrings(values: Iterable<string>): string[] {
  return [...values].sort(compareGoStrings);
}

/** Every lone surrogate replaced by U+FFFD, as Go's JSON decoder does with unpaired \uD8xx escapes. */
export function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Go `len(s)`: the UTF-8 byte length. */
export function byteLength(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Go `s[:n]` on the UTF-8 bytes; a split character leaves its leading bytes as raw bytes. */
export function cutBytes(text: string, n: number): string {
  let used = 0;
  let out = '';
  for (const ch of text) {
    const bytes = utf8(ch.codePointAt(0) ?? 0);
    if (used + bytes.length <= n) {
      out += ch;
      used += bytes.length;
      if (used === n) return out;
      continue;
    }
    for (const b of bytes.slice(0, n - used)) out += String.fromCharCode(RAW_BYTE_BASE + b);
    return out;
  }
  return out;
}

function utf8(cp: number): number[] {
  if (cp < 0x80) return [cp];
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 0x3f)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
}

/**
 * The exact bytes kubectl writes for a describe text: UTF-8, except that the raw bytes of a byte
 * cut (U+DC80–U+DCFF, see above) become those single bytes again.
 */
export function encodeDescribeText(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= RAW_BYTE_BASE + 0x80 && cp <= RAW_BYTE_BASE + 0xff) out.push(cp - RAW_BYTE_BASE);
    else out.push(...utf8(cp >= 0xd800 && cp < 0xe000 ? 0xfffd : cp));
  }
  return Uint8Array.from(out);
}

/** unicode.IsSpace: what strings.TrimSpace removes (not U+FEFF, unlike String.prototype.trim). */
const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]';
const TRIM = new RegExp(`^${GO_SPACE}+|${GO_SPACE}+$`, 'g');

export function trimSpace(text: string): string {
  return text.replace(TRIM, '');
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const HEX = '0123456789abcdef';

/** strconv.Quote (`%q`): Go escapes, printable runes kept as they are. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= RAW_BYTE_BASE + 0x80 && cp <= RAW_BYTE_BASE + 0xff) {
      out += `\\x${hex(cp - RAW_BYTE_BASE, 2)}`;
    } else if (ch === '"' || ch === '\\') {
      out += `\\${ch}`;
    } else if (cp === 0x20 || (cp > 0x7e && PRINTABLE.test(ch)) || (cp > 0x20 && cp < 0x7f)) {
      out += ch;
    } else {
      out += quoteEscape(cp);
    }
  }
  return `${out}"`;
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  7: '\\a',
  8: '\\b',
  12: '\\f',
  10: '\\n',
  13: '\\r',
  9: '\\t',
  11: '\\v',
};

function quoteEscape(cp: number): string {
  const short = SHORT_ESCAPES[cp];
  if (short !== undefined) return short;
  if (cp < 0x20 || cp === 0x7f) return `\\x${hex(cp, 2)}`;
  if (cp < 0x10000) return `\\u${hex(cp, 4)}`;
  return `\\U${hex(cp, 8)}`;
}

function hex(n: number, width: number): string {
  let s = '';
  for (let v = n; v > 0; v = Math.floor(v / 16)) s = HEX[v % 16] + s;
  return s.padStart(width, '0');
}

/** `%v` of a []string: `[a b c]`. */
export function formatStringSlice(values: readonly string[]): string {
  return `[${values.join(' ')}]`;
}

/** `%v` of a map[string]string: `map[k1:v1 k2:v2]`, keys sorted as fmt does. */
export function formatStringMap(map: ReadonlyMap<string, string>): string {
  const keys = sortedGoStrings(map.keys());
  return `map[${keys.map((k) => `${k}:${map.get(k)}`).join(' ')}]`;
}
