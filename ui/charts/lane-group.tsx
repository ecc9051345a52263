/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The pragmas keep this file Preact's wherever it is compiled (the CLI runs it through tsx from any
// working directory, where no tsconfig says how to compile JSX).
import { Fragment, type JSX } from 'preact';
import type { Lane, LaneMarker, LaneSegment } from '../../functions/domain/timeline-lanes.js';
import { CHAR_WIDTH, iso, LABEL_WIDTH, LANE_HEIGHT, MARKER_STYLE, n, TONES } from './chart-style.js';

/** One lane of the swim-lane chart: its title, its states (coloured, labelled when they fit) and markers. */
export function LaneGroup(props: {
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
      {drawnMarkers(lane, visible, x).map(({ m, more }, i) => {
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
            <title>{`${m.label} at ${iso(m.at)}${more > 0 ? ` (and ${more} more within this pixel; zoom in to see them)` : ''}`}</title>
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
 * The markers to draw, gaps apart (they are drawn with their hatching): a marker within a pixel of
 * the one drawn before it, of the same kind, would be drawn on top of it, so it is counted into
 * that one's tooltip instead.
 */
function drawnMarkers(
  lane: Lane,
  visible: (from: number, to: number) => boolean,
  x: (t: number) => number,
): { m: LaneMarker; more: number }[] {
  const out: { m: LaneMarker; more: number }[] = [];
  const last = new Map<LaneMarker['kind'], { x: number; drawn: { m: LaneMarker; more: number } }>();
  for (const m of lane.markers) {
    if (m.kind === 'gap' || !visible(m.at, m.at)) continue;
    const mx = x(m.at);
    const previous = last.get(m.kind);
    if (previous !== undefined && mx - previous.x < 1) {
      previous.drawn.more++;
      continue;
    }
    const drawn = { m, more: 0 };
    out.push(drawn);
    last.set(m.kind, { x: mx, drawn });
  }
  return out;
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
