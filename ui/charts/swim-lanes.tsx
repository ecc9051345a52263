/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The pragmas keep this file Preact's wherever it is compiled: the CLI runs it through tsx from any
// working directory, where no tsconfig says how to compile JSX.
import { Fragment, type JSX } from 'preact';
import type {
  Lane,
  LaneMarker,
  LaneSegment,
  LaneTone,
  SwimLanes,
} from '../../functions/domain/timeline-lanes.js';
import { axisTicks, formatUtcTick } from './time-axis.js';

/**
 * The swim lanes of one incarnation as SVG: the one drawing shared by `podtrail timeline --html`
 * (rendered to a string by preact-render-to-string) and the web UI's pod page (rendered live).
 * Pure: no state, no handlers; the page maps pointer positions to times with `timeAtX`.
 *
 * Every state gets at least 1 px so a short one never disappears on a long range; states, markers
 * and events outside the visible window are not drawn.
 */
export const LABEL_WIDTH = 190;
export const RIGHT_PAD = 20;
export const DEFAULT_WIDTH = 1110;
export const LANE_HEIGHT = 26;
const LANE_GAP = 10;
const AXIS_HEIGHT = 30;
const EVENT_LANE_HEIGHT = 14;
/** Approximate width of one character of the 11px label font, to decide whether a label fits. */
const CHAR_WIDTH = 6.4;

export const TONES: Readonly<Record<LaneTone, { fill: string; text: string; name: string }>> = {
  running: { fill: '#2e9e5b', text: '#ffffff', name: 'running (all ready)' },
  notready: { fill: '#a8d5b5', text: '#133a20', name: 'running, not ready' },
  waiting: { fill: '#8fb3d9', text: '#10263d', name: 'pending / creating / initialising' },
  failing: { fill: '#d64545', text: '#ffffff', name: 'failing (back-off, error, OOMKilled)' },
  done: { fill: '#9aa3ad', text: '#15191d', name: 'completed' },
  terminating: { fill: '#e6a23c', text: '#2b1a00', name: 'terminating' },
  unknown: { fill: '#9b7fc4', text: '#ffffff', name: 'unknown' },
};

const MARKER_STYLE: Readonly<Record<LaneMarker['kind'], { colour: string; glyph: string; dash?: string }>> = {
  restart: { colour: '#111111', glyph: '↻' },
  unobserved: { colour: '#6b6b6b', glyph: '↻?', dash: '2 2' },
  deleted: { colour: '#a33030', glyph: '✕' },
  vanished: { colour: '#a33030', glyph: '✕?', dash: '4 2' },
  gap: { colour: '#7a5fa8', glyph: '⋯', dash: '3 2' },
};

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
          <rect width="6" height="6" fill="#f3effa" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#9b7fc4" stroke-width="2" />
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
              opacity="0.8"
            >
              <title>{tip}</title>
            </rect>
          );
        })}
      {model.lanes.map((lane, i) => (
        <LaneGroup key={lane.id} lane={lane} top={laneTop(i)} x={x} visible={visible} clampX={clampX} />
      ))}
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
      {props.hoverAt !== undefined && visible(props.hoverAt, props.hoverAt) && (
        <line
          class="hover-cursor"
          x1={n(x(props.hoverAt))}
          x2={n(x(props.hoverAt))}
          y1={AXIS_HEIGHT - 4}
          y2={plotBottom + 4}
        />
      )}
      {props.selectedAt !== undefined && visible(props.selectedAt, props.selectedAt) && (
        <line
          class="cursor"
          x1={n(x(props.selectedAt))}
          x2={n(x(props.selectedAt))}
          y1={AXIS_HEIGHT - 4}
          y2={plotBottom + 4}
        >
          <title>{`selected: ${iso(props.selectedAt)}`}</title>
        </line>
      )}
    </svg>
  );
}

