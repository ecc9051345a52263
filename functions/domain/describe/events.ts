import { GO_ZERO_TIME_MS } from '../human-duration.js';
import { int, isObject, type JsonObject, obj, optObj, str, time } from '../json-access.js';
import { goSort } from './go-sort.js';
import { compareGoStrings, trimSpace } from './go-text.js';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './prefix-writer.js';
import { since } from './times.js';

/**
 * The Events section: which events kubectl lists for a pod (PodDescriber.Describe + searchEvents),
 * their order (API list order, then sort.Sort by lastTimestamp) and DescribeEvents' table.
 *
 * Input events are core/v1 Event objects or events.k8s.io/v1 ones (the same stored objects under
 * other field names; they are read as core/v1). The caller may pass more than kubectl would see:
 * only events whose involvedObject has the pod's name and namespace and the pod's uid — or, for
 * a mirror pod, the uid in its `kubernetes.io/config.mirror` annotation — are shown, as the
 * field selector kubectl sends selects them (no kind); an event stored in another namespace is
 * not listed either (one without a namespace is kept). Events are first put in API order, by
 * event name, and the same event given twice (by name) counts once.
 */
export function describeEvents(w: PrefixWriter, pod: unknown, events: readonly unknown[], now: number): void {
  const selected = selectEvents(pod, events);
  if (selected.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  goSort(selected, (a, b) => lastTimestamp(a) < lastTimestamp(b));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const event of selected) {
    const first =
      time(event, 'eventTime') !== undefined ? since(event.eventTime, now) : since(event.firstTimestamp, now);
    const series = optObj(event, 'series');
    const count = int(event, 'count');
    let age = first;
    if (series !== undefined)
      age = `${since(series.lastObservedTime, now)} (x${int(series, 'count')} over ${first})`;
    else if (count > 1) age = `${since(event.lastTimestamp, now)} (x${count} over ${first})`;
    const source = str(obj(event, 'source'), 'component') || str(event, 'reportingComponent');
    const fieldPath = str(obj(event, 'involvedObject'), 'fieldPath');
    const message = trimSpace(str(event, 'message'));
    w.write(
      LEVEL_1,
      `${str(event, 'type')}\t${str(event, 'reason')}\t${age}\t${source}\t${fieldPath === '' ? message : `${fieldPath}: ${message}`}\n`,
    );
  }
}

const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

function selectEvents(pod: unknown, events: readonly unknown[]): JsonObject[] {
  const metadata = obj(pod, 'metadata');
  const annotations = obj(metadata, 'annotations');
  const mirror = annotations[MIRROR_POD_ANNOTATION];
  const uid = mirror !== undefined ? (typeof mirror === 'string' ? mirror : '') : str(metadata, 'uid');
  const name = str(metadata, 'name');
  const namespace = str(metadata, 'namespace');
  const seen = new Set<string>();
  const selected: JsonObject[] = [];
  for (const raw of events) {
    if (!isObject(raw)) continue;
    const event = asCoreEvent(raw);
    const involved = obj(event, 'involvedObject');
    if (str(involved, 'name') !== name || str(involved, 'namespace') !== namespace) continue;
    const eventNamespace = str(obj(event, 'metadata'), 'namespace');
    if (eventNamespace !== '' && eventNamespace !== namespace) continue;
    if (uid !== '' && str(involved, 'uid') !== uid) continue;
    const eventName = str(obj(event, 'metadata'), 'name');
    if (eventName !== '') {
      if (seen.has(eventName)) continue;
      seen.add(eventName);
    }
    selected.push(event);
  }
  return selected.sort((a, b) =>
    compareGoStrings(str(obj(a, 'metadata'), 'name'), str(obj(b, 'metadata'), 'name')),
  );
}

/** An events.k8s.io/v1 Event under its core/v1 field names; a core/v1 Event as it is. */
function asCoreEvent(event: JsonObject): JsonObject {
  const isEventsApi =
    str(event, 'apiVersion').startsWith('events.k8s.io/') ||
    (!('involvedObject' in event) && 'regarding' in event);
  if (!isEventsApi) return event;
  return {
    metadata: event.metadata,
    involvedObject: event.regarding,
    reason: event.reason,
    message: event.note,
    type: event.type,
    source: event.deprecatedSource,
    firstTimestamp: event.deprecatedFirstTimestamp,
    lastTimestamp: event.deprecatedLastTimestamp,
    count: event.deprecatedCount,
    eventTime: event.eventTime,
    series: event.series,
    reportingComponent: event.reportingController,
  };
}

function lastTimestamp(event: JsonObject): number {
  return time(event, 'lastTimestamp') ?? GO_ZERO_TIME_MS;
}
