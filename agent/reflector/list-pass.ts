import type { ListPage } from '../kube/resource-api.js';
import type { ReflectorConfig, ReflectorDeps } from './contracts.js';
import { GAP_MARGIN_MS, isResourceVersionExpired, isTooLarge } from './policy.js';
import { noteContact, type ReflectorState } from './state.js';

/**
 * One full list, paged: `limit` pages chained by `continue`, the first page with an explicit
 * resourceVersionMatch=NotOlderThan once there is a resourceVersion to start from (served from the
 * watch cache; RV unset gives a consistent read). Items go to the tracker page by page, which
 * reconciles what it knows once the list is complete. An expired continue token (or a
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
  const { api, tracker, runtime, log, metrics } = deps;
  state.listing = true;
  const first = !state.listedOnce;
  if (!first) metrics.relists++;
  let resourceVersion: string | undefined = first || state.lastRV === '' ? undefined : state.lastRV;
  for (;;) {
    // The list shows the cluster as of (at least) the moment the first page was asked for.
    const listStartedAt = runtime.now();
    tracker.listStarted();
    let token: string | undefined;
    let listRV: string | undefined;
    let pages = 0;
    let expired = false;
    do {
      let page: ListPage;
      try {
        page = await api.list(
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
      for (const item of page.items) if (tracker.listed(item, observedAt)) metrics.listed++;
      token = page.continueToken;
      if (token !== undefined) await deps.beforeNextPage?.(signal, listStartedAt + LIST_WAIT_BUDGET_MS);
    } while (token !== undefined);
    if (expired) continue;

    const now = runtime.now();
    state.lastRV = listRV ?? '';
    const fields = tracker.listDone({
      resourceVersion: state.lastRV,
      first,
      gapSinceMs: first ? null : (state.lastInSyncAt ?? now) - GAP_MARGIN_MS,
      outOfTouchSinceMs: first ? null : (state.lastInTouchAt ?? now) - GAP_MARGIN_MS,
      observedAtMs: now,
    });
    metrics.lastSyncTimestamp = now;
    state.lastInSyncAt = listStartedAt;
    state.lastInTouchAt = listStartedAt;
    state.listing = false;
    state.listedOnce = true;
    log.info(first ? 'listed' : 'relisted', { ...fields, pages, resourceVersion: state.lastRV });
    if (first) deps.onReady();
    return;
  }
}
