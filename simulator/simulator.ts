import { stringify } from 'yaml';
import { type ApiServerOptions, type ApiServerStats, startApiServer } from './api-server.js';
import { realClock, type SimClock } from './clock.js';
import { createClusterEvents } from './cluster-events.js';
import { createEventStore, type EventStore } from './event-store.js';
import {
  createFaultState,
  type DropOptions,
  type FailRule,
  RESOURCES,
  type ResourceChoice,
  resourcesOf,
} from './faults.js';
import { createRevision } from './object-store.js';
import type { PodEventSpec } from './pod-events.js';
import { createPodStore, type PodStore } from './pod-store.js';
import type { SimPod } from './pod-types.js';
import { type Playback, type PodScript, playScripts } from './script.js';

/**
 * A local Kubernetes API server for pods and their events: the stores (one etcd revision for
 * both), the HTTP server, fault injection and script playback in one handle. Local mode runs the
 * demo cluster on it; the agent tests and benchmarks point real clients (the agent, client-node's
 * informer, kubectl) at `url` / `kubeconfigYaml()`.
 */

export interface SimulatorOptions extends Omit<ApiServerOptions, 'onServed' | 'onServedEvent' | 'events'> {
  readonly clock?: SimClock;
  /** Pod watch history kept for replay, in watch events (default 5,000). */
  readonly historyLimit?: number;
  /** Event watch history kept for replay, in watch events (default 5,000). */
  readonly eventHistoryLimit?: number;
  /** How long an event lives after its last write, in simulated ms (default one hour, --event-ttl). */
  readonly eventTtlMs?: number;
  readonly startResourceVersion?: number;
  /** Keep a log of every (uid, resourceVersion) served to a client (tests that check delivery). */
  readonly recordServed?: boolean;
}

/**
 * Request and stream faults act on pods unless given `resource` ('events' or 'all'), as they did
 * before events were served; an outage takes down everything.
 */
export interface SimulatorFaults {
  /** The next matching requests fail with this status (Status body, Retry-After for 429). */
  failRequests(rule: FailRule): void;
  /** Cuts every open watch stream now. */
  dropWatches(options?: DropOptions & { readonly resource?: ResourceChoice }): void;
  /** Cuts each watch stream opened from now on after a number of events (undefined: stop doing so). */
  dropWatchesAfterEvents(count: number | (() => number) | undefined, resource?: ResourceChoice): void;
  /** Open watches go silent for good; new ones opened within `durationMs` are silent too. */
  stallWatches(durationMs: number, resource?: ResourceChoice): void;
  /** The API is unreachable for `durationMs`: open streams are cut, new connections reset (or 503). */
  outage(durationMs: number, mode?: 'reset' | 'unavailable'): void;
  /** Forgets the watch history: any watch from an older resourceVersion gets 410 Expired. */
  compact(resource?: ResourceChoice): void;
  expireContinueTokens(resource?: ResourceChoice): void;
  /** Writes a malformed JSON line before each of the next `count` events. */
  garbleNextLines(count: number, resource?: ResourceChoice): void;
  clear(): void;
}

