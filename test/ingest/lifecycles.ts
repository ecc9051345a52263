import type { PodEvent } from '../../functions/domain/wire-format.js';
import {
  type ContainerState,
  type PodMeta,
  type PodState,
  podEvent,
  podObject,
} from '../support/event-builders.js';

/**
 * Scripted pod lifecycles as a kubelet and the controllers would report them, for scenario and
 * property tests. Each returns the watch events in order; times are seconds after T0.
 */
export interface Script {
  readonly meta: PodMeta;
  readonly events: PodEvent[];
  add(type: PodEvent['type'], seconds: number, state: PodState): Script;
}

export function script(meta: PodMeta, nextRv: () => string): Script {
  const events: PodEvent[] = [];
  const self: Script = {
    meta,
    events,
    add(type, seconds, state) {
      events.push(podEvent(type, seconds, podObject(meta, state, nextRv())));
      return self;
    },
  };
  return self;
}

const scheduled = (t: number) => ({ PodScheduled: ['True', t] as const });
const starting = (t: number, s: number) => ({
  PodScheduled: ['True', s] as const,
  Initialized: ['True', t] as const,
  Ready: ['False', t] as const,
  ContainersReady: ['False', t] as const,
});
const ready = (t: number, s: number, i: number) => ({
  PodScheduled: ['True', s] as const,
  Initialized: ['True', i] as const,
  Ready: ['True', t] as const,
  ContainersReady: ['True', t] as const,
});
const notReady = (t: number, s: number, i: number) => ({
  PodScheduled: ['True', s] as const,
  Initialized: ['True', i] as const,
  Ready: ['False', t] as const,
  ContainersReady: ['False', t] as const,
});

/** The seed's pod-phase: ContainerCreating → ErrImagePull → ImagePullBackOff → ErrImagePull → … */
export function badImagePod(meta: PodMeta, nextRv: () => string): Script {
  const s = script(meta, nextRv)
    .add('ADDED', 0, {})
    .add('MODIFIED', 0, { node: 'node-1', conditions: scheduled(0) });
  const name = meta.containers?.[0] ?? 'app';
  const wait = (reason: string): PodState => ({
    node: 'node-1',
    ip: '10.0.0.7',
    conditions: starting(1, 0),
    containers: [
      {
        name,
        waiting: reason,
        ...(reason === 'ContainerCreating' ? {} : { message: `image "busybox:nonexist": ${reason}` }),
      },
    ],
  });
  s.add('MODIFIED', 1, wait('ContainerCreating'));
  for (const [t, reason] of [
    [41, 'ErrImagePull'],
    [52, 'ImagePullBackOff'],
    [97, 'ErrImagePull'],
    [110, 'ImagePullBackOff'],
    [162, 'ErrImagePull'],
    [174, 'ImagePullBackOff'],
  ] as const) {
    s.add('MODIFIED', t, wait(reason));
  }
  return s;
}

/** Scheduled, containers created and running, then Ready. Returns the script and when it was ready. */
export function healthyStart(meta: PodMeta, nextRv: () => string, t0 = meta.createdAt): Script {
  const names = meta.containers ?? ['app'];
  const node = `node-${(meta.uid.charCodeAt(0) % 3) + 1}`;
  const ip = `10.0.${meta.uid.charCodeAt(1) % 200}.${meta.uid.charCodeAt(2) % 200}`;
  return script(meta, nextRv)
    .add('ADDED', t0, {})
    .add('MODIFIED', t0 + 0.2, { node, conditions: scheduled(t0) })
    .add('MODIFIED', t0 + 1, {
      node,
      conditions: starting(t0 + 1, t0),
      containers: names.map((name) => ({ name, waiting: 'ContainerCreating' })),
    })
    .add('MODIFIED', t0 + 3, {
      phase: 'Running',
      node,
      ip,
      conditions: notReady(t0 + 3, t0, t0 + 1),
      containers: names.map((name) => ({ name, running: t0 + 3 })),
    })
    .add('MODIFIED', t0 + 8, {
      phase: 'Running',
      node,
      ip,
      conditions: ready(t0 + 8, t0, t0 + 1),
      containers: names.map((name) => ({ name, running: t0 + 3, ready: true })),
    });
}

