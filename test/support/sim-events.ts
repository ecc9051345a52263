import type { SimEvent, Simulator, StoredEvent } from '../../simulator/index.js';
import type { IngestSink } from './ingest-sink.js';

/**
 * Kubernetes Events for agent tests: builders for events about pods as the kubelet's recorder
 * writes them (create, then count/lastTimestamp bumps), and delivery accounting for EVENT wire
 * events: which versions the simulator published and served, which the ingest sink received.
 */

let sequence = 0;

/** A kubelet-style event about pod `pod` in namespace prod (count 1, first = last = now). */
export function podEvent(pod: string, extra: Record<string, unknown> = {}): SimEvent {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  sequence++;
  return {
    metadata: { name: `${pod}.${(0x18a00000 + sequence).toString(16)}`, namespace: 'prod' },
    involvedObject: {
      kind: 'Pod',
      namespace: 'prod',
      name: pod,
      uid: `uid-${pod}`,
      apiVersion: 'v1',
      fieldPath: 'spec.containers{app}',
    },
    reason: 'BackOff',
    message: `Back-off restarting failed container app in pod ${pod}_prod(uid-${pod})`,
    source: { component: 'kubelet', host: 'node-a' },
    firstTimestamp: now,
    lastTimestamp: now,
    count: 1,
    type: 'Warning',
    reportingComponent: 'kubelet',
    reportingInstance: 'node-a',
    ...extra,
  };
}

/** An event about a node, which the agent's field selector leaves out. */
export function nodeEvent(node: string): SimEvent {
  return {
    ...podEvent(node),
    involvedObject: { kind: 'Node', name: node, uid: node, apiVersion: 'v1' },
    reason: 'NodeNotReady',
    message: `Node ${node} status is now: NodeNotReady`,
  };
}

/** The recorder's dedupe: the same event again, as a PATCH with count + 1 and a new lastTimestamp. */
export function repeatEvent(sim: Simulator, event: SimEvent): void {
  sim.events.patch(event.metadata.namespace, event.metadata.name, (stored) => {
    stored.count = (typeof stored.count === 'number' ? stored.count : 1) + 1;
    stored.lastTimestamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  });
}

export interface PublishedVersion {
  readonly key: string;
  readonly type: StoredEvent['type'];
  readonly aboutPod: boolean;
}

/** `uid@resourceVersion` of every event change the simulator publishes from now on. */
export function recordEventVersions(sim: Simulator): { readonly versions: PublishedVersion[]; stop(): void } {
  const versions: PublishedVersion[] = [];
  const stop = sim.events.objects.subscribe((e) => {
    versions.push({
      key: `${e.uid}@${e.resourceVersion}`,
      type: e.type,
      aboutPod: e.fields?.['involvedObject.kind'] === 'Pod',
    });
  });
  return { versions, stop };
}

/** `uid@resourceVersion` of every EVENT the sink received, in arrival order. */
export function forwardedVersions(sink: IngestSink): string[] {
  return sink.kubeEvents().map(({ event }) => {
    const metadata = (event.event as { metadata: { uid: string; resourceVersion: string } }).metadata;
    return `${metadata.uid}@${metadata.resourceVersion}`;
  });
}

/** The current version of every live event about a pod. */
export function liveVersions(sim: Simulator): string[] {
  return sim.events.objects
    .uids()
    .map((uid) => sim.events.objects.get(uid))
    .filter((e) => (e?.involvedObject as { kind?: string } | undefined)?.kind === 'Pod')
    .map((e) => `${e?.metadata.uid}@${e?.metadata.resourceVersion}`);
}

export interface EventDeliveryReport {
  /** Versions of pod events served to a client (list or watch, not DELETED) the sink never got. */
  readonly missing: string[];
  /** Versions the sink got more than once. */
  readonly duplicates: string[];
  /** Versions the sink got that are no ADDED/MODIFIED of an event about a pod. */
  readonly unexpected: string[];
  readonly forwarded: number;
}

export function checkEventDelivery(
  sim: Simulator,
  sink: IngestSink,
  published: readonly PublishedVersion[],
): EventDeliveryReport {
  const forwarded = forwardedVersions(sink);
  const counts = new Map<string, number>();
  for (const key of forwarded) counts.set(key, (counts.get(key) ?? 0) + 1);
  const forwardable = new Set(published.filter((v) => v.aboutPod && v.type !== 'DELETED').map((v) => v.key));
  const served = [...sim.servedEvents].flatMap(([uid, rvs]) => [...rvs].map((rv) => `${uid}@${rv}`));
  return {
    missing: served.filter((key) => forwardable.has(key) && !counts.has(key)),
    duplicates: [...counts].filter(([, n]) => n > 1).map(([key]) => key),
    unexpected: [...counts.keys()].filter((key) => !forwardable.has(key)),
    forwarded: forwarded.length,
  };
}
