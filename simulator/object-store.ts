/**
 * The simulated etcd + watch cache for one resource (pods, events): the current objects, kept
 * serialized (a pod weighs ~4 KB, so 10,000 stay cheap), and a bounded history ring that watches
 * replay from. resourceVersions come from one revision counter shared by every resource, as etcd's
 * is; each resource's ring has its own oldest watchable version, as each cacher has. A watch from a
 * resourceVersion older than the ring gets 410 Expired, as after an etcd compaction. DELETED events
 * carry the deletion's resourceVersion and the last state.
 */

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** etcd's revision: one counter for every resource. */
export interface Revision {
  current(): number;
  /** Advances the counter and returns the new revision (one write). */
  next(): number;
}

export function createRevision(start = 1_000): Revision {
  let revision = start;
  return { current: () => revision, next: () => ++revision };
}

/** The values a field selector compares, by field name (collections that support selectors only). */
export type SelectableFields = Readonly<Record<string, string>>;

export interface StoredEvent {
  readonly type: WatchEventType;
  readonly resourceVersion: number;
  readonly uid: string;
  readonly namespace: string;
  /** One NDJSON watch line, newline included, exactly as streamed. */
  readonly line: string;
  /** Wall-clock ms when the change happened (for tests that reason about gaps). */
  readonly publishedAtMs: number;
  /** The new version's selectable fields (collections with field selectors only). */
  readonly fields?: SelectableFields;
  /**
   * MODIFIED in collections with field selectors: the version it replaced, so that a selective
   * watch can turn the change into ADDED or DELETED as the cacher does.
   */
  readonly previous?: { readonly fields: SelectableFields; readonly json: string };
}

export interface SnapshotItem {
  readonly uid: string;
  readonly resourceVersion: number;
  /** The object serialized as a typed-list item (no kind/apiVersion). */
  readonly json: string;
  readonly fields?: SelectableFields;
}

export interface ListSnapshot {
  readonly resourceVersion: number;
  /** Ordered by namespace/name, like etcd keys. */
  readonly items: readonly SnapshotItem[];
}

export interface StoredObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace: string; uid: string; resourceVersion?: string };
}

/** What the HTTP handlers read: the same for every resource. */
export interface WatchableStore {
  readonly kind: string;
  resourceVersion(): number;
  /** Watches must start at or after this resourceVersion; older ones are Expired. */
  oldestWatchableResourceVersion(): number;
  findByName(namespace: string, name: string): object | undefined;
  snapshot(namespace?: string): ListSnapshot;
  /** Events newer than `resourceVersion`, or 'expired' when the ring no longer reaches back that far. */
  eventsAfter(resourceVersion: number, namespace?: string): readonly StoredEvent[] | 'expired';
  subscribe(listener: (event: StoredEvent) => void): () => void;
}

export interface ObjectStore<T extends StoredObject> extends WatchableStore {
  create(object: T): StoredEvent;
  /** Applies `change` to a copy of the live object; undefined when the object is gone. */
  update(uid: string, change: (object: T) => void): StoredEvent | undefined;
  delete(uid: string): StoredEvent | undefined;
  get(uid: string): T | undefined;
  findByName(namespace: string, name: string): T | undefined;
  /** Inserts objects that "already existed" before anyone watched: no history, one resourceVersion each. */
  seed(objects: readonly T[]): void;
  /** Forgets all history, as an etcd compaction does: every watch from an older resourceVersion gets 410. */
  compact(): void;
  size(): number;
  uids(): string[];
}

export interface ObjectStoreOptions<T> {
  /** The object kind in watch lines ("Pod", "Event"). */
  readonly kind: string;
  /** The shared revision counter (default: a counter of this store's own). */
  readonly revision?: Revision;
  /** Where a store's own counter starts (ignored with `revision`). */
  readonly startResourceVersion?: number;
  /** Events kept for replay (default 5,000). */
  readonly historyLimit?: number;
  readonly wallNow?: () => number;
  /** Makes the collection selectable: computed on every write. */
  readonly fieldsOf?: (object: T) => SelectableFields;
}

interface LiveObject {
  readonly uid: string;
  readonly key: string;
  readonly namespace: string;
  readonly resourceVersion: number;
  /** The object as a typed-list item (no kind/apiVersion). */
  readonly json: string;
  readonly fields?: SelectableFields;
}

