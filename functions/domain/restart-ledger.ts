import type { RestartRecord } from './model.js';
import type { PodIdentity, PodObservation } from './observation.js';

/**
 * The restart ledger (docs/wire-format.md, Semantics): one record per container restart seen between two consecutive
 * observations, described by the container's lastState.terminated in the newer one. When the count
 * jumped by k > 1, one record stands for the run, with `unobserved` = k − 1 restarts whose details
 * were never seen. The first observation of a pod records the restarts it already had the same way.
 * A record is identified by (uid, container, init, restartCount), so re-deriving it converges.
 */
export function detectRestarts(
  cluster: string,
  identity: PodIdentity,
  prev: PodObservation | undefined,
  next: PodObservation,
): RestartRecord[] {
  const records: RestartRecord[] = [];
  for (const c of next.containers) {
    const before = prev?.containers.find((p) => p.name === c.name && p.init === c.init)?.restartCount ?? 0;
    if (c.restartCount <= before) continue;
    const last = c.last;
    records.push({
      cluster,
      namespace: identity.namespace,
      name: identity.name,
      uid: identity.uid,
      workload: identity.workload,
      container: c.name,
      init: c.init,
      restartCount: c.restartCount,
      reason: last?.reason ?? '',
      ...(last?.exitCode === undefined ? {} : { exitCode: last.exitCode }),
      ...(last?.signal === undefined ? {} : { signal: last.signal }),
      ...(last?.startedAt === undefined ? {} : { startedAt: last.startedAt }),
      ...(last?.finishedAt === undefined ? {} : { finishedAt: last.finishedAt }),
      ...(last?.message === undefined ? {} : { message: last.message }),
      observedAt: next.observedAt,
      unobserved: c.restartCount - before - 1,
    });
  }
  return records;
}

/** When a restart happened, for time windows: the previous run's finish, else when it was observed. */
export function restartTime(record: RestartRecord): string {
  return record.finishedAt ?? record.observedAt;
}
