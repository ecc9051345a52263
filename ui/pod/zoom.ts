/** Zoom and pan of a time window inside the whole span [min, max]; ms. Pure. */
export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/** The smallest window the page zooms to: 2 s, below the TIME column's resolution nothing is gained. */
const MIN_SPAN = 2000;

export function clampWindow(w: TimeWindow, whole: TimeWindow): TimeWindow {
  const wholeSpan = whole.end - whole.start;
  const span = Math.min(wholeSpan, Math.max(Math.min(MIN_SPAN, wholeSpan), w.end - w.start));
  let start = Math.max(whole.start, Math.min(w.start, whole.end - span));
  if (!Number.isFinite(start)) start = whole.start;
  return { start, end: start + span };
}

/** Zooms by `factor` (< 1 in, > 1 out) keeping `anchor` at the same place on screen. */
export function zoom(
  w: TimeWindow,
  whole: TimeWindow,
  factor: number,
  anchor = (w.start + w.end) / 2,
): TimeWindow {
  const span = (w.end - w.start) * factor;
  const fraction = w.end === w.start ? 0.5 : (anchor - w.start) / (w.end - w.start);
  const start = anchor - fraction * span;
  return clampWindow({ start, end: start + span }, whole);
}

/** Moves the window by `fraction` of its span (negative: earlier). */
export function pan(w: TimeWindow, whole: TimeWindow, fraction: number): TimeWindow {
  const shift = (w.end - w.start) * fraction;
  return clampWindow({ start: w.start + shift, end: w.end + shift }, whole);
}

export function sameWindow(a: TimeWindow, b: TimeWindow): boolean {
  return Math.abs(a.start - b.start) < 1 && Math.abs(a.end - b.end) < 1;
}
