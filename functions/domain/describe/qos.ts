import { arr, obj, optObj, str } from '../json-access.js';
import { add, compare, parseQuantity, type Quantity, ZERO_QUANTITY } from './quantity.js';

/**
 * kubectl's qos.GetPodQOS: status.qosClass when set, else ComputePodQOS over cpu and memory —
 * from the pod-level resources when spec.resources is set, otherwise summed over containers and
 * init containers (ephemeral containers never count). Guaranteed needs cpu and memory limits
 * everywhere and requests equal to limits; no requests or limits at all is BestEffort.
 */
export function podQosClass(pod: unknown): string {
  const declared = str(obj(pod, 'status'), 'qosClass');
  if (declared !== '') return declared;
  const spec = obj(pod, 'spec');
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const account = (resources: unknown, isPodLevel: boolean) => {
    addPositive(requests, obj(resources, 'requests'));
    const limitList = optObj(resources, 'limits');
    if (limitList === undefined && isPodLevel) return;
    addPositive(limits, obj(resources, 'limits'));
    const limited = positiveNames(obj(resources, 'limits'));
    if (!limited.has('cpu') || !limited.has('memory')) guaranteed = false;
  };
  const podResources = optObj(spec, 'resources');
  if (podResources !== undefined) {
    account(podResources, true);
  } else {
    for (const container of [...arr(spec, 'containers'), ...arr(spec, 'initContainers')]) {
      account(obj(container, 'resources'), false);
    }
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, request] of requests) {
      const limit = limits.get(name);
      if (limit === undefined || compare(limit, request) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

const QOS_RESOURCES = new Set(['cpu', 'memory']);

function addPositive(into: Map<string, Quantity>, list: Readonly<Record<string, unknown>>): void {
  for (const [name, raw] of Object.entries(list)) {
    const quantity = parseQuantity(raw) ?? ZERO_QUANTITY;
    if (!QOS_RESOURCES.has(name) || compare(quantity, ZERO_QUANTITY) <= 0) continue;
    const current = into.get(name);
    into.set(name, current === undefined ? quantity : add(quantity, current));
  }
}

function positiveNames(list: Readonly<Record<string, unknown>>): Set<string> {
  const names = new Set<string>();
  for (const [name, raw] of Object.entries(list)) {
    if (QOS_RESOURCES.has(name) && compare(parseQuantity(raw) ?? ZERO_QUANTITY, ZERO_QUANTITY) > 0)
      names.add(name);
  }
  return names;
}
