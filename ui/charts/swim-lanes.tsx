/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The pragmas keep this file Preact's wherever it is compiled: the CLI runs it through tsx from any
// working directory, where no tsconfig says how to compile JSX.
import type { JSX } from 'preact';
import type { SwimLanes } from '../../functions/domain/timeline-lanes.js';
import { iso, LABEL_WIDTH, LANE_HEIGHT, n } from './chart-style.js';
import { LaneGroup } from './lane-group.js';
import { axisTicks, formatUtcTick } from './time-axis.js';

export { TONES } from './chart-style.js';
export { Legend, legendCss } from './legend.js';

/**
 * The swim lanes of one incarnation as SVG: the one drawing shared by `podtrail timeline --html`
 * (rendered to a string by preact-render-to-string) and the web UI's pod page (rendered live).
 * Pure: no state, no handlers; the page maps pointer positions to times with `timeAtX`.
 *
 * Every state gets at least 1 px so a short one never disappears on a long range; states, markers
 * and events outside the visible window are not drawn.
 */
export const RIGHT_PAD = 20;
export const DEFAULT_WIDTH = 1110;
const LANE_GAP = 10;
const AXIS_HEIGHT = 30;
const EVENT_LANE_HEIGHT = 14;

/** A recorded Kubernetes Event version, placed on the events lane. */
export interface EventMark {
  readonly at: number;
  readonly type: string;
  readonly reason: string;
  readonly text: string;
}

export interface SwimLaneChartProps {
  readonly model: SwimLanes;
  /** Accessible name of the chart, e.g. "swim lanes of default/web-0 (uid …)". */
  readonly label: string;
  readonly events?: readonly EventMark[];
  /** The visible time window (zoom); default the model's whole span. */
  readonly window?: { readonly start: number; readonly end: number };
  readonly width?: number;
  readonly tickLabel?: (t: number, span: number) => string;
  /** The selected moment (a solid cursor) and the hovered one (dashed). */
  readonly selectedAt?: number | undefined;
  readonly hoverAt?: number | undefined;
  /** Unique per page, for the hatch pattern's id. */
  readonly idPrefix?: string;
}

export interface ChartLayout {
  readonly width: number;
  readonly height: number;
  readonly plotLeft: number;
  readonly plotWidth: number;
}

export function chartLayout(model: SwimLanes, width = DEFAULT_WIDTH, hasEvents = false): ChartLayout {
  const height =
    AXIS_HEIGHT * 2 +
    model.lanes.length * (LANE_HEIGHT + LANE_GAP) +
    (hasEvents ? EVENT_LANE_HEIGHT + LANE_GAP : 0);
  return { width, height, plotLeft: LABEL_WIDTH, plotWidth: Math.max(50, width - LABEL_WIDTH - RIGHT_PAD) };
}

/** The time under x (in the SVG's user units), clamped to the window. */
export function timeAtX(x: number, layout: ChartLayout, window: { start: number; end: number }): number {
  const fraction = Math.min(1, Math.max(0, (x - layout.plotLeft) / layout.plotWidth));
  return window.start + fraction * (window.end - window.start);
}

