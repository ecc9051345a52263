import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { barLength, MIN_BAR_PX, niceCeiling } from '../../ui/charts/bar-scale.js';
import { DayBars } from '../../ui/charts/day-bars.js';
import { PercentileChart } from '../../ui/charts/percentile-chart.js';
import { RankedBars } from '../../ui/charts/ranked-bars.js';
import { isBadStatus } from '../../ui/views/bad-status.js';
import { dayBuckets } from '../../ui/views/report-days.js';

/** The report charts and helpers as pure functions: props in, SVG out (rendered here to a string). */
const widths = (svg: string, cls: string) =>
  [...svg.matchAll(new RegExp(`<rect[^>]*class="${cls}"[^>]*>`, 'g'))].map((m) =>
    Number(/width="([\d.]+)"/.exec(m[0])![1]),
  );

describe('bar lengths', () => {
  it.each([
    ['zero stays zero', 0, 100, 400, 0],
    ['the largest fills the span', 100, 100, 400, 400],
    ['half is half', 50, 100, 400, 200],
    ['a tiny non-zero value is still 1 px wide', 1, 1_000_000, 400, MIN_BAR_PX],
    ['a value past the top is clamped to the span', 120, 100, 400, 400],
    ['an empty scale draws nothing', 5, 0, 400, 0],
  ])('%s', (_, value, max, span, expected) => {
    expect(barLength(value, max, span)).toBe(expected);
  });

  it.each([
    [0, 1],
    [1, 1],
    [7, 8],
    [63, 80],
    [17, 20],
    [101, 120],
    [63_000, 80_000],
  ])('the axis top for %d is %d', (max, top) => {
    expect(niceCeiling(max)).toBeCloseTo(top, 9);
  });
});

describe('RankedBars', () => {
  const svg = renderToString(
    h(RankedBars, {
      title: 'Restarts by reason',
      bars: [
        {
          label: 'Error',
          value: 10_000,
          part: 1,
          href: '/restarts?open=%5B%22Error%22%5D',
          description: 'Error: 10000',
        },
        { label: 'OOMKilled', value: 1, description: 'OOMKilled: 1' },
      ],
    }),
  );

  it('keeps a one-restart bar visible next to a 10,000-restart one, and its one unobserved restart too', () => {
    expect(widths(svg, 'bar-main')[1]).toBe(MIN_BAR_PX);
    expect(widths(svg, 'bar-part')).toEqual([MIN_BAR_PX]);
  });

  it('makes a bar with an href a named link and leaves the others plain', () => {
    expect(svg).toContain('<a href="/restarts?open=%5B%22Error%22%5D" aria-label="Error: 10000">');
    expect(svg.match(/<a /g)).toHaveLength(1);
    expect(svg).toContain('role="group" aria-label="Restarts by reason"');
  });
});

describe('DayBars', () => {
  it('draws one bar per day with its count, a 1 px bar for a small day and none for an empty one', () => {
    const svg = renderToString(
      h(DayBars, {
        title: 'Restarts per day in demo',
        days: [
          { day: '2026-11-22', count: 0 },
          { day: '2026-11-23', count: 1 },
          { day: '2026-11-24', count: 500 },
        ],
        max: 500,
      }),
    );
    expect([...svg.matchAll(/data-count="(\d+)"/g)].map((m) => m[1])).toEqual(['0', '1', '500']);
    expect(svg).toContain(
      'aria-label="Restarts per day in demo: 2026-11-22 0, 2026-11-23 1, 2026-11-24 500"',
    );
    const heights = [...svg.matchAll(/<rect[^>]*fill="#d64545"[^>]*>/g)].map((m) =>
      Number(/height="([\d.]+)"/.exec(m[0])![1]),
    );
    expect(heights).toEqual([MIN_BAR_PX, 26]);
  });
});

