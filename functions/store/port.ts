import type { JsonObject } from '../domain/json-access.js';
import type {
  ClusterSummary,
  PodSummary,
  RestartRecord,
  StatusEntered,
  TimelineEntry,
} from '../domain/model.js';
import type { ObservedPod } from '../domain/observation.js';
import type { PodEventVersion, RecordedEvent, RecordedEventVersion } from '../domain/pod-event.js';
import type { RejectedEvent } from '../domain/wire-format.js';

/**
 * The store as the rest of podtrail sees it: domain verbs only, no key schema (that is documented
 * once, in the DynamoDB adapter). One contract suite runs against every implementation.
 *
 * Reads never Scan, and always filter out items whose retention (TTL) has passed.
 */

/** An opaque, JSON-serialisable position; the query handler signs it before handing it out. */
export type StoreCursor = unknown;

export interface Page<T> {
  readonly items: readonly T[];
  /** Present when more items follow. */
  readonly next?: StoreCursor;
  /** What the read cost, for benchmarks and logs. */
  readonly stats: { readonly requests: number; readonly itemsRead: number };
}

export interface PageRequest {
  readonly limit?: number;
  readonly cursor?: StoreCursor;
}

/** A half-open time window [since, until), RFC 3339. */
export interface TimeWindow {
  readonly since: string;
  readonly until: string;
}

/** One incarnation of a pod name and (part of) its timeline, oldest entry first. */
export interface PodHistory {
  readonly pod: PodSummary;
  readonly entries: readonly TimelineEntry[];
  /** False when more of this incarnation's entries follow on the next page. */
  readonly complete: boolean;
  /** The incarnation's pod Events, every recorded version; on the page where its entries start. */
  readonly events?: readonly RecordedEvent[];
}

/** Pod Events with the pod (incarnation) each concerns. */
export type PodEventsPage = Page<{ readonly pod: PodSummary; readonly event: RecordedEvent }>;

/** An incarnation with its pod Events. */
export interface PodWithEvents {
  readonly pod: PodSummary;
  readonly events: readonly RecordedEvent[];
}

/** One incarnation of a pod, by name and uid. */
export interface PodIdentity {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
}

/** Access pattern 8: one incarnation of a pod as of a moment (what `kubectl describe pod` reads). */
export interface DescribedPod {
  /** The incarnation described. */
  readonly incarnation: PodSummary;
  /** The moment described: the one asked for, else the incarnation's end (or last sighting). */
  readonly at: string;
  /**
   * The pod as of `at` (v1 Pod JSON: the newest observation at or before it, with its describe
   * card and extras); absent when the incarnation was first seen after `at`.
   */
  readonly pod?: JsonObject;
  /** Each of its events as of its newest version at or before `at` (core/v1 shape). */
  readonly events: readonly PodEventVersion[];
  /** Every incarnation of the name, newest first (the described one included). */
  readonly incarnations: readonly PodSummary[];
  readonly stats: { readonly requests: number; readonly itemsRead: number };
}

