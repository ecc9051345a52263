import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slimPod } from '../../agent/slim-pod.js';
import type { WireEvent } from '../../functions/domain/wire-format.js';
import { parseBatch } from '../../functions/ingest/parse-batch.js';
import { queryConfig } from '../../functions/query/config.js';
import { createQueryHandler } from '../../functions/query/create-handler.js';
import { createStore } from '../../functions/store/dynamodb-store.js';
import type { Store } from '../../functions/store/port.js';
import {
  createPodStore,
  manualClock,
  type PodScript,
  playScripts,
  type SimEvent,
  scriptDurationMs,
} from '../../simulator/index.js';
import { batch } from './event-builders.js';
import { type DescribeHarness, type DescribeInput, startDescribeHarness } from './kubectl-describe.js';
import { createMemoryTable } from './memory-table.js';
import { runCli } from './query-cli-io.js';
import { serveHandler } from './query-server.js';

/**
 * Golden tests of `podtrail describe --at` through the whole recording path: a pod's life (its
 * versions as the API served them, and its Events' versions) goes through the agent's slimPod and
 * the ingest's parser into the store, then `podtrail describe POD --at <moment>` runs against the
 * query handler over HTTP. The expected text is the real kubectl v1.35.2 describing, against the
 * simulator, the pod object and event versions current at that moment — with literal env values
 * replaced by the text `<value not recorded>`, which is what podtrail prints in their place.
 *
 * kubectl computes ages from its own clock, so every case builds its life from `now`, the moment
 * described (see kubectl-describe.ts `ago`).
 */
export const CLUSTER = 'golden-cluster';
const TOKEN = 'describe-golden-token';

export interface PodVersion {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  /** When the agent observed it (ms since the epoch). */
  readonly at: number;
  readonly pod: Record<string, unknown>;
}

export interface EventVersion {
  /** When this version was written (its lastTimestamp), ms. */
  readonly at: number;
  /** A core/v1 Event with metadata.uid and metadata.resourceVersion. */
  readonly event: SimEvent;
}

export interface RecordedLife {
  readonly pods: readonly PodVersion[];
  readonly events?: readonly EventVersion[];
}

export interface RecordedCase {
  readonly rule: string;
  /** The life, built from `now`: the moment `--at` describes. */
  readonly life: (now: number) => RecordedLife;
  readonly timeZone?: string;
}

export function describeRecordedCases(title: string, cases: readonly RecordedCase[]): void {
  describe(title, () => {
    let harness: DescribeHarness | undefined;
    const store: Store = createStore({ table: createMemoryTable() });
    let server: Awaited<ReturnType<typeof serveHandler>> | undefined;
    const kubectl = new Map<string, { stdout: Buffer; now: number; life: RecordedLife }>();

    beforeAll(async () => {
      harness = await startDescribeHarness();
      const h = harness;
      server = await serveHandler(
        createQueryHandler({
          reader: store,
          config: queryConfig({ cursorKey: new Uint8Array(32).fill(7), tableName: 'golden' }),
          clock: () => Date.now(),
          log: () => undefined,
        }),
        TOKEN,
      );
      await Promise.all(
        cases.map(async (c) => {
          let life: RecordedLife | undefined;
          const result = await h.describe(
            (now) => {
              life = c.life(now);
              return kubectlView(life, now);
            },
            c.timeZone === undefined ? {} : { timeZone: c.timeZone },
          );
          if (life === undefined) throw new Error(`no life built for "${c.rule}"`);
          kubectl.set(c.rule, { stdout: result.stdout, now: result.now, life });
          await recordLife(store, life);
        }),
      );
    });
    afterAll(async () => {
      await server?.close();
      await harness?.close();
    });

    it.each(cases)('$rule', async (c) => {
      const expected = kubectl.get(c.rule);
      if (expected === undefined || server === undefined)
        throw new Error(`no kubectl output for "${c.rule}"`);
      const pod = expected.life.pods[0]?.pod.metadata as { name: string; namespace: string; uid: string };
      const at = new Date(expected.now).toISOString();
      const ours = await runCli(
        ['describe', pod.name, '-n', pod.namespace, '--uid', pod.uid, '--at', at, '--cluster', CLUSTER],
        {
          env: { PODTRAIL_ENDPOINT: server.url, PODTRAIL_TOKEN: TOKEN, TZ: c.timeZone ?? 'UTC' },
          now: expected.now,
        },
      );
      expect(ours.stderr).toContain(`uid ${pod.uid} as recorded at ${at.slice(0, 19)}Z`);
      expect(ours.code).toBe(0);
      expect(expected.stdout.toString('utf8')).toMatch(/^Name: {2,}/);
      expect(ours.stdout).toBe(expected.stdout.toString('utf8'));
    });
  });
}

