import type { Writable } from 'node:stream';
import type { RunningAgent } from '../agent/agent.js';
import { readAgentConfig } from '../agent/config.js';
import type { ServeHandle } from './serve.js';
import type { startDemoLogFile } from './start-log.js';

/**
 * What `npm start`'s two recordings (record-kubeconfig.ts, record-demo.ts) share: their options,
 * the session they run in, and what they hand back for the report.
 */

/** What `npm start` was asked to do (cli/commands/start.ts parses it from the command line). */
export interface StartOptions {
  readonly demo: boolean;
  readonly once: boolean;
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly cluster: string | undefined;
  readonly kubeconfig: string | undefined;
  readonly context: string | undefined;
  /** With --once on a real cluster: how long to record after the first list, ms. */
  readonly settleMs: number;
  /** Simulated seconds per wall second for the demo. */
  readonly speed: number;
  /** Simulated start of the demo, ms since the epoch (default: so that it ends just before now). */
  readonly demoStartMs: number | undefined;
  readonly out: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the user asks to stop (Ctrl-C / SIGTERM). */
  readonly interrupted: Promise<void>;
  /** Shows what was recorded, while the endpoint is still up. */
  readonly report: (recording: Recording) => Promise<void>;
}

/** What was recorded and where to query it. */
export interface Recording {
  readonly source: 'kubeconfig' | 'demo';
  readonly endpoint: string;
  readonly token: string;
  /** The web UI's link with its token (`podtrail serve`'s uiUrl), when serve serves it. */
  readonly uiUrl: string | undefined;
  readonly cluster: string;
  /** The recording's window, RFC 3339. */
  readonly since: string;
  readonly until: string;
  /**
   * A pod worth looking at, for the report and the follow-up commands: the demo's seed pod (with its
   * uid: earlier demo runs had pods of the same name), or the recorded cluster's pod with the most
   * restarts. undefined when the cluster has no pods.
   */
  readonly examplePod: ExamplePod | undefined;
  /** The clock relative times resolve against (for the demo, its end). */
  readonly now: () => number;
  /** A real cluster's state at the first list: restarts that happened before recording began. */
  readonly census?: ClusterCensus;
}

export interface ExamplePod {
  readonly namespace: string;
  readonly name: string;
  readonly uid?: string | undefined;
}

/** What the first list of a real cluster showed, beyond what the agent records as changes. */
export interface ClusterCensus {
  readonly pods: number;
  /** The sum of the pods' RESTARTS (kubectl's count, from restartCount) at the first list. */
  readonly restarts: number;
  readonly podsWithRestarts: number;
}

/** What both recordings share: the options, the local endpoint, the agent's log and the terminal. */
export interface Session {
  readonly options: StartOptions;
  readonly serve: ServeHandle;
  readonly agentLog: ReturnType<typeof startDemoLogFile>;
  readonly say: (line?: string) => void;
}

export const PROGRESS_EVERY_MS = 5_000;

export function recordingOf(
  session: Session,
  source: Recording['source'],
  cluster: string,
  window: { since: string; until: string },
  now: () => number,
  examplePod: ExamplePod | undefined,
  census?: ClusterCensus,
): Recording {
  const { serve } = session;
  return {
    source,
    endpoint: serve.url,
    token: serve.token,
    uiUrl: serve.uiUrl,
    cluster,
    ...window,
    examplePod,
    now,
    ...(census === undefined ? {} : { census }),
  };
}

export function agentConfig(cluster: string, serve: ServeHandle, env: StartOptions['env']) {
  return readAgentConfig(
    { cluster, ingestUrl: serve.url, port: 'off' },
    { PODTRAIL_TOKEN: serve.token, PODTRAIL_BATCH_DELAY: '200ms', HOME: env.HOME },
  );
}

export function progressLine(agent: RunningAgent): string {
  const m = agent.metrics;
  const seen = m.watchEvents.ADDED + m.watchEvents.MODIFIED + m.watchEvents.DELETED;
  return `events seen ${seen + m.listedPods}, forwarded ${m.eventsForwarded}, queued ${m.queueDepth}`;
}

/** RFC 3339 to the second, as the follow-up commands print it (`ms` a whole second). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
