import { arr, obj, str } from '../json-access.js';
import { goSort } from './go-sort.js';
import { goLess, sortedGoStrings } from './go-text.js';

/**
 * metav1.FormatLabelSelector: the selector's requirements (matchLabels as `k=v`, then
 * matchExpressions) validated as labels.NewRequirement does, sorted by key (sort.Sort), each in
 * its string form, joined by `,`; `<none>` when there are none, `<error>` when one is invalid.
 * The caller handles a nil selector.
 */
export function formatLabelSelector(selector: unknown): string {
  const matchLabels = obj(selector, 'matchLabels');
  const requirements: Requirement[] = [];
  for (const key of Object.keys(matchLabels)) {
    const value = matchLabels[key];
    requirements.push({ key, operator: '=', values: [typeof value === 'string' ? value : ''] });
  }
  for (const expression of arr(selector, 'matchExpressions')) {
    const operator = OPERATORS[str(expression, 'operator')];
    if (operator === undefined) return '<error>';
    const values = arr(expression, 'values').map((v) => (typeof v === 'string' ? v : ''));
    requirements.push({ key: str(expression, 'key'), operator, values });
  }
  if (requirements.length === 0) return '<none>';
  if (!requirements.every(isValidRequirement)) return '<error>';
  // Go ranges over matchLabels in random order, but its keys are distinct and sorted here.
  goSort(requirements, (a, b) => goLess(a.key, b.key));
  return requirements.map(formatRequirement).join(',');
}

type Operator = '=' | 'in' | 'notin' | 'exists' | '!';

interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

const OPERATORS: Readonly<Record<string, Operator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

function formatRequirement(r: Requirement): string {
  switch (r.operator) {
    case 'exists':
      return r.key;
    case '!':
      return `!${r.key}`;
    case '=':
      return `${r.key}=${r.values[0] ?? ''}`;
    default: {
      const values = r.values.length === 1 ? (r.values[0] ?? '') : sortedGoStrings(r.values).join(',');
      return `${r.key} ${r.operator} (${values})`;
    }
  }
}

function isValidRequirement(r: Requirement): boolean {
  if (!isQualifiedName(r.key)) return false;
  if ((r.operator === 'in' || r.operator === 'notin') && r.values.length === 0) return false;
  if ((r.operator === 'exists' || r.operator === '!') && r.values.length !== 0) return false;
  return r.values.every(isLabelValue);
}

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** validation.IsQualifiedName: `[prefix/]name`, prefix a DNS subdomain (≤ 253), name ≤ 63. */
function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts.length === 2 ? (parts[1] ?? '') : key;
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)) return false;
  }
  return name.length > 0 && name.length <= 63 && NAME.test(name);
}

/** validation.IsValidLabelValue: empty, or a name of at most 63 characters. */
function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && NAME.test(value));
}
