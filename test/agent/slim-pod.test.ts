import { describe, expect, it } from 'vitest';
import { ATTRIBUTION_LABELS, slimPod } from '../../agent/slim-pod.js';
import { derivePodStatus } from '../../functions/domain/pod-status.js';
import {
  createPodStore,
  manualClock,
  playScripts,
  scriptDurationMs,
  seededRandom,
  sidecarPod,
} from '../../simulator/index.js';
import type { SimPod } from '../../simulator/pod-types.js';
import { runningPods } from '../support/sim-client.js';

/** A realistic served pod: a sidecar Deployment pod at the end of its start-up, as a watch serves it. */
function servedPod(): SimPod {
  const clock = manualClock();
  const store = createPodStore();
  const script = sidecarPod({ random: seededRandom(3) });
  playScripts(store, clock, [script]);
  clock.advance(scriptDurationMs([script]));
  const pod = store.get(script.uid)!;
  pod.metadata.labels = { ...pod.metadata.labels, team: 'shop', 'controller-uid': 'c-1' };
  return { kind: 'Pod', apiVersion: 'v1', ...pod };
}

describe('slimPod', () => {
  const pod = servedPod();
  const slim = slimPod(pod)!;
  const parsed = JSON.parse(slim.json) as SimPod;

  it.each([
    ['managedFields', () => parsed.metadata.managedFields],
    ['annotations', () => parsed.metadata.annotations],
    ['env values', () => JSON.stringify(parsed).includes('not-a-real-secret') || undefined],
    ['volumes', () => parsed.spec.volumes],
    ['probes and resources', () => (parsed.spec.containers[0] as Record<string, unknown>).readinessProbe],
    ['container status volume mounts', () => parsed.status.containerStatuses?.[0]?.volumeMounts],
  ])('drops %s', (_what, read) => {
    expect(read()).toBeUndefined();
  });

  it('keeps what the ingest reads: identity, attribution labels, owners, containers, sidecar restartPolicy, status', () => {
    expect(parsed.metadata).toMatchObject({
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      uid: pod.metadata.uid,
      resourceVersion: pod.metadata.resourceVersion,
      creationTimestamp: pod.metadata.creationTimestamp,
      labels: { 'pod-template-hash': pod.metadata.labels?.['pod-template-hash'], 'controller-uid': 'c-1' },
      ownerReferences: [
        { kind: 'ReplicaSet', name: pod.metadata.ownerReferences?.[0]?.name, controller: true },
      ],
    });
    expect(
      Object.keys(parsed.metadata.labels ?? {}).every((k) =>
        (ATTRIBUTION_LABELS as readonly string[]).includes(k),
      ),
    ).toBe(true);
    expect(parsed.spec).toEqual({
      nodeName: pod.spec.nodeName,
      restartPolicy: 'Always',
      initContainers: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.1.9', restartPolicy: 'Always' }],
      containers: [{ name: 'web', image: 'registry.example.com/shop/storefront:5.0.1' }],
    });
    expect(parsed.status.conditions).toEqual(pod.status.conditions);
    expect(derivePodStatus(parsed)).toEqual(derivePodStatus(pod));
  });

  it('is a small fraction of the served object', () => {
    expect(slim.json.length).toBeLessThan(JSON.stringify(pod).length * 0.5);
  });

  it('fingerprints ignore resourceVersion, and slimming a slim pod changes nothing', () => {
    const bumped = slimPod({ ...pod, metadata: { ...pod.metadata, resourceVersion: '999999' } })!;
    expect(bumped.fingerprint).toBe(slim.fingerprint);
    expect(slimPod(parsed)?.json).toBe(slim.json);
  });

  it('fingerprints change with anything the ingest reads', () => {
    const changed = structuredClone(pod);
    changed.status.containerStatuses![0]!.restartCount = 5;
    expect(slimPod(changed)?.fingerprint).not.toBe(slim.fingerprint);
  });

  it.each([
    ['null', null],
    [
      'a bookmark',
      { kind: 'Pod', metadata: { resourceVersion: '12' }, spec: { containers: null }, status: {} },
    ],
    ['a pod without uid', { metadata: { name: 'x', resourceVersion: '1' } }],
  ])('is undefined for %s', (_what, value) => {
    expect(slimPod(value)).toBeUndefined();
  });

  it('copes with odd input without throwing', () => {
    const [odd] = runningPods(1);
    const weird = {
      ...odd,
      metadata: { ...odd?.metadata, resourceVersion: '5' },
      spec: { containers: 'nope', initContainers: [null, 3] },
      status: { containerStatuses: [null, 'x'] },
    };
    expect(slimPod(weird)).toBeDefined();
  });
});
