import { trimSpace } from './go-text.js';

/**
 * k8s.io/apimachinery resource.Quantity, as far as describe needs it: kubectl decodes every
 * quantity it prints (ParseQuantity), so `1000m` prints `1`, `1024Mi` prints `1Gi` and `0.5`
 * prints `500m`, while a string Go considers canonical is printed as given (even `0100m`).
 * Values are exact: unscaled × 10^−scale in BigInt, no int64/inf.Dec split is needed because
 * both Go representations hold the same value; only the rounding to nano units and the BinarySI
 * cap at 2^63−1 of the slow path are visible, and they are kept.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  readonly unscaled: bigint;
  /** value = unscaled × 10^−scale */
  readonly scale: number;
  readonly format: QuantityFormat;
  /** The input string when Go keeps it as the canonical form (ParseQuantity's fast path). */
  readonly text?: string;
}

export const ZERO_QUANTITY: Quantity = { unscaled: 0n, scale: 0, format: 'DecimalSI' };

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIXES: Readonly<Record<string, number>> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const SUFFIX_CHARS = 'eEinumkKMGTP';
const MAX_INT64 = (1n << 63n) - 1n;
const NANO = 9;

/** A quantity as Quantity.UnmarshalJSON reads it; undefined when Go would reject it. */
export function parseQuantity(input: unknown): Quantity | undefined {
  if (input === null) return ZERO_QUANTITY;
  if (typeof input === 'number')
    return Number.isFinite(input) ? parseQuantityString(String(input)) : undefined;
  return typeof input === 'string' ? parseQuantityString(trimSpace(input)) : undefined;
}

interface Scanned {
  readonly positive: boolean;
  readonly num: string;
  readonly denom: string;
  readonly suffix: string;
}

function parseQuantityString(str: string): Quantity | undefined {
  if (str === '') return undefined;
  if (str === '0') return { ...ZERO_QUANTITY, text: '0' };
  const scanned = scan(str);
  if (scanned === undefined) return undefined;
  const { positive, num, denom } = scanned;
  const suffix = interpretSuffix(scanned.suffix);
  if (suffix === undefined) return undefined;
  const { base, exponent, format } = suffix;
  const sign = positive ? 1n : -1n;

  // ParseQuantity's int64 fast path: the value is exact and the string may be kept.
  let precision: number;
  let mantissa = 1n;
  let scale = 0;
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom === '') {
      mantissa = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -NANO) {
      const shifted = num + denom;
      const value = BigInt(shifted);
      const result = value * mantissa;
      if (result <= MAX_INT64) {
        const canonical =
          format === 'BinarySI'
            ? exponent % 10 === 0 && (value & 7n) !== 0n
            : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        const quantity: Quantity = { unscaled: sign * result, scale: -scale, format };
        return canonical ? { ...quantity, text: str } : quantity;
      }
    }
  }

  // The inf.Dec slow path: exact value, rounded up to nano units, BinarySI capped at 2^63−1.
  let unscaled = BigInt(num + denom);
  let decScale = denom.length;
  if (base === 10) decScale -= exponent;
  else unscaled *= 1n << BigInt(exponent);
  let magnitude = normalize({ unscaled, scale: decScale, format });
  if (magnitude.unscaled !== 0n && magnitude.scale > NANO) magnitude = roundUpToScale(magnitude, NANO);
  let finalFormat = format;
  if (format === 'BinarySI' && compare(magnitude, { ...ZERO_QUANTITY, unscaled: MAX_INT64 }) > 0) {
    magnitude = { unscaled: MAX_INT64, scale: 0, format };
  }
  if (
    format === 'BinarySI' &&
    magnitude.unscaled > 0n &&
    compare(magnitude, { ...ZERO_QUANTITY, unscaled: 1n }) < 0
  ) {
    finalFormat = 'DecimalSI';
  }
  return { unscaled: sign * magnitude.unscaled, scale: magnitude.scale, format: finalFormat };
}

