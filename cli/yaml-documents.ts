import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { lineFinder } from './line-finder.js';
import { readBlockYaml } from './yaml-block.js';

/**
 * Reads a YAML stream one document at a time, and a big List (`kubectl get pods -o yaml`) one
 * `items:` entry at a time, so that no parse tree ever holds more than one document or pod: 5,000
 * pods (35–44 MB) would otherwise take 2 GB and 20 s in the `yaml` package. Each piece is read by
 * the fast reader for kubectl's YAML (yaml-block.ts), else by the `yaml` package.
 *
 * The result is the same as parsing the whole text with `parseAllDocuments`: whenever a piece does
 * not parse cleanly on its own — a syntax error, an alias to an anchor in another item, a List
 * whose header is unusual — that document is parsed whole, as before, so messages and positions
 * are those of the whole-document parse (line numbers are lines of the original text). Texts with
 * `%` directives or `...` document ends are parsed whole.
 */

/**
 * The yaml package, loaded on first use and synchronously (it is CommonJS), so that reading JSON —
 * and kubectl's YAML, which the fast reader handles — does not pay ~25 ms to load it.
 */
let yamlPackage: typeof Yaml | undefined;
function yaml(): typeof Yaml {
  yamlPackage ??= createRequire(import.meta.url)('yaml') as typeof Yaml;
  return yamlPackage;
}

export type YamlResult =
  /** A document's value (`item: false`), or one entry of a List document's `items` (`item: true`). */
  { readonly value: unknown; readonly where: string; readonly item: boolean } | { readonly error: string };

export function* readYamlStream(text: string, source: string): Generator<YamlResult> {
  const lineOf = lineFinder(text);
  const documents = splitDocuments(text);
  if (documents === undefined) {
    yield* wholeStream(text, source, lineOf);
    return;
  }
  // A carriage return is a line break to YAML, which the fast reader leaves to the yaml package.
  const fast = !text.includes('\r');
  let number = 0;
  for (const doc of documents) {
    number++;
    yield* readDocument(text, doc, `${source}: document ${number}`, lineOf, fast);
  }
}

interface DocumentRange {
  /** Where its text starts: its "---" line, or comments before the first "---". */
  readonly start: number;
  /** Where its content starts: after its "---" line; -1 when that line holds content itself. */
  readonly body: number;
  /** Offset of its "---", or -1. */
  readonly marker: number;
  readonly end: number;
}

function readDocument(
  text: string,
  doc: DocumentRange,
  document: string,
  lineOf: (offset: number) => number,
  fast: boolean,
): YamlResult[] {
  if (doc.body !== -1) {
    const content = firstContent(text, doc.body, doc.end);
    // An empty document is placed just after its "---", as the yaml package places it.
    const at = content === doc.end && doc.marker !== -1 ? doc.marker + 3 : content;
    const where = `${document} (line ${lineOf(at)})`;
    const list = readList(text, doc, where, fast);
    if (list !== undefined) return list;
    const read = fast ? readBlockYaml(text, doc.body, doc.end) : undefined;
    if (read !== undefined) return [{ value: read.value, where, item: false }];
  }
  return [documentResult(yaml().parseDocument(text.slice(doc.start, doc.end)), document, doc.start, lineOf)];
}

/**
 * A document whose root mapping has an `items:` block sequence: the header (every other key) and
 * each entry are read on their own. Undefined when the document is not shaped so, or a piece does
 * not parse cleanly on its own.
 */
function readList(text: string, doc: DocumentRange, where: string, fast: boolean): YamlResult[] | undefined {
  const items = findItems(text, doc.body, doc.end);
  if (items === undefined) return undefined;
  const headerText = text.slice(doc.body, items.keyEnd) + text.slice(items.end, doc.end);
  const header = fast ? readBlockYaml(headerText, 0, headerText.length) : readWithPackage(headerText);
  if (header === undefined || !isListHeader(header.value)) return undefined;
  const results: YamlResult[] = [];
  for (let i = 0; i < items.entries.length; i++) {
    const from = items.entries[i] ?? 0;
    const value = readEntry(text, from, items.entries[i + 1] ?? items.end, items.column, fast);
    if (value === NOT_READ) return undefined;
    results.push({ value, where: `${where}: items[${i}]`, item: true });
  }
  return results;
}

const NOT_READ = Symbol('not read');

/** One "- …" entry, from the line of its dash at `column` to the next entry. */
function readEntry(text: string, from: number, to: number, column: number, fast: boolean): unknown {
  const read = fast ? readBlockYaml(text, from, to) : undefined;
  if (read !== undefined && Array.isArray(read.value) && read.value.length === 1) return read.value[0];
  // The entry as a document of its own: the dash becomes a space, so columns stay as they were.
  const entry = readWithPackage(`${text.slice(from, from + column)} ${text.slice(from + column + 1, to)}`);
  return entry === undefined ? NOT_READ : entry.value;
}

/** The yaml package's value for a piece, or undefined when the piece does not parse cleanly alone. */
function readWithPackage(piece: string): { value: unknown } | undefined {
  const parsed = yaml().parseDocument(piece);
  if (parsed.errors.length > 0) return undefined;
  try {
    return { value: parsed.toJS() };
  } catch {
    return undefined; // an alias to an anchor outside this piece, or an alias bomb
  }
}

