import {
  doubleQuoted,
  doubleQuotedEnd,
  fold,
  foldEscaped,
  INDICATORS,
  NotUnderstood,
  plain,
  singleQuoted,
  singleQuotedEnd,
  trimEnd,
  unescapeDouble,
} from './yaml-scalars.js';

/**
 * A fast reader for the block YAML that `kubectl get -o yaml` writes (Go's yaml encoder): block
 * mappings and sequences, plain and quoted scalars (also folded over several lines, as Go folds
 * long ones at 80 columns), literal block scalars (`|`, `|-`), `{}` and `[]`, comments. It gives the
 * same value as the `yaml` package (YAML 1.2 core schema, `toJS()`) without building a syntax tree
 * (docs/benchmarks.md has the times), or `undefined` for anything else — anchors, aliases, tags,
 * flow collections, folded block scalars, tabs, duplicate or non-string keys, and every syntax
 * error — so that the caller hands that text to the `yaml` package, which also reports errors with
 * their position. It never guesses.
 */

/**
 * Reads `text` from offset `from` to `to` as one YAML document body; undefined: not understood.
 * The caller checks once that `text` has no carriage return (a line break in YAML), which this
 * reader does not look for.
 */
export function readBlockYaml(text: string, from: number, to: number): { value: unknown } | undefined {
  const reader = new BlockReader(text, from, to);
  try {
    const value = reader.root();
    return { value };
  } catch (error) {
    if (error instanceof NotUnderstood) return undefined;
    throw error;
  }
}

const SPACE = 32;
const HASH = 35;
const DASH = 45;
const COLON = 58;

/**
 * Walks the text one line at a time. `peek()` loads the next line with content (skipping blank and
 * comment lines) into `indent` / `at` / `eol`; `take()` consumes it. A mapping that opens after a
 * sequence's "- " is read by moving `at` and `indent` to its first key on the same line.
 */
class BlockReader {
  private next: number;
  private loaded = false;
  /** Column of the loaded line's content (or of the node starting mid-line). */
  private indent = 0;
  /** Offset of that content. */
  private at = 0;
  /** Offset of the loaded line's "\n" (or of `to`). */
  private eol = 0;

  constructor(
    private readonly text: string,
    from: number,
    private readonly to: number,
  ) {
    this.next = from;
  }

  root(): unknown {
    if (!this.peek()) return null;
    const value = this.block(this.indent);
    if (this.peek()) this.fail();
    return value;
  }

  private fail(): never {
    throw new NotUnderstood();
  }

  private peek(): boolean {
    if (this.loaded) return true;
    const { text, to } = this;
    while (this.next < to) {
      const start = this.next;
      let eol = text.indexOf('\n', start);
      if (eol === -1 || eol > to) eol = to;
      this.next = eol + 1;
      let i = start;
      while (i < eol && text.charCodeAt(i) === SPACE) i++;
      if (i === eol || text.charCodeAt(i) === HASH) continue;
      if (text.charCodeAt(i) === 9) this.fail(); // a tab in the indentation
      this.indent = i - start;
      this.at = i;
      this.eol = eol;
      this.loaded = true;
      return true;
    }
    return false;
  }

  private take(): void {
    this.loaded = false;
  }

  /** "-" then a space or the end of the line, at `at`. */
  private atEntry(): boolean {
    if (this.text.charCodeAt(this.at) !== DASH) return false;
    const after = this.at + 1;
    return after === this.eol || this.text.charCodeAt(after) === SPACE;
  }

  /** The collection whose first line is loaded, at column `indent`. */
  private block(indent: number): unknown {
    if (this.atEntry()) return this.sequence(indent);
    if (this.keyEnd() !== -1) return this.mapping(indent);
    this.fail();
  }

  private sequence(indent: number): unknown[] {
    const items: unknown[] = [];
    while (this.peek() && this.indent === indent && this.atEntry()) {
      const lineStart = this.at - indent;
      let i = this.at + 1;
      while (i < this.eol && this.text.charCodeAt(i) === SPACE) i++;
      if (i === this.eol || this.text.charCodeAt(i) === HASH) {
        this.take();
        items.push(this.below(indent, false));
        continue;
      }
      // The entry's node starts on the dash's line: read it as if its line began there.
      this.at = i;
      this.indent = i - lineStart;
      if (this.atEntry()) this.fail(); // "- - x"
      if (this.keyEnd() !== -1) items.push(this.mapping(this.indent));
      else items.push(this.inline(indent));
    }
    if (this.loaded && this.indent > indent) this.fail();
    return items;
  }

