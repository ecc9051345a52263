import type { Head } from '../items/pod-items.js';

/**
 * The heads this process last committed or read, so a warm ingest can plan without reading the
 * head first. A cached head may be stale (another writer committed since): the commit's
 * compare-and-swap on the version then fails and the writer re-reads — the cache saves requests,
 * never decides anything. Bounded, least recently used first out.
 */
export interface HeadCache {
  get(key: string): Head | undefined;
  set(key: string, head: Head): void;
  delete(key: string): void;
}

/** ~10,000 heads of ~1 KB decoded each stay well inside a 512 MB function. */
export function createHeadCache(capacity = 10_000): HeadCache {
  const heads = new Map<string, Head>();
  return {
    get(key) {
      const head = heads.get(key);
      if (head !== undefined) {
        heads.delete(key);
        heads.set(key, head);
      }
      return head;
    },
    set(key, head) {
      heads.delete(key);
      heads.set(key, head);
      if (heads.size > capacity) heads.delete(heads.keys().next().value as string);
    },
    delete(key) {
      heads.delete(key);
    },
  };
}
