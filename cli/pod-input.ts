import { isObject } from '../functions/domain/json-access.js';
import { scanJsonValue, skipWhitespace } from './json-scan.js';
import { lineFinder } from './line-finder.js';
import { readYamlStream } from './yaml-documents.js';

/**
 * Reads pods the way users save them: a Pod, a PodList or v1 List (`kubectl get pods -o json|yaml`),
 * a JSON array, NDJSON (including `--output-watch-events` lines), a stream of pretty-printed JSON
 * documents (`kubectl get -w -o json`), or multi-document YAML. Bad documents become messages
 * naming the file and the document or line:column; every good pod in the same input is returned.
 */
export interface PodInput {
  readonly pods: unknown[];
  readonly errors: string[];
}

export function parsePods(input: string, source: string): PodInput {
  const result: PodInput = { pods: [], errors: [] };
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const trimmed = text.trimStart();
  if (trimmed === '') return result;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) parseJsonText(text, source, result);
  else parseYamlText(text, source, result);
  return result;
}

function parseJsonText(text: string, source: string, into: PodInput): void {
  const whole = tryJson(text);
  if (whole.ok) {
    collect(whole.value, source, into);
    return;
  }
  const lines = text.split('\n');
  const first = lines.find((line) => line.trim() !== '') ?? '';
  if (tryJson(first).ok) parseNdjson(lines, source, into);
  else parseJsonStream(text, source, into);
}

/** NDJSON: one document per line, each judged on its own and named by its line number. */
function parseNdjson(lines: readonly string[], source: string, into: PodInput): void {
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = tryJson(line);
    if (parsed.ok) collect(parsed.value, `${source}:${index + 1}`, into);
    else into.errors.push(`${source}:${index + 1}:${jsonErrorColumn(line)}`);
  });
}

/** Concatenated JSON documents; after a broken one, reading resumes at the next line opening with { or [. */
function parseJsonStream(text: string, source: string, into: PodInput): void {
  const lineOf = lineFinder(text);
  let pos = skipWhitespace(text, 0);
  let document = 0;
  while (pos < text.length) {
    document++;
    const scan = scanJsonValue(text, pos);
    if (scan.ok) {
      const where = `${source}: document ${document} (line ${lineOf(pos)})`;
      collect(JSON.parse(text.slice(pos, scan.end)), where, into);
      pos = skipWhitespace(text, scan.end);
    } else {
      const line = lineOf(scan.at);
      const column = scan.at - text.lastIndexOf('\n', scan.at - 1);
      into.errors.push(`${source}:${line}:${column}: invalid JSON: ${scan.message}`);
      // A document cut short (a truncated NDJSON line, a missing "}") breaks where the next one
      // opens at the start of a line: resume there rather than losing that document too.
      const lineStart = text.lastIndexOf('\n', scan.at - 1) + 1;
      const opener = text.charCodeAt(scan.at);
      const nextOpensHere = scan.at === lineStart && lineStart > pos && (opener === 123 || opener === 91);
      pos = nextOpensHere ? lineStart : nextDocumentStart(text, scan.at);
    }
  }
}

/** YAML streams and Lists are read a document, or a List entry, at a time (yaml-documents.ts). */
function parseYamlText(text: string, source: string, into: PodInput): void {
  for (const result of readYamlStream(text, source)) {
    if ('error' in result) into.errors.push(result.error);
    else if (result.item) collectPod(result.value, result.where, into);
    else collect(result.value, result.where, into);
  }
}

/** Adds the pods found in one parsed document; `where` names the document for error messages. */
function collect(value: unknown, where: string, into: PodInput): void {
  if (value === null || value === undefined) return; // an empty YAML document
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      collectPod(item, `${where}: [${i}]`, into);
    });
    return;
  }
  if (!isObject(value)) {
    into.errors.push(`${where}: expected a Pod, PodList or List object, got ${describe(value)}`);
    return;
  }
  const kind = value.kind;
  if (kind === 'PodList' || kind === 'List' || (kind === undefined && Array.isArray(value.items))) {
    const items = value.items;
    if (items === undefined || items === null) return; // an empty list as Go serialises it
    if (!Array.isArray(items)) {
      into.errors.push(`${where}: ${String(kind)} has no items array`);
      return;
    }
    items.forEach((item, i) => {
      collectPod(item, `${where}: items[${i}]`, into);
    });
    return;
  }
  collectPod(value, where, into);
}

function collectPod(value: unknown, where: string, into: PodInput): void {
  if (!isObject(value)) {
    into.errors.push(`${where}: expected a Pod object, got ${describe(value)}`);
    return;
  }
  // A watch event as written by `kubectl get -w -o json --output-watch-events`.
  if (typeof value.type === 'string' && isObject(value.object) && value.kind === undefined) {
    collectPod(value.object, `${where}: object`, into);
    return;
  }
  const kind = value.kind;
  if (kind === 'Pod' || (kind === undefined && isObject(value.metadata))) {
    into.pods.push(value);
    return;
  }
  const what = typeof kind === 'string' ? `kind ${kind}` : 'an object without kind or metadata';
  into.errors.push(`${where}: ${what} is not a Pod`);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return `a ${typeof value} (${JSON.stringify(value)?.slice(0, 40)})`;
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** `COLUMN: invalid JSON: why` for a line JSON.parse rejected. */
function jsonErrorColumn(line: string): string {
  const start = skipWhitespace(line, 0);
  const scan = scanJsonValue(line, start);
  if (scan.ok) return `${skipWhitespace(line, scan.end) + 1}: invalid JSON: unexpected text after the value`;
  return `${scan.at + 1}: invalid JSON: ${scan.message}`;
}

function nextDocumentStart(text: string, from: number): number {
  for (let i = text.indexOf('\n', from); i !== -1; i = text.indexOf('\n', i + 1)) {
    const next = text.charCodeAt(i + 1);
    if (next === 123 || next === 91) return i + 1; // { or [ at the start of a line
  }
  return text.length;
}