  private mapping(indent: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    while (this.peek() && this.indent === indent) {
      if (this.atEntry()) this.fail();
      const colon = this.keyEnd();
      if (colon === -1) this.fail();
      const key = this.key(this.at, colon);
      if (Object.hasOwn(map, key)) this.fail();
      let i = colon + 1;
      while (i < this.eol && this.text.charCodeAt(i) === SPACE) i++;
      if (i === this.eol || this.text.charCodeAt(i) === HASH) {
        this.take();
        map[key] = this.below(indent, true);
      } else {
        this.at = i;
        map[key] = this.inline(indent);
      }
    }
    if (this.loaded && this.indent > indent) this.fail();
    return map;
  }

  /**
   * The value on the lines after a key or a bare "-" at column `indent`: a more indented block, or
   * (for a mapping key, Go's style) a sequence at the same column; nothing there is null.
   */
  private below(indent: number, sequenceMayAlign: boolean): unknown {
    if (!this.peek()) return null;
    if (this.indent > indent) return this.block(this.indent);
    if (sequenceMayAlign && this.indent === indent && this.atEntry()) return this.sequence(indent);
    return null;
  }

  /**
   * Offset of the ":" that ends a mapping key starting at `at` on the loaded line, or -1 when the
   * line holds no key. Quoted keys end at their closing quote; plain keys at the first ": ".
   */
  private keyEnd(): number {
    const { text, at, eol } = this;
    const first = text.charCodeAt(at);
    if (first === 39 || first === 34) {
      const close = first === 39 ? singleQuotedEnd(text, at, eol) : doubleQuotedEnd(text, at, eol);
      if (close === -1) return -1;
      let i = close;
      while (i < eol && text.charCodeAt(i) === SPACE) i++;
      return text.charCodeAt(i) === COLON && (i + 1 === eol || text.charCodeAt(i + 1) === SPACE) ? i : -1;
    }
    for (let i = at; i < eol; i++) {
      const c = text.charCodeAt(i);
      if (c === COLON && (i + 1 === eol || text.charCodeAt(i + 1) === SPACE)) return i;
      if (c === HASH && text.charCodeAt(i - 1) === SPACE) return -1; // a comment before any ": "
    }
    return -1;
  }

  private key(at: number, colon: number): string {
    const { text } = this;
    const first = text.charCodeAt(at);
    let key: unknown;
    if (first === 39) key = singleQuoted(text, at, colon);
    else if (first === 34) key = doubleQuoted(text, at, colon);
    else {
      let end = colon;
      while (end > at && text.charCodeAt(end - 1) === SPACE) end--;
      const raw = text.slice(at, end);
      if (INDICATORS.includes(raw.charAt(0)) || raw.includes('\t')) this.fail();
      key = plain(raw);
    }
    if (typeof key !== 'string' || key === '__proto__' || key === '<<') this.fail();
    return key;
  }

  /** A scalar (or `{}` / `[]`) at `at` on the loaded line, the value of a node at column `indent`. */
  private inline(indent: number): unknown {
    const { text, at, eol } = this;
    const first = text.charCodeAt(at);
    let value: unknown;
    let end: number;
    switch (first) {
      case 39: // '
      case 34: {
        // "
        end = first === 39 ? singleQuotedEnd(text, at, eol) : doubleQuotedEnd(text, at, eol);
        if (end === -1) return this.multiLineQuoted(first, indent);
        value = first === 39 ? singleQuoted(text, at, end) : doubleQuoted(text, at, end);
        if (value === undefined) this.fail();
        break;
      }
      case 123: // {
      case 91: // [
        if (text.charCodeAt(at + 1) !== first + 2) this.fail(); // only {} and []
        value = first === 123 ? {} : [];
        end = at + 2;
        break;
      case 124: // |
        return this.literal(indent);
      default:
        return this.plainValue(indent);
    }
    this.endOfLine(end);
    this.take();
    return value;
  }

  /** Only spaces or a comment may follow a value on its line. */
  private endOfLine(from: number): void {
    let i = from;
    while (i < this.eol && this.text.charCodeAt(i) === SPACE) i++;
    if (i === this.eol) return;
    if (i > from && this.text.charCodeAt(i) === HASH) return;
    this.fail();
  }

  /** A plain scalar at `at`, the value of a node at column `indent`; it may go on over more indented lines. */
  private plainValue(indent: number): unknown {
    const { text, at, eol } = this;
    const first = text.charAt(at);
    // "-" and ":" may open a plain scalar when a non-space follows ("-1", ":x").
    const dashOrColon = first === '-' || first === ':';
    if (dashOrColon ? at + 1 === eol || text.charCodeAt(at + 1) === SPACE : INDICATORS.includes(first)) {
      this.fail();
    }
    let end = at + 1;
    while (end < eol && !(text.charCodeAt(end) === HASH && text.charCodeAt(end - 1) === SPACE)) end++;
    const commented = end < eol;
    while (end > at && text.charCodeAt(end - 1) === SPACE) end--;
    const raw = text.slice(at, end);
    if (raw.includes(': ') || raw.endsWith(':') || raw.includes('\t')) this.fail();
    this.take();
    // After a comment the scalar cannot go on: a more indented line is then the parent's to refuse.
    if (commented) return plain(raw);
    const more = this.continuation(indent, (line) => {
      // Anything on a continuation line that could mean more than text is left to the yaml package.
      if (INDICATORS.includes(line.charAt(0)) || line.includes(' #') || line.includes(': ')) this.fail();
      if (line.endsWith(':') || line.includes('\t')) this.fail();
      return -1;
    });
    return more === undefined ? plain(raw) : plain(fold([raw, ...more.pieces], more.breaks));
  }

