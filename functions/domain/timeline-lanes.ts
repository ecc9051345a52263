import type { TimelineEntry } from './model.js';

/**
 * The swim-lane model of one incarnation: the pod STATUS lane plus one lane per container (init
 * containers first, in order of first appearance), each a run of segments coloured by a tone, with
 * markers for restarts, deletion, vanishing and gaps. Times are ms since the epoch. Pure: renderers
 * (the CLI's HTML/SVG) only lay it out.
 */
export type LaneTone = 'running' | 'notready' | 'waiting' | 'failing' | 'done' | 'terminating' | 'unknown';
/**
 * `unobserved`: restarts seen only as a jump in RESTARTS between two observations (their reason and
 * exit code are unknown); `gap` and `vanished` also carry `since`, where the incomplete record starts.
 */
export type MarkerKind = 'restart' | 'unobserved' | 'deleted' | 'vanished' | 'gap';

export interface LaneSegment {
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly tone: LaneTone;
}

export interface LaneMarker {
  readonly at: number;
  readonly kind: MarkerKind;
  readonly label: string;
  /** For gap, vanished and unobserved markers: the start of the span the record does not cover. */
  readonly since?: number;
}

export interface Lane {
  readonly id: string;
  readonly title: string;
  readonly kind: 'status' | 'init' | 'container';
  readonly segments: readonly LaneSegment[];
  readonly markers: readonly LaneMarker[];
}

export interface SwimLanes {
  readonly start: number;
  readonly end: number;
  readonly lanes: readonly Lane[];
}

/** The last state is drawn at least this wide (of the whole span) so a final row stays visible. */
const TAIL_FRACTION = 0.04;
const MIN_TAIL_MS = 1000;

/**
 * `until`: how far the last state lasts (the pod's end, or now for a live pod); ignored when it is
 * not after the last entry.
 */
export function buildSwimLanes(entries: readonly TimelineEntry[], until?: number): SwimLanes {
  const times = entries.map((e) => Date.parse(e.observedAt)).filter((t) => !Number.isNaN(t));
  if (times.length === 0) return { start: 0, end: 0, lanes: [] };
  const start = Math.min(...times);
  const last = Math.max(...times);
  const ended = entries.some((e) => e.kind === 'deleted' || e.kind === 'vanished');
  const tail = Math.max(MIN_TAIL_MS, (last - start) * TAIL_FRACTION);
  const end = until !== undefined && until > last ? until : last + tail;

  const status = new LaneBuilder('status', 'STATUS', 'status');
  const containers = new Map<string, LaneBuilder>();
  let previousRestarts: number | undefined;
  let previousAt: number | undefined;

  for (const entry of entries) {
    const at = Date.parse(entry.observedAt);
    if (Number.isNaN(at)) continue;
    if (entry.kind === 'gap') {
      const since = Date.parse(entry.gapSince ?? entry.observedAt);
      status.mark(at, 'gap', `gap: events since ${entry.gapSince ?? entry.observedAt} may be missing`, since);
      continue;
    }
    if (entry.kind === 'vanished') {
      status.close(at);
      status.mark(at, 'vanished', 'vanished: deleted while unwatched, final state unknown', previousAt);
      for (const lane of containers.values()) lane.close(at);
      continue;
    }
    status.enter(at, `${entry.row.status} ${entry.row.ready}`, statusTone(entry.row.status, entry.row.ready));
    const changed: LaneBuilder[] = [];
    for (const change of entry.changes) {
      const match = /^(initContainer|container)\/(.+)$/.exec(change.field);
      if (match === null) continue;
      const kind = match[1] === 'initContainer' ? 'init' : 'container';
      const id = `${kind}/${match[2]}`;
      let lane = containers.get(id);
      if (lane === undefined) {
        lane = new LaneBuilder(id, kind === 'init' ? `init: ${match[2]}` : match[2]!, kind);
        containers.set(id, lane);
        if (entry.kind !== 'first-seen' && change.from !== '') {
          lane.enter(start, change.from, containerTone(change.from));
        }
      }
      lane.enter(at, change.to, containerTone(change.to));
      changed.push(lane);
    }
    if (previousRestarts !== undefined && entry.row.restarts > previousRestarts) {
      const n = entry.row.restarts - previousRestarts;
      const targets = changed.length > 0 ? changed : [status];
      for (const lane of targets) {
        const why = lane.lastTermination() ?? entry.reason;
        lane.mark(at, 'restart', `restart → ${entry.row.restarts}${why === undefined ? '' : ` (${why})`}`);
        if (n > 1)
          lane.mark(
            at,
            'unobserved',
            `${n - 1} restart${n > 2 ? 's' : ''} not observed (RESTARTS jumped ${previousRestarts} → ${entry.row.restarts}): reason and exit code unknown`,
            previousAt,
          );
      }
    }
    previousRestarts = entry.row.restarts;
    previousAt = at;
    if (entry.kind === 'deleted') {
      status.mark(at, 'deleted', 'deleted');
      status.close(at);
      for (const lane of containers.values()) lane.close(at);
    }
  }
  const closeAt = ended ? last : end;
  const lanes = [status, ...sortLanes([...containers.values()])].map((l) => l.build(closeAt));
  return { start, end, lanes };
}

