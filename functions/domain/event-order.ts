/**
 * How podtrail orders what it observes of one pod (docs/wire-format.md, Semantics): by resourceVersion, compared as
 * integers when both are decimal strings (etcd revisions, and comparable by contract since
 * Kubernetes 1.35), else by observedAt. Every order in the store is a string order over
 * `orderKey`, so ordering and keys cannot disagree.
 */

/** Up to 10^24: etcd revisions are int64 (19 digits); the margin costs nothing. */
const DECIMAL_RV = /^[0-9]{1,24}$/;
const KEY_DIGITS = 24;

export function isDecimalResourceVersion(rv: string): boolean {
  return DECIMAL_RV.test(rv);
}

/**
 * `n` + the zero-padded integer for decimal resourceVersions (leading zeros do not make a new
 * version), else `t` + observedAt + `#` + rv. Decimal keys sort before time keys: a cluster uses one
 * kind, and mixing them is ordered deterministically even if not meaningfully.
 */
export function orderKey(resourceVersion: string, observedAt: string): string {
  if (isDecimalResourceVersion(resourceVersion)) {
    const digits = resourceVersion.replace(/^0+(?=.)/, '');
    return `n${digits.padStart(KEY_DIGITS, '0')}`;
  }
  return `t${observedAt}#${resourceVersion}`;
}

/**
 * A key ordered by observation time, not by resourceVersion (the resourceVersion was not a decimal
 * string): such keys may move when an earlier delivery of the same version arrives.
 */
export function isTimeOrderedKey(key: string): boolean {
  return key.startsWith('t');
}

/** The identity of one observed version of an object: the same for every delivery of it. */
export function versionIdentity(resourceVersion: string): string {
  return isDecimalResourceVersion(resourceVersion)
    ? resourceVersion.replace(/^0+(?=.)/, '')
    : resourceVersion;
}

/** RFC 3339 → the canonical UTC form with milliseconds, so equal instants are equal strings. */
export function canonicalTime(value: string): string | undefined {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms).toISOString();
}

/** The UTC day of a canonical timestamp, `YYYY-MM-DD`: the time bucket of index keys. */
export function dayOf(time: string): string {
  return time.slice(0, 10);
}

/** Every UTC day from `from` to `to` inclusive (both canonical timestamps), capped at `max` days. */
export function daysBetween(from: string, to: string, max: number): string[] {
  const days: string[] = [];
  let ms = Date.parse(`${dayOf(from)}T00:00:00.000Z`);
  const end = Date.parse(`${dayOf(to)}T00:00:00.000Z`);
  while (ms <= end && days.length < max) {
    days.push(new Date(ms).toISOString().slice(0, 10));
    ms += 86_400_000;
  }
  return days;
}

export function minTime(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a <= b ? a : b;
}

export function maxTime(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}
