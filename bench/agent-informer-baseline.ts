/**
 * Baseline for bench/agent-memory.ts: the stock @kubernetes/client-node informer (makeInformer +
 * listPodForAllNamespaces), watching the same simulator, bundled the same way as the agent; with
 * --events, a second one on core/v1 events about pods (ListWatch with
 * fieldSelector=involvedObject.kind=Pod, as makeInformer takes no field selector).
 * Usage: node informer.mjs KUBECONFIG [--events] — prints JSON lines (synced, progress).
 */
import {
  CoreV1Api,
  type CoreV1Event,
  type Informer,
  KubeConfig,
  type KubernetesObject,
  ListWatch,
  makeInformer,
  type V1Pod,
  Watch,
} from '@kubernetes/client-node';

const kc = new KubeConfig();
kc.loadFromFile(process.argv[2] ?? '');
const withEvents = process.argv.includes('--events');
const core = kc.makeApiClient(CoreV1Api);
const pods = makeInformer<V1Pod>(kc, '/api/v1/pods', () => core.listPodForAllNamespaces());
const fieldSelector = 'involvedObject.kind=Pod';
const events = withEvents
  ? new ListWatch<CoreV1Event>(
      '/api/v1/events',
      new Watch(kc),
      () => core.listEventForAllNamespaces({ fieldSelector }),
      false,
      undefined,
      fieldSelector,
    )
  : undefined;
let received = 0;
const count = () => {
  received++;
};
const counted = <T extends KubernetesObject>(informer: Informer<T>) => {
  informer.on('add', count);
  informer.on('update', count);
  informer.on('delete', count);
  informer.on('error', (error: unknown) => {
    process.stdout.write(`${JSON.stringify({ msg: 'error', error: String(error) })}\n`);
    setTimeout(() => void informer.start(), 1_000);
  });
};
counted(pods);
if (events !== undefined) counted(events);
await Promise.all([pods.start(), events?.start()]);
process.stdout.write(
  `${JSON.stringify({ msg: 'synced', pods: pods.list().length, events: events?.list().length ?? 0 })}\n`,
);
setInterval(() => process.stdout.write(`${JSON.stringify({ msg: 'progress', events: received })}\n`), 1_000);
process.on('SIGTERM', () => {
  void pods.stop();
  void events?.stop();
  process.exit(0);
});
