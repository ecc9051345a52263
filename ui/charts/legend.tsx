/** @jsxRuntime automatic */
/** @jsxImportSource preact */
// The pragmas keep this file Preact's wherever it is compiled (the CLI runs it through tsx from any
// working directory, where no tsconfig says how to compile JSX).
import type { JSX } from 'preact';
import type { LaneTone } from '../../functions/domain/timeline-lanes.js';
import { TONES } from './chart-style.js';

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
