import { UsageError } from './io.js';

/**
 * kubectl's `--sort-by`: a JSONPath field expression (`.metadata.name`, `{.status.startTime}`,
 * `.status.containerStatuses[0].restartCount`), items compared as kubectl's sorter compares them:
 * numbers by value, strings in natural order (`pod-2` before `pod-10`), so RFC 3339 times by time.
 * Items without the field sort first, as zero values do in kubectl.
 */
export type FieldPath = readonly (string | number)[];

/** `.a.b[0].c` or `{.a.b[0].c}` → ['a', 'b', 0, 'c']; anything else is a usage error. */
export function parseFieldPath(expression: string): FieldPath {
  const inner = /^\{(.*)\}$/s.exec(expression)?.[1] ?? expression;
  const body = inner.startsWith('.') ? inner : `.${inner}`;
  const path: (string | number)[] = [];
  const step = /\.([A-Za-z_][-A-Za-z0-9_]*)|\[(\d+)\]/y;
  let at = 0;
  while (at < body.length) {
    step.lastIndex = at;
    const m = step.exec(body);
    if (m === null) {
      throw new UsageError(
        `--sort-by: "${expression}" is not a field path such as .metadata.name or .status.containerStatuses[0].restartCount`,
      );
    }
    path.push(m[1] ?? Number(m[2]));
    at = step.lastIndex;
  }
  if (path.length === 0) throw new UsageError('--sort-by: give a field path such as .metadata.name');
  return path;
}

export function fieldAt(value: unknown, path: FieldPath): unknown {
  let here = value;
  for (const key of path) {
    if (typeof key === 'number') here = Array.isArray(here) ? here[key] : undefined;
    else
      here =
        typeof here === 'object' && here !== null && !Array.isArray(here)
          ? (here as Record<string, unknown>)[key]
          : undefined;
    if (here === undefined || here === null) return undefined;
  }
  return here;
}

/** The field as written, for messages: `{.metadata.name}`. */
export function pathText(path: FieldPath): string {
  return `{${path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('')}}`;
}

/**
 * A stable sort of `items` by the field `key(item)` returns. Fails like kubectl when no item has the
 * field at all (a typo in the path), or when the field is an object or a list.
 */
export function sortByField<T>(items: readonly T[], path: FieldPath, key: (item: T) => unknown): T[] {
  const keyed = items.map((item) => ({ item, key: key(item) }));
  if (keyed.length > 0 && keyed.every((k) => k.key === undefined))
    throw new UsageError(
      `--sort-by: couldn't find any field with path "${pathText(path)}" in the list of objects`,
    );
  for (const k of keyed) {
    if (typeof k.key === 'object' && k.key !== null)
      throw new UsageError(`--sort-by: "${pathText(path)}" is an object or a list, not a value to sort by`);
  }
  return keyed.sort((a, b) => compareValues(a.key, b.key)).map((k) => k.item);
}

function compareValues(a: unknown, b: unknown): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return naturalCompare(String(a), String(b));
}

/** Natural order: runs of digits compare as numbers (kubectl uses sortorder.NaturalLess). */
export function naturalCompare(a: string, b: string): number {
  const chunks = /(\d+|\D+)/g;
  const as = a.match(chunks) ?? [];
  const bs = b.match(chunks) ?? [];
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const x = as[i]!;
    const y = bs[i]!;
    if (x === y) continue;
    const xNum = /^\d/.test(x);
    const yNum = /^\d/.test(y);
    if (xNum && yNum) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return diff;
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return as.length - bs.length;
}
