import type { KubeConfig } from '@kubernetes/client-node';
import type { AgentConfig } from './config.js';
import { createEventQueue } from './forwarder/event-queue.js';
import { startForwarder } from './forwarder/forwarder.js';
import { createIngestClient } from './forwarder/ingest-client.js';
import { type CredentialProvider, createAuthenticator } from './http-auth.js';
import type { ResourceName } from './kube/resource-api.js';
import { createLoops, type Loops } from './loops.js';
import { type HealthServer, type Probe, startHealthServer } from './ops/health-server.js';
import { createLogger, type Logger } from './ops/log.js';
import { type AgentMetrics, createMetrics } from './ops/metrics.js';
import { renderMetrics } from './ops/metrics-text.js';
import { livenessProbe, readinessProbe } from './ops/probes.js';
import { type SummaryLog, startSummaryLog } from './ops/summary-log.js';
import { GAP_MARGIN_MS } from './reflector/policy.js';
import { type AgentRuntime, systemRuntime } from './runtime.js';
import { AGENT_VERSION } from './version.js';

/**
 * The agent as a library: `startAgent(config, deps)` wires the two reflectors (pods and events,
 * loops.ts) → bounded queue → forwarder (plus the health server when configured) and returns a
 * handle. The CLI (`podtrail agent`), the container entry point and local mode (`npm start`,
 * in-process) all run it this way.
 */

export interface AgentDeps {
  /** Where the pods are: see kube/kube-config.ts `loadKubeConfig`, or KubeConfig.loadFromOptions. */
  readonly kubeConfig: KubeConfig;
  readonly runtime?: AgentRuntime;
  /** Default: JSON lines on stdout. */
  readonly log?: Logger;
  /** SigV4 credentials for Function URLs (default: the AWS default credential chain). */
  readonly credentials?: CredentialProvider;
  readonly fetch?: typeof fetch;
}

export interface AgentHealth {
  readonly healthz: Probe;
  readonly readyz: Probe;
}

export interface StopReport {
  /** Events that could not be delivered before the deadline. */
  readonly unsent: number;
}

export interface RunningAgent {
  /** true once the first full lists of pods and of events are done; false if the agent stopped before. */
  readonly ready: Promise<boolean>;
  readonly metrics: AgentMetrics;
  /** Base URL of /healthz, /readyz, /metrics (undefined when config.http is null). */
  readonly healthUrl: string | undefined;
  health(): AgentHealth;
  /** Stops watching, flushes within `deadlineMs` (default config.forward.flushDeadlineMs). Idempotent. */
  stop(options?: { readonly deadlineMs?: number }): Promise<StopReport>;
  /** Resolves when the agent has stopped, for whatever reason. */
  readonly stopped: Promise<StopReport>;
}

/** Between list pages, the reflector waits (within its budget) for the queue to drain below this. */
const LIST_BACKPRESSURE_BYTES = 4 * 1024 * 1024;

function listBackpressure(queue: ReturnType<typeof createEventQueue>, runtime: AgentRuntime) {
  return async (signal: AbortSignal, deadlineMs: number) => {
    const waitMs = deadlineMs - runtime.now();
    if (waitMs <= 0 || queue.bytes() <= LIST_BACKPRESSURE_BYTES) return;
    const timeout = new AbortController();
    const abort = () => timeout.abort();
    signal.addEventListener('abort', abort, { once: true });
    await Promise.race([
      queue.whenBytesAtMost(LIST_BACKPRESSURE_BYTES),
      runtime.sleep(waitMs, timeout.signal),
    ]);
    timeout.abort();
    signal.removeEventListener('abort', abort);
  };
}

