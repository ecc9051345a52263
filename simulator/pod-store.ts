import type { SimPod } from './pod-types.js';

/**
 * The simulated etcd + watch cache for pods: one global resourceVersion counter, the current objects
 * (kept serialized, ~4 KB each, so 10,000 pods stay cheap), and a bounded history ring that watches
 * replay from. A watch from a resourceVersion older than the ring gets 410 Expired, as after an etcd
 * compaction. DELETED events carry the deletion's resourceVersion and the last state.
 */

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoredEvent {
  readonly type: WatchEventType;
  readonly resourceVersion: number;
  readonly uid: string;
  readonly namespace: string;
  /** One NDJSON watch line, newline included, exactly as streamed. */
  readonly line: string;
  /** Wall-clock ms when the change happened (for tests that reason about gaps). */
  readonly publishedAtMs: number;
}

export interface SnapshotItem {
  readonly uid: string;
  readonly resourceVersion: number;
  /** The pod serialized as a typed-list item (no kind/apiVersion). */
  readonly json: string;
}

export interface ListSnapshot {
  readonly resourceVersion: number;
  /** Ordered by namespace/name, like etcd keys. */
  readonly items: readonly SnapshotItem[];
}

export interface PodStore {
  resourceVersion(): number;
  /** Watches must start at or after this resourceVersion; older ones are Expired. */
  oldestWatchableResourceVersion(): number;
  create(pod: SimPod): StoredEvent;
  /** Applies `change` to a copy of the live pod; undefined when the pod is gone. */
  update(uid: string, change: (pod: SimPod) => void): StoredEvent | undefined;
  delete(uid: string): StoredEvent | undefined;
  get(uid: string): SimPod | undefined;
  findByName(namespace: string, name: string): SimPod | undefined;
  /** Inserts pods that "already existed" before anyone watched: no history, one resourceVersion each. */
  seed(pods: readonly SimPod[]): void;
  snapshot(namespace?: string): ListSnapshot;
  /** Events newer than `resourceVersion`, or 'expired' when the ring no longer reaches back that far. */
  eventsAfter(resourceVersion: number, namespace?: string): readonly StoredEvent[] | 'expired';
  subscribe(listener: (event: StoredEvent) => void): () => void;
  /** Forgets all history, as an etcd compaction does: every watch from an older resourceVersion gets 410. */
  compact(): void;
  size(): number;
  uids(): string[];
}

export interface PodStoreOptions {
  /** Events kept for replay (default 5,000). */
  readonly historyLimit?: number;
  readonly startResourceVersion?: number;
  readonly wallNow?: () => number;
}

interface LivePod {
  readonly uid: string;
  readonly key: string;
  readonly namespace: string;
  readonly resourceVersion: number;
  /** The pod as a typed-list item (no kind/apiVersion). */
  readonly json: string;
}

export function createPodStore(options: PodStoreOptions = {}): PodStore {
  const historyLimit = options.historyLimit ?? 5_000;
  const wallNow = options.wallNow ?? Date.now;
  let resourceVersion = options.startResourceVersion ?? 1_000;
  let oldestWatchable = resourceVersion;
  const live = new Map<string, LivePod>();
  const byKey = new Map<string, string>();
  let history: StoredEvent[] = [];
  let historyStart = 0;
  const listeners = new Set<(event: StoredEvent) => void>();

  const publish = (type: WatchEventType, uid: string, namespace: string, json: string, rv: number) => {
    const line = `{"type":"${type}","object":{"kind":"Pod","apiVersion":"v1",${json.slice(1)}}\n`;
    const event: StoredEvent = { type, resourceVersion: rv, uid, namespace, line, publishedAtMs: wallNow() };
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

  const write = (pod: SimPod): { json: string; rv: number } => {
    resourceVersion++;
    pod.metadata.resourceVersion = String(resourceVersion);
    const { kind: _k, apiVersion: _a, ...item } = pod;
    return { json: JSON.stringify(item), rv: resourceVersion };
  };

  const parse = (json: string): SimPod => JSON.parse(json) as SimPod;

  return {
    resourceVersion: () => resourceVersion,
    oldestWatchableResourceVersion: () => oldestWatchable,
    create(pod) {
      const { uid, namespace, name } = pod.metadata;
      const key = `${namespace}/${name}`;
      if (live.has(uid)) throw new Error(`pod uid ${uid} already exists`);
      if (byKey.has(key)) throw new Error(`pods "${name}" already exists in namespace ${namespace}`);
      const copy = structuredClone(pod);
      const { json, rv } = write(copy);
      live.set(uid, { uid, key, namespace, resourceVersion: rv, json });
      byKey.set(key, uid);
      return publish('ADDED', uid, namespace, json, rv);
    },
    update(uid, change) {
      const current = live.get(uid);
      if (current === undefined) return undefined;
      const pod = parse(current.json);
      change(pod);
      const { json, rv } = write(pod);
      live.set(uid, { ...current, resourceVersion: rv, json });
      return publish('MODIFIED', uid, current.namespace, json, rv);
    },
    delete(uid) {
      const current = live.get(uid);
      if (current === undefined) return undefined;
      const { json, rv } = write(parse(current.json));
      live.delete(uid);
      byKey.delete(current.key);
      return publish('DELETED', uid, current.namespace, json, rv);
    },
    get(uid) {
      const current = live.get(uid);
      return current === undefined ? undefined : parse(current.json);
    },
    findByName(namespace, name) {
      const uid = byKey.get(`${namespace}/${name}`);
      return uid === undefined ? undefined : this.get(uid);
    },
    seed(pods) {
      for (const pod of pods) {
        const { uid, namespace, name } = pod.metadata;
        const key = `${namespace}/${name}`;
        if (live.has(uid) || byKey.has(key)) throw new Error(`pod ${key} already exists`);
        const { json, rv } = write(structuredClone(pod));
        live.set(uid, { uid, key, namespace, resourceVersion: rv, json });
        byKey.set(key, uid);
      }
      oldestWatchable = resourceVersion;
    },
    snapshot(namespace) {
      const pods = [...live.values()].filter((p) => namespace === undefined || p.namespace === namespace);
      pods.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      return {
        resourceVersion,
        items: pods.map((p) => ({ uid: p.uid, resourceVersion: p.resourceVersion, json: p.json })),
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
      oldestWatchable = resourceVersion;
    },
    size: () => live.size,
    uids: () => [...live.keys()],
  };
}