/** The rest of a List once its entries are taken out: `items:` is then empty (null). */
function isListHeader(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { kind, items } = value as { kind?: unknown; items?: unknown };
  return items === null && (kind === undefined || kind === 'List' || kind === 'PodList');
}

interface Items {
  /** Offset just after the `items:` line. */
  readonly keyEnd: number;
  /** Offset of the line of each entry's dash. */
  readonly entries: number[];
  /** Column of the dashes. */
  readonly column: number;
  /** Where the sequence ends: the next line with content at a smaller column, or not a dash. */
  readonly end: number;
}

const ITEMS_KEY = /^items:[ ]*(?:#.*)?$/;

/** The `items:` key at column 0 followed by a block sequence, in [from, to). */
function findItems(text: string, from: number, to: number): Items | undefined {
  let keyEnd = -1;
  for (let i = from; i < to && keyEnd === -1; ) {
    let eol = text.indexOf('\n', i);
    if (eol === -1 || eol > to) eol = to;
    if (text.startsWith('items:', i) && ITEMS_KEY.test(text.slice(i, eol))) keyEnd = eol + 1;
    i = eol + 1;
  }
  if (keyEnd === -1 || keyEnd >= to) return undefined;
  const entries: number[] = [];
  let column = -1;
  let pos = keyEnd;
  while (pos < to) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1 || eol > to) eol = to;
    let i = pos;
    while (i < eol && text.charCodeAt(i) === 32) i++;
    if (i < eol && text.charCodeAt(i) !== 35) {
      // a line with content (not blank, not a comment)
      const indent = i - pos;
      const dash = text.charCodeAt(i) === 45 && (i + 1 === eol || text.charCodeAt(i + 1) === 32);
      if (column === -1) {
        if (!dash) return undefined;
        column = indent;
      }
      if (indent < column || (indent === column && !dash)) break;
      if (indent === column) entries.push(pos);
    }
    pos = eol + 1;
  }
  if (entries.length === 0) return undefined;
  return { keyEnd, entries, column, end: Math.min(pos, to) };
}

/** The documents of a stream, split at "---" lines; undefined when it has directives or "...". */
function splitDocuments(text: string): DocumentRange[] | undefined {
  const markers = /^(?:---|\.\.\.)(?=[ \t\n]|$)|^%/gm;
  const documents: DocumentRange[] = [];
  let start = 0;
  let body = 0;
  let marker = -1;
  for (let m = markers.exec(text); m !== null; m = markers.exec(text)) {
    if (m[0] !== '---') return undefined;
    const at = m.index;
    // Comments before the first "---" belong to the first document, as in the yaml package.
    if (marker !== -1 || firstContent(text, 0, at) < at) {
      documents.push({ start, body, marker, end: at });
      start = at;
    }
    marker = at;
    let eol = text.indexOf('\n', at);
    if (eol === -1) eol = text.length;
    body = firstContent(text, at + 3, eol) < eol ? -1 : Math.min(eol + 1, text.length);
  }
  documents.push({ start, body, marker, end: text.length });
  return documents;
}

/** Offset of the first character that is neither blank nor in a comment, or `to`. */
function firstContent(text: string, from: number, to: number): number {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) i++;
    else if (c === 35) {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? to : eol + 1;
    } else return i;
  }
  return to;
}

/** The whole-text parse that readYamlStream must agree with (its tests compare the two). */
export function readYamlWhole(text: string, source: string): Generator<YamlResult> {
  return wholeStream(text, source, lineFinder(text));
}

function* wholeStream(
  text: string,
  source: string,
  lineOf: (offset: number) => number,
): Generator<YamlResult> {
  const documents = yaml().parseAllDocuments(text);
  let number = 0;
  for (const doc of Array.isArray(documents) ? documents : []) {
    number++;
    yield documentResult(doc, `${source}: document ${number}`, 0, lineOf);
  }
}

/** A document parsed by the yaml package: its value, or its first error, at `offset` in the text. */
function documentResult(
  doc: Yaml.Document.Parsed,
  document: string,
  offset: number,
  lineOf: (offset: number) => number,
): YamlResult {
  // A document's range opens at its "---"; its contents open where a reader would look.
  const where = `${document} (line ${lineOf(offset + (doc.contents?.range[0] ?? doc.range[0]))})`;
  const firstError = doc.errors[0];
  if (firstError !== undefined) {
    const at = firstError.linePos?.[0];
    const lines = lineOf(offset) - 1;
    const position = at === undefined ? '' : ` at line ${at.line + lines}, column ${at.col}`;
    // The yaml package appends " at line L, column C:" to its first line; the position is given above.
    const why = firstError.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '');
    return { error: `${where}: invalid YAML${position}: ${why}` };
  }
  try {
    return { value: doc.toJS(), where, item: false };
  } catch (error) {
    // e.g. an alias bomb ("Excessive alias count") or an alias to nothing
    return { error: `${where}: invalid YAML: ${(error as Error).message.split('\n')[0]}` };
  }
}
