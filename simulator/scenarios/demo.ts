import { nameSuffix, pick, type Random, randomInt, seededRandom } from '../random.js';
import { compressed, delayed, type PodScript } from '../script.js';
import { badImagePod } from './bad-image.js';
import { completedJobPod, deletedPod, evictedPod, nodeLostPod } from './endings.js';
import { crashLoopPod, oomKilledPod } from './restarts.js';
import { initContainersPod, sidecarPod, steadyPod } from './startup.js';

/**
 * The built-in demo cluster: one pod per story local mode tells (the seed's bad image, a crash loop,
 * an OOM kill, init containers, a sidecar, a completed CronJob run, an eviction, a lost node, a
 * deletion) plus a few healthy pods. About three minutes of simulated time (the seed pod's last
 * ImagePullBackOff is at 2m54s): play it on a 3× clock for a one-minute demo.
 */
export function demoCluster(
  options: { readonly seed?: number; readonly uidRandom?: Random } = {},
): PodScript[] {
  const random = seededRandom(options.seed ?? 20261123);
  const uids = options.uidRandom === undefined ? {} : { uidRandom: options.uidRandom };
  return [
    badImagePod({ random, ...uids, namespace: 'default' }),
    delayed(crashLoopPod({ random, ...uids, namespace: 'payments' }), 2_000),
    delayed(oomKilledPod({ random, ...uids, namespace: 'media' }), 4_000),
    delayed(initContainersPod({ random, ...uids, namespace: 'shop' }), 6_000),
    delayed(sidecarPod({ random, ...uids, namespace: 'shop' }), 8_000),
    delayed(completedJobPod({ random, ...uids, namespace: 'analytics' }), 10_000),
    delayed(evictedPod({ random, ...uids, namespace: 'cache' }), 12_000),
    delayed(nodeLostPod({ random, ...uids, namespace: 'data' }), 14_000),
    delayed(deletedPod({ random, ...uids, namespace: 'shop', deleteAtMs: 60_000 }), 16_000),
    steadyPod({ random, ...uids, namespace: 'shop', app: 'storefront-api' }),
    delayed(
      steadyPod({ random, ...uids, namespace: 'shop', app: 'storefront-api', flapAtMs: [90_000] }),
      1_000,
    ),
  ];
}

export interface ChurnOptions {
  readonly pods: number;
  readonly seed?: number;
  /** Pod start times spread over this many simulated ms. */
  readonly spanMs?: number;
  /** Each life runs this much faster than real kubelet timings (0.1 = ten times as fast). */
  readonly timeScale?: number;
  readonly namespaces?: readonly string[];
}

type Builder = (random: Random, namespace: string) => PodScript;

/** Weighted mix of every scenario, as a busy cluster would show them. */
const MIX: readonly [number, Builder][] = [
  [30, (random, namespace) => steadyPod({ random, namespace, app: pick(random, APPS) })],
  [
    15,
    (random, namespace) =>
      steadyPod({ random, namespace, app: pick(random, APPS), deleteAtMs: randomInt(random, 8_000, 40_000) }),
  ],
  [
    10,
    (random, namespace) =>
      steadyPod({ random, namespace, app: pick(random, APPS), flapAtMs: [10_000, 25_000] }),
  ],
  [8, (random, namespace) => crashLoopPod({ random, namespace, crashes: 3 })],
  [5, (random, namespace) => oomKilledPod({ random, namespace })],
  [8, (random, namespace) => initContainersPod({ random, namespace })],
  [8, (random, namespace) => sidecarPod({ random, namespace })],
  [
    6,
    (random, namespace) =>
      completedJobPod({ random, namespace, scheduledAtMs: randomInt(random, 0, 2 ** 40) }),
  ],
  [3, (random, namespace) => evictedPod({ random, namespace })],
  [3, (random, namespace) => nodeLostPod({ random, namespace, goneAtMs: 40_000 })],
  [4, (random, namespace) => badImagePod({ random, namespace, name: `pod-phase-${nameSuffix(random)}` })],
];

const APPS = ['web', 'api', 'search', 'cart', 'auth', 'recommendations'] as const;

/** `pods` pod lives drawn from the mix, started at random over `spanMs`, for load and fault tests. */
export function churnScripts(options: ChurnOptions): PodScript[] {
  const random = seededRandom(options.seed ?? 1);
  const namespaces = options.namespaces ?? ['prod', 'staging', 'batch', 'platform'];
  const span = options.spanMs ?? 60_000;
  const scale = options.timeScale ?? 1;
  const total = MIX.reduce((sum, [weight]) => sum + weight, 0);
  const scripts: PodScript[] = [];
  for (let i = 0; i < options.pods; i++) {
    let roll = random() * total;
    let builder = MIX[0]?.[1];
    for (const [weight, candidate] of MIX) {
      roll -= weight;
      builder = candidate;
      if (roll < 0) break;
    }
    if (builder === undefined) break;
    const script = builder(random, pick(random, namespaces));
    scripts.push(delayed(compressed(script, scale), Math.floor(random() * span)));
  }
  return scripts;
}
