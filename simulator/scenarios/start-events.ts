import { kubeletSays } from '../pod-events.js';
import { type EventStep, emit } from '../script.js';

/** The kubelet's events around a container start, shared by the scenarios. */

/** Pulling, Pulled after `pullMs` (a fresh pull), then Created and Started when the status shows it running. */
export function freshStart(
  container: string,
  timing: { pullingAtMs: number; startedAtMs: number; pullMs: number; sizeBytes: number },
): EventStep[] {
  const { pullingAtMs, startedAtMs, pullMs, sizeBytes } = timing;
  if (pullingAtMs + pullMs > startedAtMs) throw new RangeError(`${container}: the pull ends after the start`);
  return [
    emit(pullingAtMs, kubeletSays.pulling(container)),
    emit(pullingAtMs + pullMs, kubeletSays.pulled(container, { pullMs, sizeBytes })),
    emit(startedAtMs, kubeletSays.created(container), kubeletSays.started(container)),
  ];
}

/** A start with the image already on the node: Pulled ("already present"), Created, Started at once. */
export function restartEvents(container: string, atMs: number): EventStep[] {
  return [
    emit(
      atMs,
      kubeletSays.alreadyPresent(container),
      kubeletSays.created(container),
      kubeletSays.started(container),
    ),
  ];
}
