import { compareText } from './compare-text.js';
import { eventCount, type RecordedEvent, versionTime } from './pod-event.js';

/**
 * The Warning events seen before restarts, for the restart audit's `warnings` (e.g. Unhealthy×12,
 * BackOff×4): what the kubelet said in the minutes before a container was restarted.
 *
 * Rule:
 * - Occurrences, not versions: a version adds the growth of the event's count since the previous
 *   recorded version (series.count, else count, as kubectl reads it); the first recorded version adds
 *   its whole count. Occurrences between two recorded versions are dated at the later one's last
 *   sighting (lastTimestamp / series.lastObservedTime), the only time an Event carries for them.
 * - Only versions of type Warning, counted by reason.
 * - An occurrence counts when it falls within WARNING_LOOKBACK_MS before a restart of the same pod,
 *   restart included ([restart − 10 min, restart], the restart's time being the container's
 *   finishedAt, else when the restart was observed). The lookback is not cut at the report
 *   window's start: it belongs to the restart, which is in the window.
 * - An event that names a container (involvedObject.fieldPath `spec.containers{name}`, init and
 *   ephemeral containers alike) counts only before that container's restarts; one that names none
 *   (FailedMount, Evicted…) before any restart of the pod.
 * - Each occurrence counts once per group, however many of the group's restarts it precedes.
 */
export const WARNING_LOOKBACK_MS = 10 * 60_000;
/** Reasons kept per group, most frequent first. */
export const TOP_WARNING_REASONS = 3;

/** One restart as the warnings rule sees it; `pod` is any key unique to the incarnation. */
export interface RestartMoment {
  readonly pod: string;
  readonly container: string;
  /** RFC 3339. */
  readonly at: string;
}

/** Warning occurrences of one event: how many, of which reason, dated when. */
export interface WarningOccurrences {
  readonly reason: string;
  readonly container?: string;
  readonly at: string;
  readonly count: number;
}

export function warningOccurrences(event: RecordedEvent): WarningOccurrences[] {
  const out: WarningOccurrences[] = [];
  let counted = 0;
  for (const version of event.versions) {
    const count = eventCount(version.event);
    const added = Math.max(0, count - counted);
    counted = Math.max(counted, count);
    if (added === 0 || version.event.type !== 'Warning') continue;
    const container = containerOf(version.event.involvedObject.fieldPath);
    out.push({
      reason: version.event.reason ?? '<none>',
      ...(container === undefined ? {} : { container }),
      at: versionTime(version),
      count: added,
    });
  }
  return out;
}

/**
 * Warning occurrences by reason before the given restarts (one group's), most frequent first, at
 * most `top`. `eventsOf(pod)`: the events of the incarnation a RestartMoment's `pod` names.
 */
export function warningsBeforeRestarts(
  restarts: readonly RestartMoment[],
  eventsOf: (pod: string) => readonly RecordedEvent[],
  options: { readonly lookbackMs?: number; readonly top?: number } = {},
): Record<string, number> {
  const lookback = options.lookbackMs ?? WARNING_LOOKBACK_MS;
  const byPod = new Map<string, { container: string; from: number; to: number }[]>();
  for (const r of restarts) {
    const to = Date.parse(r.at);
    if (Number.isNaN(to)) continue;
    const list = byPod.get(r.pod) ?? [];
    list.push({ container: r.container, from: to - lookback, to });
    byPod.set(r.pod, list);
  }
  const counts = new Map<string, number>();
  for (const [pod, spans] of byPod) {
    for (const event of eventsOf(pod)) {
      for (const o of warningOccurrences(event)) {
        const t = Date.parse(o.at);
        const precedes = spans.some(
          (s) => (o.container === undefined || o.container === s.container) && s.from <= t && t <= s.to,
        );
        if (precedes) counts.set(o.reason, (counts.get(o.reason) ?? 0) + o.count);
      }
    }
  }
  return topCounts(counts, options.top ?? TOP_WARNING_REASONS);
}

/** The `top` most frequent, ties by reason, as an ordered record. */
export function topCounts(counts: ReadonlyMap<string, number>, top: number): Record<string, number> {
  const ranked = [...counts].sort(([a, x], [b, y]) => y - x || compareText(a, b));
  return Object.fromEntries(ranked.slice(0, top));
}

/** The container a fieldPath names: `spec.containers{app}`, `spec.initContainers{init}`, … → its name. */
export function containerOf(fieldPath: string | undefined): string | undefined {
  if (fieldPath === undefined) return undefined;
  return /^spec\.(?:containers|initContainers|ephemeralContainers)\{([^}]+)\}$/.exec(fieldPath)?.[1];
}
