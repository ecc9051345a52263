import type { PodEvent, SyncEvent, WireEvent } from '../functions/domain/wire-format.js';
import {
  badImagePod,
  completedJob,
  crashLoop,
  deleteAfter,
  healthyStart,
  type Script,
} from '../test/ingest/lifecycles.js';
import { at, type PodMeta, prng, syncEvent } from '../test/support/event-builders.js';

/**
 * A seeded churn trace of one cluster over a simulated day, for bench/ingest-cost.ts: long-lived
 * Deployment pods (some flapping readiness, some OOM-killed), rollouts replacing pods, CronJob pods
 * that run and are cleaned up, crash loops, image-pull failures — the kubelet and controller
 * updates a watch delivers — plus updates the ingest must ignore (annotation churn, kubelet status
 * writes that change nothing recorded) and three relists with SYNC. Pods are dressed as the API
 * serves them, managedFields included: 3–6 KB of JSON each.
 */
export interface Trace {
  readonly events: readonly WireEvent[];
  readonly pods: number;
  /** Events that change nothing the ingest records. */
  readonly irrelevant: number;
  readonly meanPodBytes: number;
}

const DAY = 86_400;

export function churnTrace(seed: number, pods: number): Trace {
  const random = prng(seed);
  const scripts: Script[] = [];
  const churn: { uid: string; at: number }[] = [];
  const ends = new Map<string, number>();
  const dummy = () => '0';
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  let n = 0;
  const meta = (kind: string, createdAt: number, owner?: { kind: string; name: string }): PodMeta => {
    const i = n++;
    const hash = (i * 2654435761).toString(36).slice(-5);
    return {
      name: `${kind}-${hash}-${i.toString(36)}`,
      namespace: pick(['default', 'payments', 'search', 'batch', 'platform']),
      uid: `${seed.toString(16)}-${i.toString(16).padStart(6, '0')}-4c1b-9d2e-${hash.padStart(12, '0')}`,
      createdAt,
      ...(owner === undefined ? {} : { owner }),
      ...(owner?.kind === 'ReplicaSet'
        ? { labels: { app: kind, 'pod-template-hash': owner.name.split('-').at(-1) ?? '' } }
        : { labels: { app: kind } }),
    };
  };
  for (let i = 0; i < pods; i++) {
    const roll = random();
    if (roll < 0.25) {
      // Long-lived Deployment pod, running all day; hourly-ish annotation churn from controllers.
      const m = meta('web', Math.floor(random() * 300), { kind: 'ReplicaSet', name: `web-${i % 40}-7d4f9c` });
      const s = random() < 0.06 ? crashLoop(m, dummy, 1, 'OOMKilled', 137) : healthyStart(m, dummy);
      scripts.push(s);
      for (let t = m.createdAt + 1800 + random() * 3600; t < DAY; t += 3600 + random() * 7200)
        churn.push({ uid: m.uid, at: t });
    } else if (roll < 0.3) {
      const m = meta('worker', Math.floor(random() * DAY * 0.8), {
        kind: 'ReplicaSet',
        name: `worker-${i % 10}-5b8d7`,
      });
      scripts.push(crashLoop(m, dummy, 10 + Math.floor(random() * 30)));
    } else if (roll < 0.7) {
      const m = meta('report', Math.floor(random() * (DAY - 3600)), {
        kind: 'Job',
        name: `report-${29383200 + i}`,
      });
      const s = completedJob(m, dummy, 20 + Math.floor(random() * 600));
      const done = Date.parse(s.events.at(-1)?.observedAt ?? at(0)) / 1000 - Date.parse(at(0)) / 1000;
      deleteAfter(s, done + 300);
      ends.set(m.uid, done + 303);
      scripts.push(s);
    } else if (roll < 0.95) {
      // Rollouts: a new pod replaces an old one, which is deleted gracefully.
      const t = Math.floor(random() * (DAY - 7200));
      const m = meta('api', t, { kind: 'ReplicaSet', name: `api-${i % 20}-6c9f8` });
      const s = healthyStart(m, dummy);
      const life = 1800 + random() * 20_000;
      if (t + life < DAY) {
        deleteAfter(s, t + life);
        ends.set(m.uid, t + life + 3);
      }
      scripts.push(s);
      churn.push({ uid: m.uid, at: t + 10 });
    } else {
      const m = meta('canary', Math.floor(random() * DAY * 0.9));
      const s = badImagePod(m, dummy);
      deleteAfter(s, m.createdAt + 600);
      ends.set(m.uid, m.createdAt + 603);
      scripts.push(s);
    }
  }

  const byUid = new Map(scripts.map((s) => [s.meta.uid, s]));
  type Timed = { t: number; event: PodEvent; irrelevant: boolean };
  const timed: Timed[] = [];
  for (const s of scripts) {
    for (const event of s.events) timed.push({ t: seconds(event.observedAt), event, irrelevant: false });
  }
  for (const c of churn) {
    const s = byUid.get(c.uid);
    const before = s?.events.filter((e) => seconds(e.observedAt) <= c.at && e.type !== 'DELETED').at(-1);
    if (before === undefined || (ends.get(c.uid) ?? DAY) <= c.at) continue;
    const pod = structuredClone(before.pod) as { metadata: { annotations?: Record<string, string> } };
    pod.metadata.annotations = {
      ...pod.metadata.annotations,
      'deployment.kubernetes.io/revision': String(Math.floor(c.at)),
    };
    timed.push({ t: c.at, event: { type: 'MODIFIED', observedAt: at(c.at), pod }, irrelevant: true });
  }
  timed.sort((a, b) => a.t - b.t);

  const out: WireEvent[] = [];
  let rv = 100_000;
  let bytes = 0;
  let irrelevant = 0;
  const relists = [DAY / 4, DAY / 2, (3 * DAY) / 4];
  let next = 0;
  for (const relist of [...relists, Number.POSITIVE_INFINITY]) {
    while (next < timed.length && (timed[next]?.t ?? 0) <= relist) {
      const { event, irrelevant: noise } = timed[next++] as Timed;
      const pod = dress(event.pod as Json, String(rv++), random);
      bytes += JSON.stringify(pod).length;
      if (noise) irrelevant++;
      out.push({ ...event, pod });
    }
    if (relist === Number.POSITIVE_INFINITY) break;
    const live = scripts
      .filter((s) => s.meta.createdAt <= relist && (ends.get(s.meta.uid) ?? DAY * 2) > relist)
      .map((s) => s.meta.uid);
    const sync: SyncEvent = syncEvent(relist, String(rv++), live);
    out.push(sync);
  }
  const podEvents = out.length - relists.length;
  return { events: out, pods: scripts.length, irrelevant, meanPodBytes: Math.round(bytes / podEvents) };
}

