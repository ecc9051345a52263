import { type RecordedEventVersion, versionTime } from '../../domain/pod-event.js';
import { encodeEventVersion } from '../items/event-items.js';
import type { ClusterContext } from '../pod/plan-types.js';
import { ATTR } from '../schema/attributes.js';
import { ifObservedLaterThan } from '../schema/conditions.js';
import { expiresAt } from '../schema/retention.js';
import { inParallel } from '../table/in-parallel.js';
import type { TableClient } from '../table/table-client.js';

/** Event versions written at once: like pods, enough to hide latency, polite to the table. */
const PARALLEL_EVENTS = 16;

/**
 * Pod Events, version by version: each one conditional put into the partition of the pod it names,
 * kept if new or observed earlier than what is stored. No head, no index: the stored state is the
 * set of versions received (earliest delivery each), whatever the order, duplication or writers,
 * and an event that arrives before its pod is simply there when the pod is read.
 */
export async function recordEvents(
  table: TableClient,
  ctx: ClusterContext,
  events: readonly RecordedEventVersion[],
): Promise<{ accepted: number; unchanged: number }> {
  let accepted = 0;
  let unchanged = 0;
  await inParallel(events, PARALLEL_EVENTS, async (version) => {
    const item = encodeEventVersion(ctx.cluster, version, expiresAt(versionTime(version), ctx.retentionDays));
    const written = await table.put(item, ifObservedLaterThan(String(item[ATTR.observedAt])));
    if (written === 'written') accepted++;
    else unchanged++;
  });
  return { accepted, unchanged };
}
