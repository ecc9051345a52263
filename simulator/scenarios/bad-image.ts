import { admit, containerWaiting, sandboxReady, scheduleTo } from '../kubelet.js';
import { create, type PodScript, remove, update } from '../script.js';
import { barePod, type ScenarioOptions } from './workloads.js';

/**
 * The seed's bad-image pod (`image: busybox:nonexist`), with the timings `kubectl get po -w` showed:
 * ContainerCreating 1s, ErrImagePull 41s, ImagePullBackOff 52s, ErrImagePull 97s,
 * ImagePullBackOff 110s, ErrImagePull 2m42s, ImagePullBackOff 2m54s.
 */
export const SEED_BAD_IMAGE_TIMELINE = [
  { atMs: 1_000, status: 'ContainerCreating' },
  { atMs: 41_000, status: 'ErrImagePull' },
  { atMs: 52_000, status: 'ImagePullBackOff' },
  { atMs: 97_000, status: 'ErrImagePull' },
  { atMs: 110_000, status: 'ImagePullBackOff' },
  { atMs: 162_000, status: 'ErrImagePull' },
  { atMs: 174_000, status: 'ImagePullBackOff' },
] as const;

export function badImagePod(options: ScenarioOptions & { readonly deleteAtMs?: number } = {}): PodScript {
  const image = 'busybox:nonexist';
  const pod = barePod({
    ...options,
    name: options.name ?? 'pod-phase',
    containers: [{ name: 'pod-phase', image, command: ['sh', '-c', 'echo Hello Kubernetes! && sleep 3600'] }],
  });
  const reference = `docker.io/library/${image}`;
  const pullError = `rpc error: code = NotFound desc = failed to pull and unpack image "${reference}": failed to resolve reference "${reference}": ${reference}: not found`;
  const backOff = `Back-off pulling image "${image}"`;
  const steps = [
    create(0, pod.build),
    update(200, (p, at) => scheduleTo(p, pod.node, at)),
    update(SEED_BAD_IMAGE_TIMELINE[0].atMs, (p, at) => {
      admit(p, pod.node, at);
      sandboxReady(p, pod.ip, at);
    }),
    ...SEED_BAD_IMAGE_TIMELINE.slice(1).map(({ atMs, status }) =>
      update(atMs, (p, at) =>
        containerWaiting(p, 'pod-phase', status, status === 'ErrImagePull' ? pullError : backOff, at),
      ),
    ),
  ];
  if (options.deleteAtMs !== undefined) steps.push(remove(options.deleteAtMs));
  return { scenario: 'bad-image', namespace: pod.namespace, name: pod.name, uid: pod.uid, steps };
}
