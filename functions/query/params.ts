import { CLUSTER_NAME_PATTERN, DNS_LABEL, WORKLOAD } from '../domain/names.js';
import {
  EARLIEST_INSTANT_MS,
  INSTANT_RANGE_TEXT,
  isInstantInRange,
  parseInstantOrAgo,
} from '../domain/time-input.js';
import { InvalidParameterError } from './errors.js';

/**
 * Query-string validation at the edge: every route declares the parameters it accepts, and each
 * getter returns a typed value or throws an InvalidParameterError whose message names the
 * parameter, quotes the value and says what was expected.
 */
export class QueryParams {
  readonly #values: ReadonlyMap<string, string>;

  constructor(rawQueryString: string, allowed: readonly string[]) {
    const values = new Map<string, string>();
    for (const [name, value] of new URLSearchParams(rawQueryString)) {
      if (!allowed.includes(name)) {
        throw new InvalidParameterError(
          name,
          `unknown parameter; this route accepts ${allowed.map((a) => `"${a}"`).join(', ')}`,
        );
      }
      if (values.has(name)) throw new InvalidParameterError(name, 'given more than once; give it once');
      values.set(name, value);
    }
    this.#values = values;
  }

  /** The canonical form of every parameter but those named: what a cursor is bound to. */
  canonical(except: readonly string[]): string {
    return [...this.#values]
      .filter(([name]) => !except.includes(name))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
      .join('&');
  }

  raw(name: string): string | undefined {
    const value = this.#values.get(name);
    return value === '' ? undefined : value;
  }

  required(name: string, what: string): string {
    const value = this.raw(name);
    if (value === undefined) throw new InvalidParameterError(name, `required (${what})`);
    return value;
  }

  matching(name: string, pattern: RegExp, what: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!pattern.test(value)) throw new InvalidParameterError(name, `${quote(value)} is not ${what}`);
    return value;
  }

  cluster(required: true): string;
  cluster(required: false): string | undefined;
  cluster(required: boolean): string | undefined {
    if (required) this.required('cluster', 'the cluster name the agent reports, e.g. prod-eu-1');
    return this.matching(
      'cluster',
      CLUSTER_NAME_PATTERN,
      'a cluster name (lower-case DNS label, e.g. prod-eu-1)',
    );
  }

  namespace(): string | undefined {
    return this.matching('namespace', DNS_LABEL, 'a Kubernetes namespace (lower-case DNS label)');
  }

  /** `workload`: a name or Kind/name. */
  workload(): string | undefined {
    return this.matching('workload', WORKLOAD, 'a workload (name or Kind/name, e.g. Deployment/web)');
  }

  /** `workload` for routes that look it up per namespace: refused without `namespace`. */
  workloadIn(namespace: string | undefined): string | undefined {
    const workload = this.workload();
    if (workload !== undefined && namespace === undefined)
      throw new InvalidParameterError('workload', 'needs namespace too (workloads are namespaced)');
    return workload;
  }

  /** An integer in [min, max], or the default. */
  integer(name: string, range: { min: number; max: number; default: number }): number {
    const value = this.raw(name);
    if (value === undefined) return range.default;
    const n = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < range.min || n > range.max) {
      throw new InvalidParameterError(
        name,
        `${quote(value)} is out of range: expected an integer from ${range.min} to ${range.max}`,
      );
    }
    return n;
  }

  /** `true` or `false`; absent or empty is false. */
  boolean(name: string): boolean {
    const value = this.raw(name);
    if (value === undefined || value === 'false') return false;
    if (value === 'true') return true;
    throw new InvalidParameterError(name, `${quote(value)} is not a boolean: give true or false`);
  }

  /** A comma-separated list of distinct names from `allowed`. */
  list<T extends string>(name: string, allowed: readonly T[], fallback: readonly T[]): readonly T[] {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const items = value.split(',').map((s) => s.trim());
    const out: T[] = [];
    for (const item of items) {
      if (!(allowed as readonly string[]).includes(item)) {
        throw new InvalidParameterError(
          name,
          `${quote(item)} is not one of ${allowed.join(', ')} (give a comma-separated list)`,
        );
      }
      if (out.includes(item as T)) throw new InvalidParameterError(name, `${quote(item)} is listed twice`);
      out.push(item as T);
    }
    return out;
  }

  /** A half-open window [since, until) from RFC 3339 times or durations before `now` (domain/time-input.ts). */
  window(now: number, defaultSinceMs: number): { since: string; until: string } {
    const until = this.instant('until', now) ?? now;
    const since = this.instant('since', now) ?? Math.max(EARLIEST_INSTANT_MS, until - defaultSinceMs);
    if (since >= until) {
      throw new InvalidParameterError(
        'since',
        `${new Date(since).toISOString()} is not before until ${new Date(until).toISOString()}`,
      );
    }
    return { since: new Date(since).toISOString(), until: new Date(until).toISOString() };
  }

  instant(name: string, now: number): number | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    const ms = parseInstantOrAgo(value, now);
    if (ms === undefined) {
      throw new InvalidParameterError(
        name,
        `${quote(value)} is not a time: expected RFC 3339 (e.g. 2026-11-23T10:00:00Z) or a duration like 2h, 30m, 7d`,
      );
    }
    if (!isInstantInRange(ms))
      throw new InvalidParameterError(
        name,
        `${quote(value)} is out of range: the time must be ${INSTANT_RANGE_TEXT}`,
      );
    return ms;
  }
}

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
