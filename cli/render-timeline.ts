import type { PodSummary, TimelineEntry } from '../functions/domain/model.js';
import { type RecordedEvent, versionTime } from '../functions/domain/pod-event.js';
import { toSecond } from '../functions/domain/timeline-rows.js';
import { eventLine, watchLines } from './timeline-table.js';

/** One incarnation as the CLI holds it after merging pages. */
export interface IncarnationView {
  readonly pod: PodSummary;
  readonly entries: readonly TimelineEntry[];
  readonly events?: readonly RecordedEvent[];
}

/**
 * The replay: per incarnation, kubectl's watch table with a TIME column in front. The header and
 * first row are flushed together and each later row on its own with remembered widths, as
 * `kubectl get pod -w` lays them out. Several incarnations are printed oldest first, each under a
 * line naming its uid; deleted / vanished / gap rows carry a plain note after AGE.
 */
export function renderTimeline(
  incarnations: readonly IncarnationView[],
  options: { wide: boolean; noHeaders: boolean; events?: boolean },
): string {
  const ordered = [...incarnations].sort((a, b) => compare(a.pod.firstSeenAt, b.pod.firstSeenAt));
  const labelled = ordered.length > 1;
  return ordered
    .map((inc) => {
      const lines = watchLines(inc.entries, options);
      const all = lines.header === undefined ? lines.rows : [lines.header, ...lines.rows];
      let table = all.length === 0 ? '' : `${all.join('\n')}\n`;
      if (options.events === true) table = withEvents(table, lines.header === undefined ? 0 : 1, inc);
      return labelled && !options.noHeaders ? `${incarnationLabel(inc.pod)}\n${table}` : table;
    })
    .join(options.noHeaders ? '' : '\n');
}

/** `# uid 3f2a… · default/web-0 · created 2026-… · deleted 2026-…` */
export function incarnationLabel(pod: PodSummary): string {
  const parts = [`# uid ${pod.uid}`, `${pod.namespace}/${pod.name}`];
  if (pod.createdAt !== undefined) parts.push(`created ${toSecond(pod.createdAt)}`);
  if (pod.endedAt !== undefined) parts.push(`${pod.endedBy ?? 'ended'} ${toSecond(pod.endedAt)}`);
  else parts.push(`last seen ${toSecond(pod.lastSeenAt)}`);
  return parts.join(' · ');
}

/** For `-o wide` (on stderr): how to see any row as `kubectl describe pod` showed the pod then. */
export function describeHint(pod: PodSummary, cluster: string): string {
  return `# describe it at any row: podtrail describe ${pod.name} -n ${pod.namespace} --cluster ${cluster} --uid ${pod.uid} --at <TIME>`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The table with each recorded event version on its own line under the last row observed at or
 * before it (under the first row if it came earlier), indented, in the order they happened:
 * `  <time>   <TYPE>   <REASON>   <FROM>   <MESSAGE> (x12)`.
 */
function withEvents(table: string, headerLines: number, inc: IncarnationView): string {
  const lines = table.endsWith('\n') ? table.slice(0, -1).split('\n') : table.split('\n');
  const times = inc.entries.map((e) => e.observedAt);
  const under = new Map<number, string[]>();
  const versions = (inc.events ?? [])
    .flatMap((e) => e.versions)
    .sort((a, b) => compare(versionTime(a), versionTime(b)));
  for (const version of versions) {
    const at = versionTime(version);
    let row = 0;
    for (let i = 0; i < times.length; i++) if ((times[i] ?? '') <= at) row = i;
    under.set(row, [...(under.get(row) ?? []), eventLine(version.event, at)]);
  }
  const out: string[] = [];
  lines.forEach((line, i) => {
    out.push(line);
    for (const event of under.get(i - headerLines) ?? []) out.push(event);
  });
  return `${out.join('\n')}\n`;
}
