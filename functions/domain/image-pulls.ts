import type { StartupBreakdown } from './model.js';
import { eventFirstSeen, type RecordedEvent } from './pod-event.js';

/**
 * How long a pod's images took to pull, from the kubelet's `Pulled` events (pkg/kubelet/images,
 * `image_manager.go`), for the pod-startup SLI, which excludes image pulls.
 *
 * Messages read (reason `Pulled`):
 *   Successfully pulled image "x" in 1.234s (1.234s including waiting). Image size: 123 bytes.
 *   Successfully pulled image "x" in 1.234567s           (older kubelets: one duration)
 *   Container image "x" already present on machine      (no pull: 0)
 * The first duration is the pull itself; the one "including waiting" adds the time queued behind
 * other pulls on the node (other pods' too), which older kubelets do not print, so the first is
 * used everywhere. Durations are Go's `time.Duration` text (1m2.5s, 850ms, 12µs).
 *
 * A pod's pull time is the SUM of its regular containers' first pulls: the kubelet starts a pod's
 * containers one after another and pulls images serially by default (`serializeImagePulls`), so
 * the pulls follow each other inside the containerStart phase. (With parallel pulls enabled the sum
 * overstates the wall time.) Init containers' pulls are not counted: the SLI excludes init
 * containers, and podtrail's `startup` already leaves their phase out.
 *
 * A container's first pull is its earliest `Pulled` event (a later "already present" comes from a
 * restart) and counts only if first seen by the time the pod's containers had all started. The
 * pod's containers are those any event names (`involvedObject.fieldPath` `spec.containers{name}`:
 * the kubelet records Pulled, Created and Started for each); the pull time is known only when every
 * one of them has a counted pull, so a pod whose Pulled events were lost has no pull data rather
 * than a smaller one.
 */
export interface PodImagePulls {
  /** Pull time per regular container, ms (0 = already present). */
  readonly containers: Readonly<Record<string, number>>;
  /** Their sum, ms. */
  readonly total: number;
}

export type PulledMessage = { readonly pulledMs: number } | { readonly alreadyPresent: true };

const SUCCESS = /^Successfully pulled image "[^"]*" in (\S+?)(?: \(|\.?$)/;
const PRESENT = /^Container image "[^"]*" already present on machine/;

/** A Pulled event's message: the pull's duration in ms, "already present", or undefined (unknown). */
export function parsePulledMessage(message: string): PulledMessage | undefined {
  if (PRESENT.test(message)) return { alreadyPresent: true };
  const duration = SUCCESS.exec(message)?.[1];
  const ms = duration === undefined ? undefined : parseGoDuration(duration);
  return ms === undefined ? undefined : { pulledMs: ms };
}

const GO_UNIT_MS: Readonly<Record<string, number>> = {
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 1e-3,
  µs: 1e-3, // U+00B5, what Go prints
  μs: 1e-3, // U+03BC, which Go's ParseDuration accepts too
  ns: 1e-6,
};
const GO_PART = /(\d+(?:\.\d*)?|\.\d+)(h|ms|m|s|us|µs|μs|ns)/y;

/** Go's time.ParseDuration, unsigned, in ms (fractions kept), or undefined when it is not one. */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  if (text === '' || text.length > 64) return undefined;
  GO_PART.lastIndex = 0;
  let ms = 0;
  while (GO_PART.lastIndex < text.length) {
    const match = GO_PART.exec(text);
    if (match === null) return undefined;
    ms += Number(match[1]) * (GO_UNIT_MS[match[2] as string] as number);
  }
  return Number.isFinite(ms) ? ms : undefined;
}

/** The container a fieldPath names, when it is a regular one: `spec.containers{app}` → app. */
export function regularContainerOf(fieldPath: string | undefined): string | undefined {
  return fieldPath === undefined ? undefined : /^spec\.containers\{([^}]+)\}$/.exec(fieldPath)?.[1];
}

/**
 * The pod's image pull time as above, or undefined when it is not known: the containers have not
 * all started, no event names a container, or some container has no counted pull.
 */
export function podImagePulls(
  startup: StartupBreakdown | undefined,
  events: readonly RecordedEvent[],
): PodImagePulls | undefined {
  const started = Date.parse(startup?.containersStartedAt ?? '');
  if (Number.isNaN(started)) return undefined;
  const seen = new Set<string>();
  const first = new Map<string, { at: number; ms: number }>();
  for (const event of events) {
    const head = event.versions[0]?.event;
    const container = regularContainerOf(head?.involvedObject.fieldPath);
    if (head === undefined || container === undefined) continue;
    seen.add(container);
    if (head.reason !== 'Pulled') continue;
    const at = Date.parse(eventFirstSeen(head) ?? event.versions[0]?.observedAt ?? '');
    const pulled = parsePulledMessage(head.message ?? '');
    if (pulled === undefined || !(at <= started)) continue;
    const earlier = first.get(container);
    if (earlier !== undefined && earlier.at <= at) continue;
    first.set(container, { at, ms: 'pulledMs' in pulled ? Math.round(pulled.pulledMs) : 0 });
  }
  if (seen.size === 0) return undefined;
  const containers: Record<string, number> = {};
  let total = 0;
  for (const name of [...seen].sort()) {
    const pull = first.get(name);
    if (pull === undefined) return undefined;
    containers[name] = pull.ms;
    total += pull.ms;
  }
  return { containers, total };
}
