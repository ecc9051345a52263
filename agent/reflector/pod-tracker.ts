import type { PodEventType } from '../../functions/domain/wire-format.js';
import type { WireMetrics } from '../ops/metrics.js';
import { type SlimmedPod, slimPod } from '../slim-pod.js';
import type { CompletedList, ResourceTracker } from './contracts.js';
import type { ReflectorPosition } from './reflector.js';

/**
 * What the pods' reflector keeps (~150 B per pod, never the object) and what it forwards: each
 * state the ingest has not got yet, skipping updates that change nothing it reads (same
 * fingerprint). After every (re)list a SYNC with every live uid: pods that vanished while nobody
 * watched are simply forgotten here, the ingest learns of them from the SYNC (we never fabricate
 * a DELETED for a final state we did not see). `gapSince` is null after the first list, else the
 * last moment the agent can vouch it was up to date, less GAP_MARGIN_MS.
 */

/** All the agent remembers of a pod. */
export interface KnownPod {
  readonly namespace: string;
  readonly name: string;
  readonly resourceVersion: string;
  readonly fingerprint: string;
}

export interface SyncSnapshot {
  readonly resourceVersion: string;
  readonly uids: readonly string[];
}

export interface PodSink {
  pod(type: PodEventType, pod: SlimmedPod, observedAtMs: number): void;
  /** `gapSinceMs` is already dated back by GAP_MARGIN_MS. */
  sync(sync: SyncSnapshot & { readonly gapSinceMs: number | null; readonly observedAtMs: number }): void;
}

export interface PodTracker extends ResourceTracker {
  /** Live pod uids as of the last processed resourceVersion. */
  uids(): string[];
  size(): number;
}

export function createPodTracker(deps: {
  readonly sink: PodSink;
  readonly metrics: WireMetrics;
}): PodTracker {
  /** By uid. */
  const known = new Map<string, KnownPod>();
  let seen = new Set<string>();
  const { sink, metrics } = deps;

  /**
   * Records a pod state seen in a list or a watch and forwards it, unless the agent already has it:
   * the same resourceVersion, or nothing the ingest reads changed (same fingerprint). A deletion is
   * always forwarded and the pod forgotten; a state of a pod the agent did not know goes out as
   * ADDED, whatever the watch called it.
   */
  const record = (type: PodEventType, slim: SlimmedPod, observedAtMs: number): void => {
    if (type === 'DELETED') {
      known.delete(slim.uid);
      metrics.queued++;
      sink.pod('DELETED', slim, observedAtMs);
      return;
    }
    const previous = known.get(slim.uid);
    if (previous !== undefined && previous.resourceVersion === slim.resourceVersion) return;
    known.set(slim.uid, {
      namespace: slim.namespace,
      name: slim.name,
      resourceVersion: slim.resourceVersion,
      fingerprint: slim.fingerprint,
    });
    if (previous !== undefined && previous.fingerprint === slim.fingerprint) {
      metrics.skipped++;
      return;
    }
    metrics.queued++;
    sink.pod(previous === undefined ? 'ADDED' : type, slim, observedAtMs);
  };

  return {
    listStarted() {
      seen = new Set();
    },
    listed(object, observedAtMs) {
      const slim = slimPod(object);
      if (slim === undefined) return false;
      seen.add(slim.uid);
      record('MODIFIED', slim, observedAtMs);
      return true;
    },
    listDone(list: CompletedList) {
      let vanished = 0;
      for (const uid of known.keys()) {
        if (!seen.has(uid)) {
          known.delete(uid);
          vanished++;
        }
      }
      const uids = [...seen];
      seen = new Set();
      sink.sync({
        resourceVersion: list.resourceVersion,
        uids,
        gapSinceMs: list.gapSinceMs,
        observedAtMs: list.observedAtMs,
      });
      return {
        pods: uids.length,
        vanished,
        gapSince: list.gapSinceMs === null ? null : new Date(list.gapSinceMs).toISOString(),
      };
    },
    watched(type, object, receivedAtMs) {
      const slim = slimPod(object);
      if (slim === undefined) return undefined;
      record(type, slim, receivedAtMs);
      return slim;
    },
    uids: () => [...known.keys()],
    size: () => known.size,
  };
}

/** Every live uid as of the loop's resourceVersion; undefined while (re)listing or before the first list. */
export function podSnapshot(position: ReflectorPosition, tracker: PodTracker): SyncSnapshot | undefined {
  return position.listing || !position.listedOnce
    ? undefined
    : { resourceVersion: position.resourceVersion, uids: tracker.uids() };
}
