import type { TimelineEntry } from '../functions/domain/model.js';
import { eventCount, type PodEventVersion } from '../functions/domain/pod-event.js';
import { type TimelineRow, timelineRow, toSecond } from '../functions/domain/timeline-rows.js';
import { eventSource } from './event-rows.js';
import { formatWatchTable } from './table.js';

/**
 * The text of one incarnation's `kubectl get pod -w` replay, line by line: what `podtrail timeline`
 * prints for it and what the web UI's pod page shows, from this one module (pure: no I/O).
 */
const COLUMNS = ['TIME', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'] as const;
const WIDE_COLUMNS = [...COLUMNS, 'IP', 'NODE', 'CHANGE'] as const;

export interface WatchLines {
  /** The header line, unless headers are off. */
  readonly header?: string;
  /** One line per entry, in entry order. */
  readonly rows: readonly string[];
}

/**
 * kubectl get -w flushes the header with the first (listed) row, then each watched row alone with
 * remembered widths, so a wider cell widens only its own row and those after it.
 */
export function watchLines(
  entries: readonly TimelineEntry[],
  options: { wide: boolean; noHeaders: boolean },
): WatchLines {
  const rows = entries.map((e) => cells(timelineRow(e), options.wide));
  const header = options.noHeaders ? [] : [[...(options.wide ? WIDE_COLUMNS : COLUMNS)]];
  const all = [...header, ...rows];
  const firstBlock = all.slice(0, header.length + 1);
  const text = formatWatchTable(firstBlock, all.slice(firstBlock.length));
  const lines = (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  if (all.length === 0) return { rows: [] };
  return options.noHeaders ? { rows: lines } : { header: lines[0]!, rows: lines.slice(1) };
}

function cells(row: TimelineRow, wide: boolean): string[] {
  const base = [row.time, row.name, row.ready, row.status, row.restarts, row.age];
  if (wide) return [...base, row.ip, row.node, row.change === '' ? '<none>' : row.change];
  return row.note === '' ? base : [...base, row.note];
}

/** An event version as `--events` prints it: `  <time>   <TYPE>   <REASON>   <FROM>   <MESSAGE> (x12)`. */
export function eventLine(e: PodEventVersion, at: string): string {
  const count = eventCount(e);
  const message = (e.message ?? '').trim().replaceAll('\n', ' ');
  const from = eventSource(e).split(',')[0] ?? '';
  return `  ${[toSecond(at), e.type ?? '', e.reason ?? '', from, message].join('   ')}${count > 1 ? ` (x${count})` : ''}`;
}