export interface Simulator {
  readonly url: string;
  readonly port: number;
  readonly clock: SimClock;
  readonly store: PodStore;
  /** core/v1 Events: listed and watched with field selectors, expiring one TTL after their last write. */
  readonly events: EventStore;
  readonly faults: SimulatorFaults;
  readonly stats: ApiServerStats;
  /** Pod uid → resourceVersions served to clients (lists and watches); empty unless recordServed. */
  readonly served: ReadonlyMap<string, ReadonlySet<number>>;
  /** Event uid → resourceVersions served to clients; empty unless recordServed. */
  readonly servedEvents: ReadonlyMap<string, ReadonlySet<number>>;
  /** Plays pod lives; their events go through the cluster's recorders (as `recordEvent`). */
  play(scripts: readonly PodScript[], options?: { readonly startAtMs?: number }): Playback;
  /**
   * Records an event about `pod` now, through the component that says it (see pod-events.ts), with
   * that component's aggregation, deduplication, rate limits or series.
   */
  recordEvent(pod: SimPod, spec: PodEventSpec): void;
  /** Open watch streams on pods (default), events, or all. */
  openWatches(resource?: ResourceChoice): number;
  /** A kubeconfig for this simulator (server, token, insecure-skip-tls-verify for plain HTTP). */
  kubeconfigYaml(): string;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? realClock();
  const revision = createRevision(options.startResourceVersion);
  const store = createPodStore({
    revision,
    ...(options.historyLimit === undefined ? {} : { historyLimit: options.historyLimit }),
  });
  const events = createEventStore({
    clock,
    revision,
    ...(options.eventTtlMs === undefined ? {} : { ttlMs: options.eventTtlMs }),
    ...(options.eventHistoryLimit === undefined ? {} : { historyLimit: options.eventHistoryLimit }),
  });
  const cluster = createClusterEvents({ store: events, clock });
  const state = createFaultState();
  const served = new Map<string, Set<number>>();
  const servedEvents = new Map<string, Set<number>>();
  const remember = (log: Map<string, Set<number>>) => (uid: string, rv: number) => {
    const set = log.get(uid) ?? new Set<number>();
    log.set(uid, set);
    set.add(rv);
  };
  const server = await startApiServer(store, state, {
    ...options,
    events: events.objects,
    ...(options.recordServed === true
      ? { onServed: remember(served), onServedEvent: remember(servedEvents) }
      : {}),
  });
  const playbacks = new Set<Playback>();
  const streams = (resource: ResourceChoice | undefined) =>
    resourcesOf(resource).map((r) => state.streams[r]);

  const faults: SimulatorFaults = {
    failRequests: (rule) => {
      state.failing.push({ rule, remaining: rule.times ?? 1 });
    },
    dropWatches: (drop = {}) => server.dropWatches(drop.halfLine === true, drop.resource),
    dropWatchesAfterEvents: (count, resource) => {
      for (const s of streams(resource)) s.dropAfterEvents = typeof count === 'number' ? () => count : count;
    },
    stallWatches: (durationMs, resource) => {
      for (const s of streams(resource)) s.stallUntilMs = Date.now() + durationMs;
      server.stallWatches(resource);
    },
    outage: (durationMs, mode = 'reset') => {
      state.outageUntilMs = Date.now() + durationMs;
      state.outageMode = mode;
      server.dropWatches(false, 'all');
    },
    compact: (resource) => {
      for (const r of resourcesOf(resource)) (r === 'pods' ? store : events.objects).compact();
    },
    expireContinueTokens: (resource) => server.expireContinueTokens(resource),
    garbleNextLines: (count, resource) => {
      for (const s of streams(resource)) s.garbleNext = count;
    },
    clear: () => {
      const fresh = createFaultState();
      state.failing = fresh.failing;
      state.outageUntilMs = fresh.outageUntilMs;
      state.outageMode = fresh.outageMode;
      // In place: open watches hold their collection's stream faults.
      for (const r of RESOURCES) Object.assign(state.streams[r], fresh.streams[r]);
    },
  };

  return {
    url: server.url,
    port: server.port,
    clock,
    store,
    events,
    faults,
    stats: server.stats,
    served,
    servedEvents,
    play(scripts, playOptions = {}) {
      const playback = playScripts(store, clock, scripts, { ...playOptions, events: cluster });
      playbacks.add(playback);
      void playback.done.then(() => playbacks.delete(playback));
      return playback;
    },
    recordEvent: (pod, spec) => cluster.record(pod, spec),
    openWatches: (resource) => server.openWatches(resource),
    kubeconfigYaml: () =>
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          { name: 'podtrail-simulator', cluster: { server: server.url, 'insecure-skip-tls-verify': true } },
        ],
        users: [{ name: 'simulator', user: { token: options.token ?? 'podtrail-simulator' } }],
        contexts: [
          { name: 'podtrail-simulator', context: { cluster: 'podtrail-simulator', user: 'simulator' } },
        ],
        'current-context': 'podtrail-simulator',
      }),
    async close() {
      for (const playback of playbacks) playback.cancel();
      cluster.close();
      events.close();
      await server.close();
    },
  };
}
