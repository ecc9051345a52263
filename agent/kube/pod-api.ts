import type { KubeConfig } from '@kubernetes/client-node';
import {
  createResourceApi,
  type ListPage,
  type ListParams,
  type WatchEventHandler,
  type WatchOptions,
  type WatchParams,
} from './resource-api.js';

/**
 * The pod requests under their own names, for callers outside the reflector (local mode probes
 * the API with one `listPods`). The agent itself reads pods through resource-api.ts.
 */

export type { ListParams, WatchEventHandler, WatchOptions, WatchParams } from './resource-api.js';
export type PodListPage = ListPage;

export interface PodApi {
  listPods(params: ListParams, signal: AbortSignal): Promise<PodListPage>;
  watchPods(params: WatchParams, onEvent: WatchEventHandler, options: WatchOptions): Promise<void>;
}

export interface PodApiOptions {
  /** Only this namespace (default: all). */
  readonly namespace?: string | undefined;
  /** Inactivity bound for list requests. */
  readonly listTimeoutMs: number;
}

export function createPodApi(kc: KubeConfig, options: PodApiOptions): PodApi {
  const api = createResourceApi(kc, { resource: 'pods', ...options });
  return { listPods: api.list, watchPods: api.watch };
}