type Json = Record<string, unknown>;

function seconds(iso: string): number {
  return (Date.parse(iso) - Date.parse(at(0))) / 1000;
}

/** The parts of a served pod the ingest never reads: managedFields, spec details, status extras. */
function dress(pod: Json, resourceVersion: string, random: () => number): Json {
  const metadata = pod.metadata as Json;
  const spec = pod.spec as { containers: Json[]; nodeName?: string };
  const status = pod.status as Json & { containerStatuses?: Json[] };
  const managed = (manager: string, operation: string, fields: Json) => ({
    manager,
    operation,
    apiVersion: 'v1',
    time: metadata.creationTimestamp,
    fieldsType: 'FieldsV1',
    fieldsV1: fields,
    ...(operation === 'Update' && manager === 'kubelet' ? { subresource: 'status' } : {}),
  });
  const containerFields = Object.fromEntries(
    spec.containers.map((c) => [
      `k:{"name":"${String(c.name)}"}`,
      {
        '.': {},
        'f:env': { '.': {}, 'k:{"name":"LOG_LEVEL"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
        'f:image': {},
        'f:imagePullPolicy': {},
        'f:name': {},
        'f:ports': {},
        'f:readinessProbe': {},
        'f:resources': { '.': {}, 'f:limits': {}, 'f:requests': {} },
        'f:terminationMessagePath': {},
        'f:volumeMounts': {},
      },
    ]),
  );
  return {
    ...pod,
    metadata: {
      ...metadata,
      resourceVersion,
      generateName: `${String(metadata.name).split('-').slice(0, -1).join('-')}-`,
      annotations: {
        'kubectl.kubernetes.io/restartedAt': '2026-11-20T08:00:00Z',
        ...(metadata.annotations as Json | undefined),
      },
      managedFields: [
        managed('kube-controller-manager', 'Update', {
          'f:metadata': {
            'f:generateName': {},
            'f:labels': { '.': {}, 'f:app': {}, 'f:pod-template-hash': {} },
            'f:ownerReferences': { '.': {} },
          },
          'f:spec': {
            'f:containers': containerFields,
            'f:dnsPolicy': {},
            'f:enableServiceLinks': {},
            'f:restartPolicy': {},
            'f:schedulerName': {},
            'f:securityContext': {},
            'f:terminationGracePeriodSeconds': {},
          },
        }),
        managed('kubelet', 'Update', {
          'f:status': {
            'f:conditions': {
              'k:{"type":"ContainersReady"}': {
                '.': {},
                'f:lastProbeTime': {},
                'f:lastTransitionTime': {},
                'f:status': {},
                'f:type': {},
              },
              'k:{"type":"Initialized"}': {
                '.': {},
                'f:lastProbeTime': {},
                'f:lastTransitionTime': {},
                'f:status': {},
                'f:type': {},
              },
              'k:{"type":"Ready"}': {
                '.': {},
                'f:lastProbeTime': {},
                'f:lastTransitionTime': {},
                'f:status': {},
                'f:type': {},
              },
            },
            'f:containerStatuses': {},
            'f:hostIP': {},
            'f:phase': {},
            'f:podIP': {},
            'f:podIPs': {},
            'f:startTime': {},
          },
        }),
      ],
    },
    spec: {
      ...spec,
      containers: spec.containers.map((c) => ({
        ...c,
        env: Array.from({ length: 6 + Math.floor(random() * 8) }, (_, i) => ({
          name: `SETTING_${i}`,
          value: `value-${i}-${'x'.repeat(8)}`,
        })),
        ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }],
        resources: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '100m', memory: '256Mi' } },
        readinessProbe: {
          httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
          periodSeconds: 10,
          timeoutSeconds: 1,
          successThreshold: 1,
          failureThreshold: 3,
        },
        volumeMounts: [
          {
            name: 'kube-api-access-x7k2p',
            mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
            readOnly: true,
          },
        ],
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        imagePullPolicy: 'IfNotPresent',
      })),
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      securityContext: {},
      schedulerName: 'default-scheduler',
      tolerations: [
        {
          key: 'node.kubernetes.io/not-ready',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
        {
          key: 'node.kubernetes.io/unreachable',
          operator: 'Exists',
          effect: 'NoExecute',
          tolerationSeconds: 300,
        },
      ],
      volumes: [
        {
          name: 'kube-api-access-x7k2p',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              {
                downwardAPI: {
                  items: [
                    { path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } },
                  ],
                },
              },
            ],
          },
        },
      ],
    },
    status: {
      ...status,
      qosClass: 'Burstable',
      ...(spec.nodeName === undefined
        ? {}
        : { hostIP: '10.0.1.23', hostIPs: [{ ip: '10.0.1.23' }], startTime: metadata.creationTimestamp }),
      ...(status.containerStatuses === undefined
        ? {}
        : {
            containerStatuses: status.containerStatuses.map((c) => ({
              ...c,
              imageID: 'registry.example/app@sha256:9f2c0d…',
              containerID: 'containerd://4b1e…',
            })),
          }),
    },
  };
}

/**
 * The trace as the agent forwards it (agent/slim-pod.ts): each pod slimmed to what the ingest
 * reads, and an update dropped when its slim form (fingerprint) equals the last one sent for that
 * pod. DELETED and SYNC events always go through.
 */
export function asForwarded(
  events: readonly WireEvent[],
  slim: (pod: unknown) => { fingerprint: string; json: string; uid: string } | undefined,
): WireEvent[] {
  const last = new Map<string, string>();
  const out: WireEvent[] = [];
  for (const event of events) {
    if (event.type === 'SYNC') {
      out.push(event);
      continue;
    }
    const s = slim(event.pod);
    if (s === undefined) continue;
    if (event.type !== 'DELETED' && last.get(s.uid) === s.fingerprint) continue;
    last.set(s.uid, s.fingerprint);
    out.push({ ...event, pod: JSON.parse(s.json) as unknown });
  }
  return out;
}
