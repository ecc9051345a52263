/**
 * kubectl's `-l` label selectors (k8s.io/apimachinery `labels.Parse`), parsed and matched:
 *   key=value, key==value, key!=value, key in (a,b), key notin (a,b), key, !key, key>1, key<9
 * Requirements are joined by commas and all must hold. As in Kubernetes, `!=` and `notin` also match
 * objects without the key, and `>`/`<` need the label to be an integer.
 */
export type Requirement =
  | { readonly key: string; readonly op: 'exists' | 'doesNotExist' }
  | { readonly key: string; readonly op: 'in' | 'notIn'; readonly values: readonly string[] }
  | { readonly key: string; readonly op: 'gt' | 'lt'; readonly value: number };

export type LabelSelector = readonly Requirement[];

export class SelectorError extends Error {
  override readonly name = 'SelectorError';
}

/** A qualified name: an optional DNS-subdomain prefix and "/", then 1–63 name characters. */
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A label value: empty, or a name of at most 63 characters. */
const VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

export function parseLabelSelector(selector: string): LabelSelector {
  const requirements: Requirement[] = [];
  for (const part of splitTopLevel(selector)) {
    const text = part.trim();
    if (text === '') {
      if (selector.trim() === '') continue;
      throw new SelectorError('an empty requirement (two commas, or a comma at an end)');
    }
    requirements.push(parseRequirement(text));
  }
  return requirements;
}

export function matchesLabels(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  return selector.every((r) => {
    const has = Object.hasOwn(labels, r.key);
    const value = labels[r.key];
    switch (r.op) {
      case 'exists':
        return has;
      case 'doesNotExist':
        return !has;
      case 'in':
        return has && r.values.includes(value ?? '');
      case 'notIn':
        return !has || !r.values.includes(value ?? '');
      default: {
        if (!has || !/^-?\d+$/.test(value ?? '')) return false;
        const n = Number(value);
        return r.op === 'gt' ? n > r.value : n < r.value;
      }
    }
  });
}

/** Splits at commas outside parentheses: `a in (x,y),b` → `a in (x,y)`, `b`. */
function splitTopLevel(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(selector.slice(start));
  return parts;
}

function parseRequirement(text: string): Requirement {
  if (text.startsWith('!')) return { key: checkKey(text.slice(1).trim()), op: 'doesNotExist' };
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/s.exec(text);
  if (set !== null) {
    const values = set[3]!.split(',').map((v) => checkValue(v.trim()));
    return { key: checkKey(set[1]!), op: set[2] === 'in' ? 'in' : 'notIn', values };
  }
  const compare = /^([^=!<>\s]+)\s*(==|=|!=|>|<)\s*(.*)$/s.exec(text);
  if (compare === null) {
    if (/\s/.test(text) || /[=!<>()]/.test(text))
      throw new SelectorError(
        `"${text}" is not a requirement (key=value, key!=value, key in (a,b), key, !key)`,
      );
    return { key: checkKey(text), op: 'exists' };
  }
  const key = checkKey(compare[1]!);
  const op = compare[2]!;
  const raw = compare[3]!.trim();
  if (op === '>' || op === '<') {
    if (!/^-?\d+$/.test(raw)) throw new SelectorError(`"${text}": ${op} needs an integer, not "${raw}"`);
    return { key, op: op === '>' ? 'gt' : 'lt', value: Number(raw) };
  }
  return { key, op: op === '!=' ? 'notIn' : 'in', values: [checkValue(raw)] };
}

function checkKey(key: string): string {
  const slash = key.lastIndexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  const prefixOk = prefix === undefined || (prefix.length <= 253 && PREFIX.test(prefix));
  if (!prefixOk || !NAME.test(name))
    throw new SelectorError(`"${key}" is not a label key (such as app or app.kubernetes.io/name)`);
  return key;
}

function checkValue(value: string): string {
  if (!VALUE.test(value))
    throw new SelectorError(`"${value}" is not a label value (at most 63 letters, digits, "-", "_", ".")`);
  return value;
}