class LaneBuilder {
  readonly #segments: LaneSegment[] = [];
  readonly #markers: LaneMarker[] = [];
  #open: { start: number; label: string; tone: LaneTone } | undefined;
  #terminated: string | undefined;

  constructor(
    readonly id: string,
    readonly title: string,
    readonly kind: Lane['kind'],
  ) {}

  /** "Error, exit code 1" for the last terminated state entered, consumed by the restart it explains. */
  lastTermination(): string | undefined {
    const last = this.#terminated;
    this.#terminated = undefined;
    return last;
  }

  enter(at: number, label: string, tone: LaneTone): void {
    const terminated = /^terminated:([^:]*):(-?\d+)$/.exec(label);
    if (terminated !== null)
      this.#terminated = `${terminated[1] === '' ? 'no reason' : terminated[1]}, exit code ${terminated[2]}`;
    if (this.#open !== undefined && this.#open.label === label) return;
    this.close(at);
    this.#open = { start: at, label, tone };
  }

  close(at: number): void {
    if (this.#open === undefined) return;
    this.#segments.push({ ...this.#open, end: Math.max(at, this.#open.start) });
    this.#open = undefined;
  }

  mark(at: number, kind: MarkerKind, label: string, since?: number): void {
    this.#markers.push(
      since === undefined || Number.isNaN(since) ? { at, kind, label } : { at, kind, label, since },
    );
  }

  build(end: number): Lane {
    this.close(end);
    return {
      id: this.id,
      title: this.title,
      kind: this.kind,
      segments: this.#segments,
      markers: this.#markers,
    };
  }
}

function sortLanes(lanes: LaneBuilder[]): LaneBuilder[] {
  return [...lanes.filter((l) => l.kind === 'init'), ...lanes.filter((l) => l.kind === 'container')];
}

const FAILING =
  /crashloop|errimage|imagepull|oomkill|error|createcontainer|invalidimage|evicted|failed|backoff|signal:|exitcode:|deadline|nodelost|unschedulable/i;

/** A STATUS cell's colour; Running counts as healthy only with every container ready (READY n/n). */
export function statusTone(status: string, ready = ''): LaneTone {
  if (FAILING.test(status)) return 'failing';
  if (/^running$/i.test(status)) {
    const [up, total] = ready.split('/');
    return up !== undefined && up === total ? 'running' : ready === '' ? 'running' : 'notready';
  }
  if (/^(completed|succeeded)$/i.test(status)) return 'done';
  if (/^terminating$/i.test(status)) return 'terminating';
  if (/^unknown$/i.test(status)) return 'unknown';
  return 'waiting';
}

/** A container state (as the ingest records it, e.g. "running", "waiting:CrashLoopBackOff", "terminated:Error:1"). */
export function containerTone(state: string): LaneTone {
  const exit = /(?:exit(?:code)?[ =:]*|:)(-?\d+)\s*$/i.exec(state);
  if (/terminated/i.test(state)) {
    if (/completed/i.test(state) || exit?.[1] === '0') return 'done';
    return 'failing';
  }
  if (FAILING.test(state)) return 'failing';
  if (/running/i.test(state)) return 'running';
  if (state === '' || /unknown/i.test(state)) return 'unknown';
  return 'waiting';
}
