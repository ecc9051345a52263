import type { NodeInfo } from '../kubelet.js';
import { buildPod, type ContainerTemplate, controllerRef } from '../pod-template.js';
import type { OwnerReference, SimPod } from '../pod-types.js';
import {
  nameSuffix,
  pick,
  type Random,
  randomInt,
  randomUid,
  seededRandom,
  templateHash,
} from '../random.js';

/** Identities and templates shared by the scenarios: nodes, pod IPs, and pods owned the way controllers own them. */

export interface ScenarioOptions {
  readonly random?: Random;
  readonly namespace?: string;
  /** The pod name (default: generated the way the owning controller would). */
  readonly name?: string;
  readonly node?: NodeInfo;
  /**
   * Draws the pod's uid instead of `random`, which is still advanced the same way: a fresh uid per
   * run while names, nodes and timings stay those of the seed (a rerun demo is a new cluster life).
   */
  readonly uidRandom?: Random;
}

export const NODES: readonly NodeInfo[] = [
  { name: 'ip-10-0-1-23.eu-west-1.compute.internal', ip: '10.0.1.23' },
  { name: 'ip-10-0-1-87.eu-west-1.compute.internal', ip: '10.0.1.87' },
  { name: 'ip-10-0-2-14.eu-west-1.compute.internal', ip: '10.0.2.14' },
  { name: 'ip-10-0-2-201.eu-west-1.compute.internal', ip: '10.0.2.201' },
  { name: 'ip-10-0-3-56.eu-west-1.compute.internal', ip: '10.0.3.56' },
  { name: 'ip-10-0-3-142.eu-west-1.compute.internal', ip: '10.0.3.142' },
];

export function podIp(random: Random): string {
  return `10.0.${randomInt(random, 64, 127)}.${randomInt(random, 2, 254)}`;
}

/** Everything a script needs before the pod exists: its identity, node, IP, and how to build it. */
export interface PodPlan {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly node: NodeInfo;
  readonly ip: string;
  readonly random: Random;
  readonly build: (at: string) => SimPod;
}

interface PlanOptions extends ScenarioOptions {
  readonly containers: readonly ContainerTemplate[];
  readonly initContainers?: readonly ContainerTemplate[];
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
}

function plan(
  options: PlanOptions,
  identity: { name: string; generateName?: string; owner?: OwnerReference; labels: Record<string, string> },
  random: Random,
): PodPlan {
  const namespace = options.namespace ?? 'default';
  const seededUid = randomUid(random);
  const uid = options.uidRandom === undefined ? seededUid : randomUid(options.uidRandom);
  const node = options.node ?? pick(random, NODES);
  const ip = podIp(random);
  // Each pod draws its own stream so that building it later never shifts other pods' randomness.
  const podRandom = seededRandom(Math.floor(random() * 2 ** 32));
  return {
    namespace,
    name: identity.name,
    uid,
    node,
    ip,
    random: podRandom,
    build: (at) =>
      buildPod({
        namespace,
        name: identity.name,
        uid,
        createdAt: at,
        random: podRandom,
        ...(identity.generateName === undefined ? {} : { generateName: identity.generateName }),
        ...(identity.owner === undefined ? {} : { owner: identity.owner }),
        labels: identity.labels,
        containers: options.containers,
        ...(options.initContainers === undefined ? {} : { initContainers: options.initContainers }),
        ...(options.restartPolicy === undefined ? {} : { restartPolicy: options.restartPolicy }),
      }),
  };
}

/** A pod of a Deployment: owned by ReplicaSet `<app>-<pod-template-hash>`, named `<rs>-<suffix>`. */
export function deploymentPod(app: string, options: PlanOptions): PodPlan {
  const random = options.random ?? seededRandom(1);
  const hash = templateHash(random);
  const replicaSet = `${app}-${hash}`;
  const name = options.name ?? `${replicaSet}-${nameSuffix(random)}`;
  return plan(
    options,
    {
      name,
      generateName: `${replicaSet}-`,
      owner: controllerRef('ReplicaSet', replicaSet, random),
      labels: { app, 'app.kubernetes.io/name': app, 'pod-template-hash': hash },
    },
    random,
  );
}

/** A pod of a Job created by a CronJob: Job `<cronjob>-<scheduled minute>`, pod `<job>-<suffix>`. */
export function cronJobPod(cronJob: string, scheduledAtMs: number, options: PlanOptions): PodPlan {
  const random = options.random ?? seededRandom(1);
  const job = `${cronJob}-${Math.floor(scheduledAtMs / 60_000)}`;
  const jobRef = controllerRef('Job', job, random, 'batch/v1');
  const name = options.name ?? `${job}-${nameSuffix(random)}`;
  return plan(
    { restartPolicy: 'OnFailure', ...options },
    {
      name,
      generateName: `${job}-`,
      owner: jobRef,
      labels: {
        'batch.kubernetes.io/controller-uid': jobRef.uid,
        'batch.kubernetes.io/job-name': job,
        'controller-uid': jobRef.uid,
        'job-name': job,
      },
    },
    random,
  );
}

/** A bare pod, as `kubectl create -f pod.yaml` makes it. */
export function barePod(options: PlanOptions & { readonly name: string }): PodPlan {
  const random = options.random ?? seededRandom(1);
  return plan(options, { name: options.name, labels: { run: options.name } }, random);
}
