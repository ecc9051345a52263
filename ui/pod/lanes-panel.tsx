import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SwimLanes } from '../../functions/domain/timeline-lanes.js';
import {
  chartLayout,
  DEFAULT_WIDTH,
  type EventMark,
  Legend,
  SwimLaneChart,
  timeAtX,
} from '../charts/swim-lanes.js';
import { formatTick, formatTime, type TimeZoneChoice } from '../format.js';
import { pan, sameWindow, type TimeWindow, zoom } from './zoom.js';

/**
 * The swim lanes with zoom and pan: buttons, keys on the focused chart (+ − ← → 0) and the wheel
 * (zoom around the pointer; shift or a horizontal wheel pans). A click picks the moment under the
 * pointer; the page selects the row nearest to it.
 */
export function LanesPanel(props: {
  model: SwimLanes;
  events: readonly EventMark[];
  label: string;
  window: TimeWindow;
  tz: TimeZoneChoice;
  selectedAt: number | undefined;
  hoverAt: number | undefined;
  onWindow: (w: TimeWindow | undefined) => void;
  onPick: (at: number) => void;
}): JSX.Element {
  const whole = { start: props.model.start, end: props.model.end };
  const wrap = useRef<HTMLElement>(null);
  // The first render already takes the page's width, so the lanes are not drawn twice on load.
  const [width, setWidth] = useState(() =>
    Math.max(640, Math.floor((document.getElementById('main')?.clientWidth ?? DEFAULT_WIDTH + 44) - 44)),
  );
  const [pointerAt, setPointerAt] = useState<number | undefined>(undefined);
  useEffect(() => {
    const el = wrap.current;
    if (el === null) return;
    const measure = () => setWidth(Math.max(640, Math.floor(el.clientWidth - 2)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const layout = chartLayout(props.model, width, props.events.length > 0);
  const set = (w: TimeWindow) => props.onWindow(sameWindow(w, whole) ? undefined : w);
  const timeAtPointer = (event: MouseEvent): number | undefined => {
    const svg = wrap.current?.querySelector('svg');
    if (svg === null || svg === undefined) return undefined;
    const rect = svg.getBoundingClientRect();
    const x = ((event.clientX - rect.left) * layout.width) / rect.width;
    if (x < layout.plotLeft - 4) return undefined;
    return timeAtX(x, layout, props.window);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const actions: Record<string, () => void> = {
      '+': () => set(zoom(props.window, whole, 0.5, props.selectedAt)),
      '=': () => set(zoom(props.window, whole, 0.5, props.selectedAt)),
      '-': () => set(zoom(props.window, whole, 2)),
      ArrowLeft: () => set(pan(props.window, whole, -0.25)),
      ArrowRight: () => set(pan(props.window, whole, 0.25)),
      '0': () => props.onWindow(undefined),
    };
    const action = actions[event.key];
    if (action === undefined) return;
    event.preventDefault();
    action();
  };
  const onWheel = (event: WheelEvent) => {
    const horizontal = event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY);
    const delta = horizontal ? event.deltaX || event.deltaY : event.deltaY;
    if (delta === 0) return;
    event.preventDefault();
    if (horizontal) set(pan(props.window, whole, Math.sign(delta) * 0.1));
    else set(zoom(props.window, whole, delta < 0 ? 0.8 : 1.25, timeAtPointer(event)));
  };
  const zoomed = !sameWindow(props.window, whole);
  return (
    <section class="lanes" aria-label="Swim lanes">
      <div class="toolbar" role="toolbar" aria-label="Time axis">
        <button
          type="button"
          aria-label="Zoom in"
          onClick={() => set(zoom(props.window, whole, 0.5, props.selectedAt))}
        >
          + Zoom in
        </button>
        <button
          type="button"
          aria-label="Zoom out"
          disabled={!zoomed}
          onClick={() => set(zoom(props.window, whole, 2))}
        >
          − Zoom out
        </button>
        <button
          type="button"
          aria-label="Pan earlier"
          disabled={!zoomed}
          onClick={() => set(pan(props.window, whole, -0.25))}
        >
          ← Earlier
        </button>
        <button
          type="button"
          aria-label="Pan later"
          disabled={!zoomed}
          onClick={() => set(pan(props.window, whole, 0.25))}
        >
          Later →
        </button>
        <button
          type="button"
          aria-label="Show the whole life"
          disabled={!zoomed}
          onClick={() => props.onWindow(undefined)}
        >
          Whole life
        </button>
        <span class="meta" aria-live="polite">
          {formatTime(props.window.start, props.tz)} → {formatTime(props.window.end, props.tz)}
        </span>
      </div>
      <section
        ref={wrap}
        class="lanes-wrap"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the chart takes keys (+ − ← → 0) to zoom and pan
        tabIndex={0}
        aria-label="Swim lanes chart: + and − zoom, ← and → pan, 0 shows the whole life; click a moment to select its row"
        onKeyDown={onKeyDown}
        onWheel={onWheel}
        onMouseMove={(e) => setPointerAt(timeAtPointer(e))}
        onMouseLeave={() => setPointerAt(undefined)}
        onClick={(e) => {
          const at = timeAtPointer(e);
          if (at !== undefined) props.onPick(at);
        }}
      >
        <SwimLaneChart
          model={props.model}
          label={props.label}
          events={props.events}
          window={props.window}
          width={width}
          tickLabel={(t, span) => formatTick(t, span, props.tz)}
          selectedAt={props.selectedAt}
          hoverAt={props.hoverAt ?? pointerAt}
          idPrefix="pod"
        />
      </section>
      <Legend />
    </section>
  );
}
