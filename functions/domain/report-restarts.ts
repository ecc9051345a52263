import { compareText } from './compare-text.js';
import type { RestartRecord } from './model.js';

/**
 * The fleet restart audit: restarts from the ledger grouped by any combination of cluster,
 * namespace, workload, container, termination reason and exit code, ranked, with totals.
 *
 * Counting rule: a record stands for 1 + `unobserved` restarts (a jump of k in restartCount between
 * two observations is one record with unobserved = k − 1), so totals equal the sum of restartCount
 * increments in the ledger. Reason and exit code describe the observed restart of a record; the
 * unobserved ones counted with it are reported in `unobserved`, never given a reason of their own.
 */
export const RESTART_GROUP_KEYS = [
  'cluster',
  'namespace',
  'workload',
  'container',
  'reason',
  'exitCode',
] as const;
export type RestartGroupKey = (typeof RESTART_GROUP_KEYS)[number];

/** Shown for a record without a termination reason / exit code. */
export const NO_VALUE = '<none>';
const OOM_KILLED = 'OOMKilled';

export interface RestartCounts {
  /** Restarts, unobserved included. */
  readonly restarts: number;
  /** Of those, restarts seen only as a jump in restartCount. */
  readonly unobserved: number;
  /** Ledger records. */
  readonly records: number;
  /** Observed restarts whose last termination reason was OOMKilled. */
  readonly oomKilled: number;
  /** Distinct pod incarnations (cluster + uid). */
  readonly pods: number;
  /** Observed restarts by exit code ("<none>" when the record has none). */
  readonly exitCodes: Readonly<Record<string, number>>;
  /** Observed restarts by termination reason. */
  readonly reasons: Readonly<Record<string, number>>;
  /** Newest restart time in the group (finishedAt, else observedAt). */
  readonly lastAt?: string;
}

export interface RestartGroup extends RestartCounts {
  /** Values of the grouped keys only, e.g. { cluster: "prod-eu-1", workload: "Deployment/web" }. */
  readonly key: Readonly<Partial<Record<RestartGroupKey, string>>>;
  /**
   * When asked for: the top Warning event reasons seen before the group's restarts, by occurrences,
   * most frequent first (restart-warnings.ts).
   */
  readonly warnings?: Readonly<Record<string, number>>;
}

export interface RestartReport {
  readonly groupBy: readonly RestartGroupKey[];
  readonly totals: RestartCounts & { readonly groups: number; readonly clusters: number };
  /** The top groups by restarts (ties: newest lastAt first, then key). */
  readonly groups: readonly RestartGroup[];
}

interface Tally {
  restarts: number;
  unobserved: number;
  records: number;
  oomKilled: number;
  pods: Set<string>;
  exitCodes: Map<string, number>;
  reasons: Map<string, number>;
  lastAt: string | undefined;
}

export function restartKeyValue(record: RestartRecord, key: RestartGroupKey): string {
  switch (key) {
    case 'cluster':
      return record.cluster;
    case 'namespace':
      return record.namespace;
    case 'workload':
      return `${record.workload.kind}/${record.workload.name}`;
    case 'container':
      return record.container;
    case 'reason':
      return record.reason === '' ? NO_VALUE : record.reason;
    case 'exitCode':
      return record.exitCode === undefined ? NO_VALUE : String(record.exitCode);
  }
}

/** A record's group: the values of the grouped keys, and an id shared by every record of the group. */
export function restartGroupOf(
  record: RestartRecord,
  groupBy: readonly RestartGroupKey[],
): { key: Partial<Record<RestartGroupKey, string>>; id: string } {
  const key: Partial<Record<RestartGroupKey, string>> = {};
  for (const k of groupBy) key[k] = restartKeyValue(record, k);
  return { key, id: restartGroupId(key, groupBy) };
}

/** The id of the group with these key values (as restartGroupOf gives it). */
export function restartGroupId(
  key: Readonly<Partial<Record<RestartGroupKey, string>>>,
  groupBy: readonly RestartGroupKey[],
): string {
  return JSON.stringify(groupBy.map((k) => key[k]));
}

/** Streams ledger pages in; `report` ranks at the end. Memory is one tally per group. */
export function createRestartAggregator(groupBy: readonly RestartGroupKey[]) {
  const groups = new Map<string, { key: Partial<Record<RestartGroupKey, string>>; tally: Tally }>();
  const total = emptyTally();
  const clusters = new Set<string>();

  return {
    add(records: readonly RestartRecord[]): void {
      for (const record of records) {
        const { key, id } = restartGroupOf(record, groupBy);
        let group = groups.get(id);
        if (group === undefined) {
          group = { key, tally: emptyTally() };
          groups.set(id, group);
        }
        addTo(group.tally, record);
        addTo(total, record);
        clusters.add(record.cluster);
      }
    },
    report(top: number): RestartReport {
      const ranked = [...groups.values()]
        .map(({ key, tally }) => ({ key, ...freeze(tally) }))
        .sort(compareGroups(groupBy));
      return {
        groupBy,
        totals: { ...freeze(total), groups: groups.size, clusters: clusters.size },
        groups: ranked.slice(0, top),
      };
    },
  };
}

function emptyTally(): Tally {
  return {
    restarts: 0,
    unobserved: 0,
    records: 0,
    oomKilled: 0,
    pods: new Set(),
    exitCodes: new Map(),
    reasons: new Map(),
    lastAt: undefined,
  };
}

function addTo(tally: Tally, record: RestartRecord): void {
  const unobserved = Math.max(0, record.unobserved);
  tally.restarts += 1 + unobserved;
  tally.unobserved += unobserved;
  tally.records += 1;
  if (record.reason === OOM_KILLED) tally.oomKilled += 1;
  tally.pods.add(`${record.cluster}/${record.uid}`);
  increment(tally.exitCodes, restartKeyValue(record, 'exitCode'));
  increment(tally.reasons, restartKeyValue(record, 'reason'));
  const at = record.finishedAt ?? record.observedAt;
  if (tally.lastAt === undefined || at > tally.lastAt) tally.lastAt = at;
}

function increment(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Counts sorted by frequency, then value, so that JSON output is stable. */
function sortedCounts(map: Map<string, number>): Record<string, number> {
  const entries = [...map].sort(([a, x], [b, y]) => y - x || compareText(a, b));
  return Object.fromEntries(entries);
}

function freeze(tally: Tally): RestartCounts {
  return {
    restarts: tally.restarts,
    unobserved: tally.unobserved,
    records: tally.records,
    oomKilled: tally.oomKilled,
    pods: tally.pods.size,
    exitCodes: sortedCounts(tally.exitCodes),
    reasons: sortedCounts(tally.reasons),
    ...(tally.lastAt === undefined ? {} : { lastAt: tally.lastAt }),
  };
}

function compareGroups(groupBy: readonly RestartGroupKey[]) {
  return (a: RestartGroup, b: RestartGroup): number => {
    if (a.restarts !== b.restarts) return b.restarts - a.restarts;
    const at = compareText(b.lastAt ?? '', a.lastAt ?? '');
    if (at !== 0) return at;
    for (const k of groupBy) {
      const c = compareText(a.key[k] ?? '', b.key[k] ?? '');
      if (c !== 0) return c;
    }
    return 0;
  };
}
