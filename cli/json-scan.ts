/**
 * A JSON syntax scanner for locating errors: JSON.parse on Node 20 reports most syntax errors
 * without a position, and a stream of documents needs to know where each one ends. RFC 8259
 * grammar; iterative, so deep nesting cannot overflow the stack.
 */

export type Scan = { ok: true; end: number } | { ok: false; at: number; message: string };

export function skipWhitespace(text: string, from: number): number {
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
  }
  return i;
}

/** Where the JSON value starting at `start` ends, or the offset and nature of its first syntax error. */
export function scanJsonValue(text: string, start: number): Scan {
  const fail = (at: number, expected: string): Scan => ({
    ok: false,
    at,
    message:
      at >= text.length
        ? `unexpected end of input, expected ${expected}`
        : `unexpected ${quote(text, at)}, expected ${expected}`,
  });
  const closers: number[] = [];
  let i = start;
  let needValue = true;
  for (;;) {
    if (needValue) {
      i = skipWhitespace(text, i);
      const c = text.charCodeAt(i);
      if (c === 123 || c === 91) {
        i = skipWhitespace(text, i + 1);
        if (text.charCodeAt(i) === (c === 123 ? 125 : 93)) {
          i++;
          needValue = false;
          continue;
        }
        closers.push(c === 123 ? 125 : 93);
        if (c === 123) {
          const key = scanKey(text, i, fail);
          if (!key.ok) return key;
          i = key.end;
        }
        continue;
      }
      const end = c === 34 ? scanString(text, i, fail) : scanScalar(text, i, fail);
      if (!end.ok) return end;
      i = end.end;
      needValue = false;
    }
    const closer = closers[closers.length - 1];
    if (closer === undefined) return { ok: true, end: i };
    i = skipWhitespace(text, i);
    const c = text.charCodeAt(i);
    if (c === closer) {
      closers.pop();
      i++;
    } else if (c === 44) {
      i++;
      if (closer === 125) {
        const key = scanKey(text, i, fail);
        if (!key.ok) return key;
        i = key.end;
      }
      needValue = true;
    } else {
      return fail(i, closer === 125 ? "',' or '}'" : "',' or ']'");
    }
  }
}

type Fail = (at: number, expected: string) => Scan;

/** `"key":` with surrounding whitespace; ends just after the colon. */
function scanKey(text: string, from: number, fail: Fail): Scan {
  const i = skipWhitespace(text, from);
  if (text.charCodeAt(i) !== 34) return fail(i, 'a string key');
  const key = scanString(text, i, fail);
  if (!key.ok) return key;
  const colon = skipWhitespace(text, key.end);
  return text.charCodeAt(colon) === 58 ? { ok: true, end: colon + 1 } : fail(colon, "':'");
}

function scanString(text: string, from: number, fail: Fail): Scan {
  for (let i = from + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return { ok: true, end: i + 1 };
    if (c < 32) return fail(i, 'a closing quote (control characters must be escaped)');
    if (c === 92) {
      const e = text.charCodeAt(i + 1);
      if (e === 117) {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return fail(i, 'four hex digits after \\u');
        i += 5;
      } else if ('"\\/bfnrt'.includes(text.charAt(i + 1)) && i + 1 < text.length) {
        i++;
      } else {
        return fail(i, 'a valid escape');
      }
    }
  }
  return fail(text.length, 'a closing quote');
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function scanScalar(text: string, from: number, fail: Fail): Scan {
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, from)) return { ok: true, end: from + literal.length };
  }
  NUMBER.lastIndex = from;
  const number = NUMBER.exec(text);
  if (number !== null) return { ok: true, end: from + number[0].length };
  return fail(from, 'a value');
}

/** The character at `at` for a message: 'x' when printable, else JSON-escaped ("\n"). */
function quote(text: string, at: number): string {
  const code = text.codePointAt(at) ?? 0;
  const ch = String.fromCodePoint(code);
  return (code >= 0x20 && code < 0x7f) || code > 0x9f ? `'${ch}'` : JSON.stringify(ch);
}
