/**
 * One lane of the outbound queue: a FIFO whose entries may carry a key (a pod uid, an event uid)
 * so that a newer entry can replace an older one of the same key in place. Removal leaves a hole
 * that `shift` skips; the storage is compacted as the head advances. Counts and bytes are kept
 * as entries come and go, so every bound check is O(1).
 */

export interface LaneEntry {
  readonly bytes: number;
  readonly observedAtMs: number;
}

export interface QueueLane<E extends LaneEntry> {
  append(entry: E): void;
  /** The newest queued entry with this key, if one is still queued. */
  latest(key: string): E | undefined;
  /** Changes an entry in place (it keeps its position); its bytes are counted again after. */
  update(entry: E, change: (entry: E) => void): void;
  /** Removes every entry that matches, oldest first, and returns them. */
  removeWhere(match: (entry: E) => boolean): E[];
  /** Removes each keyed entry that a newer one of the same key follows, calling `fold(newer, older)` first. */
  coalesce(fold: (newer: E, older: E) => void): E[];
  /** Removes and returns the oldest entry that `droppable` allows, if any. */
  dropOldest(droppable: (entry: E) => boolean): E | undefined;
  peek(): E | undefined;
  shift(): E | undefined;
  count(): number;
  bytes(): number;
  oldestObservedAtMs(): number | undefined;
}

export function createQueueLane<E extends LaneEntry>(keyOf: (entry: E) => string | undefined): QueueLane<E> {
  let entries: (E | undefined)[] = [];
  let head = 0;
  let count = 0;
  let totalBytes = 0;
  const latest = new Map<string, E>();

  const removeAt = (i: number): E | undefined => {
    const entry = entries[i];
    if (entry === undefined) return undefined;
    entries[i] = undefined;
    count--;
    totalBytes -= entry.bytes;
    const key = keyOf(entry);
    if (key !== undefined && latest.get(key) === entry) latest.delete(key);
    return entry;
  };

  const skipHoles = () => {
    while (head < entries.length && entries[head] === undefined) head++;
    if (head > 1024 && head > entries.length / 2) {
      entries = entries.slice(head);
      head = 0;
    }
  };

  return {
    append(entry) {
      entries.push(entry);
      count++;
      totalBytes += entry.bytes;
      const key = keyOf(entry);
      if (key !== undefined) latest.set(key, entry);
    },
    latest: (key) => latest.get(key),
    update(entry, change) {
      totalBytes -= entry.bytes;
      change(entry);
      totalBytes += entry.bytes;
    },
    removeWhere(match) {
      const removed: E[] = [];
      for (let i = head; i < entries.length; i++) {
        const entry = entries[i];
        if (entry !== undefined && match(entry)) {
          removeAt(i);
          removed.push(entry);
        }
      }
      skipHoles();
      return removed;
    },
    coalesce(fold) {
      const removed: E[] = [];
      for (let i = head; i < entries.length; i++) {
        const entry = entries[i];
        const key = entry === undefined ? undefined : keyOf(entry);
        if (entry === undefined || key === undefined) continue;
        const newest = latest.get(key);
        if (newest === undefined || newest === entry) continue;
        fold(newest, entry);
        removeAt(i);
        removed.push(entry);
      }
      skipHoles();
      return removed;
    },
    dropOldest(droppable) {
      for (let i = head; i < entries.length; i++) {
        const entry = entries[i];
        if (entry !== undefined && droppable(entry)) {
          removeAt(i);
          skipHoles();
          return entry;
        }
      }
      return undefined;
    },
    peek() {
      skipHoles();
      return entries[head];
    },
    shift() {
      skipHoles();
      const entry = removeAt(head);
      if (entry !== undefined) head++;
      skipHoles();
      return entry;
    },
    count: () => count,
    bytes: () => totalBytes,
    oldestObservedAtMs() {
      skipHoles();
      return entries[head]?.observedAtMs;
    },
  };
}
