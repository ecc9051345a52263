import {
  buildSwimLanes,
  type Lane,
  type LaneTone,
  type SwimLanes,
} from '../functions/domain/timeline-lanes.js';
import { timelineRow, toSecond } from '../functions/domain/timeline-rows.js';
import { axisTicks, formatTick } from './render-html-axis.js';
import type { IncarnationView } from './render-timeline.js';

/**
 * `podtrail timeline --html`: one self-contained HTML file (inline CSS and SVG, no scripts, no
 * external resources) drawing each incarnation as swim lanes — the pod STATUS lane and one lane per
 * container, coloured by state, with restarts, deletion, vanishing and gaps marked on a time axis —
 * followed by the rows themselves. Every text from the store is escaped.
 */
const LABEL_WIDTH = 190;
const CHART_WIDTH = 900;
const LANE_HEIGHT = 26;
const LANE_GAP = 10;
const AXIS_HEIGHT = 30;
/** Approximate width of one character of the 11px label font, to decide whether a label fits. */
const CHAR_WIDTH = 6.4;

const TONES: Readonly<Record<LaneTone, { fill: string; text: string; name: string }>> = {
  running: { fill: '#2e9e5b', text: '#ffffff', name: 'running (all ready)' },
  notready: { fill: '#a8d5b5', text: '#133a20', name: 'running, not ready' },
  waiting: { fill: '#8fb3d9', text: '#10263d', name: 'pending / creating / initialising' },
  failing: { fill: '#d64545', text: '#ffffff', name: 'failing (back-off, error, OOMKilled)' },
  done: { fill: '#9aa3ad', text: '#15191d', name: 'completed' },
  terminating: { fill: '#e6a23c', text: '#2b1a00', name: 'terminating' },
  unknown: { fill: '#9b7fc4', text: '#ffffff', name: 'unknown' },
};

