import type { EventWireEvent } from '../functions/domain/wire-format.js';
import { legacyEvent } from '../simulator/event-objects.js';
import { hexString, nameSuffix, type Random, randomUid, templateHash } from '../simulator/random.js';

/**
 * A reproducible stream of Kubernetes Events for `pods` pods, as the kubelet's and the scheduler's
 * recorders emit them (see bench/event-cost.ts for the mix), every version as its own EVENT.
 */
export const T0 = Date.parse('2026-11-23T10:00:00Z');

interface Occurrence {
  readonly reason: string;
  readonly message: string;
  readonly type: 'Normal' | 'Warning';
  readonly component: string;
  readonly fieldPath?: string;
  /** ms after the pod's creation, one per version (the count grows by one each). */
  readonly times: readonly number[];
}

/** One version of a legacy (core/v1) Event as the API serves it, built as the simulator's recorders build it. */
function eventObject(
  pod: { namespace: string; name: string; uid: string; node: string },
  o: Occurrence,
  v: { uid: string; name: string; count: number; created: number; rv: string; podRv: string },
): Record<string, unknown> {
  const { count, created } = v;
  const lastMs = created + (o.times[count - 1] ?? 0);
  const host = o.component === 'kubelet' ? pod.node : '';
  const stored = legacyEvent(
    {
      name: v.name,
      involvedObject: {
        kind: 'Pod',
        namespace: pod.namespace,
        name: pod.name,
        uid: pod.uid,
        apiVersion: 'v1',
        resourceVersion: v.podRv,
        ...(o.fieldPath === undefined ? {} : { fieldPath: o.fieldPath }),
      },
      reason: o.reason,
      message: o.message,
      source: host === '' ? { component: o.component } : { component: o.component, host },
      firstMs: created + (o.times[0] ?? 0),
      lastMs,
      count,
      type: o.type,
      reportingComponent: o.component,
      reportingInstance: host,
      manager: o.component,
    },
    lastMs,
  );
  return {
    kind: 'Event',
    apiVersion: 'v1',
    ...stored,
    metadata: { ...stored.metadata, uid: v.uid, resourceVersion: v.rv },
  };
}

function repeats(start: number, n: number, gap: (i: number) => number): number[] {
  const out: number[] = [];
  let t = start;
  for (let i = 0; i < n; i++) {
    out.push(t);
    t += gap(i);
  }
  return out;
}

