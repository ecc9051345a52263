/**
 * Baseline for bench/agent-memory.ts: the stock @kubernetes/client-node informer (makeInformer +
 * listPodForAllNamespaces), watching the same simulator, bundled the same way as the agent.
 * Usage: node informer.mjs KUBECONFIG — prints JSON lines (synced, progress).
 */
import { CoreV1Api, KubeConfig, makeInformer, type V1Pod } from '@kubernetes/client-node';

const kc = new KubeConfig();
kc.loadFromFile(process.argv[2] ?? '');
const core = kc.makeApiClient(CoreV1Api);
const informer = makeInformer<V1Pod>(kc, '/api/v1/pods', () => core.listPodForAllNamespaces());
let events = 0;
const count = () => {
  events++;
};
informer.on('add', count);
informer.on('update', count);
informer.on('delete', count);
informer.on('error', (error: unknown) => {
  process.stdout.write(`${JSON.stringify({ msg: 'error', error: String(error) })}\n`);
  setTimeout(() => void informer.start(), 1_000);
});
await informer.start();
process.stdout.write(`${JSON.stringify({ msg: 'synced', pods: informer.list().length })}\n`);
setInterval(() => process.stdout.write(`${JSON.stringify({ msg: 'progress', events })}\n`), 1_000);
process.on('SIGTERM', () => {
  void informer.stop();
  process.exit(0);
});
