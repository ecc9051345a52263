import type { LaneMarker, LaneTone } from '../../functions/domain/timeline-lanes.js';

/** The swim-lane chart's geometry, colours and glyphs, shared by its parts (px, SVG user units). */
export const LABEL_WIDTH = 190;
export const LANE_HEIGHT = 26;
/** Approximate width of one character of the 11px label font, to decide whether a label fits. */
export const CHAR_WIDTH = 6.4;

export const TONES: Readonly<Record<LaneTone, { fill: string; text: string; name: string }>> = {
  running: { fill: '#2e9e5b', text: '#ffffff', name: 'running (all ready)' },
  notready: { fill: '#a8d5b5', text: '#133a20', name: 'running, not ready' },
  waiting: { fill: '#8fb3d9', text: '#10263d', name: 'pending / creating / initialising' },
  failing: { fill: '#d64545', text: '#ffffff', name: 'failing (back-off, error, OOMKilled)' },
  done: { fill: '#9aa3ad', text: '#15191d', name: 'completed' },
  terminating: { fill: '#e6a23c', text: '#2b1a00', name: 'terminating' },
  unknown: { fill: '#9b7fc4', text: '#ffffff', name: 'unknown' },
};

export const MARKER_STYLE: Readonly<
  Record<LaneMarker['kind'], { colour: string; glyph: string; dash?: string }>
> = {
  restart: { colour: '#111111', glyph: '↻' },
  unobserved: { colour: '#6b6b6b', glyph: '↻?', dash: '2 2' },
  deleted: { colour: '#a33030', glyph: '✕' },
  vanished: { colour: '#a33030', glyph: '✕?', dash: '4 2' },
  gap: { colour: '#7a5fa8', glyph: '⋯', dash: '3 2' },
};

/** A coordinate to one decimal: enough for SVG, and stable text for the file export. */
export function n(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

/** RFC 3339 to the second, UTC: the rows' TIME format, so a tooltip and a row read the same. */
export function iso(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
