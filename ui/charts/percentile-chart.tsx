import type { JSX } from 'preact';
import type { Distribution } from '../../functions/domain/percentiles.js';
import { barLength, MIN_BAR_PX, niceCeiling } from './bar-scale.js';
import { ChartFrame, ValueAxis } from './chart-frame.js';

export interface PhaseRow {
  readonly label: string;
  /** Absent when no pod reached the phase's milestone. */
  readonly distribution: Distribution | undefined;
}

export interface PercentileChartProps {
  /** The chart's accessible name. */
  readonly title: string;
  readonly rows: readonly PhaseRow[];
  /** Formats a latency in ms for labels (the CLI's formatLatency). */
  readonly format: (ms: number) => string;
  readonly width?: number;
}

const ROW = 26;
const BAR = 16;
const LABEL = 110;
const VALUE = 150;
const AXIS = 20;
/** p50, p90, p99 as nested segments from 0: darkest is where half the pods already are. */
const SHADES = [
  ['p50', '#1f5f8b'],
  ['p90', '#4f8fc0'],
  ['p99', '#a9cbe6'],
] as const;

/**
 * One row per phase: nested bars from 0 to p50, p90 and p99 on a shared linear axis, the max as a
 * tick. Pure: props in, SVG out.
 */
export function PercentileChart(props: PercentileChartProps): JSX.Element {
  const width = props.width ?? 720;
  const span = Math.max(40, width - LABEL - VALUE);
  const top = niceCeiling(Math.max(0, ...props.rows.map((r) => r.distribution?.max ?? 0)));
  const height = props.rows.length * ROW + AXIS;
  const x = (ms: number) => LABEL + barLength(ms, top, span);
  return (
    <ChartFrame kind="percentile-chart" role="img" title={props.title} width={width} height={height}>
      {props.rows.map((row, i) => {
        const y = i * ROW;
        const d = row.distribution;
        const summary =
          d === undefined
            ? `${row.label}: no pod reached this milestone`
            : `${row.label}: p50 ${props.format(d.p50)}, p90 ${props.format(d.p90)}, p99 ${props.format(d.p99)}, max ${props.format(d.max)} (${d.count} pods)`;
        return (
          <g key={row.label} class="phase" data-phase={row.label}>
            <title>{summary}</title>
            <text x={LABEL - 6} y={y + BAR} text-anchor="end" class="bar-label">
              {row.label}
            </text>
            {d !== undefined &&
              [...SHADES]
                .reverse()
                .map(([p, fill]) => (
                  <rect
                    key={p}
                    x={LABEL}
                    y={y + 4}
                    width={barLength(d[p], top, span)}
                    height={BAR}
                    fill={fill}
                    data-percentile={p}
                    data-ms={d[p]}
                  />
                ))}
            {d !== undefined && (
              <rect x={x(d.max) - MIN_BAR_PX} y={y + 2} width={MIN_BAR_PX * 2} height={BAR + 4} fill="#333">
                <title>{`max ${props.format(d.max)}`}</title>
              </rect>
            )}
            <text x={LABEL + span + 8} y={y + BAR} class="bar-value">
              {d === undefined ? '-' : [d.p50, d.p90, d.p99].map(props.format).join(' / ')}
            </text>
          </g>
        );
      })}
      <ValueAxis left={LABEL} span={span} top={top} height={height} axis={AXIS} format={props.format} />
      <g class="legend">
        {SHADES.map(([p, fill], i) => (
          <g key={p}>
            <rect x={LABEL + span + 8 + i * 46} y={height - AXIS + 6} width={10} height={10} fill={fill} />
            <text x={LABEL + span + 21 + i * 46} y={height - 5} class="tick">
              {p}
            </text>
          </g>
        ))}
      </g>
    </ChartFrame>
  );
}
