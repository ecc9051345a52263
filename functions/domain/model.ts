/**
 * What podtrail records, as the domain sees it (no key schema here: that lives in functions/store).
 * Times are RFC 3339 strings in UTC with milliseconds; durations are milliseconds.
 *
 * Shared by the ingest (writes these), the store (persists them) and the query side (reads and
 * presents them). Changes must be additive: other modules depend on every field below.
 */

/** The controller that owns a pod, resolved by Kubernetes naming rules (ReplicaSet → Deployment, Job → CronJob). */
export interface WorkloadRef {
  /** Deployment, StatefulSet, DaemonSet, Job, CronJob, ReplicaSet, ReplicationController, … or Pod for bare pods. */
  readonly kind: string;
  readonly name: string;
}

/** A timeline row's time-independent cells; AGE and the RESTARTS suffix are rendered at display time. */
export interface RowState {
  /** READY as kubectl prints it, e.g. "1/2". */
  readonly ready: string;
  /** STATUS as kubectl prints it, e.g. "CrashLoopBackOff", "Init:0/1", "Terminating". */
  readonly status: string;
  /** RESTARTS count. */
  readonly restarts: number;
  /** Newest lastState.terminated.finishedAt that printPod used, for "N (Xm ago)". */
  readonly lastRestartAt?: string;
  /** status.phase ("" when unset). */
  readonly phase: string;
  /** spec.nodeName ("" when unscheduled). */
  readonly node: string;
  /** Pod IP ("" when none). */
  readonly ip: string;
}

export type EntryKind =
  /** The first state podtrail saw of this uid. */
  | 'first-seen'
  /** A change of one of the recorded fields between two consecutive observed states. */
  | 'transition'
  /** Final state from a DELETED event. */
  | 'deleted'
  /** Deleted while nobody watched: absent from a SYNC list; final state unknown. */
  | 'vanished'
  /** The agent reported that it may have missed events for this pod. */
  | 'gap';

/** One field that changed, e.g. { field: "status", from: "ContainerCreating", to: "ErrImagePull" }. */
export interface FieldChange {
  /**
   * "status", "ready", "restarts", "phase", "node", "ip", `condition/<Type>`, or
   * `container/<name>` / `initContainer/<name>` for a container state (kind + reason + exit code).
   */
  readonly field: string;
  readonly from: string;
  readonly to: string;
}

export interface TimelineEntry {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly kind: EntryKind;
  /** resourceVersion of the observed object ("" for vanished/gap entries that have none). */
  readonly resourceVersion: string;
  /** When the agent observed it. */
  readonly observedAt: string;
  /** Best object timestamp for the change (condition lastTransitionTime, container startedAt/finishedAt). */
  readonly objectTime?: string;
  /** metadata.creationTimestamp, for AGE at this row's time. */
  readonly createdAt?: string;
  readonly row: RowState;
  readonly changes: readonly FieldChange[];
  /** The relevant reason/message (truncated to a bounded size). */
  readonly reason?: string;
  readonly message?: string;
  /** For gap entries: since when events may be missing. */
  readonly gapSince?: string;
}

/** One container restart (or a run of them not observed individually). */
export interface RestartRecord {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly workload: WorkloadRef;
  readonly container: string;
  /** True for init containers (sidecars included). */
  readonly init: boolean;
  /** The container's restartCount after this restart. */
  readonly restartCount: number;
  /** lastState.terminated.reason, e.g. OOMKilled, Error, Completed ("" when unknown). */
  readonly reason: string;
  readonly exitCode?: number;
  readonly signal?: number;
  readonly startedAt?: string;
  readonly finishedAt?: string;
  readonly message?: string;
  readonly observedAt: string;
  /** k−1 when the count jumped by k > 1 between two observations: restarts not observed individually. */
  readonly unobserved: number;
}

/** Pod startup milestones (pod-startup SLI where it applies), from conditions and container states. */
export interface StartupBreakdown {
  readonly createdAt: string;
  /** PodScheduled=True lastTransitionTime. */
  readonly scheduledAt?: string;
  /** Initialized=True lastTransitionTime. */
  readonly initializedAt?: string;
  /** Latest first running startedAt across regular containers, once all have started. */
  readonly containersStartedAt?: string;
  /** First Ready=True lastTransitionTime. */
  readonly readyAt?: string;
}

/** One incarnation (uid) of a pod, with its latest row. */
export interface PodSummary {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly workload: WorkloadRef;
  readonly createdAt?: string;
  readonly firstSeenAt: string;
  readonly lastSeenAt: string;
  readonly last: RowState;
  /** Set once the pod is gone. */
  readonly endedAt?: string;
  readonly endedBy?: 'deleted' | 'vanished';
  readonly startup?: StartupBreakdown;
  /** Number of timeline entries recorded. */
  readonly entries?: number;
}

/** A pod that entered a STATUS (CrashLoopBackOff, OOMKilled, ImagePullBackOff, Evicted…) at a time. */
export interface StatusEntered {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly workload: WorkloadRef;
  readonly status: string;
  readonly at: string;
  readonly resourceVersion: string;
}

export interface ClusterSummary {
  readonly cluster: string;
  readonly agent?: { readonly id: string; readonly version: string };
  readonly lastEventAt?: string;
  readonly lastSyncAt?: string;
  readonly lastSyncResourceVersion?: string;
  readonly livePods: number;
  /** Gaps the agent reported, newest first (bounded). */
  readonly gaps: readonly { readonly since: string; readonly reportedAt: string }[];
}
