import type { JSX } from 'preact';
import { barLength } from './bar-scale.js';
import { TONES } from './chart-style.js';

/** Restarts are drawn in the swim lanes' "failing" colour, so a restart reads the same on every page. */
const RESTART_FILL = TONES.failing.fill;

export interface DayCount {
  /** The day's label, e.g. "2026-11-23". */
  readonly day: string;
  readonly count: number;
}

export interface DayBarsProps {
  /** The chart's accessible name, e.g. "restarts per day in demo". */
  readonly title: string;
  readonly days: readonly DayCount[];
  /** The scale's top, shared by the charts of one table so their bars compare. */
  readonly max: number;
  readonly unit?: string;
}

const BAR_WIDTH = 9;
const GAP = 2;
const HEIGHT = 28;

/** Small vertical bars, one per day, oldest left; a day with none draws a baseline tick only. */
export function DayBars(props: DayBarsProps): JSX.Element {
  const width = props.days.length * (BAR_WIDTH + GAP);
  const unit = props.unit ?? 'restarts';
  return (
    <svg
      class="chart day-bars"
      role="img"
      aria-label={`${props.title}: ${props.days.map((d) => `${d.day} ${d.count}`).join(', ')}`}
      width={width}
      height={HEIGHT}
      viewBox={`0 0 ${width} ${HEIGHT}`}
    >
      {props.days.map((d, i) => {
        const h = barLength(d.count, props.max, HEIGHT - 2);
        return (
          <g key={d.day} class="day" data-count={d.count}>
            <title>{`${d.day}: ${d.count} ${unit}`}</title>
            <rect x={i * (BAR_WIDTH + GAP)} y={HEIGHT - 1} width={BAR_WIDTH} height={1} fill="#bbb" />
            {h > 0 && (
              <rect
                x={i * (BAR_WIDTH + GAP)}
                y={HEIGHT - 1 - h}
                width={BAR_WIDTH}
                height={h}
                fill={RESTART_FILL}
              />
            )}
          </g>
        );
      })}
    </svg>
  );
}
