import { createObjectStore, type ObjectStore, type Revision } from './object-store.js';
import type { SimPod } from './pod-types.js';

/**
 * The simulated pods collection: an object store of `Pod`s (see object-store.ts for the etcd and
 * watch-cache semantics). Pods take no field selectors here.
 */

export type {
  ListSnapshot,
  SnapshotItem,
  StoredEvent,
  WatchEventType,
} from './object-store.js';

export type PodStore = ObjectStore<SimPod>;

export interface PodStoreOptions {
  /** Events kept for replay (default 5,000). */
  readonly historyLimit?: number;
  readonly startResourceVersion?: number;
  /** The revision counter shared with the other resources (default: one of the pod store's own). */
  readonly revision?: Revision;
  readonly wallNow?: () => number;
}

export function createPodStore(options: PodStoreOptions = {}): PodStore {
  return createObjectStore<SimPod>({ kind: 'Pod', ...options });
}
