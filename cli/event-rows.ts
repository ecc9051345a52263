import { timestampSince } from '../functions/domain/human-duration.js';
import { eventCount, type PodEventVersion } from '../functions/domain/pod-event.js';

/**
 * `kubectl get events` columns, as the API server's table printer fills them (`printEvent` in
 * kubernetes/kubernetes pkg/printers/internalversion/printers.go, v1.35): ages as of `now`, FIRST
 * SEEN from firstTimestamp else eventTime, LAST SEEN from the series, else lastTimestamp, else
 * first seen; COUNT from the series, else count, else 1; OBJECT `pod/<name>`.
 */
export const EVENT_COLUMNS = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'] as const;
export const EVENT_WIDE_COLUMNS = [
  'LAST SEEN',
  'TYPE',
  'REASON',
  'OBJECT',
  'SUBOBJECT',
  'SOURCE',
  'MESSAGE',
  'FIRST SEEN',
  'COUNT',
  'NAME',
] as const;

export function eventRow(e: PodEventVersion, now: number, wide: boolean): string[] {
  const first = age(e.firstTimestamp ?? e.eventTime, now);
  const last =
    e.series !== undefined
      ? age(e.series.lastObservedTime, now)
      : e.lastTimestamp === undefined
        ? first
        : age(e.lastTimestamp, now);
  const target =
    e.involvedObject.name === ''
      ? e.involvedObject.kind.toLowerCase()
      : `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`;
  const message = (e.message ?? '').trim();
  if (!wide) return [last, e.type ?? '', e.reason ?? '', target, message];
  return [
    last,
    e.type ?? '',
    e.reason ?? '',
    target,
    e.involvedObject.fieldPath ?? '',
    eventSource(e),
    message,
    first,
    String(eventCount(e)),
    e.metadata.name,
  ];
}

/** kubectl's formatEventSource: component (else the reporting controller), then ", host" if any. */
export function eventSource(e: PodEventVersion): string {
  const component = e.source?.component ?? e.reportingComponent ?? '';
  const host = e.source?.host ?? e.reportingInstance ?? '';
  return host === '' ? component : `${component}, ${host}`;
}

function age(time: string | undefined, now: number): string {
  return timestampSince(time === undefined ? undefined : Date.parse(time), now);
}
