import { parseAllDocuments } from 'yaml';
import { isObject } from '../functions/domain/json-access.js';

/**
 * Reads pods the way users save them: a Pod, a PodList or v1 List (`kubectl get pods -o json|yaml`),
 * a JSON array, NDJSON (including `--output-watch-events` lines), or multi-document YAML. Bad
 * documents become located error messages; every good pod in the same input is still returned.
 */
export interface PodInput {
  readonly pods: unknown[];
  readonly errors: string[];
}

export function parsePods(text: string, source: string): PodInput {
  const result: PodInput = { pods: [], errors: [] };
  const trimmed = text.trimStart();
  if (trimmed === '') return result;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) parseJsonText(text, source, result);
  else parseYamlText(text, source, result);
  return result;
}

function parseJsonText(text: string, source: string, into: PodInput): void {
  try {
    collect(JSON.parse(text), source, into);
    return;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const lines = text.split('\n');
    const firstLine = lines.find((line) => line.trim() !== '') ?? '';
    if (!parsesAsJson(firstLine)) {
      into.errors.push(`${source}${jsonErrorLocation(text, error)}: invalid JSON: ${error.message}`);
      return;
    }
  }
  // NDJSON: one document per line, each judged on its own.
  lines(text).forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${source}:${index + 1}`;
    try {
      collect(JSON.parse(line), where, into);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      into.errors.push(`${where}: invalid JSON: ${error.message}`);
    }
  });
}

function parseYamlText(text: string, source: string, into: PodInput): void {
  const documents = parseAllDocuments(text);
  const list = Array.isArray(documents) ? documents : [];
  list.forEach((doc, index) => {
    const line = lineOf(text, doc.range[0]);
    const where = `${source}: document ${index + 1} (line ${line})`;
    const firstError = doc.errors[0];
    if (firstError !== undefined) {
      const at = firstError.linePos?.[0];
      const position = at === undefined ? '' : ` at line ${at.line}, column ${at.col}`;
      into.errors.push(`${where}: invalid YAML${position}: ${firstError.message.split('\n')[0]}`);
      return;
    }
    collect(doc.toJS(), where, into);
  });
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

function parsesAsJson(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

function lines(text: string): string[] {
  return text.split(/\r?\n/);
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** V8 reports "at position N" for most JSON syntax errors; turn it into `:line:column`. */
function jsonErrorLocation(text: string, error: SyntaxError): string {
  const match = /position (\d+)/.exec(error.message);
  if (match === null) return '';
  const offset = Number(match[1]);
  const line = lineOf(text, offset);
  const column = offset - text.lastIndexOf('\n', offset - 1);
  return `:${line}:${column}`;
}
