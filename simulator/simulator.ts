import { stringify } from 'yaml';
import { type ApiServerOptions, type ApiServerStats, startApiServer } from './api-server.js';
import { realClock, type SimClock } from './clock.js';
import { createEventStore, type EventStore } from './event-store.js';
import { createFaultState, type DropOptions, type FailRule } from './faults.js';
import { createPodStore, type PodStore } from './pod-store.js';
import { type Playback, type PodScript, playScripts } from './script.js';

/**
 * A local Kubernetes API server for pods: the store, the HTTP server, fault injection and script
 * playback in one handle. Local mode runs the demo cluster on it; the agent tests and benchmarks
 * point real clients (the agent, client-node's informer, kubectl) at `url` / `kubeconfigYaml()`.
 */

export interface SimulatorOptions extends Omit<ApiServerOptions, 'onServed'> {
  readonly clock?: SimClock;
  /** Watch history kept for replay, in events (default 5,000). */
  readonly historyLimit?: number;
  readonly startResourceVersion?: number;
  /** Keep a log of every (uid, resourceVersion) served to a client (tests that check delivery). */
  readonly recordServed?: boolean;
}

export interface SimulatorFaults {
  /** The next matching requests fail with this status (Status body, Retry-After for 429). */
  failRequests(rule: FailRule): void;
  /** Cuts every open watch stream now. */
  dropWatches(options?: DropOptions): void;
  /** Cuts each watch stream opened from now on after a number of events (undefined: stop doing so). */
  dropWatchesAfterEvents(count: number | (() => number) | undefined): void;
  /** Open watches go silent for good; new ones opened within `durationMs` are silent too. */
  stallWatches(durationMs: number): void;
  /** The API is unreachable for `durationMs`: open streams are cut, new connections reset (or 503). */
  outage(durationMs: number, mode?: 'reset' | 'unavailable'): void;
  /** Forgets the watch history: any watch from an older resourceVersion gets 410 Expired. */
  compact(): void;
  expireContinueTokens(): void;
  /** Writes a malformed JSON line before each of the next `count` events. */
  garbleNextLines(count: number): void;
  clear(): void;
}

export interface Simulator {
  readonly url: string;
  readonly port: number;
  readonly clock: SimClock;
  readonly store: PodStore;
  /** core/v1 Events, listed with field selectors (what `kubectl describe pod` reads). */
  readonly events: EventStore;
  readonly faults: SimulatorFaults;
  readonly stats: ApiServerStats;
  /** uid → resourceVersions served to clients (lists and watches); empty unless recordServed. */
  readonly served: ReadonlyMap<string, ReadonlySet<number>>;
  play(scripts: readonly PodScript[], options?: { readonly startAtMs?: number }): Playback;
  openWatches(): number;
  /** A kubeconfig for this simulator (server, token, insecure-skip-tls-verify for plain HTTP). */
  kubeconfigYaml(): string;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const clock = options.clock ?? realClock();
  const store = createPodStore({
    ...(options.historyLimit === undefined ? {} : { historyLimit: options.historyLimit }),
    ...(options.startResourceVersion === undefined
      ? {}
      : { startResourceVersion: options.startResourceVersion }),
  });
  const state = createFaultState();
  const served = new Map<string, Set<number>>();
  const events = createEventStore();
  const server = await startApiServer(store, state, {
    ...options,
    events,
    ...(options.recordServed === true
      ? {
          onServed: (uid: string, rv: number) => {
            const set = served.get(uid) ?? new Set<number>();
            served.set(uid, set);
            set.add(rv);
          },
        }
      : {}),
  });
  const playbacks = new Set<Playback>();

  const faults: SimulatorFaults = {
    failRequests: (rule) => {
      state.failing.push({ rule, remaining: rule.times ?? 1 });
    },
    dropWatches: (drop = {}) => server.dropWatches(drop.halfLine === true),
    dropWatchesAfterEvents: (count) => {
      state.dropAfterEvents = typeof count === 'number' ? () => count : count;
    },
    stallWatches: (durationMs) => {
      state.stallUntilMs = Date.now() + durationMs;
      server.stallWatches();
    },
    outage: (durationMs, mode = 'reset') => {
      state.outageUntilMs = Date.now() + durationMs;
      state.outageMode = mode;
      server.dropWatches(false);
    },
    compact: () => store.compact(),
    expireContinueTokens: () => server.expireContinueTokens(),
    garbleNextLines: (count) => {
      state.garbleNext = count;
    },
    clear: () => {
      Object.assign(state, createFaultState());
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
    play(scripts, playOptions = {}) {
      const playback = playScripts(store, clock, scripts, playOptions);
      playbacks.add(playback);
      void playback.done.then(() => playbacks.delete(playback));
      return playback;
    },
    openWatches: () => server.openWatches(),
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
      await server.close();
    },
  };
}
