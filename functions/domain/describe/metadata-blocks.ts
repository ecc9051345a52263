import { int, isObject, optObj, present, str } from '../json-access.js';
import { goSort } from './go-sort.js';
import { byteLength, cutBytes, goLess, sortedGoStrings } from './go-text.js';
import { formatLabelSelector } from './label-selector.js';
import { LEVEL_0, type PrefixWriter } from './prefix-writer.js';

/**
 * The multi-line key/value blocks of describe.go: printLabelsMultiline (Labels, Node-Selectors,
 * and ephemeral-volume claim labels), printAnnotationsMultiline, printPodTolerationsMultiline and
 * describeTopologySpreadConstraints. Entries after the first start with a tab: an empty cell
 * the tab writer pads, so values line up under the first one.
 */

/** kubectl never shows this annotation (skipAnnotations). */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** maxAnnotationLen, in bytes. */
export const MAX_ANNOTATION_LENGTH = 140;

/** A map[string]string field; non-string values read as "" (Go would refuse the object). */
export function stringMap(value: unknown): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  if (!isObject(value)) return out;
  for (const [key, v] of Object.entries(value)) out.set(key, typeof v === 'string' ? v : '');
  return out;
}

export function printLabelsMultiline(w: PrefixWriter, title: string, labels: unknown): void {
  const map = stringMap(labels);
  w.write(LEVEL_0, `${title}:\t`);
  const keys = sortedGoStrings(map.keys());
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, '');
      w.write(LEVEL_0, '\t');
    }
    w.write(LEVEL_0, `${key}=${map.get(key)}\n`);
  });
}

export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: unknown): void {
  const map = stringMap(annotations);
  w.write(LEVEL_0, `${title}:\t`);
  const keys = sortedGoStrings([...map.keys()].filter((key) => key !== LAST_APPLIED));
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    const raw = map.get(key) ?? '';
    const value = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
    if (byteLength(value) + byteLength(key) + 2 > MAX_ANNOTATION_LENGTH || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const piece of value.split('\n')) {
        w.write(LEVEL_0, `\t  ${shorten(piece, MAX_ANNOTATION_LENGTH - 2)}\n`);
      }
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** describe.go's shorten: a byte cut plus `...`. */
export function shorten(text: string, maxBytes: number): string {
  return byteLength(text) > maxBytes ? `${cutBytes(text, maxBytes)}...` : text;
}

export function printPodTolerationsMultiline(w: PrefixWriter, tolerations: readonly unknown[]): void {
  w.write(LEVEL_0, 'Tolerations:\t');
  if (tolerations.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const sorted = goSort([...tolerations], (a, b) => goLess(str(a, 'key'), str(b, 'key')));
  sorted.forEach((toleration, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, '');
      w.write(LEVEL_0, '\t');
    }
    const key = str(toleration, 'key');
    const value = str(toleration, 'value');
    const effect = str(toleration, 'effect');
    w.write(LEVEL_0, key);
    if (value.length !== 0) w.write(LEVEL_0, `=${value}`);
    if (effect.length !== 0) w.write(LEVEL_0, `:${effect}`);
    if (str(toleration, 'operator') === 'Exists' && value.length === 0) {
      w.write(LEVEL_0, key.length !== 0 || effect.length !== 0 ? ' op=Exists' : 'op=Exists');
    }
    if (present(toleration, 'tolerationSeconds')) {
      w.write(LEVEL_0, ` for ${int(toleration, 'tolerationSeconds')}s`);
    }
    w.write(LEVEL_0, '\n');
  });
}

export function describeTopologySpreadConstraints(w: PrefixWriter, constraints: readonly unknown[]): void {
  if (constraints.length === 0) return;
  const sorted = goSort([...constraints], (a, b) => goLess(str(a, 'topologyKey'), str(b, 'topologyKey')));
  w.write(LEVEL_0, 'Topology Spread Constraints:\t');
  sorted.forEach((constraint, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, '');
      w.write(LEVEL_0, '\t');
    }
    w.write(LEVEL_0, `${str(constraint, 'topologyKey')}:`);
    w.write(LEVEL_0, str(constraint, 'whenUnsatisfiable'));
    w.write(LEVEL_0, ` when max skew ${int(constraint, 'maxSkew')} is exceeded`);
    const selector = optObj(constraint, 'labelSelector');
    if (selector !== undefined) w.write(LEVEL_0, ` for selector ${formatLabelSelector(selector)}`);
    w.write(LEVEL_0, '\n');
  });
}
