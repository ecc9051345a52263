import { timestampSince } from './human-duration.js';
import type { FieldChange, TimelineEntry } from './model.js';
import { formatRestarts } from './pod-row.js';

/**
 * A timeline entry as `kubectl get pod -w` would have printed it at the moment it was observed:
 * AGE and the RESTARTS "(Xm ago)" suffix are evaluated at the entry's own observedAt, exactly as the
 * watch printer evaluated them against its clock then.
 */
export interface TimelineRow {
  readonly kind: TimelineEntry['kind'];
  /** observedAt, RFC 3339 to the second (what the TIME column shows). */
  readonly time: string;
  readonly name: string;
  readonly ready: string;
  readonly status: string;
  readonly restarts: string;
  readonly age: string;
  readonly ip: string;
  readonly node: string;
  /** What changed, for -o wide: containers, conditions, node, IP, then reason and message. */
  readonly change: string;
  /** For deleted / vanished / gap entries: says so in plain words; empty otherwise. */
  readonly note: string;
}

/** Longest reason/message text put into a CHANGE cell (-o json keeps the whole stored text). */
export const MAX_CHANGE_MESSAGE = 160;

export function timelineRow(entry: TimelineEntry): TimelineRow {
  const at = Date.parse(entry.observedAt);
  const created = entry.createdAt === undefined ? undefined : Date.parse(entry.createdAt);
  const lastRestart = entry.row.lastRestartAt === undefined ? undefined : Date.parse(entry.row.lastRestartAt);
  return {
    kind: entry.kind,
    time: toSecond(entry.observedAt),
    name: entry.name,
    ready: entry.row.ready,
    status: entry.row.status,
    restarts: formatRestarts(entry.row.restarts, lastRestart, at),
    age: timestampSince(Number.isNaN(created ?? 0) ? undefined : created, at),
    ip: entry.row.ip === '' ? '<none>' : entry.row.ip,
    node: entry.row.node === '' ? '<none>' : entry.row.node,
    change: describeChange(entry),
    note: noteFor(entry),
  };
}

function noteFor(entry: TimelineEntry): string {
  switch (entry.kind) {
    case 'deleted':
      return 'deleted';
    case 'vanished':
      return 'vanished: deleted while unwatched, final state unknown (last known state shown)';
    case 'gap':
      return `gap: events since ${toSecond(entry.gapSince ?? entry.observedAt)} may be missing`;
    default:
      return '';
  }
}

/** Cells the table already shows are not repeated in CHANGE. */
const SHOWN_AS_COLUMNS = new Set(['status', 'ready', 'restarts']);

export function describeChange(entry: TimelineEntry): string {
  const parts: string[] = [];
  if (entry.kind === 'first-seen') parts.push('first seen');
  if (entry.kind !== 'transition' && entry.kind !== 'first-seen') parts.push(noteFor(entry));
  for (const change of entry.changes) {
    if (entry.kind === 'first-seen' || SHOWN_AS_COLUMNS.has(change.field)) continue;
    parts.push(formatFieldChange(change));
  }
  // A reason that only repeats the STATUS cell says nothing the row does not.
  const reason = entry.reason === entry.row.status && (entry.message ?? '') === '' ? undefined : entry.reason;
  const why = [reason, entry.message].filter((s) => s !== undefined && s !== '').join(': ');
  if (why !== '') parts.push(truncate(why, MAX_CHANGE_MESSAGE));
  return parts.join('; ');
}

/**
 * `container/app` → `app`, `condition/Ready` → `Ready`, plain fields as is: `subject=to` for a value
 * that appears, else `subject from → to` (∅ for a value that went away).
 */
export function formatFieldChange(change: FieldChange): string {
  const slash = change.field.indexOf('/');
  const subject = slash < 0 ? change.field : change.field.slice(slash + 1);
  const prefix = change.field.startsWith('initContainer/') ? 'init ' : '';
  if (change.from === '') return `${prefix}${subject}=${change.to}`;
  return `${prefix}${subject} ${change.from} → ${change.to === '' ? '∅' : change.to}`;
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** 2026-11-23T10:00:01.123Z → 2026-11-23T10:00:01Z (the TIME column's resolution). */
export function toSecond(time: string): string {
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) return time;
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
