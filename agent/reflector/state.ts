import type { SlimmedPod } from '../slim-pod.js';
import type { ReflectorDeps } from './contracts.js';

/** What the reflector remembers between its list and watch passes, and the two ways they change it. */

/** All the agent remembers of a pod (~150 B): never the object itself. */
export interface KnownPod {
  readonly namespace: string;
  readonly name: string;
  readonly resourceVersion: string;
  readonly fingerprint: string;
}

export interface ReflectorState {
  /** By uid. */
  readonly known: Map<string, KnownPod>;
  lastRV: string;
  listedOnce: boolean;
  listing: boolean;
  /** The latest moment the agent can vouch it had every change before (null before the first list). */
  lastInSyncAt: number | null;
}

/** A list page, a watch opening, an event or a bookmark arrived: the API is reachable (/healthz). */
export function noteContact(deps: Pick<ReflectorDeps, 'metrics' | 'runtime'>): void {
  deps.metrics.lastContactTimestamp = deps.runtime.now();
}

/**
 * Records a pod state seen in a list or a watch and forwards it, unless the agent already has it:
 * the same resourceVersion, or nothing the ingest reads changed (same fingerprint). A deletion is
 * always forwarded and the pod forgotten; a state of a pod the agent did not know goes out as
 * ADDED, whatever the watch called it.
 */
export function recordPodState(
  state: ReflectorState,
  deps: Pick<ReflectorDeps, 'metrics' | 'sink'>,
  type: 'ADDED' | 'MODIFIED' | 'DELETED',
  slim: SlimmedPod,
  observedAtMs: number,
): void {
  if (type === 'DELETED') {
    state.known.delete(slim.uid);
    deps.metrics.eventsQueued++;
    deps.sink.pod('DELETED', slim, observedAtMs);
    return;
  }
  const previous = state.known.get(slim.uid);
  if (previous !== undefined && previous.resourceVersion === slim.resourceVersion) return;
  state.known.set(slim.uid, {
    namespace: slim.namespace,
    name: slim.name,
    resourceVersion: slim.resourceVersion,
    fingerprint: slim.fingerprint,
  });
  if (previous !== undefined && previous.fingerprint === slim.fingerprint) {
    deps.metrics.eventsSkipped++;
    return;
  }
  deps.metrics.eventsQueued++;
  deps.sink.pod(previous === undefined ? 'ADDED' : type, slim, observedAtMs);
}