export async function startAgent(config: AgentConfig, deps: AgentDeps): Promise<RunningAgent> {
  const runtime = deps.runtime ?? systemRuntime;
  const log =
    deps.log ??
    createLogger(process.stdout, {
      now: runtime.now,
      level: config.log.level,
      base: { component: 'podtrail-agent' },
    });
  const metrics = createMetrics();
  const startedAt = runtime.now();
  let stopping = false;
  let resolveReady: (ready: boolean) => void = () => {};
  const ready = new Promise<boolean>((resolve) => {
    resolveReady = resolve;
  });

  let loops: Loops | undefined;
  const queue = createEventQueue({
    maxEvents: config.forward.maxQueueEvents,
    maxBytes: config.forward.maxQueueBytes,
    onCoalesced: (n, kind) => {
      metrics.wire[kind].coalesced += n;
    },
    onDropped: (n, kind) => {
      metrics.wire[kind].dropped += n;
    },
    onEventDropped: (uid, resourceVersion) => loops?.events.tracker.dropped(uid, resourceVersion),
    gapMarginMs: GAP_MARGIN_MS,
  });
  const listedAt: Partial<Record<ResourceName, number>> = {};
  loops = createLoops(config, {
    kubeConfig: deps.kubeConfig,
    queue,
    runtime,
    log,
    metrics,
    onListed: (resource) => {
      listedAt[resource] = runtime.now();
      if (listedAt.pods !== undefined && listedAt.events !== undefined) resolveReady(true);
    },
    beforeNextPage: listBackpressure(queue, runtime),
  });
  const { pods, events } = loops;
  const forwarder = startForwarder(
    {
      cluster: config.cluster,
      agent: { id: config.agentId, version: AGENT_VERSION },
      maxBatchBytes: config.forward.maxBatchBytes,
      batchDelayMs: config.forward.batchDelayMs,
      backoff: config.forward.backoff,
    },
    {
      queue,
      client: createIngestClient({
        ingestUrl: config.ingestUrl,
        authenticate: createAuthenticator(
          config.auth,
          ...(deps.credentials === undefined ? [] : [deps.credentials]),
        ),
        requestTimeoutMs: config.forward.requestTimeoutMs,
        ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
        now: runtime.now,
      }),
      runtime,
      log,
      metrics,
      snapshot: loops.podSnapshot,
    },
  );

  const health = (): AgentHealth => {
    metrics.queueDepth = queue.depth();
    metrics.queueBytes = queue.bytes();
    return {
      healthz: livenessProbe(metrics, {
        now: runtime.now(),
        startedAt,
        maxSilenceMs: config.health.maxSilenceMs,
      }),
      readyz: readinessProbe(listedAt, {
        stopping,
        pods: pods.tracker.size(),
        events: events.tracker.size(),
      }),
    };
  };

  let server: HealthServer | undefined;
  if (config.http !== null) {
    server = await startHealthServer(config.http, {
      healthz: () => health().healthz,
      readyz: () => health().readyz,
      metrics: () => {
        metrics.queueDepth = queue.depth();
        metrics.queueBytes = queue.bytes();
        return renderMetrics(metrics);
      },
    });
  }

  const summary: SummaryLog | undefined =
    config.log.summaryIntervalMs === null
      ? undefined
      : startSummaryLog({
          intervalMs: config.log.summaryIntervalMs,
          metrics,
          queued: () => queue.depth(),
          runtime,
          log,
        });

  const watching = new AbortController();
  const reflectorsDone = loops.run(watching.signal);
  log.info('agent started', {
    cluster: config.cluster,
    agentId: config.agentId,
    version: AGENT_VERSION,
    ingest: config.ingestUrl.origin,
    auth: config.auth.kind,
    namespace: config.namespace ?? '(all)',
    health: server?.url,
  });

  let stopPromise: Promise<StopReport> | undefined;
  let resolveStopped: (report: StopReport) => void = () => {};
  const stopped = new Promise<StopReport>((resolve) => {
    resolveStopped = resolve;
  });
  const stop = (options: { readonly deadlineMs?: number } = {}): Promise<StopReport> => {
    stopPromise ??= (async () => {
      stopping = true;
      log.info('agent stopping', { queued: queue.depth() });
      watching.abort();
      await reflectorsDone;
      const unsent = await forwarder.stop(options.deadlineMs ?? config.forward.flushDeadlineMs);
      summary?.stop();
      await server?.close();
      resolveReady(false);
      log.info('agent stopped', { unsent, forwarded: metrics.eventsForwarded });
      const report = { unsent };
      resolveStopped(report);
      return report;
    })();
    return stopPromise;
  };
  void forwarder.done.catch((error: unknown) => {
    log.error('forwarder crashed', { error: (error as Error).message });
    void stop({ deadlineMs: 0 });
  });

  return { ready, metrics, healthUrl: server?.url, health, stop, stopped };
}
