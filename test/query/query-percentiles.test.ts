import { describe, expect, it } from 'vitest';
import { distribution, nearestRank } from '../../functions/domain/percentiles.js';
import { groupStartups, podStartup, startupDurations } from '../../functions/domain/report-startup.js';
import { pod, startup } from '../support/query-builders.js';

describe('nearest-rank percentiles', () => {
  // Hand-computed: 20 values 1..20 → p50 = rank 10 → 10; p90 = rank 18 → 18; p99 = rank ⌈19.8⌉ = 20.
  const twenty = Array.from({ length: 20 }, (_, i) => 20 - i);
  it('of 1..20 are 10, 18, 20', () => {
    expect(distribution(twenty)).toEqual({ count: 20, min: 1, p50: 10, p90: 18, p99: 20, max: 20 });
  });

  it.each([
    [[7], 50, 7],
    [[3, 1, 2], 50, 2],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4], 90, 4],
    [[5, 1, 9, 3, 7, 2, 8, 4, 6, 10], 90, 9],
    [[5, 1, 9, 3, 7, 2, 8, 4, 6, 10], 99, 10],
  ])('of %j at p%d is %d', (values, p, expected) => {
    expect(
      nearestRank(
        [...values].sort((a, b) => a - b),
        p,
      ),
    ).toBe(expected);
  });

  it('of no values is undefined', () => {
    expect(distribution([])).toBeUndefined();
  });
});

describe('startup phases', () => {
  it('are spans between consecutive milestones, startup = scheduling + container start', () => {
    expect(startupDurations(startup(0, { scheduled: 2, initialized: 5, started: 9, ready: 12 }))).toEqual({
      scheduling: 2000,
      initialization: 3000,
      containerStart: 4000,
      readiness: 3000,
      startup: 6000,
      toReady: 12000,
    });
  });

  it('leave out a phase whose milestone was never reached', () => {
    expect(startupDurations(startup(0, { scheduled: 1 }))).toEqual({ scheduling: 1000 });
  });

  it('count clock skew below zero as zero', () => {
    expect(startupDurations(startup(10, { scheduled: -1, initialized: 0 }))).toEqual({
      scheduling: 0,
      initialization: 1000,
    });
  });

  it('group per workload with hand-computed percentiles', () => {
    // Deployment/web: scheduling 1,2,3,4,10 s → p50 rank 3 = 3 s, p90 rank 5 = 10 s, p99 = 10 s.
    const web = [1, 2, 3, 4, 10].map(
      (s, i) =>
        podStartup(
          pod({
            uid: `w${i}`,
            workload: { kind: 'Deployment', name: 'web' },
            startup: startup(i, { scheduled: s }),
          }),
        )!,
    );
    const api = [
      podStartup(
        pod({
          uid: 'a',
          workload: { kind: 'Deployment', name: 'api' },
          startup: startup(0, { scheduled: 5 }),
        }),
      )!,
    ];
    const groups = groupStartups([...web, ...api], ['workload']);
    expect(groups.map((g) => [g.key.workload, g.pods, g.phases.scheduling])).toEqual([
      ['Deployment/api', 1, { count: 1, min: 5000, p50: 5000, p90: 5000, p99: 5000, max: 5000 }],
      ['Deployment/web', 5, { count: 5, min: 1000, p50: 3000, p90: 10000, p99: 10000, max: 10000 }],
    ]);
  });
});