/** Runs, exits with `reason`/`exitCode`, backs off, restarts — `cycles` times. */
export function crashLoop(
  meta: PodMeta,
  nextRv: () => string,
  cycles: number,
  reason = 'Error',
  exitCode = 1,
): Script {
  const s = healthyStart(meta, nextRv);
  const t0 = meta.createdAt;
  const node = `node-${(meta.uid.charCodeAt(0) % 3) + 1}`;
  const ip = `10.0.${meta.uid.charCodeAt(1) % 200}.${meta.uid.charCodeAt(2) % 200}`;
  const base = { phase: 'Running', node, ip };
  let t = t0 + 20;
  let started = t0 + 3;
  for (let restarts = 0; restarts < cycles; restarts++) {
    const last = {
      reason,
      exitCode,
      ...(exitCode === 137 ? { signal: 9 } : {}),
      startedAt: started,
      finishedAt: t,
    };
    const before: ContainerState = {
      name: 'app',
      terminated: last,
      restarts,
      ...(restarts > 0 ? { last: prevLast(restarts) } : {}),
    };
    s.add('MODIFIED', t, { ...base, conditions: notReady(t, t0, t0 + 1), containers: [before] });
    s.add('MODIFIED', t + 1, {
      ...base,
      conditions: notReady(t, t0, t0 + 1),
      containers: [
        {
          name: 'app',
          waiting: 'CrashLoopBackOff',
          message: 'back-off restarting failed container',
          restarts: restarts + 1,
          last,
        },
      ],
    });
    started = t + 10 * (restarts + 1);
    s.add('MODIFIED', started, {
      ...base,
      conditions: notReady(t, t0, t0 + 1),
      containers: [{ name: 'app', running: started, restarts: restarts + 1, last }],
    });
    t = started + 15;
  }
  return s;

  function prevLast(restarts: number) {
    return { reason, exitCode, finishedAt: t0 + 20 + restarts };
  }
}

/** A Job pod that runs to completion. */
export function completedJob(meta: PodMeta, nextRv: () => string, duration = 30): Script {
  const s = healthyStart(meta, nextRv);
  const t0 = meta.createdAt;
  const node = `node-${(meta.uid.charCodeAt(0) % 3) + 1}`;
  const end = t0 + 3 + duration;
  return s.add('MODIFIED', end, {
    phase: 'Succeeded',
    node,
    conditions: notReady(end, t0, t0 + 1),
    containers: [
      { name: 'app', terminated: { reason: 'Completed', exitCode: 0, startedAt: t0 + 3, finishedAt: end } },
    ],
  });
}

/** An init container runs to completion before the app starts. */
export function withInitContainer(meta: PodMeta, nextRv: () => string): Script {
  const t0 = meta.createdAt;
  const init = meta.initContainers?.[0]?.name ?? 'init';
  const node = 'node-2';
  const init0 = {
    PodScheduled: ['True', t0] as const,
    Initialized: ['False', t0 + 1] as const,
    Ready: ['False', t0 + 1] as const,
  };
  return script(meta, nextRv)
    .add('ADDED', t0, { node, conditions: scheduled(t0) })
    .add('MODIFIED', t0 + 1, {
      node,
      conditions: init0,
      initContainers: [{ name: init, running: t0 + 1 }],
      containers: [{ name: 'app', waiting: 'PodInitializing' }],
    })
    .add('MODIFIED', t0 + 6, {
      node,
      ip: '10.0.9.9',
      conditions: starting(t0 + 6, t0),
      initContainers: [
        {
          name: init,
          terminated: { reason: 'Completed', exitCode: 0, startedAt: t0 + 1, finishedAt: t0 + 6 },
        },
      ],
      containers: [{ name: 'app', waiting: 'PodInitializing' }],
    })
    .add('MODIFIED', t0 + 7, {
      phase: 'Running',
      node,
      ip: '10.0.9.9',
      conditions: ready(t0 + 8, t0, t0 + 6),
      initContainers: [
        {
          name: init,
          terminated: { reason: 'Completed', exitCode: 0, startedAt: t0 + 1, finishedAt: t0 + 6 },
        },
      ],
      containers: [{ name: 'app', running: t0 + 7, ready: true }],
    });
}

/** Graceful deletion: Terminating, containers stop, then DELETED with the final state. */
export function deleteAfter(s: Script, t: number): Script {
  const t0 = s.meta.createdAt;
  const node = `node-${(s.meta.uid.charCodeAt(0) % 3) + 1}`;
  const ip = `10.0.${s.meta.uid.charCodeAt(1) % 200}.${s.meta.uid.charCodeAt(2) % 200}`;
  const names = s.meta.containers ?? ['app'];
  const base = { phase: 'Running', node, ip, deleting: t };
  s.add('MODIFIED', t, {
    ...base,
    conditions: ready(t0 + 8, t0, t0 + 1),
    containers: names.map((name) => ({ name, running: t0 + 3, ready: true })),
  });
  const stopped = names.map((name) => ({
    name,
    terminated: { reason: 'Completed', exitCode: 0, startedAt: t0 + 3, finishedAt: t + 2 },
  }));
  s.add('MODIFIED', t + 2, { ...base, conditions: notReady(t + 2, t0, t0 + 1), containers: stopped });
  s.add('DELETED', t + 3, {
    ...base,
    phase: 'Succeeded',
    conditions: notReady(t + 2, t0, t0 + 1),
    containers: stopped,
  });
  return s;
}
