import type { ListSnapshot } from './pod-store.js';

/**
 * Continue tokens for paged lists. The API server serves every page of a list at the first page's
 * resourceVersion (an etcd read at that revision); here each list pins a snapshot of the items, and
 * the token names the snapshot and an offset. A snapshot lives `ttlMs` (etcd compacts every 5 minutes
 * by default, after which the token is "too old") or until the last page is served.
 */
export interface ContinueTokens {
  open(snapshot: ListSnapshot): string;
  /** The snapshot and offset a token points at, or 'expired' / 'invalid'. */
  resolve(token: string): { snapshot: ListSnapshot; offset: number; id: string } | 'expired' | 'invalid';
  advance(id: string, offset: number): string;
  close(id: string): void;
  expireAll(): void;
  openCount(): number;
}

export function createContinueTokens(options: {
  ttlMs: number;
  maxOpen: number;
  wallNow?: () => number;
}): ContinueTokens {
  const wallNow = options.wallNow ?? Date.now;
  const snapshots = new Map<string, { snapshot: ListSnapshot; expiresAtMs: number }>();
  let nextId = 1;

  const encode = (id: string, offset: number, rv: number) =>
    Buffer.from(JSON.stringify({ id, offset, rv })).toString('base64url');

  const sweep = () => {
    const now = wallNow();
    for (const [id, entry] of snapshots) if (entry.expiresAtMs <= now) snapshots.delete(id);
    // Oldest first: Map iteration order is insertion order.
    while (snapshots.size > options.maxOpen) {
      const oldest = snapshots.keys().next().value;
      if (oldest === undefined) break;
      snapshots.delete(oldest);
    }
  };

  return {
    open(snapshot) {
      sweep();
      const id = String(nextId++);
      snapshots.set(id, { snapshot, expiresAtMs: wallNow() + options.ttlMs });
      return id;
    },
    resolve(token) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
      } catch {
        return 'invalid';
      }
      const { id, offset } = (parsed ?? {}) as { id?: unknown; offset?: unknown };
      if (typeof id !== 'string' || typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) {
        return 'invalid';
      }
      sweep();
      const entry = snapshots.get(id);
      if (entry === undefined) return Number(id) < nextId ? 'expired' : 'invalid';
      return { snapshot: entry.snapshot, offset, id };
    },
    advance(id, offset) {
      const entry = snapshots.get(id);
      return encode(id, offset, entry?.snapshot.resourceVersion ?? 0);
    },
    close(id) {
      snapshots.delete(id);
    },
    expireAll() {
      snapshots.clear();
    },
    openCount: () => snapshots.size,
  };
}
