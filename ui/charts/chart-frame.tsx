import type { ComponentChildren, JSX } from 'preact';

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