describe('PercentileChart', () => {
  it('nests p50 inside p90 inside p99 on one axis and says when no pod reached a phase', () => {
    const svg = renderToString(
      h(PercentileChart, {
        title: 'Startup',
        rows: [
          {
            label: 'STARTUP',
            distribution: { count: 10, min: 1000, p50: 2000, p90: 9000, p99: 30_000, max: 30_000 },
          },
          { label: 'INIT', distribution: undefined },
        ],
        format: (ms: number) => `${ms / 1000}s`,
      }),
    );
    const ms = [...svg.matchAll(/data-percentile="(p\d+)" data-ms="(\d+)"/g)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    expect(ms).toEqual([
      ['p99', 30_000],
      ['p90', 9000],
      ['p50', 2000],
    ]);
    expect(svg).toContain('STARTUP: p50 2s, p90 9s, p99 30s, max 30s (10 pods)');
    expect(svg).toContain('INIT: no pod reached this milestone');
  });
});

describe('day buckets', () => {
  it('splits a window at UTC midnights, clipped to the window, so the days add up to it', () => {
    expect(
      dayBuckets({ since: '2026-11-21T13:00:00.000Z', until: '2026-11-23T13:00:00.000Z' }, 'utc'),
    ).toEqual([
      { label: '2026-11-21', since: '2026-11-21T13:00:00.000Z', until: '2026-11-22T00:00:00.000Z' },
      { label: '2026-11-22', since: '2026-11-22T00:00:00.000Z', until: '2026-11-23T00:00:00.000Z' },
      { label: '2026-11-23', since: '2026-11-23T00:00:00.000Z', until: '2026-11-23T13:00:00.000Z' },
    ]);
  });

  it('uses buckets of several days when the window is longer than 31 days', () => {
    const buckets = dayBuckets(
      { since: '2026-01-01T00:00:00.000Z', until: '2026-03-02T00:00:00.000Z' },
      'utc',
    );
    expect(buckets.length).toBeLessThanOrEqual(31);
    expect(buckets[0]!.since).toBe('2026-01-01T00:00:00.000Z');
    expect(buckets.at(-1)!.until).toBe('2026-03-02T00:00:00.000Z');
    for (let i = 1; i < buckets.length; i++) expect(buckets[i]!.since).toBe(buckets[i - 1]!.until);
  });

  it('splits at local midnights in the local zone, a day across the end of summer time being 25 hours', () => {
    const zone = process.env.TZ;
    process.env.TZ = 'Europe/Paris';
    try {
      const buckets = dayBuckets(
        { since: '2026-10-24T12:00:00.000Z', until: '2026-10-26T12:00:00.000Z' },
        'local',
      );
      expect(buckets).toEqual([
        { label: '2026-10-24', since: '2026-10-24T12:00:00.000Z', until: '2026-10-24T22:00:00.000Z' },
        { label: '2026-10-25', since: '2026-10-24T22:00:00.000Z', until: '2026-10-25T23:00:00.000Z' },
        { label: '2026-10-26', since: '2026-10-25T23:00:00.000Z', until: '2026-10-26T12:00:00.000Z' },
      ]);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('gives nothing for an empty window', () => {
    expect(dayBuckets({ since: '2026-11-23T13:00:00Z', until: '2026-11-23T13:00:00Z' }, 'utc')).toEqual([]);
  });
});

describe('bad STATUS', () => {
  // Each failure next to the normal STATUS of the same stage (kubectl's words, as recorded).
  it.each([
    { status: 'Running', bad: false },
    { status: 'CrashLoopBackOff', bad: true },
    { status: 'Error', bad: true },
    { status: 'OOMKilled', bad: true },
    { status: 'Completed', bad: false },
    { status: 'Succeeded', bad: false },
    { status: 'Pending', bad: false },
    { status: 'Evicted', bad: true },
    { status: 'Unknown', bad: true },
    { status: 'ContainerCreating', bad: false },
    { status: 'ImagePullBackOff', bad: true },
    { status: 'ErrImagePull', bad: true },
    { status: 'CreateContainerConfigError', bad: true },
    { status: 'Init:0/1', bad: false },
    { status: 'Init:2/3', bad: false },
    { status: 'Init:Error', bad: true },
    { status: 'Init:CrashLoopBackOff', bad: true },
    { status: 'PodInitializing', bad: false },
    { status: 'Terminating', bad: false },
  ])('$status is bad: $bad', ({ status, bad }) => expect(isBadStatus(status)).toBe(bad));
});
