import { KubeConfig } from '@kubernetes/client-node';
import { test } from 'vitest';
import { type AgentDeps, type RunningAgent, startAgent } from '../../agent/agent.js';
import { type AgentConfig, readAgentConfig } from '../../agent/config.js';
import { memoryLogger } from '../../agent/ops/log.js';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../simulator/index.js';
import { type IngestSink, startIngestSink } from './ingest-sink.js';

/**
 * The agent under test, wired for real: the simulator over HTTP (through client-node's
 * KubeConfig), a loopback ingest sink, and test-sized timings (watch timeouts of seconds, tens of
 * ms of back-off) so fault scenarios play out in well under a second or two.
 */

/** Environment for readAgentConfig that makes every timer short. */
export const FAST_AGENT_ENV: Readonly<Record<string, string>> = {
  PODTRAIL_WATCH_TIMEOUT: '2s-4s',
  PODTRAIL_WATCH_INACTIVITY: '1500ms',
  PODTRAIL_BACKOFF: '20ms-200ms',
  PODTRAIL_BATCH_DELAY: '30ms',
  PODTRAIL_FLUSH_DEADLINE: '5s',
  PODTRAIL_INGEST_TIMEOUT: '5s',
  PODTRAIL_HEALTH_MAX_SILENCE: '5s',
  PODTRAIL_PORT: '0',
};

export function testAgentConfig(sink: IngestSink, env: Record<string, string> = {}): AgentConfig {
  return readAgentConfig(
    { cluster: 'test-cluster', ingestUrl: sink.url },
    { ...FAST_AGENT_ENV, PODTRAIL_TOKEN: sink.token, ...env },
  );
}

export function simulatorKubeConfig(sim: Simulator): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromString(sim.kubeconfigYaml());
  return kc;
}

export interface AgentHarness {
  readonly sim: Simulator;
  readonly sink: IngestSink;
  readonly agent: RunningAgent;
  readonly log: ReturnType<typeof memoryLogger>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly sim?: SimulatorOptions;
  /** Extra PODTRAIL_* settings. */
  readonly env?: Record<string, string>;
  /** Runs before the agent starts (seed pods, arm faults). */
  readonly before?: (sim: Simulator, sink: IngestSink) => void | Promise<void>;
  readonly deps?: Partial<AgentDeps>;
}

export async function startAgentHarness(options: HarnessOptions = {}): Promise<AgentHarness> {
  const sim = await startSimulator({
    token: 'sim-token',
    bookmarkIntervalMs: 500,
    recordServed: true,
    ...options.sim,
  });
  const sink = await startIngestSink();
  await options.before?.(sim, sink);
  const log = memoryLogger();
  const agent = await startAgent(testAgentConfig(sink, options.env), {
    kubeConfig: simulatorKubeConfig(sim),
    log,
    ...options.deps,
  });
  return {
    sim,
    sink,
    agent,
    log,
    async close() {
      await agent.stop({ deadlineMs: 2_000 });
      await sim.close();
      await sink.close();
    },
  };
}

/**
 * `it` with the harness as a fixture: `startHarness(options)` starts the agent under test, and the
 * fixture closes whatever a test started when it ends, passed or failed.
 */
export const agentTest = test.extend<{
  startHarness: (options?: HarnessOptions) => Promise<AgentHarness>;
}>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads a fixture's dependencies from this pattern.
  startHarness: async ({}, use) => {
    const started: AgentHarness[] = [];
    await use(async (options) => {
      const harness = await startAgentHarness(options);
      started.push(harness);
      return harness;
    });
    for (const harness of started) await harness.close();
  },
});

/** Polls until `condition` holds; fails after `timeoutMs` (every wait in a test is bounded). */
export async function eventually(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Changes one status field of a live pod (a kubelet-style update the ingest reads). */
export function touchPod(sim: Simulator, uid: string, message: string): void {
  sim.store.update(uid, (pod) => {
    pod.status.message = message;
  });
}
