import type {
  ClusterSummary,
  PodSummary,
  RestartRecord,
  StatusEntered,
  TimelineEntry,
} from '../../functions/domain/model.js';
import type { RecordedEvent } from '../../functions/domain/pod-event.js';
import { matchesWorkload } from '../../functions/domain/workload.js';
import type { DescribedPod, Page, PageRequest, StoreReader, TimeWindow } from '../../functions/store/port.js';
import { newestFirst, pageHistory } from '../../functions/store/read/pod-readers.js';

/**
 * An in-memory StoreReader over fixed records, for query-handler tests that need exact control of
 * what the store returns (page boundaries included). Semantics follow the port's comments; cursors
 * are offsets, each page counts as one request and reads exactly its items.
 */
export interface MemoryContents {
  readonly pods?: readonly PodSummary[];
  /** Per uid, oldest first. */
  readonly timelines?: Readonly<Record<string, readonly TimelineEntry[]>>;
  readonly restarts?: readonly RestartRecord[];
  readonly entered?: readonly StatusEntered[];
  readonly clusters?: readonly ClusterSummary[];
  /** Pod Events with their pod, as listPodEvents returns them. */
  readonly events?: readonly { readonly pod: PodSummary; readonly event: RecordedEvent }[];
  /** What describePod answers, as given (matched by cluster, namespace, name and uid). */
  readonly described?: readonly DescribedPod[];
}

export interface MemoryReader extends StoreReader {
  /** Every call made, for tests that pin what the handler asked the store. */
  readonly calls: { readonly method: string; readonly limit: number | undefined }[];
}

const DEFAULT_PAGE = 100;

export function createMemoryReader(contents: MemoryContents): MemoryReader {
  const calls: { method: string; limit: number | undefined }[] = [];
  const pods = contents.pods ?? [];

  function page<T>(method: string, items: readonly T[], request: PageRequest): Page<T> {
    calls.push({ method, limit: request.limit });
    const offset =
      typeof request.cursor === 'object' && request.cursor !== null ? readOffset(request.cursor) : 0;
    const limit = request.limit ?? DEFAULT_PAGE;
    const slice = items.slice(offset, offset + limit);
    const end = offset + slice.length;
    return {
      items: slice,
      ...(end < items.length ? { next: { offset: end } } : {}),
      stats: { requests: 1, itemsRead: slice.length },
    };
  }

  return {
    calls,
    async findPods(q) {
      const found = pods
        .filter((p) => p.cluster === q.cluster && p.namespace === q.namespace && p.name === q.name)
        .filter((p) => q.uid === undefined || p.uid === q.uid)
        .sort((a, b) => compare(b.firstSeenAt, a.firstSeenAt));
      return page('findPods', found, q);
    },
    async getPodHistory(q) {
      calls.push({ method: 'getPodHistory', limit: q.limit });
      const found = pods
        .filter((p) => p.cluster === q.cluster && p.namespace === q.namespace && p.name === q.name)
        .filter((p) => q.uid === undefined || p.uid === q.uid)
        .sort((a, b) => compare(newestFirst(b), newestFirst(a)))
        .map((pod) => ({
          pod,
          entries: (contents.timelines?.[pod.uid] ?? []).filter((e) => e.cluster === q.cluster),
        }));
      const entries = found.reduce((n, h) => n + h.entries.length, 0);
      return { ...pageHistory(found, q), stats: { requests: 1, itemsRead: found.length + entries } };
    },
    async locatePod(q) {
      calls.push({ method: 'locatePod', limit: undefined });
      const found = pods.find((p) => p.cluster === q.cluster && p.uid === q.uid);
      return found === undefined ? undefined : { namespace: found.namespace, name: found.name };
    },
    async getTimeline(q) {
      const entries = (contents.timelines?.[q.uid] ?? []).filter((e) => e.cluster === q.cluster);
      return page('getTimeline', entries, q);
    },
    async listPodsSeen(q) {
      const found = pods.filter(
        (p) =>
          p.cluster === q.cluster &&
          (q.namespace === undefined || p.namespace === q.namespace) &&
          matchesWorkload(p.workload, q.workload) &&
          overlaps(p, q),
      );
      return page('listPodsSeen', found, q);
    },
    async listLivePods(q) {
      return page(
        'listLivePods',
        pods.filter((p) => p.cluster === q.cluster && p.endedAt === undefined),
        q,
      );
    },
    async listRestarts(q) {
      const found = (contents.restarts ?? [])
        .filter((r) => (q.cluster === undefined || r.cluster === q.cluster) && inWindow(r.observedAt, q))
        .sort((a, b) => compare(a.observedAt, b.observedAt));
      return page('listRestarts', found, q);
    },
    async listStatusEntered(q) {
      const found = (contents.entered ?? [])
        .filter(
          (e) =>
            e.status === q.status &&
            (q.cluster === undefined || e.cluster === q.cluster) &&
            inWindow(e.at, q),
        )
        .sort((a, b) => compare(a.at, b.at));
      return page('listStatusEntered', found, q);
    },
    async listStartups(q) {
      const found = pods.filter(
        (p) =>
          (q.cluster === undefined || p.cluster === q.cluster) &&
          (q.namespace === undefined || p.namespace === q.namespace) &&
          matchesWorkload(p.workload, q.workload) &&
          p.createdAt !== undefined &&
          inWindow(p.createdAt, q),
      );
      return page('listStartups', found, q);
    },
    async listPodEvents(q) {
      const found = (contents.events ?? []).filter(
        ({ pod, event }) =>
          pod.cluster === q.cluster &&
          (q.namespace === undefined || pod.namespace === q.namespace) &&
          event.versions.some(
            (v) =>
              (q.reason === undefined || v.event.reason === q.reason) &&
              (q.type === undefined || v.event.type === q.type),
          ),
      );
      return page('listPodEvents', found, q);
    },
    async podEvents(q) {
      calls.push({ method: 'podEvents', limit: q.pods.length });
      const items = q.pods.flatMap((ref) => {
        const pod = pods.find((p) => p.cluster === ref.cluster && p.uid === ref.uid);
        if (pod === undefined) return [];
        const events = (contents.events ?? [])
          .filter((e) => e.pod.cluster === ref.cluster && e.pod.uid === ref.uid)
          .map((e) => e.event);
        return [{ pod, events }];
      });
      // Two Queries per pod, as the DynamoDB store (its head BatchGets aside).
      return { items, stats: { requests: 2 * q.pods.length, itemsRead: items.length } };
    },
    async describePod(q) {
      calls.push({ method: 'describePod', limit: undefined });
      return (contents.described ?? []).find(
        ({ incarnation: p }) =>
          p.cluster === q.cluster &&
          p.namespace === q.namespace &&
          p.name === q.name &&
          (q.uid === undefined || p.uid === q.uid),
      );
    },
    async listClusters() {
      calls.push({ method: 'listClusters', limit: undefined });
      return contents.clusters ?? [];
    },
  };
}

function readOffset(cursor: object): number {
  const offset = (cursor as { offset?: unknown }).offset;
  if (typeof offset !== 'number') throw new Error('memory reader: foreign cursor');
  return offset;
}

function overlaps(pod: PodSummary, window: TimeWindow): boolean {
  return pod.firstSeenAt < window.until && (pod.endedAt === undefined || pod.endedAt >= window.since);
}

function inWindow(at: string, window: TimeWindow): boolean {
  return at >= window.since && at < window.until;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