/** parseQuantityString: sign, numerator (leading zeros dropped), denominator, suffix. */
function scan(str: string): Scanned | undefined {
  let pos = 0;
  let positive = true;
  if (str[0] === '-' || str[0] === '+') {
    positive = str[0] === '+';
    pos++;
  }
  while (pos < str.length && str[pos] === '0') pos++;
  if (pos >= str.length) return { positive, num: '0', denom: '', suffix: '' };
  let start = pos;
  while (pos < str.length && isDigit(str[pos])) pos++;
  const num = str.slice(start, pos) || '0';
  let denom = '';
  if (str[pos] === '.') {
    start = ++pos;
    while (pos < str.length && isDigit(str[pos])) pos++;
    denom = str.slice(start, pos);
  }
  const suffixStart = pos;
  while (pos < str.length && SUFFIX_CHARS.includes(str[pos] ?? '')) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (pos < str.length && isDigit(str[pos])) pos++;
  if (pos < str.length) return undefined;
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function interpretSuffix(
  suffix: string,
): { base: 2 | 10; exponent: number; format: QuantityFormat } | undefined {
  const decimal = DECIMAL_SUFFIXES[suffix];
  if (decimal !== undefined) return { base: 10, exponent: decimal, format: 'DecimalSI' };
  const binary = BINARY_SUFFIXES[suffix];
  if (binary !== undefined) return { base: 2, exponent: binary, format: 'BinarySI' };
  if (
    suffix.length > 1 &&
    (suffix[0] === 'e' || suffix[0] === 'E') &&
    /^[+-]?[0-9]+$/.test(suffix.slice(1))
  ) {
    const exponent = Number(suffix.slice(1));
    if (Math.abs(exponent) < 2 ** 31) return { base: 10, exponent, format: 'DecimalExponent' };
  }
  return undefined;
}

/** Quantity.String(): CanonicalizeBytes. */
export function formatQuantity(q: Quantity): string {
  if (q.text !== undefined) return q.text;
  if (q.unscaled === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const small = compareAbs(q, 1024n) < 0;
    if (small || !isInteger(q)) format = 'DecimalSI';
  }
  if (format === 'BinarySI') {
    let value = integerPart(q);
    let exponent = 0;
    while (value % 1024n === 0n) {
      value /= 1024n;
      exponent++;
    }
    const suffix = Object.keys(BINARY_SUFFIXES).find((s) => BINARY_SUFFIXES[s] === exponent * 10) ?? '';
    return `${value}${suffix}`;
  }
  let mantissa = q.unscaled;
  let exponent = -q.scale;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  while (((exponent % 3) + 3) % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  const suffix = Object.keys(DECIMAL_SUFFIXES).find((s) => DECIMAL_SUFFIXES[s] === exponent) ?? '';
  return `${mantissa}${suffix}`;
}

/** A quantity field as describe prints it: canonical, or the raw text when Go could not parse it. */
export function quantityText(input: unknown): string {
  const q = parseQuantity(input);
  if (q !== undefined) return formatQuantity(q);
  return typeof input === 'string' ? input : '';
}

export function compare(a: Quantity, b: Quantity): number {
  const scale = Math.max(a.scale, b.scale);
  const x = a.unscaled * 10n ** BigInt(scale - a.scale);
  const y = b.unscaled * 10n ** BigInt(scale - b.scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function add(a: Quantity, b: Quantity): Quantity {
  const scale = Math.max(a.scale, b.scale);
  const unscaled = a.unscaled * 10n ** BigInt(scale - a.scale) + b.unscaled * 10n ** BigInt(scale - b.scale);
  return { unscaled, scale, format: a.unscaled === 0n ? b.format : a.format };
}

/** ScaledValue: ceil(q / 10^scale), rounded away from zero, as an int64 (wrapping like big.Int.Int64). */
export function scaledValue(q: Quantity, scale: number): number {
  const shift = q.scale + scale;
  if (shift <= 0) return Number(BigInt.asIntN(64, q.unscaled * 10n ** BigInt(-shift)));
  const divisor = 10n ** BigInt(shift);
  const quotient = q.unscaled / divisor;
  const exact = quotient * divisor === q.unscaled;
  return Number(BigInt.asIntN(64, exact ? quotient : quotient + (q.unscaled < 0n ? -1n : 1n)));
}

function normalize(q: Quantity): Quantity {
  let { unscaled, scale } = q;
  if (scale < 0) {
    unscaled *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { ...q, unscaled, scale };
}

function roundUpToScale(q: Quantity, scale: number): Quantity {
  const divisor = 10n ** BigInt(q.scale - scale);
  const quotient = q.unscaled / divisor;
  return { ...q, unscaled: quotient * divisor === q.unscaled ? quotient : quotient + 1n, scale };
}

function compareAbs(q: Quantity, integer: bigint): number {
  const abs = q.unscaled < 0n ? -q.unscaled : q.unscaled;
  return compare({ ...q, unscaled: abs }, { ...ZERO_QUANTITY, unscaled: integer });
}

function isInteger(q: Quantity): boolean {
  return q.scale <= 0 || q.unscaled % 10n ** BigInt(q.scale) === 0n;
}

function integerPart(q: Quantity): bigint {
  return q.scale <= 0 ? q.unscaled * 10n ** BigInt(-q.scale) : q.unscaled / 10n ** BigInt(q.scale);
}