export function createObjectStore<T extends StoredObject>(options: ObjectStoreOptions<T>): ObjectStore<T> {
  const { kind, fieldsOf } = options;
  const historyLimit = options.historyLimit ?? 5_000;
  const wallNow = options.wallNow ?? Date.now;
  const revision = options.revision ?? createRevision(options.startResourceVersion);
  let oldestWatchable = revision.current();
  const live = new Map<string, LiveObject>();
  const byKey = new Map<string, string>();
  let history: StoredEvent[] = [];
  let historyStart = 0;
  const listeners = new Set<(event: StoredEvent) => void>();

  const publish = (type: WatchEventType, current: LiveObject, previous: LiveObject | undefined) => {
    const line = `{"type":"${type}","object":{"kind":"${kind}","apiVersion":"v1",${current.json.slice(1)}}\n`;
    const event: StoredEvent = {
      type,
      resourceVersion: current.resourceVersion,
      uid: current.uid,
      namespace: current.namespace,
      line,
      publishedAtMs: wallNow(),
      ...(current.fields === undefined ? {} : { fields: current.fields }),
      ...(previous?.fields === undefined
        ? {}
        : { previous: { fields: previous.fields, json: previous.json } }),
    };
    history.push(event);
    if (history.length - historyStart > historyLimit) {
      const evicted = history[historyStart];
      historyStart++;
      if (evicted !== undefined) oldestWatchable = evicted.resourceVersion;
      if (historyStart > historyLimit) {
        history = history.slice(historyStart);
        historyStart = 0;
      }
    }
    for (const listener of [...listeners]) listener(event);
    return event;
  };

  /** Stamps the next revision on `object` and serializes it as a list item. */
  const write = (object: T, key: string): LiveObject => {
    const rv = revision.next();
    object.metadata.resourceVersion = String(rv);
    const { kind: _k, apiVersion: _a, ...item } = object;
    const { uid, namespace } = object.metadata;
    const json = JSON.stringify(item);
    return {
      uid,
      key,
      namespace,
      resourceVersion: rv,
      json,
      ...(fieldsOf ? { fields: fieldsOf(object) } : {}),
    };
  };

  const parse = (json: string): T => JSON.parse(json) as T;

  const insert = (object: T): LiveObject => {
    const { uid, namespace, name } = object.metadata;
    const key = `${namespace}/${name}`;
    if (live.has(uid)) throw new Error(`${kind} uid ${uid} already exists`);
    if (byKey.has(key)) throw new Error(`${kind} "${name}" already exists in namespace ${namespace}`);
    const stored = write(structuredClone(object), key);
    live.set(uid, stored);
    byKey.set(key, uid);
    return stored;
  };

  return {
    kind,
    resourceVersion: () => revision.current(),
    oldestWatchableResourceVersion: () => oldestWatchable,
    create(object) {
      return publish('ADDED', insert(object), undefined);
    },
    update(uid, change) {
      const current = live.get(uid);
      if (current === undefined) return undefined;
      const object = parse(current.json);
      change(object);
      const next = write(object, current.key);
      live.set(uid, next);
      return publish('MODIFIED', next, current);
    },
    delete(uid) {
      const current = live.get(uid);
      if (current === undefined) return undefined;
      const last = write(parse(current.json), current.key);
      live.delete(uid);
      byKey.delete(current.key);
      return publish('DELETED', last, undefined);
    },
    get(uid) {
      const current = live.get(uid);
      return current === undefined ? undefined : parse(current.json);
    },
    findByName(namespace, name) {
      const uid = byKey.get(`${namespace}/${name}`);
      return uid === undefined ? undefined : this.get(uid);
    },
    seed(objects) {
      for (const object of objects) insert(object);
      oldestWatchable = revision.current();
    },
    snapshot(namespace) {
      const objects = [...live.values()].filter((o) => namespace === undefined || o.namespace === namespace);
      objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return {
        resourceVersion: revision.current(),
        items: objects.map((o) => ({
          uid: o.uid,
          resourceVersion: o.resourceVersion,
          json: o.json,
          ...(o.fields === undefined ? {} : { fields: o.fields }),
        })),
      };
    },
    eventsAfter(from, namespace) {
      if (from < oldestWatchable) return 'expired';
      const out: StoredEvent[] = [];
      // RVs in the ring are increasing: binary search for the first newer one.
      let lo = historyStart;
      let hi = history.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((history[mid]?.resourceVersion ?? 0) <= from) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < history.length; i++) {
        const event = history[i];
        if (event !== undefined && (namespace === undefined || event.namespace === namespace))
          out.push(event);
      }
      return out;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    compact() {
      history = [];
      historyStart = 0;
      oldestWatchable = revision.current();
    },
    size: () => live.size,
    uids: () => [...live.keys()],
  };
}
