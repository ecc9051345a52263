import { canonicalTime } from './event-order.js';
import { type JsonObject, optObj, str } from './json-access.js';

/**
 * One version of a Kubernetes Event about a pod, as podtrail keeps it: a slim core/v1 Event. Both
 * API versions reach the ingest (core/v1 from the agent's watch; events.k8s.io/v1 from other
 * senders) and are kept in the core/v1 shape, so that `kubectl describe`'s Events section and
 * `kubectl get events`'s columns read the same fields: events.k8s.io's `regarding` is
 * `involvedObject`, `note` is `message`, `reportingController` fills `source.component` when the
 * deprecated source is empty, `deprecated*` timestamps and count are the legacy fields.
 * Identity: `metadata.uid` + `metadata.resourceVersion`.
 */
export interface PodEventVersion {
  readonly metadata: {
    readonly uid: string;
    readonly name: string;
    readonly namespace: string;
    readonly resourceVersion: string;
  };
  readonly involvedObject: {
    readonly kind: string;
    readonly namespace: string;
    readonly name: string;
    readonly uid?: string;
    readonly fieldPath?: string;
  };
  readonly reason?: string;
  readonly message?: string;
  readonly type?: string;
  readonly source?: { readonly component?: string; readonly host?: string };
  readonly firstTimestamp?: string;
  readonly lastTimestamp?: string;
  readonly eventTime?: string;
  readonly count?: number;
  readonly series?: { readonly count: number; readonly lastObservedTime: string };
  readonly reportingComponent?: string;
  readonly reportingInstance?: string;
  readonly action?: string;
}

/** A version as received: the event and when the agent observed it (the earliest delivery wins). */
export interface RecordedEventVersion {
  readonly observedAt: string;
  readonly event: PodEventVersion;
}

/** Every recorded version of one event, oldest first. */
export interface RecordedEvent {
  readonly uid: string;
  readonly versions: readonly RecordedEventVersion[];
}

/** Longest message kept; the API server's own limit for events.k8s.io notes is 1 KB. */
export const MAX_EVENT_MESSAGE = 4096;
/**
 * Longest name-like text kept (names, fieldPath, source, reporting controller and instance,
 * action): Kubernetes bounds them at 253 or 128, but only some API versions validate them, and an
 * event must never outgrow its item (issue 17). Cut deterministically, so versions converge.
 */
export const MAX_EVENT_TEXT = 253;

/**
 * The slim core/v1 form of an Event object in either API version (validated by the caller: uid,
 * resourceVersion and the pod it concerns are present). Fields podtrail never reads are dropped;
 * unset fields are left out, not stored empty.
 */
export function slimPodEvent(raw: JsonObject): PodEventVersion {
  const metadata = optObj(raw, 'metadata');
  const isNew = str(raw, 'apiVersion') === 'events.k8s.io/v1' || optObj(raw, 'regarding') !== undefined;
  const target = optObj(raw, isNew ? 'regarding' : 'involvedObject');
  const source = isNew ? optObj(raw, 'deprecatedSource') : optObj(raw, 'source');
  const series = optObj(raw, 'series');
  const seriesCount = series?.count;
  const seriesTime = time(series, 'lastObservedTime');
  const message = str(raw, isNew ? 'note' : 'message');
  const count = raw[isNew ? 'deprecatedCount' : 'count'];
  const slim = {
    metadata: {
      uid: str(metadata, 'uid'),
      name: cut(str(metadata, 'name')),
      namespace: nonEmpty(cut(str(metadata, 'namespace'))) ?? str(target, 'namespace'),
      resourceVersion: str(metadata, 'resourceVersion'),
    },
    involvedObject: withoutUnset({
      kind: nonEmpty(str(target, 'kind')) ?? 'Pod',
      namespace: nonEmpty(str(target, 'namespace')) ?? str(metadata, 'namespace'),
      name: cut(str(target, 'name')),
      uid: nonEmpty(str(target, 'uid')),
      fieldPath: nonEmpty(cut(str(target, 'fieldPath'))),
    }),
    reason: nonEmpty(str(raw, 'reason')),
    message: message === '' ? undefined : message.slice(0, MAX_EVENT_MESSAGE),
    type: nonEmpty(str(raw, 'type')),
    source:
      source === undefined
        ? undefined
        : nonEmptyObject({
            component: nonEmpty(cut(str(source, 'component'))),
            host: nonEmpty(cut(str(source, 'host'))),
          }),
    firstTimestamp: time(raw, isNew ? 'deprecatedFirstTimestamp' : 'firstTimestamp'),
    lastTimestamp: time(raw, isNew ? 'deprecatedLastTimestamp' : 'lastTimestamp'),
    eventTime: time(raw, 'eventTime'),
    count: typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : undefined,
    series:
      typeof seriesCount === 'number' && seriesTime !== undefined
        ? { count: seriesCount, lastObservedTime: seriesTime }
        : undefined,
    reportingComponent: nonEmpty(cut(str(raw, isNew ? 'reportingController' : 'reportingComponent'))),
    reportingInstance: nonEmpty(cut(str(raw, 'reportingInstance'))),
    action: nonEmpty(cut(str(raw, 'action'))),
  };
  return withoutUnset(slim) as PodEventVersion;
}

