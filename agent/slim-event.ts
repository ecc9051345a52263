/**
 * The slim event: what `kubectl describe pod`'s Events table and the timeline read of a core/v1
 * Event about a pod (reference kubectl-describe.md §4–§5), nothing else.
 *
 * Kept: metadata name, namespace, uid, resourceVersion (creationTimestamp only when the event has
 * no time of its own: no firstTimestamp, lastTimestamp, eventTime or series); involvedObject kind,
 * namespace, name, uid and fieldPath; reason, message (verbatim), type, source {component, host},
 * firstTimestamp, lastTimestamp, eventTime, count, series {count, lastObservedTime},
 * reportingComponent, reportingInstance, action, and related (its reference fields) when present.
 * Dropped: managedFields, labels, annotations, ownerReferences, generateName and the other
 * metadata, involvedObject apiVersion and resourceVersion, deprecated series.state. Null, empty
 * strings and empty objects are left out, as the API server's own JSON leaves out zero values.
 * A kubelet BackOff event of 1.2 KB as served slims to 0.7 KB (managedFields is most of the difference).
 */

export interface SlimmedEvent {
  readonly uid: string;
  readonly namespace: string;
  readonly name: string;
  readonly resourceVersion: string;
  /** The slim event as JSON: the `event` of an EVENT wire event. */
  readonly json: string;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const objectAt = (parent: Json, key: string): Json => {
  const v = parent[key];
  return isObject(v) ? v : {};
};
const stringAt = (parent: Json, key: string): string | undefined => {
  const v = parent[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

const REFERENCE_FIELDS = ['kind', 'namespace', 'name', 'uid', 'fieldPath'] as const;
const RELATED_FIELDS = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'fieldPath'] as const;

/**
 * undefined when the object is not an event about a pod the ingest could use: no uid, name,
 * namespace or resourceVersion (a bookmark), or an involvedObject of another kind.
 */
export function slimEvent(event: unknown): SlimmedEvent | undefined {
  if (!isObject(event)) return undefined;
  const metadata = objectAt(event, 'metadata');
  const uid = stringAt(metadata, 'uid');
  const name = stringAt(metadata, 'name');
  const namespace = stringAt(metadata, 'namespace');
  const resourceVersion = stringAt(metadata, 'resourceVersion');
  if (uid === undefined || name === undefined || namespace === undefined || resourceVersion === undefined)
    return undefined;
  const involvedObject = pick(objectAt(event, 'involvedObject'), REFERENCE_FIELDS);
  if (involvedObject?.kind !== 'Pod') return undefined;

  const series = pick(objectAt(event, 'series'), ['count', 'lastObservedTime']);
  const timed = ['firstTimestamp', 'lastTimestamp', 'eventTime'].some((key) => present(event[key]));
  const slim: Json = {
    metadata: {
      name,
      namespace,
      uid,
      resourceVersion,
      creationTimestamp: timed || series !== undefined ? undefined : orUndefined(metadata.creationTimestamp),
    },
    involvedObject,
    reason: orUndefined(event.reason),
    message: orUndefined(event.message),
    type: orUndefined(event.type),
    source: pick(objectAt(event, 'source'), ['component', 'host']),
    firstTimestamp: orUndefined(event.firstTimestamp),
    lastTimestamp: orUndefined(event.lastTimestamp),
    eventTime: orUndefined(event.eventTime),
    count: orUndefined(event.count),
    series,
    reportingComponent: orUndefined(event.reportingComponent),
    reportingInstance: orUndefined(event.reportingInstance),
    action: orUndefined(event.action),
    related: pick(objectAt(event, 'related'), RELATED_FIELDS),
  };
  return { uid, namespace, name, resourceVersion, json: JSON.stringify(slim) };
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/** The value, unless it is a zero value the API server's JSON would have left out (null, ""). */
function orUndefined(value: unknown): unknown {
  return present(value) ? value : undefined;
}

/** The named fields that are present, or undefined when none is. */
function pick(source: Json, keys: readonly string[]): Json | undefined {
  const out: Json = {};
  for (const key of keys) if (present(source[key])) out[key] = source[key];
  return Object.keys(out).length > 0 ? out : undefined;
}
