import { arr, isObject, type JsonObject, obj } from './json-access.js';
import type { ContainerObservation, PodIdentity, PodObservation, TerminationFacts } from './observation.js';

/**
 * A v1 Pod as it was at one observation, rebuilt from what podtrail records: the pod's identity,
 * the observation (phase, node, IP, conditions, container states and IDs, its `details`), and the
 * describe card and extras its hashes name (pod-card.ts). What was never recorded is absent — literal env values,
 * managedFields, status fields describe does not print — so `describePod` of the result prints what
 * `kubectl describe pod` printed then, `<value not recorded>` for literal env values aside.
 * A missing card or extras (recorded before podtrail kept them) leaves those fields out.
 */
export function assemblePod(
  identity: PodIdentity,
  observation: PodObservation,
  card: JsonObject | undefined,
  extras: JsonObject | undefined,
): JsonObject {
  const x = extras ?? {};
  const details = observation.details ?? {};
  const podIP = details.podIP ?? observation.row.ip;
  const cardSpec = obj(card, 'spec');
  const containerExtras = arr(x, 'containers');
  const statuses = observation.containers.map((c, i) => {
    const extrasOf = containerExtras[i];
    return containerStatus(c, isObject(extrasOf) ? extrasOf : {});
  });
  const init = statuses.filter((_, i) => observation.containers[i]?.init === true);
  const regular = statuses.filter((_, i) => observation.containers[i]?.init !== true);
  const status = defined({
    phase: observation.row.phase || undefined,
    conditions:
      observation.conditions.length === 0
        ? undefined
        : observation.conditions.map((c) =>
            defined({
              type: c.type,
              status: c.status,
              lastTransitionTime: c.lastTransitionTime,
              reason: c.reason,
              message: c.message,
            }),
          ),
    message: typeof x.message === 'string' ? x.message : observation.message,
    reason: observation.reason,
    nominatedNodeName: details.nominatedNodeName,
    hostIP: details.hostIP,
    hostIPs: ipList(x.hostIPs, details.hostIP),
    podIP: podIP || undefined,
    podIPs: ipList(x.podIPs, podIP),
    startTime: details.startTime,
    initContainerStatuses: init.length === 0 ? undefined : init,
    containerStatuses: regular.length === 0 ? undefined : regular,
    qosClass: details.qosClass,
    ephemeralContainerStatuses: x.ephemeralContainerStatuses,
  });
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: defined({
      name: identity.name,
      generateName: obj(card, 'metadata').generateName,
      namespace: identity.namespace,
      uid: identity.uid,
      resourceVersion: observation.rv,
      creationTimestamp: identity.createdAt,
      deletionTimestamp: details.deletionTimestamp,
      deletionGracePeriodSeconds: details.deletionGracePeriodSeconds,
      ...obj(card, 'metadata'),
    }),
    spec: defined({
      ...cardSpec,
      containers: isObject(card) ? cardSpec.containers : containersFrom(observation, false),
      ...(isObject(card) ? {} : { initContainers: containersFrom(observation, true) }),
      nodeName: observation.row.node || undefined,
    }),
    status,
  };
}

/** pod-card.ts `ipList` undone: absent means `[{ip}]` of the single field, `[]` means none. */
function ipList(list: unknown, single: unknown): unknown {
  if (Array.isArray(list)) return list.length === 0 ? undefined : list;
  return typeof single === 'string' && single !== '' ? [{ ip: single }] : undefined;
}

/** Without a card (recorded before podtrail kept one), the containers the observation names. */
function containersFrom(observation: PodObservation, init: boolean): JsonObject[] | undefined {
  const list = observation.containers.filter((c) => c.init === init).map((c) => ({ name: c.name }));
  return list.length === 0 && init ? undefined : list;
}

function containerStatus(c: ContainerObservation, extras: JsonObject): JsonObject {
  return defined({
    name: c.name,
    state: stateOf(c, extras),
    lastState: c.last === undefined ? {} : { terminated: terminated(c.last, extras.lastMessage) },
    ready: c.ready === true,
    restartCount: c.restartCount,
    imageID: c.imageID,
    containerID: c.containerID,
    started: c.started === true,
  });
}

function stateOf(c: ContainerObservation, extras: JsonObject): JsonObject {
  if (c.state === 'running') return { running: defined({ startedAt: c.startedAt }) };
  if (c.state === 'waiting') return { waiting: defined({ reason: c.reason, message: c.message }) };
  if (c.state === 'terminated') {
    const facts: TerminationFacts = {
      reason: c.reason ?? '',
      ...defined({
        exitCode: c.exitCode,
        signal: c.signal,
        startedAt: c.startedAt,
        finishedAt: c.finishedAt,
        message: c.message,
      }),
    };
    return { terminated: terminated(facts, extras.message) };
  }
  return {};
}

function terminated(facts: TerminationFacts, fullMessage: unknown): JsonObject {
  return defined({
    exitCode: facts.exitCode ?? 0,
    signal: facts.signal,
    reason: facts.reason || undefined,
    message: typeof fullMessage === 'string' ? fullMessage : facts.message,
    startedAt: facts.startedAt,
    finishedAt: facts.finishedAt,
  });
}

function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null));
}