export function SwimLaneChart(props: SwimLaneChartProps): JSX.Element {
  const { model } = props;
  const events = props.events ?? [];
  const layout = chartLayout(model, props.width, events.length > 0);
  const window = props.window ?? { start: model.start, end: model.end };
  const span = Math.max(1, window.end - window.start);
  const x = (t: number) => layout.plotLeft + ((t - window.start) / span) * layout.plotWidth;
  const clampX = (t: number) => Math.min(layout.plotLeft + layout.plotWidth, Math.max(layout.plotLeft, x(t)));
  const visible = (from: number, to: number) => to >= window.start && from <= window.end;
  const tick = props.tickLabel ?? formatUtcTick;
  const laneTop = (i: number) => AXIS_HEIGHT + i * (LANE_HEIGHT + LANE_GAP) + LANE_GAP / 2;
  const lanesBottom = laneTop(model.lanes.length) - LANE_GAP / 2;
  const eventsTop = lanesBottom + LANE_GAP / 2;
  const plotBottom = layout.height - AXIS_HEIGHT;
  /** A vertical line across the plot at `at` (ms), when that is in the window. */
  const cursor = (className: string, at: number | undefined, tip?: string | false) =>
    at !== undefined &&
    visible(at, at) && (
      <line class={className} x1={n(x(at))} x2={n(x(at))} y1={AXIS_HEIGHT - 4} y2={plotBottom + 4}>
        {tip && <title>{tip}</title>}
      </line>
    );
  const hatch = `${props.idPrefix ?? 'lanes'}-hatch`;
  const ticks = axisTicks(window.start, window.end);
  const gaps = model.lanes.flatMap((lane) =>
    lane.markers.filter((m) => (m.kind === 'gap' || m.kind === 'vanished') && m.since !== undefined),
  );

  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG chart has no HTML element for a group; SVG-AAM uses the role
    <svg
      xmlns="http://www.w3.org/2000/svg"
      role="group"
      aria-label={props.label}
      class="swim-lanes"
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
    >
      <title>{props.label}</title>
      <defs>
        <pattern id={hatch} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#ffffff" fill-opacity="0.35" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#5b3f8c" stroke-width="1.5" stroke-opacity="0.7" />
        </pattern>
      </defs>
      {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: an SVG <g> is not focusable; the ticks repeat the rows' times */}
      <g class="axis" aria-hidden="true">
        {ticks.map((t) => (
          <g key={t}>
            <line class="grid" x1={n(x(t))} x2={n(x(t))} y1={AXIS_HEIGHT - 6} y2={plotBottom + 6} />
            <text class="tick" x={n(x(t))} y={AXIS_HEIGHT - 10} text-anchor="middle">
              {tick(t, span)}
            </text>
            <text class="tick" x={n(x(t))} y={plotBottom + 20} text-anchor="middle">
              {tick(t, span)}
            </text>
          </g>
        ))}
      </g>
      <rect
        class="plot"
        x={layout.plotLeft}
        y={AXIS_HEIGHT}
        width={layout.plotWidth}
        height={plotBottom - AXIS_HEIGHT}
        fill="transparent"
      />
      {model.lanes.map((lane, i) => (
        <LaneGroup key={lane.id} lane={lane} top={laneTop(i)} x={x} visible={visible} clampX={clampX} />
      ))}
      {/* Over the states, not under them: an incomplete record must show on a state drawn from it. */}
      {gaps
        .filter((g) => visible(g.since ?? g.at, g.at))
        .map((g) => {
          const left = clampX(g.since ?? g.at);
          const tip = `${g.label} (${iso(g.since ?? g.at)} → ${iso(g.at)}): the record is incomplete here`;
          return (
            <rect
              key={`gap-${g.at}`}
              class={`incomplete incomplete-${g.kind}`}
              x={n(left)}
              y={AXIS_HEIGHT}
              width={n(Math.max(1, clampX(g.at) - left))}
              height={lanesBottom - AXIS_HEIGHT}
              fill={`url(#${hatch})`}
              pointer-events="none"
            >
              <title>{tip}</title>
            </rect>
          );
        })}
      {events.length > 0 && (
        // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG <g> is not interactive; role img names the lane
        <g
          class="lane events-lane"
          data-lane="events"
          role="img"
          aria-label={`events: ${events.length} recorded`}
        >
          <text
            class="lane-title"
            x={LABEL_WIDTH - 10}
            y={n(eventsTop + EVENT_LANE_HEIGHT / 2 + 4)}
            text-anchor="end"
          >
            events
          </text>
          {events
            .filter((e) => visible(e.at, e.at))
            .map((e, i) => {
              const ex = x(e.at);
              const top = eventsTop;
              const colour = e.type === 'Warning' ? '#c0392b' : '#3a6ea5';
              return (
                <path
                  key={`${e.at}-${i}`}
                  class={`event event-${e.type === 'Warning' ? 'warning' : 'normal'}`}
                  d={`M${n(ex)} ${n(top)} l4 ${EVENT_LANE_HEIGHT / 2} l-4 ${EVENT_LANE_HEIGHT / 2} l-4 -${EVENT_LANE_HEIGHT / 2} z`}
                  fill={colour}
                >
                  <title>{`${iso(e.at)} ${e.type} ${e.reason}: ${e.text}`}</title>
                </path>
              );
            })}
        </g>
      )}
      {cursor('hover-cursor', props.hoverAt)}
      {cursor(
        'cursor',
        props.selectedAt,
        props.selectedAt !== undefined && `selected: ${iso(props.selectedAt)}`,
      )}
    </svg>
  );
}
