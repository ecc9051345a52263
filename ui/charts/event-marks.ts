import { eventCount, type RecordedEvent, versionTime } from '../../functions/domain/pod-event.js';
import type { EventMark } from './swim-lanes.js';

/**
 * Every recorded version of a pod's Events as a mark on the events lane, at its last sighting (the
 * time `podtrail timeline --events` files it under), oldest first.
 */
export function eventMarks(events: readonly RecordedEvent[]): EventMark[] {
  const marks: EventMark[] = [];
  for (const event of events)
    for (const version of event.versions) {
      const at = Date.parse(versionTime(version));
      if (Number.isNaN(at)) continue;
      const e = version.event;
      const count = eventCount(e);
      const message = (e.message ?? '').trim().replaceAll('\n', ' ');
      marks.push({
        at,
        type: e.type ?? '',
        reason: e.reason ?? '',
        text: `${message}${count > 1 ? ` (x${count})` : ''}`,
      });
    }
  return marks.sort((a, b) => a.at - b.at);
}