  /**
   * The lines after the current one that are more indented than `indent` — a multi-line scalar's
   * continuation — each without its leading and trailing white space; `close` gives where the
   * scalar closes on a line (-1: not on this one), which ends the scalar there. Undefined when no
   * line continues it. `breaks[i]` counts the empty lines before piece i.
   */
  private continuation(
    indent: number,
    close: (line: string) => number,
  ): { pieces: string[]; breaks: number[]; closedAt: number } | undefined {
    const { text, to } = this;
    const pieces: string[] = [];
    const breaks: number[] = [];
    let empty = 0;
    let pos = this.next;
    while (pos < to) {
      let eol = text.indexOf('\n', pos);
      if (eol === -1 || eol > to) eol = to;
      let j = pos;
      while (j < eol && text.charCodeAt(j) === SPACE) j++;
      if (j === eol) {
        empty++;
        pos = eol + 1;
        continue;
      }
      if (j - pos <= indent) break;
      const line = trimEnd(text, j, eol);
      const closes = close(line);
      breaks.push(empty);
      empty = 0;
      pos = eol + 1;
      if (closes !== -1) {
        pieces.push(line.slice(0, closes));
        this.next = pos;
        return { pieces, breaks, closedAt: j + closes };
      }
      pieces.push(line);
    }
    if (pieces.length === 0) return undefined;
    this.next = pos;
    return { pieces, breaks, closedAt: -1 };
  }

  /** A quoted scalar opening at `at` (the value of a node at column `indent`) that goes on over more lines. */
  private multiLineQuoted(quote: number, indent: number): string {
    const { text, at, eol } = this;
    this.take();
    const closing = (line: string): number => {
      const after =
        quote === 39
          ? singleQuotedEnd(`'${line}`, 0, line.length + 1)
          : doubleQuotedEnd(`"${line}`, 0, line.length + 1);
      return after === -1 ? -1 : after - 2;
    };
    const more = this.continuation(indent, closing);
    if (more === undefined || more.closedAt === -1) this.fail();
    // Only spaces or a comment may follow the closing quote on its line.
    let closeEol = text.indexOf('\n', more.closedAt);
    if (closeEol === -1 || closeEol > this.to) closeEol = this.to;
    this.eol = closeEol;
    this.endOfLine(more.closedAt + 1);
    const pieces = [trimEnd(text, at + 1, eol), ...more.pieces];
    if (quote === 39) return fold(pieces, more.breaks).replaceAll("''", "'");
    const value = foldEscaped(pieces, more.breaks);
    const unescaped = value === undefined ? undefined : unescapeDouble(value);
    if (unescaped === undefined) this.fail();
    return unescaped;
  }

  /** A literal block scalar `|` or `|-` whose header is at `at`, for a node at column `indent`. */
  private literal(indent: number): string {
    const { text } = this;
    let i = this.at + 1;
    const strip = text.charCodeAt(i) === DASH;
    if (strip) i++;
    this.endOfLine(i);
    this.take();
    // The content lines: the first one sets the indentation; leading blank lines are left to the yaml package.
    let pos = this.next;
    const lines: string[] = [];
    let width = -1;
    let trailingBlank = 0;
    while (pos < this.to) {
      let eol = text.indexOf('\n', pos);
      if (eol === -1 || eol > this.to) eol = this.to;
      // How the yaml package chomps a last line without a line break is not this reader's to guess.
      if (eol === text.length) this.fail();
      let j = pos;
      while (j < eol && text.charCodeAt(j) === SPACE) j++;
      const spaces = j - pos;
      if (j === eol) {
        if (width === -1 || spaces > width) this.fail(); // leading blank, or spaces that are content
        lines.push('');
        trailingBlank++;
      } else {
        if (width === -1) {
          if (spaces <= indent) break;
          width = spaces;
        } else if (spaces < width) {
          break;
        }
        lines.push(text.slice(pos + width, eol));
        trailingBlank = 0;
      }
      pos = eol + 1;
    }
    this.next = pos;
    if (width === -1) return '';
    const content = lines.slice(0, lines.length - trailingBlank).join('\n');
    return strip ? content : `${content}\n`;
  }
}
