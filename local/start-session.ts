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
  /** Simulated seconds per wall second for the demo. */
  readonly speed: number;
  /** Simulated start of the demo, ms since the epoch (default: now, whole seconds). */
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
  /** A pod worth looking at: the demo's seed pod. */
  readonly examplePod: { readonly namespace: string; readonly name: string };
  /** The clock relative times resolve against (the demo's accelerated clock, for the demo). */
  readonly now: () => number;
}

/** What both recordings share: the options, the local endpoint, the agent's log and the terminal. */
export interface Session {
  readonly options: StartOptions;
  readonly serve: ServeHandle;
  readonly agentLog: ReturnType<typeof startDemoLogFile>;
  readonly say: (line?: string) => void;
}

/** The pod both recordings offer as an example: the demo's seed pod (busybox:nonexist). */
const SEED_POD = { namespace: 'default', name: 'pod-phase' } as const;

export const PROGRESS_EVERY_MS = 5_000;

export function recordingOf(
  session: Session,
  source: Recording['source'],
  cluster: string,
  window: { since: string; until: string },
  now: () => number,
): Recording {
  const { serve } = session;
  return {
    source,
    endpoint: serve.url,
    token: serve.token,
    uiUrl: serve.uiUrl,
    cluster,
    ...window,
    examplePod: SEED_POD,
    now,
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