/** What kubectl is served at `now`: the newest pod version and each event's newest version by then. */
export function kubectlView(life: RecordedLife, now: number): DescribeInput {
  const current = life.pods.filter((v) => v.at <= now).at(-1);
  if (current === undefined) throw new Error('the life has no pod version at the moment described');
  const newest = new Map<string, EventVersion>();
  for (const version of life.events ?? []) {
    if (version.at > now) continue;
    const uid = String(version.event.metadata.uid);
    const held = newest.get(uid);
    if (held === undefined || held.at <= version.at) newest.set(uid, version);
  }
  return {
    pod: withEnvValuesNotRecorded(current.pod),
    events: [...newest.values()].map((v) => structuredClone(v.event)),
  };
}

/** Literal env values become the text podtrail prints in their place. */
function withEnvValuesNotRecorded(pod: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(pod) as { spec?: Record<string, { env?: Record<string, unknown>[] }[]> };
  for (const list of ['initContainers', 'containers', 'ephemeralContainers'])
    for (const container of copy.spec?.[list] ?? [])
      for (const entry of container.env ?? [])
        if (entry.valueFrom === undefined && typeof entry.value === 'string' && entry.value !== '')
          entry.value = '<value not recorded>';
  return copy as Record<string, unknown>;
}

/** The life through the agent's slimming and the ingest's parser into the store, in time order. */
export async function recordLife(store: Store, life: RecordedLife): Promise<void> {
  const iso = (ms: number) => new Date(ms).toISOString();
  const timed: { at: number; wire: WireEvent }[] = [
    ...life.pods.map((v) => {
      const slim = slimPod(v.pod);
      if (slim === undefined) throw new Error('a pod version the agent would not forward');
      return {
        at: v.at,
        wire: { type: v.type, observedAt: iso(v.at), pod: JSON.parse(slim.json) } as WireEvent,
      };
    }),
    ...(life.events ?? []).map((v) => ({
      at: v.at,
      wire: { type: 'EVENT', observedAt: iso(v.at), event: v.event } as unknown as WireEvent,
    })),
  ];
  timed.sort((a, b) => a.at - b.at);
  const { batch: parsed, rejected } = parseBatch(
    batch(
      CLUSTER,
      timed.map((t) => t.wire),
    ),
  );
  if (rejected.length > 0) throw new Error(`rejected: ${JSON.stringify(rejected)}`);
  await store.recordBatch(parsed);
}

/**
 * A simulator scenario played on a manual clock so that it ends `endOffsetMs` after `now`… or
 * before it: every version the simulated API server committed, with its time and watch type.
 */
export function simulatedLife(script: PodScript, startMs: number): PodVersion[] {
  const clock = manualClock(startMs);
  const pods = createPodStore({ wallNow: () => clock.now() });
  const versions: PodVersion[] = [];
  pods.subscribe((event) => {
    const parsed = JSON.parse(event.line) as { type: PodVersion['type']; object: Record<string, unknown> };
    versions.push({ type: parsed.type, at: event.publishedAtMs, pod: parsed.object });
  });
  playScripts(pods, clock, [script]);
  clock.advance(scriptDurationMs([script]));
  return versions;
}
