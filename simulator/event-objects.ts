import type { StoredCoreEvent } from './event-store.js';
import type { SimPod } from './pod-types.js';
import type { Random } from './random.js';
import { kubeTime, microTime } from './time.js';

/**
 * core/v1 Event objects as the API server serves them, in Go's field order, for the two ways
 * components create events: the legacy recorder (client-go tools/record: kubelet, controllers)
 * writes core/v1 with count and first/last timestamps; the events.k8s.io recorder (kube-scheduler)
 * writes eventTime and series, which core/v1 serves with empty source, null first/last timestamps
 * and no count. The API server adds uid, resourceVersion, creationTimestamp and managedFields.
 */

export type EventType = 'Normal' | 'Warning';

/** core/v1 ObjectReference, in Go's field order. */
export interface ObjectReference {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly uid?: string;
  readonly apiVersion?: string;
  readonly resourceVersion?: string;
  readonly fieldPath?: string;
}

export interface EventSource {
  readonly component: string;
  readonly host?: string;
}

/** The reference a component takes to a pod it is about (ref.GetReference / GetPartialReference). */
export function podReference(pod: SimPod, fieldPath?: string): ObjectReference {
  const { namespace, name, uid, resourceVersion } = pod.metadata;
  return {
    kind: 'Pod',
    namespace,
    name,
    uid,
    apiVersion: 'v1',
    ...(resourceVersion === undefined ? {} : { resourceVersion }),
    ...(fieldPath === undefined ? {} : { fieldPath }),
  };
}

/**
 * Recorder-made names, `{object}.{lowercase hex of Unix nanoseconds}`. Sub-millisecond digits come
 * from `random` and names only grow, so two events recorded in the same millisecond never collide.
 */
export function createEventNamer(random: Random): (objectName: string, atMs: number) => string {
  let last = 0n;
  return (objectName, atMs) => {
    let nanos = BigInt(Math.floor(atMs)) * 1_000_000n + BigInt(Math.floor(random() * 1_000_000));
    if (nanos <= last) nanos = last + 1n + BigInt(Math.floor(random() * 1_000));
    last = nanos;
    return `${objectName}.${nanos.toString(16)}`;
  };
}

export interface LegacyEventFields {
  readonly name: string;
  readonly involvedObject: ObjectReference;
  readonly reason: string;
  readonly message: string;
  readonly source: EventSource;
  readonly firstMs: number;
  readonly lastMs: number;
  readonly count: number;
  readonly type: EventType;
  /** Empty on "(combined from similar events)" events: client-go's aggregator does not copy them. */
  readonly reportingComponent: string;
  readonly reportingInstance: string;
  /** The managedFields manager: the component's user agent name ("kubelet", "kube-controller-manager"). */
  readonly manager: string;
}

export function legacyEvent(fields: LegacyEventFields, atMs: number): StoredCoreEvent {
  const { involvedObject, source } = fields;
  return {
    metadata: {
      name: fields.name,
      namespace: involvedObject.namespace || 'default',
      uid: '',
      resourceVersion: '',
      creationTimestamp: kubeTime(atMs),
      managedFields: [managedFieldsEntry(fields.manager, 'v1', atMs, LEGACY_FIELDS(source))],
    },
    involvedObject: { ...involvedObject },
    reason: fields.reason,
    message: fields.message,
    source: { ...source },
    firstTimestamp: kubeTime(fields.firstMs),
    lastTimestamp: kubeTime(fields.lastMs),
    count: fields.count,
    type: fields.type,
    eventTime: null,
    reportingComponent: fields.reportingComponent,
    reportingInstance: fields.reportingInstance,
  };
}

/** What a legacy repeat changes: the strategic-merge patch of count, lastTimestamp and message. */
export function applyLegacyRepeat(
  event: StoredCoreEvent,
  repeat: { count: number; lastMs: number; message: string; manager: string },
  atMs: number,
): void {
  event.count = repeat.count;
  event.lastTimestamp = kubeTime(repeat.lastMs);
  event.message = repeat.message;
  touchManagedFields(event, repeat.manager, atMs);
}

