import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { buildSwimLanes } from '../functions/domain/timeline-lanes.js';
import { timelineRow, toSecond } from '../functions/domain/timeline-rows.js';
import { eventMarks } from '../ui/charts/event-marks.js';
import { Legend, legendCss, SwimLaneChart } from '../ui/charts/swim-lanes.js';
import type { IncarnationView } from './render-timeline.js';

/**
 * `podtrail timeline --html`: one self-contained HTML file (inline CSS and SVG, no scripts, no
 * external resources) drawing each incarnation as swim lanes — the pod STATUS lane and one lane per
 * container, coloured by state, with restarts, deletion, vanishing and gaps marked on a time axis —
 * followed by the rows themselves. Every text from the store is escaped. The lanes are the web UI's
 * own chart component (ui/charts/swim-lanes.tsx), rendered to a string: one drawing for both.
 */
export function renderHtmlTimeline(view: {
  cluster: string;
  incarnations: readonly IncarnationView[];
}): string {
  const ordered = [...view.incarnations].sort((a, b) => (a.pod.firstSeenAt < b.pod.firstSeenAt ? -1 : 1));
  const first = ordered[0]?.pod;
  const title =
    first === undefined ? 'podtrail timeline' : `${first.namespace}/${first.name} — podtrail timeline`;
  const sections = ordered.map((inc, i) => section(view.cluster, inc, i)).join('\n');
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
.legend i{display:inline-block;width:14px;height:10px;border-radius:2px}${legendCss()}
table{border-collapse:collapse;margin-top:14px;font:12px ui-monospace,SFMono-Regular,Menlo,monospace}
th,td{text-align:left;padding:2px 12px 2px 0;vertical-align:top;white-space:nowrap}td:last-child{white-space:normal}th{color:#56606b;font-weight:600}
tr.note td{color:#a33}
</style>
</head>
<body>
<h1>${esc(title)}</h1>
<p class="meta">cluster ${esc(view.cluster)} · ${ordered.length} incarnation${ordered.length === 1 ? '' : 's'} · times in UTC</p>
${sections}
${renderToString(h(Legend, {}))}
</body>
</html>
`;
}

function section(cluster: string, inc: IncarnationView, index: number): string {
  const until = inc.pod.endedAt ?? inc.pod.lastSeenAt;
  const lanes = buildSwimLanes(inc.entries, Date.parse(until));
  const ended =
    inc.pod.endedAt === undefined
      ? `last seen ${toSecond(inc.pod.lastSeenAt)}`
      : `${inc.pod.endedBy ?? 'ended'} ${toSecond(inc.pod.endedAt)}`;
  return `<section data-uid="${esc(inc.pod.uid)}">
<h2>uid ${esc(inc.pod.uid)}</h2>
<p class="meta">${esc(`${inc.pod.namespace}/${inc.pod.name} in ${cluster}`)} · ${esc(inc.pod.workload.kind)} ${esc(inc.pod.workload.name)} · created ${esc(toSecond(inc.pod.createdAt ?? inc.pod.firstSeenAt))} · ${esc(ended)}</p>
${renderToString(
  h(SwimLaneChart, {
    model: lanes,
    label: `swim lanes of ${inc.pod.namespace}/${inc.pod.name} (uid ${inc.pod.uid})`,
    events: eventMarks(inc.events ?? []),
    idPrefix: `u${index}`,
  }),
)}
${rowsTable(inc)}
</section>`;
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

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
