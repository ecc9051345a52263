import { describe, expect, it } from 'vitest';
import type { RestartRecord } from '../../functions/domain/model.js';
import { createRestartAggregator } from '../../functions/domain/report-restarts.js';
import { restart } from '../support/query-builders.js';

function withoutExitCode(record: RestartRecord): RestartRecord {
  const { exitCode: _, ...rest } = record;
  return rest;
}

const LEDGER = [
  restart({
    uid: 'a',
    name: 'api-1',
    workload: { kind: 'Deployment', name: 'api' },
    reason: 'OOMKilled',
    exitCode: 137,
  }),
  restart({
    uid: 'a',
    name: 'api-1',
    workload: { kind: 'Deployment', name: 'api' },
    reason: 'OOMKilled',
    exitCode: 137,
    restartCount: 2,
  }),
  restart({
    uid: 'b',
    name: 'api-2',
    workload: { kind: 'Deployment', name: 'api' },
    reason: 'Error',
    exitCode: 1,
    unobserved: 3,
    restartCount: 4,
  }),
  restart({ uid: 'c', name: 'web-0', cluster: 'prod', reason: 'Completed', exitCode: 0 }),
  withoutExitCode(
    restart({ uid: 'd', name: 'job-x', cluster: 'prod', container: 'sidecar', init: true, reason: '' }),
  ),
];

describe('restart aggregation', () => {
  const aggregate = (groupBy: Parameters<typeof createRestartAggregator>[0], top = 20) => {
    const agg = createRestartAggregator(groupBy);
    agg.add(LEDGER);
    return agg.report(top);
  };

  it('counts a jump of k as k restarts, k − 1 of them unobserved', () => {
    const report = aggregate(['workload']);
    expect(report.totals).toMatchObject({
      restarts: 8,
      unobserved: 3,
      records: 5,
      oomKilled: 2,
      pods: 4,
      clusters: 2,
    });
    expect(report.groups[0]).toMatchObject({
      key: { workload: 'Deployment/api' },
      restarts: 6,
      unobserved: 3,
      records: 3,
      pods: 2,
    });
  });

  it('ranks by restarts and sums of groups equal the totals under every grouping', () => {
    for (const groupBy of [
      ['cluster'],
      ['namespace', 'container'],
      ['reason', 'exitCode'],
      ['cluster', 'namespace', 'workload', 'container', 'reason', 'exitCode'],
    ] as const) {
      const report = aggregate(groupBy);
      expect(report.groups.reduce((n, g) => n + g.restarts, 0)).toBe(report.totals.restarts);
      expect(report.groups.reduce((n, g) => n + g.oomKilled, 0)).toBe(report.totals.oomKilled);
      const ranked = report.groups.map((g) => g.restarts);
      expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
    }
  });

  it('shows a missing reason or exit code as <none>', () => {
    const report = aggregate(['reason', 'exitCode']);
    expect(report.groups.map((g) => [g.key.reason, g.key.exitCode, g.restarts])).toEqual([
      ['Error', '1', 4],
      ['OOMKilled', '137', 2],
      ['<none>', '<none>', 1],
      ['Completed', '0', 1],
    ]);
  });

  it('keeps totals over every group when only the top N are returned', () => {
    const report = aggregate(['namespace', 'workload', 'container'], 1);
    expect(report.groups).toHaveLength(1);
    expect(report.totals.groups).toBe(3);
    expect(report.totals.restarts).toBe(8);
  });

  it('counts exit codes and reasons of observed restarts', () => {
    const report = aggregate([]);
    expect(report.groups).toHaveLength(1);
    expect(report.totals.exitCodes).toEqual({ '137': 2, '0': 1, '1': 1, '<none>': 1 });
    expect(report.totals.reasons).toEqual({ OOMKilled: 2, '<none>': 1, Completed: 1, Error: 1 });
  });
});