export function eventStream(
  pods: number,
  random: Random,
): { events: EventWireEvent[]; versions: number; eventsCount: number } {
  let rv = 500_000_000;
  const nextRv = () => String(rv++);
  const olderRv = () => String(rv - 1000);
  const out: { at: number; event: EventWireEvent }[] = [];
  let events = 0;
  for (let p = 0; p < pods; p++) {
    const app = ['web', 'api', 'worker', 'cache', 'payments'][p % 5] as string;
    const pod = {
      namespace: ['shop', 'payments', 'media', 'default'][p % 4] as string,
      name: `${app}-${templateHash(random)}-${nameSuffix(random)}`,
      uid: randomUid(random),
      node: `ip-10-0-${Math.floor(random() * 250)}-${Math.floor(random() * 250)}.eu-west-1.compute.internal`,
    };
    const created = T0 + Math.floor(random() * 3_600_000);
    const image = `registry.example.com/${pod.namespace}/${app}:1.${Math.floor(random() * 60)}.0`;
    const ctr = 'spec.containers{app}';
    const pull = (1 + random() * 4).toFixed(3);
    const occurrences: Occurrence[] = [
      {
        reason: 'Scheduled',
        type: 'Normal',
        component: 'default-scheduler',
        times: [0],
        message: `Successfully assigned ${pod.namespace}/${pod.name} to ${pod.node}`,
      },
      {
        reason: 'Pulling',
        type: 'Normal',
        component: 'kubelet',
        fieldPath: ctr,
        times: [800],
        message: `Pulling image "${image}"`,
      },
      {
        reason: 'Pulled',
        type: 'Normal',
        component: 'kubelet',
        fieldPath: ctr,
        times: [2500],
        message: `Successfully pulled image "${image}" in ${pull}s (${pull}s including waiting). Image size: ${Math.floor(20_000_000 + random() * 200_000_000)} bytes.`,
      },
      {
        reason: 'Created',
        type: 'Normal',
        component: 'kubelet',
        fieldPath: ctr,
        times: [2600],
        message: 'Created container: app',
      },
      {
        reason: 'Started',
        type: 'Normal',
        component: 'kubelet',
        fieldPath: ctr,
        times: [2800],
        message: 'Started container app',
      },
    ];
    const kind = random();
    if (kind < 0.1) {
      const crashes = 2 + Math.floor(random() * 12);
      const backoff = (i: number) => Math.min(300_000, 10_000 * 2 ** i) + 5_000;
      const restarts = repeats(10_000, crashes, backoff);
      occurrences.push(
        {
          reason: 'BackOff',
          type: 'Warning',
          component: 'kubelet',
          fieldPath: ctr,
          times: restarts.map((t) => t + 1_000),
          message: `Back-off restarting failed container app in pod ${pod.name}_${pod.namespace}(${pod.uid})`,
        },
        {
          reason: 'Pulled',
          type: 'Normal',
          component: 'kubelet',
          fieldPath: ctr,
          times: restarts.map((t) => t + 3_000),
          message: `Container image "${image}" already present on machine`,
        },
        {
          reason: 'Created',
          type: 'Normal',
          component: 'kubelet',
          fieldPath: ctr,
          times: restarts.map((t) => t + 3_100),
          message: 'Created container: app',
        },
        {
          reason: 'Started',
          type: 'Normal',
          component: 'kubelet',
          fieldPath: ctr,
          times: restarts.map((t) => t + 3_300),
          message: 'Started container app',
        },
      );
    } else if (kind < 0.13) {
      const tries = 3 + Math.floor(random() * 8);
      const times = repeats(2_000, tries, (i) => Math.min(300_000, 10_000 * 2 ** i));
      occurrences.splice(2, 3);
      occurrences.push(
        {
          reason: 'Failed',
          type: 'Warning',
          component: 'kubelet',
          fieldPath: ctr,
          times,
          message: `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": not found`,
        },
        {
          reason: 'Failed',
          type: 'Warning',
          component: 'kubelet',
          fieldPath: ctr,
          times: times.map((t) => t + 5),
          message: 'Error: ErrImagePull',
        },
        {
          reason: 'BackOff',
          type: 'Warning',
          component: 'kubelet',
          fieldPath: ctr,
          times: times.map((t) => t + 11_000),
          message: `Back-off pulling image "${image}"`,
        },
        {
          reason: 'Failed',
          type: 'Warning',
          component: 'kubelet',
          fieldPath: ctr,
          times: times.map((t) => t + 11_005),
          message: 'Error: ImagePullBackOff',
        },
      );
    } else if (kind < 0.18) {
      const failures = 3 + Math.floor(random() * 20);
      occurrences.push({
        reason: 'Unhealthy',
        type: 'Warning',
        component: 'kubelet',
        fieldPath: ctr,
        times: repeats(30_000, failures, () => 10_000),
        message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
      });
    }
    if (random() < 0.2)
      occurrences.push({
        reason: 'Killing',
        type: 'Normal',
        component: 'kubelet',
        fieldPath: ctr,
        times: [1_800_000],
        message: 'Stopping container app',
      });
    for (const o of occurrences) {
      events++;
      const uid = randomUid(random);
      const name = `${pod.name}.${hexString(random, 16)}`;
      o.times.forEach((t, i) => {
        const event = eventObject(pod, o, {
          uid,
          name,
          count: i + 1,
          created,
          rv: nextRv(),
          podRv: olderRv(),
        });
        const at = created + t + 200;
        out.push({ at, event: { type: 'EVENT', observedAt: new Date(at).toISOString(), event } });
      });
    }
  }
  out.sort((a, b) => a.at - b.at);
  return { events: out.map((o) => o.event), versions: out.length, eventsCount: events };
}
