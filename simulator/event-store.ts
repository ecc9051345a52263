import type { SimClock } from './clock.js';
import { createObjectStore, type ObjectStore, type Revision, type SelectableFields } from './object-store.js';
import { randomUid, seededRandom } from './random.js';
import { kubeTime } from './time.js';

/**
 * core/v1 Events as the API server keeps them: an object store (list, watch, field selectors,
 * resourceVersions from the revision shared with pods), written by the simulated components'
 * recorders or put as given by tests, and deleted one TTL after their last write (kube-apiserver
 * --event-ttl, 1 h by default: every create, update and patch renews it), which watchers see as
 * DELETED. The TTL runs on the simulator's clock.
 */

export type SimEvent = Record<string, unknown> & {
  metadata: {
    name: string;
    namespace: string;
    uid?: string;
    resourceVersion?: string;
    creationTimestamp?: string;
    [extra: string]: unknown;
  };
};

/** An event as stored: the API server has given it a uid and a creationTimestamp. */
export type StoredCoreEvent = SimEvent & { metadata: { uid: string } };

export interface EventStore {
  /** The watchable collection the API server serves. */
  readonly objects: ObjectStore<StoredCoreEvent>;
  /** Creates or replaces (as a PUT would: MODIFIED, new resourceVersion) the event with this namespace/name. */
  put(event: SimEvent): StoredCoreEvent;
  /**
   * Changes a stored event (a PATCH); undefined when there is none (404: expired or never created).
   * A change that changes nothing is not written, as the API server skips no-op updates.
   */
  patch(
    namespace: string,
    name: string,
    change: (event: StoredCoreEvent) => void,
  ): StoredCoreEvent | undefined;
  get(namespace: string, name: string): StoredCoreEvent | undefined;
  delete(namespace: string, name: string): boolean;
  size(): number;
  /** Stops the expiry timer (events stay as they are). */
  close(): void;
}

export interface EventStoreOptions {
  readonly clock: SimClock;
  readonly revision?: Revision;
  /** How long an event lives after its last write, in simulated ms (default one hour). */
  readonly ttlMs?: number;
  readonly historyLimit?: number;
  /** Seeds the uids the store assigns, so that runs replay exactly. */
  readonly seed?: number;
}

export const DEFAULT_EVENT_TTL_MS = 3_600_000;

/** The fields the API server's field-selector conversion accepts for core/v1 events. */
export const EVENT_SELECTABLE_FIELDS = [
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
  'metadata.namespace',
  'metadata.name',
] as const;

export function createEventStore(options: EventStoreOptions): EventStore {
  const { clock } = options;
  const ttlMs = options.ttlMs ?? DEFAULT_EVENT_TTL_MS;
  const random = seededRandom(options.seed ?? 0x5eed);
  const objects = createObjectStore<StoredCoreEvent>({
    kind: 'Event',
    fieldsOf: eventFields,
    ...(options.revision === undefined ? {} : { revision: options.revision }),
    ...(options.historyLimit === undefined ? {} : { historyLimit: options.historyLimit }),
  });
  const expiry = createExpiryQueue(clock, ttlMs, (uid) => objects.delete(uid));

  const find = (namespace: string, name: string) => objects.findByName(namespace, name);

  return {
    objects,
    put(event) {
      const existing = find(event.metadata.namespace, event.metadata.name);
      const { name, namespace, uid, resourceVersion: _rv, creationTimestamp, ...rest } = event.metadata;
      const copy = structuredClone({
        ...event,
        // Where the API server's ObjectMeta puts them; the store stamps resourceVersion.
        metadata: {
          name,
          namespace,
          uid: existing?.metadata.uid ?? (uid || randomUid(random)),
          resourceVersion: '',
          creationTimestamp:
            existing?.metadata.creationTimestamp ?? creationTimestamp ?? kubeTime(clock.now()),
          ...rest,
        },
      }) as StoredCoreEvent;
      if (existing === undefined) objects.create(copy);
      else
        objects.update(copy.metadata.uid, (stored) => {
          for (const key of Object.keys(stored)) delete stored[key];
          Object.assign(stored, copy);
        });
      expiry.renew(copy.metadata.uid);
      return objects.get(copy.metadata.uid) as StoredCoreEvent;
    },
    patch(namespace, name, change) {
      const existing = find(namespace, name);
      if (existing === undefined) return undefined;
      const before = JSON.stringify(existing);
      change(existing);
      // A patch that changes nothing writes nothing (etcd3 GuaranteedUpdate): no resourceVersion, no new TTL.
      if (JSON.stringify(existing) === before) return find(namespace, name);
      const { uid } = existing.metadata;
      objects.update(uid, (stored) => {
        for (const key of Object.keys(stored)) delete stored[key];
        Object.assign(stored, existing);
      });
      expiry.renew(uid);
      return objects.get(uid);
    },
    get: find,
    delete(namespace, name) {
      const existing = find(namespace, name);
      if (existing === undefined) return false;
      objects.delete(existing.metadata.uid);
      return true;
    },
    size: () => objects.size(),
    close: () => expiry.stop(),
  };
}

/**
 * Deadlines one TTL after each write, in write order: with a clock that only moves forward the
 * oldest deadline is always first, so one pending timer serves them all. A rewritten event's older
 * deadline is skipped when it comes up.
 */
function createExpiryQueue(clock: SimClock, ttlMs: number, expire: (uid: string) => void) {
  const deadlines = new Map<string, number>();
  let queue: { uid: string; atMs: number }[] = [];
  let head = 0;
  let cancelTimer: (() => void) | undefined;
  let stopped = false;

  const fire = () => {
    cancelTimer = undefined;
    const now = clock.now();
    while (head < queue.length) {
      const next = queue[head];
      if (next === undefined || next.atMs > now) break;
      head++;
      if (deadlines.get(next.uid) === next.atMs) {
        deadlines.delete(next.uid);
        expire(next.uid);
      }
    }
    if (head > 1_024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    schedule();
  };
  const schedule = () => {
    const next = queue[head];
    if (stopped || cancelTimer !== undefined || next === undefined) return;
    cancelTimer = clock.setTimeout(fire, Math.max(0, next.atMs - clock.now()));
  };
  return {
    renew(uid: string) {
      const atMs = clock.now() + ttlMs;
      deadlines.set(uid, atMs);
      queue.push({ uid, atMs });
      schedule();
    },
    stop() {
      stopped = true;
      cancelTimer?.();
      cancelTimer = undefined;
    },
  };
}

/** The values core/v1 field selectors compare (the API server's event fields conversion). */
function eventFields(event: StoredCoreEvent): SelectableFields {
  const involved = record(event.involvedObject);
  const source = record(event.source);
  const component = text(source.component);
  return {
    'involvedObject.kind': text(involved.kind),
    'involvedObject.namespace': text(involved.namespace),
    'involvedObject.name': text(involved.name),
    'involvedObject.uid': text(involved.uid),
    'involvedObject.apiVersion': text(involved.apiVersion),
    'involvedObject.resourceVersion': text(involved.resourceVersion),
    'involvedObject.fieldPath': text(involved.fieldPath),
    reason: text(event.reason),
    reportingComponent: text(event.reportingComponent),
    // `source` is source.component, or reportingComponent when that is empty (events.k8s.io events).
    source: component === '' ? text(event.reportingComponent) : component,
    type: text(event.type),
    'metadata.namespace': event.metadata.namespace,
    'metadata.name': event.metadata.name,
  };
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