export interface StoreReader {
  /**
   * Access pattern 1: every incarnation of cluster/namespace/name (or one uid), newest first, each
   * with its timeline; `limit` bounds the entries per page (an incarnation may span pages).
   */
  getPodHistory(
    q: { cluster: string; namespace: string; name: string; uid?: string } & PageRequest,
  ): Promise<Page<PodHistory>>;
  /** Incarnations of cluster/namespace/name, newest first (optionally one uid), without entries. */
  findPods(
    q: { cluster: string; namespace: string; name: string; uid?: string } & PageRequest,
  ): Promise<Page<PodSummary>>;
  /** Where a pod uid of a cluster lives (any pod still retained), for lookups by uid alone. */
  locatePod(q: { cluster: string; uid: string }): Promise<{ namespace: string; name: string } | undefined>;
  /** One incarnation's timeline by uid alone, oldest entry first. */
  getTimeline(q: { cluster: string; uid: string } & PageRequest): Promise<Page<TimelineEntry>>;
  /** Access pattern 2: pods seen in a window (their life overlaps it), with their last row. */
  listPodsSeen(
    q: { cluster: string; namespace?: string; workload?: string } & TimeWindow & PageRequest,
  ): Promise<Page<PodSummary>>;
  /** Access pattern 3: pods currently live in a cluster (used by SYNC reconciliation). */
  listLivePods(q: { cluster: string } & PageRequest): Promise<Page<PodSummary>>;
  /** Access pattern 4: restarts in a window across all clusters (or one), oldest first. */
  listRestarts(q: { cluster?: string } & TimeWindow & PageRequest): Promise<Page<RestartRecord>>;
  /** Access pattern 5: pods that entered a STATUS in a window. */
  listStatusEntered(
    q: { status: string; cluster?: string } & TimeWindow & PageRequest,
  ): Promise<Page<StatusEntered>>;
  /**
   * Access pattern 7 by window: pod Events of a cluster (or namespace) last seen in a window, with
   * their versions up to its end, filtered by reason and type, oldest last sighting first.
   */
  listPodEvents(
    q: { cluster: string; namespace?: string; reason?: string; type?: string } & TimeWindow & PageRequest,
  ): Promise<PodEventsPage>;
  /**
   * Access pattern 7 by pod: every recorded event of each incarnation given (every version), with
   * its summary, in the order given; pods no longer recorded are left out. For reports that have
   * their pods already (startup, restarts). Never paged: the caller bounds `pods`.
   */
  podEvents(q: { pods: readonly PodIdentity[] }): Promise<Page<PodWithEvents>>;
  /** Access pattern 6: pods created in a window with their startup breakdown. */
  listStartups(
    q: { cluster?: string; namespace?: string; workload?: string } & TimeWindow & PageRequest,
  ): Promise<Page<PodSummary>>;
  /**
   * Access pattern 8: an incarnation of cluster/namespace/name (the newest, the newest first seen
   * by `at`, or `uid`) as of `at` (default: its end), in one Query of the name's partition.
   */
  describePod(q: {
    cluster: string;
    namespace: string;
    name: string;
    uid?: string;
    at?: string;
  }): Promise<DescribedPod | undefined>;
  /** Every cluster that has reported, with freshness. */
  listClusters(): Promise<readonly ClusterSummary[]>;
}

/** A SYNC as the store receives it: times canonical (RFC 3339, UTC, milliseconds). */
export interface SyncReport {
  readonly resourceVersion: string;
  readonly observedAt: string;
  readonly uids: readonly string[];
  readonly gapSince: string | null;
}

/** What the ingest hands the store: one validated batch, pod events already reduced to observations. */
export interface IngestBatch {
  readonly cluster: string;
  readonly agent: { readonly id: string; readonly version: string };
  /** Each with its index in the request's `events`, for per-event rejections. */
  readonly pods: readonly (ObservedPod & { readonly index: number })[];
  readonly syncs: readonly SyncReport[];
  /** Pod Events, one version each, slimmed (absent from batches of agents that send none). */
  readonly events?: readonly RecordedEventVersion[];
}

/**
 * Per-event outcome counts; `stale` events were older than the retention and were not kept;
 * `rejected` events contradict what is recorded (a pod uid under another namespace/name).
 */
export interface IngestOutcome {
  readonly accepted: number;
  readonly unchanged: number;
  readonly stale: number;
  readonly rejected: readonly RejectedEvent[];
}

/**
 * The write side. Convergent: the stored state depends only on the set of events recorded, not on
 * their order, duplication, batching or concurrency; a batch may be retried after any failure.
 */
export interface StoreWriter {
  recordBatch(batch: IngestBatch): Promise<IngestOutcome>;
}

/**
 * A whole store: reads and writes. Creating the table is not part of it (see ensure-table.ts, used
 * by local mode, tests and benches): the Lambda functions never create tables and are not allowed to.
 */
export interface Store extends StoreReader, StoreWriter {}
