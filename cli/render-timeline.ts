import type { PodSummary, TimelineEntry } from '../functions/domain/model.js';
import { type TimelineRow, timelineRow, toSecond } from '../functions/domain/timeline-rows.js';
import { formatWatchTable } from './table.js';

/** One incarnation as the CLI holds it after merging pages. */
export interface IncarnationView {
  readonly pod: PodSummary;
  readonly entries: readonly TimelineEntry[];
}

const COLUMNS = ['TIME', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'] as const;
const WIDE_COLUMNS = [...COLUMNS, 'IP', 'NODE', 'CHANGE'] as const;

/**
 * The replay: per incarnation, kubectl's watch table with a TIME column in front. The header and
 * first row are flushed together and each later row on its own with remembered widths, as
 * `kubectl get pod -w` lays them out. Several incarnations are printed oldest first, each under a
 * line naming its uid; deleted / vanished / gap rows carry a plain note after AGE.
 */
export function renderTimeline(
  incarnations: readonly IncarnationView[],
  options: { wide: boolean; noHeaders: boolean },
): string {
  const ordered = [...incarnations].sort((a, b) => compare(a.pod.firstSeenAt, b.pod.firstSeenAt));
  const labelled = ordered.length > 1;
  return ordered
    .map((inc) => {
      const rows = inc.entries.map((e) => cells(timelineRow(e), options.wide));
      const header = options.noHeaders ? [] : [[...(options.wide ? WIDE_COLUMNS : COLUMNS)]];
      // kubectl get -w flushes the header with the first (listed) row, then each watched row alone.
      const all = [...header, ...rows];
      const firstBlock = all.slice(0, header.length + 1);
      const table = formatWatchTable(firstBlock, all.slice(firstBlock.length));
      return labelled && !options.noHeaders ? `${incarnationLabel(inc.pod)}\n${table}` : table;
    })
    .join(options.noHeaders ? '' : '\n');
}

function cells(row: TimelineRow, wide: boolean): string[] {
  const base = [row.time, row.name, row.ready, row.status, row.restarts, row.age];
  if (wide) return [...base, row.ip, row.node, row.change === '' ? '<none>' : row.change];
  return row.note === '' ? base : [...base, row.note];
}

/** `# uid 3f2a… · default/web-0 · created 2026-… · deleted 2026-…` */
export function incarnationLabel(pod: PodSummary): string {
  const parts = [`# uid ${pod.uid}`, `${pod.namespace}/${pod.name}`];
  if (pod.createdAt !== undefined) parts.push(`created ${toSecond(pod.createdAt)}`);
  if (pod.endedAt !== undefined) parts.push(`${pod.endedBy ?? 'ended'} ${toSecond(pod.endedAt)}`);
  else parts.push(`last seen ${toSecond(pod.lastSeenAt)}`);
  return parts.join(' · ');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