function LaneGroup(props: {
  lane: Lane;
  top: number;
  x: (t: number) => number;
  clampX: (t: number) => number;
  visible: (from: number, to: number) => boolean;
}): JSX.Element {
  const { lane, top, x, clampX, visible } = props;
  const restarts = lane.markers.filter((m) => m.kind === 'restart').length;
  const summary = `lane ${lane.title}: ${lane.segments.length} state${lane.segments.length === 1 ? '' : 's'}${
    restarts > 0 ? `, ${restarts} restart${restarts === 1 ? '' : 's'}` : ''
  }`;
  const textY = n(top + LANE_HEIGHT / 2 + 4);
  return (
    // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG <g> is not interactive; role img names the lane
    <g class="lane" data-lane={lane.id} role="img" aria-label={summary}>
      <text class="lane-title" x={LABEL_WIDTH - 10} y={textY} text-anchor="end">
        {lane.title}
      </text>
      {drawnSegments(lane, visible, clampX).map(({ s, left, w }) => {
        const tone = TONES[s.tone];
        return (
          <Fragment key={s.start}>
            <rect
              class={`segment tone-${s.tone}`}
              x={n(left)}
              y={n(top)}
              width={n(w)}
              height={LANE_HEIGHT}
              rx={w > 6 ? 3 : 0}
              fill={tone.fill}
              stroke="#ffffff"
              stroke-width={w > 3 ? 1 : 0}
            >
              <title>{`${s.label}: ${iso(s.start)} → ${iso(s.end)}`}</title>
            </rect>
            {s.label.length * CHAR_WIDTH + 8 <= w && (
              <text x={n(left + 5)} y={textY} fill={tone.text} pointer-events="none">
                {s.label}
              </text>
            )}
          </Fragment>
        );
      })}
      {lane.markers
        .filter((m) => m.kind !== 'gap' && visible(m.at, m.at))
        .map((m, i) => {
          const mx = x(m.at);
          const style = MARKER_STYLE[m.kind];
          return (
            <g key={`${m.kind}-${m.at}-${i}`} class={`marker marker-${m.kind}`}>
              <line
                x1={n(mx)}
                x2={n(mx)}
                y1={n(top - 4)}
                y2={n(top + LANE_HEIGHT + 4)}
                stroke={style.colour}
                stroke-width="2"
                stroke-dasharray={style.dash}
              />
              <text x={n(mx + 3)} y={n(top - 1)} fill={style.colour}>
                {style.glyph}
              </text>
              <title>{`${m.label} at ${iso(m.at)}`}</title>
            </g>
          );
        })}
      {lane.markers
        .filter((m) => m.kind === 'gap' && visible(m.at, m.at))
        .map((m) => (
          <g key={`gap-${m.at}`} class="marker marker-gap">
            <line
              x1={n(x(m.at))}
              x2={n(x(m.at))}
              y1={n(top - 4)}
              y2={n(top + LANE_HEIGHT + 4)}
              stroke={MARKER_STYLE.gap.colour}
              stroke-width="2"
              stroke-dasharray={MARKER_STYLE.gap.dash}
            />
            <text x={n(x(m.at) + 3)} y={n(top - 1)} fill={MARKER_STYLE.gap.colour}>
              {MARKER_STYLE.gap.glyph}
            </text>
            <title>{`${m.label} at ${iso(m.at)}`}</title>
          </g>
        ))}
    </g>
  );
}

/**
 * The segments to draw, each at least 1 px wide. A segment that would fall entirely inside the
 * pixel its predecessor already painted is left out: it could not be seen, and on a long range
 * thousands of them would only slow the page.
 */
function drawnSegments(
  lane: Lane,
  visible: (from: number, to: number) => boolean,
  clampX: (t: number) => number,
): { s: LaneSegment; left: number; w: number }[] {
  const out: { s: LaneSegment; left: number; w: number }[] = [];
  let painted = Number.NEGATIVE_INFINITY;
  for (const s of lane.segments) {
    if (!visible(s.start, s.end)) continue;
    const left = clampX(s.start);
    const right = clampX(s.end);
    if (right <= painted && left >= painted - 1) continue;
    const w = Math.max(1, right - left);
    out.push({ s, left, w });
    painted = left + w;
  }
  return out;
}

/** The legend under a chart: tone swatches (styled by class) and the marker glyphs. */
export function Legend(): JSX.Element {
  return (
    <div class="legend">
      {(Object.keys(TONES) as LaneTone[]).map((tone) => (
        <span key={tone}>
          <i class={`swatch tone-${tone}`} />
          {TONES[tone].name}
        </span>
      ))}
      <span>↻ restart (reason, exit code)</span>
      <span>↻? restarts nobody observed</span>
      <span>✕ deleted · ✕? vanished</span>
      <span>⋯ hatched: gap in the record</span>
      <span>◆ event</span>
    </div>
  );
}

/** CSS for the legend swatches, from TONES (the file export inlines it; the UI's app.css has the same). */
export function legendCss(): string {
  return (Object.keys(TONES) as LaneTone[])
    .map((t) => `.legend .tone-${t}{background:${TONES[t].fill}}`)
    .join('');
}

function n(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

/** RFC 3339 to the second, UTC: the rows' TIME format, so a tooltip and a row read the same. */
function iso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
