import { ENV_VALUE_NOT_RECORDED } from './describe/env.js';
import { byteLength } from './describe/go-text.js';
import { MAX_ANNOTATION_LENGTH } from './describe/metadata-blocks.js';
import { arr, isObject, type JsonObject, optObj, str } from './json-access.js';

/**
 * The fields of a describe card (pod-card.ts) that are reduced before they are kept: env vars
 * (never a literal value), volumes (what describe prints of them) and annotations (cut where
 * describe cuts them, without last-applied-configuration). Each is idempotent: reducing a reduced
 * field changes nothing, so an agent may send the reduced form.
 */

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** An env var by name: its `valueFrom` reference, or the marker in place of a literal value. */
export function redactEnv(entry: JsonObject): JsonObject {
  const valueFrom = optObj(entry, 'valueFrom');
  if (valueFrom !== undefined) return { name: entry.name, valueFrom };
  if (str(entry, 'value') !== '' || entry[ENV_VALUE_NOT_RECORDED] === true)
    return { name: entry.name, [ENV_VALUE_NOT_RECORDED]: true };
  return { name: entry.name };
}

/** A volume as describe prints it: what the source names, without item lists or file modes. */
export function slimVolume(volume: JsonObject): JsonObject {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(volume)) {
    if (key === 'secret' || key === 'configMap') out[key] = withoutKeys(value, ['items', 'defaultMode']);
    else if (key === 'projected' && isObject(value))
      out[key] = {
        sources: arr(value, 'sources').map((s) =>
          isObject(s)
            ? Object.fromEntries(
                Object.entries(s).map(([k, v]) => [
                  k,
                  k === 'secret' || k === 'configMap' || k === 'downwardAPI' ? withoutKeys(v, ['items']) : v,
                ]),
              )
            : s,
        ),
      };
    else out[key] = value;
  }
  return out;
}

/**
 * Annotations as describe prints them (printAnnotationsMultiline): last-applied-configuration
 * dropped, and each line of a value printed in the multi-line form kept up to the first whole
 * character past describe's 138-byte cut, so it prints the same bytes and the same "...".
 */
export function annotationsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(value)) return out;
  for (const [key, raw] of Object.entries(value)) {
    if (key === LAST_APPLIED || typeof raw !== 'string') continue;
    const trailing = raw.endsWith('\n') ? '\n' : '';
    const text = trailing === '' ? raw : raw.slice(0, -1);
    const multiLine = byteLength(text) + byteLength(key) + 2 > MAX_ANNOTATION_LENGTH || text.includes('\n');
    out[key] = multiLine
      ? `${text
          .split('\n')
          .map((piece) => cutAfterBytes(piece, MAX_ANNOTATION_LENGTH - 1))
          .join('\n')}${trailing}`
      : raw;
  }
  return out;
}

/** The shortest prefix of whole characters holding at least `n` UTF-8 bytes (or all of it). */
function cutAfterBytes(text: string, n: number): string {
  let bytes = 0;
  let i = 0;
  for (const char of text) {
    if (bytes >= n) break;
    bytes += byteLength(char);
    i += char.length;
  }
  return text.slice(0, i);
}

function withoutKeys(value: unknown, keys: readonly string[]): unknown {
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
}
