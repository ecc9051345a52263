import type { PodApi } from '../kube/pod-api.js';
import { slimPod } from '../slim-pod.js';
import type { ReflectorConfig, ReflectorDeps } from './contracts.js';
import { GAP_MARGIN_MS, isResourceVersionExpired, isTooLarge } from './policy.js';
import { noteContact, type ReflectorState, recordPodState } from './state.js';

/**
 * One full list, paged: `limit` pages chained by `continue`, the first page with an explicit
 * resourceVersionMatch=NotOlderThan once there is a resourceVersion to start from (served from the
 * watch cache; RV unset gives a consistent read). Items are forwarded page by page; pods known but
 * absent from the list are forgotten (the SYNC tells the ingest). An expired continue token (or a
 * resourceVersion the server no longer has) restarts the list from scratch, without one: memory
 * stays bounded by the page size, unlike client-go's fallback to one unpaged list.
 */

/**
 * Longest a list may spend waiting for the forwarder between pages, in total: it must finish
 * well before its continue token expires (etcd compacts every 5 minutes), even with the ingest down.
 */
export const LIST_WAIT_BUDGET_MS = 60_000;

export async function listAll(
  state: ReflectorState,
  config: ReflectorConfig,
  deps: ReflectorDeps,
  signal: AbortSignal,
): Promise<void> {
  const { api, runtime, log, metrics } = deps;
  state.listing = true;
  const first = !state.listedOnce;
  if (!first) metrics.relists++;
  let resourceVersion: string | undefined = first || state.lastRV === '' ? undefined : state.lastRV;
  for (;;) {
    // The list shows the cluster as of (at least) the moment the first page was asked for.
    const listStartedAt = runtime.now();
    const seen = new Set<string>();
    let token: string | undefined;
    let listRV: string | undefined;
    let pages = 0;
    let expired = false;
    do {
      let page: Awaited<ReturnType<PodApi['listPods']>>;
      try {
        page = await api.listPods(
          {
            limit: config.pageSize,
            continueToken: token,
            resourceVersion: token === undefined ? resourceVersion : undefined,
            resourceVersionMatch:
              token === undefined && resourceVersion !== undefined ? 'NotOlderThan' : undefined,
          },
          signal,
        );
      } catch (error) {
        if (
          (isResourceVersionExpired(error) || isTooLarge(error)) &&
          (token !== undefined || resourceVersion !== undefined)
        ) {
          log.info('list expired, listing again from the start', { page: pages + 1 });
          resourceVersion = undefined;
          expired = true;
          break;
        }
        throw error;
      }
      noteContact(deps);
      pages++;
      metrics.listPages++;
      listRV ??= page.resourceVersion;
      const observedAt = runtime.now();
      for (const item of page.items) {
        const slim = slimPod(item);
        if (slim === undefined) continue;
        seen.add(slim.uid);
        metrics.listedPods++;
        recordPodState(state, deps, 'MODIFIED', slim, observedAt);
      }
      token = page.continueToken;
      if (token !== undefined) await deps.beforeNextPage?.(signal, listStartedAt + LIST_WAIT_BUDGET_MS);
    } while (token !== undefined);
    if (expired) continue;

    let vanished = 0;
    for (const uid of state.known.keys()) {
      if (!seen.has(uid)) {
        state.known.delete(uid);
        vanished++;
      }
    }
    const now = runtime.now();
    const gapSinceMs = first ? null : (state.lastInSyncAt ?? now) - GAP_MARGIN_MS;
    state.lastRV = listRV ?? '';
    deps.sink.sync({ resourceVersion: state.lastRV, uids: [...seen], gapSinceMs, observedAtMs: now });
    metrics.lastSyncTimestamp = now;
    state.lastInSyncAt = listStartedAt;
    state.listing = false;
    state.listedOnce = true;
    log.info(first ? 'listed' : 'relisted', {
      pods: seen.size,
      pages,
      resourceVersion: state.lastRV,
      vanished,
      gapSince: gapSinceMs === null ? null : new Date(gapSinceMs).toISOString(),
    });
    if (first) deps.onReady();
    return;
  }
}
