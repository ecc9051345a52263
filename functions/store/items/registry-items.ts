import { ATTR } from '../schema/attributes.js';
import { CLUSTER_LIST_SK, REGISTRY_PK } from '../schema/keys.js';
import type { Item, ItemKey } from '../table/table-client.js';

/**
 * The cluster registry (partition K): one entry per cluster with its newest event and the agent
 * that sent it, and one list of every cluster name, which fleet-wide reports read to know which
 * per-cluster partitions to merge. The list never expires (names are only added; see keys.ts).
 */
export interface RegistryEntry {
  readonly cluster: string;
  /** `<minute>#<agent id>#<agent version>`: a maximum, so the entry converges. */
  readonly mark: string;
  /** The newest event's time, cut to the registry's write interval. */
  readonly lastEventAt: string;
  readonly agent: { readonly id: string; readonly version: string };
}

export function encodeRegistryEntry(entry: RegistryEntry, expires: number): Item {
  return {
    [ATTR.pk]: REGISTRY_PK,
    [ATTR.sk]: entry.cluster,
    [ATTR.registryMark]: entry.mark,
    [ATTR.lastEventAt]: entry.lastEventAt,
    [ATTR.agentId]: entry.agent.id,
    [ATTR.agentVersion]: entry.agent.version,
    [ATTR.expires]: expires,
  };
}

export function decodeRegistryEntry(item: Item): RegistryEntry {
  return {
    cluster: String(item[ATTR.sk]),
    mark: String(item[ATTR.registryMark]),
    lastEventAt: String(item[ATTR.lastEventAt]),
    agent: { id: String(item[ATTR.agentId]), version: String(item[ATTR.agentVersion]) },
  };
}

export function isClusterList(item: Item): boolean {
  return item[ATTR.pk] === REGISTRY_PK && item[ATTR.sk] === CLUSTER_LIST_SK;
}

export const CLUSTER_LIST_KEY: ItemKey = { pk: REGISTRY_PK, sk: CLUSTER_LIST_SK };

export interface ClusterList {
  readonly names: readonly string[];
  readonly version: number;
}

export function encodeClusterList(list: ClusterList): Item {
  return { ...CLUSTER_LIST_KEY, [ATTR.clusterNames]: [...list.names].sort(), [ATTR.version]: list.version };
}

export function decodeClusterList(item: Item | undefined): ClusterList | undefined {
  if (item === undefined) return undefined;
  const names = item[ATTR.clusterNames];
  return { names: Array.isArray(names) ? names.map(String) : [], version: Number(item[ATTR.version] ?? 0) };
}
