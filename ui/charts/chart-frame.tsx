import type { ComponentChildren, JSX } from 'preact';

/** What the report bar charts (percentile chart, ranked bars) share: the outer <svg> and the value axis. */

/**
 * A report chart's outer <svg>: its size in px is also its viewBox (one user unit a pixel), and its
 * title is both its accessible name and the tooltip. `role` is img for a picture, group for a set of
 * links (an SVG cannot be a <fieldset>).
 */
export function ChartFrame(props: {
  kind: string;
  role: 'img' | 'group';
  title: string;
  width: number;
  height: number;
  children: ComponentChildren;
}): JSX.Element {
  return (
    <svg
      class={`chart ${props.kind}`}
      role={props.role}
      aria-label={props.title}
      width={props.width}
      height={props.height}
      viewBox={`0 0 ${props.width} ${props.height}`}
    >
      <title>{props.title}</title>
      {props.children}
    </svg>
  );
}

/**
 * A bar chart's value axis along its bottom: a line over the bars' `span` from `left`, `axis` px above
 * the chart's bottom (`height`), with ticks at 0, half and `top` labelled under it.
 */
export function ValueAxis(props: {
  left: number;
  span: number;
  top: number;
  height: number;
  axis: number;
  format: (value: number) => string;
}): JSX.Element {
  const { left, span, top, height } = props;
  return (
    <g class="axis">
      <line
        x1={left}
        x2={left + span}
        y1={height - props.axis + 2}
        y2={height - props.axis + 2}
        stroke="#999"
      />
      {[0, top / 2, top].map((v) => (
        <text
          key={v}
          x={left + (v / top) * span}
          y={height - 4}
          text-anchor={v === 0 ? 'start' : v === top ? 'end' : 'middle'}
          class="tick"
        >
          {props.format(v)}
        </text>
      ))}
    </g>
  );
}
