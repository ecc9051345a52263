import { isObject } from '../functions/domain/json-access.js';
import { UsageError } from './io.js';
import { type LabelSelector, matchesLabels, parseLabelSelector, SelectorError } from './label-selector.js';
import type { QueryClient } from './query-client.js';

/** `-l`/`--selector`, parsed as kubectl parses it; undefined when not given. */
export function selectorFlag(value: string | undefined): LabelSelector | undefined {
  if (value === undefined) return undefined;
  try {
    return parseLabelSelector(value);
  } catch (error) {
    if (error instanceof SelectorError) throw new UsageError(`-l: ${error.message}`);
    throw error;
  }
}

export interface PodKey {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
}

/** Requests in flight at once: enough to hide latency, few enough not to throttle the table. */
const CONCURRENCY = 8;

/**
 * Each pod's labels as last recorded. Pod listings carry no labels (the store keeps them in the
 * describe card), so this reads /v1/describe once per pod (one DynamoDB Query each); callers say so
 * in their --help.
 */
export async function readLabels(
  client: QueryClient,
  pods: readonly PodKey[],
): Promise<Map<string, Readonly<Record<string, string>>>> {
  const labels = new Map<string, Readonly<Record<string, string>>>();
  let next = 0;
  const worker = async () => {
    while (next < pods.length) {
      const pod = pods[next++]!;
      const { cluster, namespace, name, uid } = pod;
      const body = await client.get<{ pod?: unknown }>('/v1/describe', { cluster, namespace, name, uid });
      labels.set(pod.uid, labelsOf(body.pod));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, pods.length) }, worker));
  return labels;
}

/** metadata.labels of a v1 object, string values only. */
export function labelsOf(object: unknown): Record<string, string> {
  const labels = isObject(object) && isObject(object.metadata) ? object.metadata.labels : undefined;
  if (!isObject(labels)) return {};
  return Object.fromEntries(
    Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** The pods whose recorded labels match `selector` (all of them without one), in their order. */
export async function selectByLabels<T extends PodKey>(
  client: QueryClient,
  pods: readonly T[],
  selector: LabelSelector | undefined,
): Promise<T[]> {
  if (selector === undefined) return [...pods];
  const labels = await readLabels(client, pods);
  return pods.filter((pod) => matchesLabels(selector, labels.get(pod.uid) ?? {}));
}
