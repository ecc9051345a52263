import type { EventBatch } from '../../functions/domain/wire-format.js';
import type { QueuedEvent } from './event-queue.js';

/**
 * Serializes queued events into the v1 wire format (functions/domain/wire-format.ts) by string
 * assembly: pod and event JSON was serialized once when it was slimmed, and a batch of 1 MB is
 * assembled without re-parsing or re-stringifying any object.
 */
export function serializeBatch(
  cluster: string,
  agent: EventBatch['agent'],
  events: readonly QueuedEvent[],
): string {
  const parts = events.map((event) => {
    const observedAt = new Date(event.observedAtMs).toISOString();
    if (event.kind === 'pod')
      return `{"type":"${event.type}","observedAt":"${observedAt}","pod":${event.podJson}}`;
    if (event.kind === 'event')
      return `{"type":"EVENT","observedAt":"${observedAt}","event":${event.eventJson}}`;
    return JSON.stringify({
      type: 'SYNC',
      observedAt,
      resourceVersion: event.resourceVersion,
      uids: event.uids,
      gapSince: event.gapSinceMs === null ? null : new Date(event.gapSinceMs).toISOString(),
    });
  });
  return `{"cluster":${JSON.stringify(cluster)},"agent":${JSON.stringify(agent)},"events":[${parts.join(',')}]}`;
}
