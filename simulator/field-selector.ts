/**
 * Field selectors as apimachinery's fields.ParseSelector reads them: terms joined by `,` (AND),
 * each `key=value`, `key==value` or `key!=value`; `\` escapes `\`, `,` and `=` in values (what
 * fields.EscapeValue writes, e.g. in kubectl's involvedObject selectors).
 */

export interface FieldRequirement {
  readonly field: string;
  readonly operator: '=' | '!=';
  readonly value: string;
}

export type ParsedFieldSelector =
  | { readonly ok: true; readonly requirements: readonly FieldRequirement[] }
  | { readonly ok: false; readonly message: string };

export function parseFieldSelector(selector: string): ParsedFieldSelector {
  const requirements: FieldRequirement[] = [];
  for (const term of splitUnescaped(selector, ',')) {
    if (term === '') continue;
    const match = /^([^=!]+)(==|=|!=)(.*)$/s.exec(term);
    if (match === null)
      return { ok: false, message: `invalid selector: '${selector}'; can't understand '${term}'` };
    const value = unescapeValue(match[3] ?? '');
    if (value === undefined) return { ok: false, message: `invalid field selector value: '${match[3]}'` };
    requirements.push({ field: match[1] ?? '', operator: match[2] === '!=' ? '!=' : '=', value });
  }
  return { ok: true, requirements };
}

export function matchesFieldSelector(
  requirements: readonly FieldRequirement[],
  fields: Readonly<Record<string, string>>,
): boolean {
  return requirements.every(({ field, operator, value }) => (fields[field] === value) === (operator === '='));
}

function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[i + 1];
      i++;
    } else if (ch === separator) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/** fields.UnescapeValue: only `\\`, `\,` and `\=` are escapes; an unescaped `,` or `=` is invalid. */
function unescapeValue(text: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      const next = text[i + 1];
      if (next !== '\\' && next !== ',' && next !== '=') return undefined;
      out += next;
      i++;
    } else if (ch === ',' || ch === '=') {
      return undefined;
    } else {
      out += ch;
    }
  }
  return out;
}
