import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { SwimLanes } from '../../functions/domain/timeline-lanes.js';
import { chartLayout, SwimLaneChart, timeAtX } from '../../ui/charts/swim-lanes.js';
import { cliCommands } from '../../ui/pod/cli-commands.js';
import { nearestRow, rowAt } from '../../ui/pod/timeline-data.js';
import { clampWindow, pan, zoom } from '../../ui/pod/zoom.js';
import { at, entry, T0 } from '../support/query-builders.js';

/** The shared swim-lane chart and the pod page's pure helpers, without a browser. */
const S = 1000;
const model: SwimLanes = {
  start: T0,
  end: T0 + 3600 * S,
  lanes: [
    {
      id: 'status',
      title: 'STATUS',
      kind: 'status',
      segments: [
        { start: T0, end: T0 + 100, label: 'Pending 0/1', tone: 'waiting' },
        { start: T0 + 100, end: T0 + 3600 * S, label: 'Running 1/1', tone: 'running' },
      ],
      markers: [{ at: T0 + 1800 * S, kind: 'gap', label: 'gap', since: T0 + 1700 * S }],
    },
  ],
};
const render = (props: Partial<Parameters<typeof SwimLaneChart>[0]> = {}) =>
  renderToString(h(SwimLaneChart, { model, label: 'lanes', ...props }));
const widths = (svg: string) =>
  [...svg.matchAll(/class="segment[^"]*" x="[^"]*" y="[^"]*" width="([^"]+)"/g)].map((m) => Number(m[1]));

describe('the swim-lane chart', () => {
  it('draws a 100 ms state on an hour-long axis 1 px wide, not 0', () => {
    expect(widths(render())[0]).toBe(1);
  });

  it('hatches the span a gap leaves incomplete, from its start to where it was reported', () => {
    const svg = render({ width: 1090 });
    const layout = chartLayout(model, 1090);
    const gap = /class="incomplete incomplete-gap" x="([^"]+)" y="[^"]+" width="([^"]+)"/.exec(svg);
    expect(Number(gap?.[1])).toBeCloseTo(layout.plotLeft + (1700 / 3600) * layout.plotWidth, 0);
    expect(Number(gap?.[2])).toBeCloseTo((100 / 3600) * layout.plotWidth, 0);
    expect(svg).toContain('fill="url(#lanes-hatch)"');
  });

  it('draws only what is in the zoomed window, clipped to the plot', () => {
    const svg = render({ window: { start: T0 + 600 * S, end: T0 + 1200 * S }, width: 1090 });
    expect(widths(svg)).toEqual([chartLayout(model, 1090).plotWidth]);
    expect(svg).not.toContain('incomplete-gap');
  });

  it('leaves out states hidden inside a pixel already painted: about one per pixel of 3,600', () => {
    const many: SwimLanes = {
      ...model,
      lanes: [
        {
          ...model.lanes[0]!,
          markers: [],
          segments: Array.from({ length: 3600 }, (_, i) => ({
            start: T0 + i * S,
            end: T0 + (i + 1) * S,
            label: i % 2 === 0 ? 'Running 1/1' : 'Error 0/1',
            tone: i % 2 === 0 ? ('running' as const) : ('failing' as const),
          })),
        },
      ],
    };
    const drawn = widths(render({ model: many, width: 1090 }));
    expect(drawn.length).toBeLessThanOrEqual(chartLayout(many, 1090).plotWidth * 1.05);
    expect(drawn.every((w) => w >= 1)).toBe(true);
  });

  it('maps an x position back to its time (clamped to the plot)', () => {
    const layout = chartLayout(model, 1090);
    const window = { start: model.start, end: model.end };
    expect(timeAtX(layout.plotLeft + layout.plotWidth / 2, layout, window)).toBe(T0 + 1800 * S);
    expect(timeAtX(0, layout, window)).toBe(T0);
  });
});

describe('zoom and pan', () => {
  const whole = { start: 0, end: 100_000 };
  it.each([
    [
      'zooming in halves the span around the anchor',
      zoom(whole, whole, 0.5, 50_000),
      { start: 25_000, end: 75_000 },
    ],
    ['zooming out never leaves the whole life', zoom({ start: 0, end: 60_000 }, whole, 4), whole],
    [
      'panning stops at the end',
      pan({ start: 80_000, end: 100_000 }, whole, 0.5),
      { start: 80_000, end: 100_000 },
    ],
    [
      'a window narrower than 2 s widens to 2 s',
      clampWindow({ start: 10_000, end: 10_100 }, whole),
      { start: 10_000, end: 12_000 },
    ],
  ])('%s', (_name, got, want) => {
    expect(got).toEqual(want);
  });
});

describe('rows and moments', () => {
  const entries = [
    entry({ observedAt: at(0) }),
    entry({ observedAt: at(10) }),
    entry({ observedAt: at(20) }),
  ];
  it.each([
    ['before the first row: the first', T0 - 5000, 0, 0],
    ['between rows: the one in effect, and the nearest', T0 + 16_000, 1, 2],
    ['after the last: the last', T0 + 99_000, 2, 2],
  ])('%s', (_name, time, inEffect, nearest) => {
    expect([rowAt(entries, time), nearestRow(entries, time)]).toEqual([inEffect, nearest]);
  });
});

describe('copy as CLI', () => {
  it('names the incarnation, the rows format and the moment, under TZ=UTC when the page shows UTC', () => {
    expect(
      cliCommands({
        cluster: 'prod-eu-1',
        namespace: 'shop',
        name: 'web-0',
        uid: 'u-1',
        wide: true,
        at: '2026-11-23T10:00:03.120Z',
        utc: true,
      }),
    ).toEqual([
      'podtrail timeline web-0 -n shop --cluster prod-eu-1 --uid u-1 -o wide --events',
      'TZ=UTC podtrail describe web-0 -n shop --cluster prod-eu-1 --uid u-1 --at 2026-11-23T10:00:03.120Z',
    ]);
  });
});
