import type { JSX } from 'preact';
import { barLength, niceCeiling } from './bar-scale.js';
import { ChartFrame, ValueAxis } from './chart-frame.js';
import { TONES } from './chart-style.js';

/** Restarts are drawn in the swim lanes' "failing" colour, so a restart reads the same on every page. */
const RESTART_FILL = TONES.failing.fill;

/** One ranked bar: `value` in total, of which `part` is drawn in a lighter shade (e.g. unobserved). */
export interface RankedBar {
  readonly label: string;
  readonly value: number;
  readonly part?: number;
  /** Where activating the bar leads (a drill-down); the bar becomes a link when given. */
  readonly href?: string;
  /** The bar's tooltip and accessible name, e.g. "demo/default/Deployment/web: 12 restarts". */
  readonly description: string;
}

export interface RankedBarsProps {
  /** The chart's accessible name. */
  readonly title: string;
  readonly bars: readonly RankedBar[];
  readonly width?: number;
  /** Called instead of following an href, so a client-side router can take it. */
  readonly onActivate?: (href: string) => void;
}

const ROW = 22;
const BAR = 14;
const LABEL = 260;
const VALUE = 56;
const AXIS = 18;

/**
 * Horizontal bars, largest first (the caller ranks them), one row per bar: label, bar, value. Pure:
 * the same props always draw the same SVG; it reads no clock and keeps no state.
 */
export function RankedBars(props: RankedBarsProps): JSX.Element {
  const width = props.width ?? 720;
  const span = Math.max(40, width - LABEL - VALUE);
  const max = niceCeiling(Math.max(0, ...props.bars.map((b) => b.value)));
  const height = props.bars.length * ROW + AXIS;
  return (
    <ChartFrame kind="ranked-bars" role="group" title={props.title} width={width} height={height}>
      {props.bars.map((bar, i) => {
        const y = i * ROW;
        const whole = barLength(bar.value, max, span);
        const part = Math.min(whole, barLength(bar.part ?? 0, max, span));
        const body = (
          <g class="bar" data-value={bar.value} data-label={bar.label}>
            <title>{bar.description}</title>
            <text x={LABEL - 6} y={y + BAR - 2} text-anchor="end" class="bar-label">
              {clip(bar.label, 40)}
            </text>
            <rect
              x={LABEL}
              y={y + 2}
              width={whole - part}
              height={BAR}
              class="bar-main"
              fill={RESTART_FILL}
            />
            {part > 0 && (
              <rect
                x={LABEL + whole - part}
                y={y + 2}
                width={part}
                height={BAR}
                class="bar-part"
                fill="#e6a5a0"
              />
            )}
            <text x={LABEL + whole + 4} y={y + BAR - 2} class="bar-value">
              {bar.value}
            </text>
          </g>
        );
        if (bar.href === undefined) return <g key={bar.label}>{body}</g>;
        const href = bar.href;
        return (
          <a
            key={bar.label}
            href={href}
            aria-label={bar.description}
            onClick={(event: MouseEvent) => {
              if (props.onActivate === undefined || event.ctrlKey || event.metaKey || event.shiftKey) return;
              event.preventDefault();
              props.onActivate(href);
            }}
          >
            {body}
          </a>
        );
      })}
      <ValueAxis
        left={LABEL}
        span={span}
        top={max}
        height={height}
        axis={AXIS}
        format={(v) => (Number.isInteger(v) ? String(v) : v.toFixed(1))}
      />
    </ChartFrame>
  );
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