export interface SeriesEventFields {
  readonly name: string;
  readonly regarding: ObjectReference;
  readonly reason: string;
  readonly note: string;
  readonly type: EventType;
  readonly action: string;
  readonly eventTimeMs: number;
  readonly series: { readonly count: number; readonly lastObservedMs: number } | undefined;
  readonly reportingController: string;
  readonly reportingInstance: string;
  readonly manager: string;
}

export function seriesEvent(fields: SeriesEventFields, atMs: number): StoredCoreEvent {
  const managed = fields.series === undefined ? SERIES_FIELDS : { ...SERIES_FIELDS, ...SERIES_COUNT_FIELDS };
  return {
    metadata: {
      name: fields.name,
      namespace: fields.regarding.namespace || 'default',
      uid: '',
      resourceVersion: '',
      creationTimestamp: kubeTime(atMs),
      managedFields: [managedFieldsEntry(fields.manager, 'events.k8s.io/v1', atMs, managed)],
    },
    involvedObject: { ...fields.regarding },
    reason: fields.reason,
    message: fields.note,
    source: {},
    firstTimestamp: null,
    lastTimestamp: null,
    type: fields.type,
    eventTime: microTime(fields.eventTimeMs),
    ...(fields.series === undefined ? {} : { series: seriesOf(fields.series) }),
    action: fields.action,
    reportingComponent: fields.reportingController,
    reportingInstance: fields.reportingInstance,
  };
}

/** What a series write changes: the patch of `series` (count, lastObservedTime). */
export function applySeries(
  event: StoredCoreEvent,
  series: { count: number; lastObservedMs: number },
  manager: string,
  atMs: number,
): void {
  const { action, reportingComponent, reportingInstance, ...rest } = event;
  const before = JSON.stringify(event.series);
  const after = seriesOf(series);
  if (before === JSON.stringify(after)) return;
  // `series` goes between eventTime and action, where Go writes it.
  for (const key of Object.keys(event)) delete event[key];
  Object.assign(event, rest, { series: after, action, reportingComponent, reportingInstance });
  const entry = touchManagedFields(event, manager, atMs);
  if (entry !== undefined) entry.fieldsV1 = { ...SERIES_FIELDS, ...SERIES_COUNT_FIELDS };
}

function seriesOf(series: { count: number; lastObservedMs: number }) {
  return { count: series.count, lastObservedTime: microTime(series.lastObservedMs) };
}

interface ManagedFieldsEntry {
  manager: string;
  operation: 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
}

function managedFieldsEntry(
  manager: string,
  apiVersion: string,
  atMs: number,
  fieldsV1: Record<string, unknown>,
): ManagedFieldsEntry {
  return { manager, operation: 'Update', apiVersion, time: kubeTime(atMs), fieldsType: 'FieldsV1', fieldsV1 };
}

function touchManagedFields(event: StoredCoreEvent, manager: string, atMs: number) {
  const entries = event.metadata.managedFields as ManagedFieldsEntry[] | undefined;
  const entry = entries?.find((e) => e.manager === manager);
  if (entry !== undefined) entry.time = kubeTime(atMs);
  return entry;
}

const LEGACY_FIELDS = (source: EventSource): Record<string, unknown> => ({
  'f:count': {},
  'f:firstTimestamp': {},
  'f:involvedObject': {},
  'f:lastTimestamp': {},
  'f:message': {},
  'f:reason': {},
  'f:reportingComponent': {},
  'f:reportingInstance': {},
  'f:source': source.host === undefined ? { 'f:component': {} } : { 'f:component': {}, 'f:host': {} },
  'f:type': {},
});

/** An events.k8s.io/v1 writer's field set, in that API's field names. */
const SERIES_FIELDS: Record<string, unknown> = {
  'f:action': {},
  'f:eventTime': {},
  'f:note': {},
  'f:reason': {},
  'f:regarding': {},
  'f:reportingController': {},
  'f:reportingInstance': {},
  'f:type': {},
};

const SERIES_COUNT_FIELDS: Record<string, unknown> = {
  'f:series': { '.': {}, 'f:count': {}, 'f:lastObservedTime': {} },
};