export function renderHtmlTimeline(view: {
  cluster: string;
  incarnations: readonly IncarnationView[];
}): string {
  const ordered = [...view.incarnations].sort((a, b) => (a.pod.firstSeenAt < b.pod.firstSeenAt ? -1 : 1));
  const first = ordered[0]?.pod;
  const title =
    first === undefined ? 'podtrail timeline' : `${first.namespace}/${first.name} — podtrail timeline`;
  const sections = ordered.map((inc) => section(view.cluster, inc)).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1d2329;background:#fff}
h1{font-size:18px;margin:0 0 4px}h2{font-size:15px;margin:28px 0 4px}
.meta{color:#56606b;margin:0 0 12px}
svg text{font:11px system-ui,sans-serif}svg .lane-title{font-weight:600;fill:#1d2329}
svg .tick{fill:#56606b}svg .grid{stroke:#e3e7eb}
.legend{display:flex;flex-wrap:wrap;gap:14px;margin:10px 0 0;color:#3a434c}
.legend span{display:inline-flex;align-items:center;gap:6px}
.legend i{display:inline-block;width:14px;height:10px;border-radius:2px}
table{border-collapse:collapse;margin-top:14px;font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
th,td{text-align:left;padding:2px 12px 2px 0;vertical-align:top;white-space:nowrap}td:last-child{white-space:normal}th{color:#56606b;font-weight:600}
tr.note td{color:#a33}
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="meta">cluster ${esc(view.cluster)} · ${ordered.length} incarnation${ordered.length === 1 ? '' : 's'} · times in UTC</p>
${sections}
<div class="legend">${legend()}</div>
</body>
</html>
`;
}

function section(cluster: string, inc: IncarnationView): string {
  const until = inc.pod.endedAt ?? inc.pod.lastSeenAt;
  const lanes = buildSwimLanes(inc.entries, Date.parse(until));
  const ended =
    inc.pod.endedAt === undefined
      ? `last seen ${toSecond(inc.pod.lastSeenAt)}`
      : `${inc.pod.endedBy ?? 'ended'} ${toSecond(inc.pod.endedAt)}`;
  return `<section data-uid="${esc(inc.pod.uid)}">
<h2>uid ${esc(inc.pod.uid)}</h2>
<p class="meta">${esc(`${inc.pod.namespace}/${inc.pod.name} in ${cluster}`)} · ${esc(inc.pod.workload.kind)} ${esc(inc.pod.workload.name)} · created ${esc(toSecond(inc.pod.createdAt ?? inc.pod.firstSeenAt))} · ${esc(ended)}</p>
${chart(lanes)}
${rowsTable(inc)}
</section>`;
}

function chart(model: SwimLanes): string {
  const height = AXIS_HEIGHT * 2 + model.lanes.length * (LANE_HEIGHT + LANE_GAP);
  const width = LABEL_WIDTH + CHART_WIDTH + 20;
  const span = Math.max(1, model.end - model.start);
  const x = (t: number) => LABEL_WIDTH + ((t - model.start) / span) * CHART_WIDTH;
  const ticks = axisTicks(model.start, model.end);
  const laneTop = (i: number) => AXIS_HEIGHT + i * (LANE_HEIGHT + LANE_GAP) + LANE_GAP / 2;
  const parts: string[] = [];
  for (const t of ticks) {
    parts.push(
      `<line class="grid" x1="${n(x(t))}" x2="${n(x(t))}" y1="${AXIS_HEIGHT - 6}" y2="${height - AXIS_HEIGHT + 6}"/>`,
    );
    const label = esc(formatTick(t, model.end - model.start));
    parts.push(
      `<text class="tick" x="${n(x(t))}" y="${AXIS_HEIGHT - 10}" text-anchor="middle">${label}</text>`,
    );
    parts.push(
      `<text class="tick" x="${n(x(t))}" y="${height - AXIS_HEIGHT + 20}" text-anchor="middle">${label}</text>`,
    );
  }
  model.lanes.forEach((lane, i) => {
    parts.push(laneSvg(lane, laneTop(i), x));
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-label="swim lanes">
${parts.join('\n')}
</svg>`;
}

function laneSvg(lane: Lane, top: number, x: (t: number) => number): string {
  const out = [
    `<g class="lane" data-lane="${esc(lane.id)}">`,
    `<text class="lane-title" x="${LABEL_WIDTH - 10}" y="${n(top + LANE_HEIGHT / 2 + 4)}" text-anchor="end">${esc(lane.title)}</text>`,
  ];
  for (const s of lane.segments) {
    const left = x(s.start);
    const w = Math.max(2, x(s.end) - left);
    const tone = TONES[s.tone];
    const tip = `${s.label}: ${toSecond(new Date(s.start).toISOString())} → ${toSecond(new Date(s.end).toISOString())}`;
    out.push(
      `<rect class="segment tone-${s.tone}" x="${n(left)}" y="${n(top)}" width="${n(w)}" height="${LANE_HEIGHT}" rx="3" fill="${tone.fill}" stroke="#ffffff" stroke-width="1"><title>${esc(tip)}</title></rect>`,
    );
    if (s.label.length * CHAR_WIDTH + 8 <= w) {
      out.push(
        `<text x="${n(left + 5)}" y="${n(top + LANE_HEIGHT / 2 + 4)}" fill="${tone.text}">${esc(s.label)}</text>`,
      );
    }
  }
  for (const m of lane.markers) {
    const mx = x(m.at);
    const colour = m.kind === 'restart' ? '#111111' : m.kind === 'gap' ? '#9b7fc4' : '#a33030';
    const glyph = m.kind === 'restart' ? '↻' : m.kind === 'gap' ? '⋯' : '✕';
    out.push(
      `<g class="marker marker-${m.kind}"><line x1="${n(mx)}" x2="${n(mx)}" y1="${n(top - 4)}" y2="${n(top + LANE_HEIGHT + 4)}" stroke="${colour}" stroke-width="2"${m.kind === 'gap' ? ' stroke-dasharray="3 2"' : ''}/>` +
        `<text x="${n(mx + 3)}" y="${n(top - 1)}" fill="${colour}">${glyph}</text><title>${esc(`${m.label} at ${toSecond(new Date(m.at).toISOString())}`)}</title></g>`,
    );
  }
  out.push('</g>');
  return out.join('\n');
}

function rowsTable(inc: IncarnationView): string {
  const rows = inc.entries.map((e) => {
    const r = timelineRow(e);
    const cells = [r.time, r.ready, r.status, r.restarts, r.age, r.node, r.change === '' ? '' : r.change];
    return `<tr${r.note === '' ? '' : ' class="note"'}>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;
  });
  const head = ['TIME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'NODE', 'CHANGE']
    .map((h) => `<th>${h}</th>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function legend(): string {
  const tones = Object.values(TONES).map(
    (t) => `<span><i style="background:${t.fill}"></i>${esc(t.name)}</span>`,
  );
  return [
    ...tones,
    '<span>↻ restart</span>',
    '<span>✕ deleted / vanished</span>',
    '<span>⋯ gap in the record</span>',
  ].join('');
}

function n(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
