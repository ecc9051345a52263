import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { PodEvent } from '../../functions/domain/wire-format.js';
import { seededRandom } from '../../simulator/random.js';
import {
  badImagePod,
  crashLoopPod,
  deletedPod,
  initContainersPod,
  oomKilledPod,
  sidecarPod,
  steadyPod,
} from '../../simulator/scenarios/index.js';
import { delayed, type PodScript } from '../../simulator/script.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { runCli } from './query-cli-io.js';
import { type Emulator, type Pipeline, startDynalite, startPipeline } from './query-e2e.js';
import { batch, scriptEvents, syncEvent } from './query-scenario-events.js';
import { timedStartupPod } from './query-scenarios.js';

/**
 * The recorded fleet the end-to-end query tests read: scenario pods become wire-format v1 events
 * POSTed to /v1/events of `podtrail serve`, stored by the DynamoDB store on an emulator, and read
 * back by the CLI over HTTP from the same server.
 *   seed     the seed's bad-image pod, watched from 1 s after creation (kubectl get po -w)
 *   demo     crash loop, init containers, sidecar, deletion, a pod that vanishes at a relist after a
 *            gap, and two incarnations of web-0
 *   fleet-a  a crash loop (4 restarts) and an OOM-killed pod (2)
 *   fleet-b  two crash loops (4 each); the agent missed part of the second one's life
 *   startup  ten pods with hand-picked startup milestones
 */
export const T = Date.parse('2026-11-23T10:00:00Z');
/** The store's and the CLI's clock: three hours after the scenarios start. */
export const NOW = T + 3 * 3_600_000;
export const SINCE = ['--since', '2026-11-23T09:00:00Z'];

export const demo = {
  crashLoop: crashLoopPod({ random: seededRandom(11), crashes: 3 }),
  init: initContainersPod({ random: seededRandom(12) }),
  sidecar: sidecarPod({ random: seededRandom(13) }),
  deleted: deletedPod({ random: seededRandom(14) }),
  vanishing: steadyPod({ random: seededRandom(16), app: 'cache' }),
  firstWeb: badImagePod({ random: seededRandom(17), name: 'web-0', deleteAtMs: 60_000 }),
  secondWeb: delayed(steadyPod({ random: seededRandom(18), name: 'web-0' }), 120_000),
};

/** Crash loops of four restarts each; fleet-b's second pod missed crash 2 and 3's first half. */
export const fleetA = [
  crashLoopPod({ random: seededRandom(21), crashes: 4 }),
  oomKilledPod({ random: seededRandom(22) }),
];
export const fleetB = [
  crashLoopPod({ random: seededRandom(23), crashes: 4 }),
  crashLoopPod({ random: seededRandom(24), crashes: 4 }),
];

/** Hand-picked startup milestones, seconds after creation (see the percentile test for the arithmetic). */
const SCHEDULED = [1, 1, 2, 2, 3, 3, 4, 5, 8, 20];
const INIT = [1, 1, 1, 1, 1, 2, 2, 2, 3, 3];
const CONTAINERS = [2, 2, 2, 3, 3, 3, 4, 4, 6, 10];
const READINESS = [1, 1, 1, 1, 2, 2, 2, 5, 5, 30];
export const timed = SCHEDULED.map((scheduled, i) => {
  const admitted = scheduled + INIT[i]!;
  const started = admitted + CONTAINERS[i]!;
  return delayed(
    timedStartupPod('api', 100 + i, { scheduled, admitted, started, ready: started + READINESS[i]! }),
    i * 60_000,
  );
});

export const BACKENDS: [string, () => Promise<Emulator>][] = [
  ['dynalite', startDynalite],
  ['DynamoDB Local', dynamoDbLocal],
];

/**
 * The backends with every emulator already starting: DynamoDB Local's JVM takes 4–17 s to boot on
 * a busy 2-core machine, so it boots while the dynalite suite runs instead of after it.
 */
export function startingBackends(): [string, () => Promise<Emulator>][] {
  return BACKENDS.map(([name, start]) => {
    const started = start();
    started.catch(() => {});
    return [name, () => started];
  });
}

async function record(
  pipeline: Pipeline,
  cluster: string,
  scripts: readonly PodScript[],
  omit?: (uid: string, step: number) => boolean,
) {
  const { events, live, nextResourceVersion } = scriptEvents(scripts, {
    startMs: T,
    ...(omit ? { omit } : {}),
  });
  const response = await pipeline.post(batch(cluster, events));
  expect(response).toMatchObject({ status: 200, body: { rejected: [] } });
  return { live, nextResourceVersion };
}

async function recordFleet(pipeline: Pipeline): Promise<void> {
  // The agent's first list happens 1 s after creation, as the seed's `kubectl get po -w` did: the
  // first event it sends is ADDED at 1 s.
  const seed = scriptEvents([badImagePod()], { startMs: T }).events.filter(
    (e) => Date.parse(e.observedAt) >= T + 1000,
  );
  await pipeline.post(batch('seed', [{ ...(seed[0] as PodEvent), type: 'ADDED' }, ...seed.slice(1)]));
  const recorded = await record(pipeline, 'demo', Object.values(demo));
  // A relist at 10:10 no longer lists the cache pod (deleted while unwatched), after a gap since 10:08:20.
  const live = [...recorded.live].filter((uid) => uid !== demo.vanishing.uid);
  await pipeline.post(
    batch('demo', [
      syncEvent(live, T + 600_000, recorded.nextResourceVersion, new Date(T + 500_000).toISOString()),
    ]),
  );
  await record(pipeline, 'fleet-a', fleetA);
  const missed = fleetB[1]!.uid;
  // Steps 8–11 are crash 2 and the first half of crash 3: restartCount is next seen jumping 1 → 3.
  await record(pipeline, 'fleet-b', fleetB, (uid, step) => uid === missed && step >= 8 && step <= 11);
  await record(pipeline, 'startup', timed);
}

export interface FleetContext {
  readonly pipeline: Pipeline;
  /** A scratch directory, the CLI's working directory. */
  readonly dir: string;
  cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

/** Registers beforeAll/afterAll in the calling describe: the emulator, serve, the recorded fleet. */
export function useRecordedFleet(startEmulator: () => Promise<Emulator>): FleetContext {
  let emulator: Emulator | undefined;
  let pipeline: Pipeline | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    emulator = await startEmulator();
    pipeline = await startPipeline(emulator, { now: () => NOW });
    dir = await mkdtemp(join(tmpdir(), 'podtrail-e2e-'));
    await recordFleet(pipeline);
  }, 90_000);
  afterAll(async () => {
    await pipeline?.close();
    await emulator?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });
  return {
    get pipeline() {
      return pipeline!;
    },
    get dir() {
      return dir!;
    },
    cli: (...args) => runCli(args, { env: pipeline!.env, now: NOW, cwd: dir! }),
  };
}

export const table = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** DynamoDB Local (support/dynamodb-local.ts) as the query suites' Emulator: endpoint and close. */
async function dynamoDbLocal(): Promise<Emulator> {
  const emulator = await startDynamoDbLocal();
  return { endpoint: emulator.endpoint, close: () => emulator.stop() };
}