function cut(text: string): string {
  return text.slice(0, MAX_EVENT_TEXT);
}

/** When the event was first seen: firstTimestamp, else eventTime (events.k8s.io), as kubectl. */
export function eventFirstSeen(e: PodEventVersion): string | undefined {
  return e.firstTimestamp ?? e.eventTime ?? e.lastTimestamp ?? e.series?.lastObservedTime;
}

/** When this version was last seen: the series' last observation, else lastTimestamp, else first seen. */
export function eventLastSeen(e: PodEventVersion): string | undefined {
  return e.series?.lastObservedTime ?? e.lastTimestamp ?? eventFirstSeen(e);
}

/** How many times it happened as of this version: the series count, else count, else 1 (kubectl). */
export function eventCount(e: PodEventVersion): number {
  return e.series?.count ?? e.count ?? 1;
}

/** The time a version happened, for ordering and retention: its last sighting, else when observed. */
export function versionTime(v: RecordedEventVersion): string {
  return eventLastSeen(v.event) ?? v.observedAt;
}

/**
 * Groups versions into events, each event's versions oldest first (by resourceVersion as integers
 * when both are decimal, else by time), events by their first sighting.
 */
export function groupEventVersions(versions: readonly RecordedEventVersion[]): RecordedEvent[] {
  const byUid = new Map<string, RecordedEventVersion[]>();
  for (const v of versions) {
    const list = byUid.get(v.event.metadata.uid);
    if (list === undefined) byUid.set(v.event.metadata.uid, [v]);
    else list.push(v);
  }
  const events = [...byUid].map(([uid, list]) => ({ uid, versions: list.sort(compareVersions) }));
  return events.sort((a, b) => compareStrings(firstTime(a), firstTime(b)) || compareStrings(a.uid, b.uid));
}

/** The newest version of an event at or before `at` (ISO time), or undefined if none was yet. */
export function versionAt(event: RecordedEvent, at: string): RecordedEventVersion | undefined {
  let found: RecordedEventVersion | undefined;
  for (const v of event.versions) if (versionTime(v) <= at) found = v;
  return found;
}

function firstTime(e: RecordedEvent): string {
  const first = e.versions[0];
  return first === undefined ? '' : (eventFirstSeen(first.event) ?? first.observedAt);
}

function compareVersions(a: RecordedEventVersion, b: RecordedEventVersion): number {
  const ra = a.event.metadata.resourceVersion;
  const rb = b.event.metadata.resourceVersion;
  if (/^\d+$/.test(ra) && /^\d+$/.test(rb)) {
    const byLength = ra.replace(/^0+/, '').length - rb.replace(/^0+/, '').length;
    if (byLength !== 0) return byLength;
    return compareStrings(ra.replace(/^0+/, ''), rb.replace(/^0+/, ''));
  }
  return compareStrings(versionTime(a), versionTime(b)) || compareStrings(ra, rb);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function time(o: JsonObject | undefined, key: string): string | undefined {
  const value = str(o, key);
  return value === '' ? undefined : canonicalTime(value);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function nonEmptyObject<T extends object>(o: T): T | undefined {
  const kept = withoutUnset(o);
  return Object.keys(kept).length === 0 ? undefined : kept;
}

/** The same object without its undefined fields (exactOptionalPropertyTypes: absent, never undefined). */
function withoutUnset<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
