import type { KubeConfig } from '@kubernetes/client-node';
import { TransportError } from '../errors.js';
import { openRequest, readAll, statusError, streamLines } from './http-stream.js';

/**
 * The two requests a reflector makes of one resource — a list page and a watch — over
 * node:http(s) with credentials and TLS from the KubeConfig (`applyToHTTPSOptions`, re-applied per
 * request so rotated tokens are picked up). The agent runs one per resource: `pods`, and core/v1
 * `events` with a field selector. We own the stream rather than use client-node 1.4's Watch, which
 * has no inactivity timeout and swallows parse errors (reference client-node.md §2.2, §3.1): here
 * every request has an inactivity timer, non-2xx answers become ApiStatusError with the Status and
 * Retry-After, and a malformed line ends the stream with TransportError('malformed').
 */

/** The core/v1 resources the agent reads. */
export type ResourceName = 'pods' | 'events';

export interface ListParams {
  readonly limit: number;
  readonly continueToken?: string | undefined;
  readonly resourceVersion?: string | undefined;
  readonly resourceVersionMatch?: 'NotOlderThan' | undefined;
}

export interface ListPage {
  readonly resourceVersion: string;
  readonly continueToken: string | undefined;
  readonly items: readonly unknown[];
}

export interface WatchParams {
  readonly resourceVersion: string;
  readonly timeoutSeconds: number;
}

/** Return 'stop' to end the stream (after an ERROR event). Must not throw or do async work. */
export type WatchEventHandler = (type: string, object: unknown) => 'continue' | 'stop';

export interface WatchOptions {
  readonly signal: AbortSignal;
  /** Abort when no byte arrives for this long (above the ~60 s bookmark period). */
  readonly inactivityMs: number;
  /** Called once the server answered 200. */
  readonly onOpen?: () => void;
}

export interface ResourceApi {
  readonly resource: ResourceName;
  list(params: ListParams, signal: AbortSignal): Promise<ListPage>;
  /** Resolves when the stream ends cleanly (or `onEvent` said stop); rejects on any failure. */
  watch(params: WatchParams, onEvent: WatchEventHandler, options: WatchOptions): Promise<void>;
}

export interface ResourceApiOptions {
  readonly resource: ResourceName;
  /** Only this namespace (default: all). */
  readonly namespace?: string | undefined;
  /** Sent with every list and watch, e.g. `involvedObject.kind=Pod`. */
  readonly fieldSelector?: string | undefined;
  /** Inactivity bound for list requests. */
  readonly listTimeoutMs: number;
}

export function createResourceApi(kc: KubeConfig, options: ResourceApiOptions): ResourceApi {
  const cluster = kc.getCurrentCluster();
  if (cluster === null) throw new Error('KubeConfig has no current cluster');
  const base = new URL(cluster.server);
  const basePath = base.pathname.replace(/\/$/, '');
  const resourcePath =
    options.namespace === undefined
      ? `/api/v1/${options.resource}`
      : `/api/v1/namespaces/${encodeURIComponent(options.namespace)}/${options.resource}`;

  const url = (query: Record<string, string | undefined>) => {
    const u = new URL(base.href);
    u.pathname = `${basePath}${resourcePath}`;
    const all = { fieldSelector: options.fieldSelector, ...query };
    for (const [k, v] of Object.entries(all)) if (v !== undefined) u.searchParams.set(k, v);
    return u;
  };

  return {
    resource: options.resource,

    async list(params, signal) {
      const target = url({
        limit: String(params.limit),
        continue: params.continueToken,
        resourceVersion: params.resourceVersion,
        resourceVersionMatch: params.resourceVersionMatch,
      });
      const res = await openRequest(kc, target, signal, options.listTimeoutMs);
      const body = await readAll(res);
      res.done();
      if (res.message.statusCode !== 200) throw statusError(res.message, body);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch (error) {
        throw new TransportError('malformed', 'list response is not JSON', { cause: error });
      }
      const metadata =
        (parsed as { metadata?: { resourceVersion?: unknown; continue?: unknown } }).metadata ?? {};
      const items = (parsed as { items?: unknown }).items;
      if (typeof metadata.resourceVersion !== 'string' || !Array.isArray(items)) {
        throw new TransportError('malformed', 'list response has no metadata.resourceVersion or items');
      }
      const token =
        typeof metadata.continue === 'string' && metadata.continue !== '' ? metadata.continue : undefined;
      return { resourceVersion: metadata.resourceVersion, continueToken: token, items };
    },

    async watch(params, onEvent, watchOptions) {
      const target = url({
        watch: 'true',
        allowWatchBookmarks: 'true',
        resourceVersion: params.resourceVersion,
        timeoutSeconds: String(params.timeoutSeconds),
      });
      const res = await openRequest(kc, target, watchOptions.signal, watchOptions.inactivityMs);
      try {
        if (res.message.statusCode !== 200) throw statusError(res.message, await readAll(res));
        watchOptions.onOpen?.();
        await streamLines(res, (line) => {
          let event: { type?: unknown; object?: unknown };
          try {
            event = JSON.parse(line) as { type?: unknown; object?: unknown };
          } catch (error) {
            throw new TransportError('malformed', 'watch stream carried a line that is not JSON', {
              cause: error,
            });
          }
          if (typeof event.type !== 'string')
            throw new TransportError('malformed', 'watch event without a type');
          return onEvent(event.type, event.object);
        });
      } finally {
        res.done();
      }
    },
  };
}
