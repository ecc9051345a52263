import { describe, expect, it } from 'vitest';
import { slimPod } from '../../agent/slim-pod.js';
import { ENV_VALUE_NOT_RECORDED } from '../../functions/domain/describe/index.js';
import { describeCard } from '../../functions/domain/pod-card.js';
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
  pod.metadata.annotations = {
    ...pod.metadata.annotations,
    'kubectl.kubernetes.io/last-applied-configuration': '{"spec":{"env":[{"value":"not-a-real-secret"}]}}',
  };
  return { kind: 'Pod', apiVersion: 'v1', ...pod };
}

describe('slimPod', () => {
  const pod = servedPod();
  const slim = slimPod(pod)!;
  const parsed = JSON.parse(slim.json) as SimPod;

  it.each([
    ['managedFields', () => parsed.metadata.managedFields],
    [
      'the last-applied-configuration annotation',
      () => parsed.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'],
    ],
    ['env values', () => JSON.stringify(parsed).includes('not-a-real-secret') || undefined],
    ['container status volume mounts', () => parsed.status.containerStatuses?.[0]?.volumeMounts],
    ['spec fields describe does not print', () => (parsed.spec as Record<string, unknown>).dnsPolicy],
  ])('drops %s', (_what, read) => {
    expect(read()).toBeUndefined();
  });

  it('keeps what the ingest reads: identity, owners, containers, sidecar restartPolicy, status', () => {
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
    expect(parsed.spec).toMatchObject({
      nodeName: pod.spec.nodeName,
      restartPolicy: 'Always',
      initContainers: [{ name: 'log-shipper', image: 'fluent/fluent-bit:3.1.9', restartPolicy: 'Always' }],
      containers: [{ name: 'web', image: 'registry.example.com/shop/storefront:5.0.1' }],
    });
    expect(parsed.status.conditions).toEqual(pod.status.conditions);
    expect(derivePodStatus(parsed)).toEqual(derivePodStatus(pod));
  });

  it('keeps what describe prints: labels, annotations, probes, resources, env by name and reference, mounts, volumes', () => {
    const web = parsed.spec.containers[0] as Record<string, unknown>;
    expect(parsed.metadata.labels?.team).toBe('shop');
    expect(parsed.metadata.annotations?.['prometheus.io/scrape']).toBe('true');
    expect(web.readinessProbe).toEqual((pod.spec.containers[0] as Record<string, unknown>).readinessProbe);
    expect(web.resources).toEqual((pod.spec.containers[0] as Record<string, unknown>).resources);
    expect(web.env).toEqual([
      { name: 'LOG_LEVEL', [ENV_VALUE_NOT_RECORDED]: true },
      { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'url' } } },
      { name: 'API_TOKEN', [ENV_VALUE_NOT_RECORDED]: true },
    ]);
    expect(web.volumeMounts).toBeDefined();
    const names = (p: SimPod) => (p.spec as { volumes?: { name: string }[] }).volumes?.map((v) => v.name);
    expect(names(parsed)).toEqual(names(pod));
    expect(names(parsed)?.length).toBeGreaterThan(0);
  });

  it('describes the same pod as the served object: its describe card is the served one', () => {
    expect(describeCard(parsed)).toEqual(describeCard(pod));
  });

  it('is a small fraction of the served object', () => {
    expect(slim.json.length).toBeLessThan(JSON.stringify(pod).length * 0.6);
  });

  it('fingerprints ignore resourceVersion, and slimming a slim pod changes nothing', () => {
    const bumped = slimPod({ ...pod, metadata: { ...pod.metadata, resourceVersion: '999999' } })!;
    expect(bumped.fingerprint).toBe(slim.fingerprint);
    expect(slimPod(parsed)?.json).toBe(slim.json);
  });

  it('fingerprints change with anything the status engine or the spec card reads', () => {
    const changed = structuredClone(pod);
    changed.status.containerStatuses![0]!.restartCount = 5;
    expect(slimPod(changed)?.fingerprint).not.toBe(slim.fingerprint);
    const resized = structuredClone(pod);
    (resized.spec.containers[0] as unknown as { resources: unknown }).resources = {
      limits: { memory: '1Gi' },
    };
    expect(slimPod(resized)?.fingerprint).not.toBe(slim.fingerprint);
  });

  it('defers an annotation-only change to the next forwarded update (same fingerprint, new JSON)', () => {
    const annotated = structuredClone(pod);
    annotated.metadata.annotations = {
      ...annotated.metadata.annotations,
      'deployment.kubernetes.io/revision': '7',
    };
    const slimmed = slimPod(annotated)!;
    expect(slimmed.fingerprint).toBe(slim.fingerprint);
    expect(slimmed.json).toContain('deployment.kubernetes.io/revision');
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
