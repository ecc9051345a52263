import { admit, containerWaiting, sandboxReady, scheduleTo } from '../kubelet.js';
import { kubeletSays, schedulerSays } from '../pod-events.js';
import { create, type EventStep, emit, type PodScript, remove, update } from '../script.js';
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
  const events = badImageEvents('pod-phase', pullError).filter(
    (e) => options.deleteAtMs === undefined || e.atMs < options.deleteAtMs,
  );
  return { scenario: 'bad-image', namespace: pod.namespace, name: pod.name, uid: pod.uid, steps, events };
}

/**
 * What the scheduler and the kubelet record in step with those statuses. The kubelet syncs the pod
 * every 10–15 s; a sync inside the image back-off records BackOff and Failed (Error:
 * ImagePullBackOff), the first sync after it pulls again (Pulling), and this registry takes 30–40 s
 * to answer "not found", when the kubelet records Failed twice (the pull, then Error: ErrImagePull).
 * At 2m54s the counts are Pulling ×3, both ErrImagePull Faileds ×3, BackOff and the
 * ImagePullBackOff Failed ×4 (one of those at 2m2s, a sync that changed no status).
 */
function badImageEvents(container: string, pullError: string): EventStep[] {
  const pull = kubeletSays.pulling(container);
  const pullFailed = [
    kubeletSays.pullFailed(container, pullError),
    kubeletSays.failed(container, 'ErrImagePull'),
  ];
  const backOff = [kubeletSays.imageBackOff(container), kubeletSays.failed(container, 'ImagePullBackOff')];
  return [
    emit(200, schedulerSays.scheduled()),
    emit(1_000, pull),
    emit(41_000, ...pullFailed),
    emit(52_000, ...backOff),
    emit(64_000, pull),
    emit(97_000, ...pullFailed),
    emit(110_000, ...backOff),
    emit(122_000, ...backOff),
    emit(134_000, pull),
    emit(162_000, ...pullFailed),
    emit(174_000, ...backOff),
  ];
}
