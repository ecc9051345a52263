import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Collection,
  createResourceStats,
  type ResourceStats,
  sendJson,
  sendStatus,
  serveCollection,
} from './collection-handler.js';
import { createContinueTokens } from './continue-tokens.js';
import { discoveryDocument } from './discovery.js';
import { EVENT_SELECTABLE_FIELDS } from './event-store.js';
import { type FaultState, type Resource, type ResourceChoice, resourcesOf } from './faults.js';
import type { WatchableStore } from './object-store.js';
import type { PodStore } from './pod-store.js';
import { statusBody } from './status.js';

export type { ResourceStats } from './collection-handler.js';

/**
 * The HTTP face of the simulator: bearer auth, outages, /version and discovery, and routing to two
 * collections served the same way (collection-handler.ts: get, paged list, watch, faults, stats):
 * pods and core/v1 events.
 */

export interface ApiServerOptions {
  readonly host?: string;
  readonly port?: number;
  /** When set, every request needs `Authorization: Bearer <token>` (else 401). */
  readonly token?: string;
  readonly bookmarkIntervalMs?: number;
  readonly defaultWatchTimeoutSeconds?: number;
  readonly maxBufferedBytes?: number;
  readonly continueTokenTtlMs?: number;
  /** Each pod version a client received in a list or on a watch. */
  readonly onServed?: (uid: string, resourceVersion: number) => void;
  /** Core/v1 events, served at /api/v1/events and /api/v1/namespaces/{ns}/events (404 without). */
  readonly events?: WatchableStore;
  /** Each event version a client received in a list or on a watch. */
  readonly onServedEvent?: (uid: string, resourceVersion: number) => void;
}

/** Pods at the top level (what these stats always counted; `requests.other` is every other path), events beside. */
export interface ApiServerStats extends ResourceStats {
  readonly events: ResourceStats;
}

export interface ApiServer {
  readonly url: string;
  readonly port: number;
  readonly stats: ApiServerStats;
  openWatches(resource?: ResourceChoice): number;
  dropWatches(halfLine: boolean, resource?: ResourceChoice): void;
  stallWatches(resource?: ResourceChoice): void;
  expireContinueTokens(resource?: ResourceChoice): void;
  close(): Promise<void>;
}

const ROUTE = /^\/api\/v1\/(?:namespaces\/([a-z0-9-]+)\/)?(pods|events)(?:\/([a-z0-9.-]+))?$/;

/** Go's JSON of an empty v1.Pod / v1.Event after metadata (fields without omitempty). */
const EMPTY_POD_FIELDS = '"spec":{"containers":null},"status":{}';
const EMPTY_EVENT_FIELDS =
  '"involvedObject":{},"source":{},"firstTimestamp":null,"lastTimestamp":null,"eventTime":null,"reportingComponent":"","reportingInstance":""';

export async function startApiServer(
  store: PodStore,
  faults: FaultState,
  options: ApiServerOptions = {},
): Promise<ApiServer> {
  const tokenTtlMs = options.continueTokenTtlMs ?? 300_000;
  const stats: ApiServerStats = { ...createResourceStats(), events: createResourceStats() };
  const collection = (
    resource: Resource,
    source: WatchableStore,
    rest: Pick<Collection, 'listKind' | 'emptyObjectFields' | 'selectableFields' | 'stats' | 'onServed'>,
  ): Collection => ({
    resource,
    store: source,
    tokens: createContinueTokens({ ttlMs: tokenTtlMs, maxOpen: 64 }),
    watches: new Set(),
    ...rest,
  });
  const collections = new Map<Resource, Collection>([
    [
      'pods',
      collection('pods', store, {
        listKind: 'PodList',
        emptyObjectFields: EMPTY_POD_FIELDS,
        selectableFields: undefined,
        stats,
        onServed: options.onServed,
      }),
    ],
  ]);
  if (options.events !== undefined) {
    collections.set(
      'events',
      collection('events', options.events, {
        listKind: 'EventList',
        emptyObjectFields: EMPTY_EVENT_FIELDS,
        selectableFields: EVENT_SELECTABLE_FIELDS,
        stats: stats.events,
        onServed: options.onServedEvent,
      }),
    );
  }
  const chosen = (choice: ResourceChoice | undefined) =>
    resourcesOf(choice).flatMap((r) => collections.get(r) ?? []);

  const watchOptions = {
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
    defaultTimeoutSeconds: options.defaultWatchTimeoutSeconds ?? 1_800,
    maxBufferedBytes: options.maxBufferedBytes ?? 32 * 1024 * 1024,
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    if (Date.now() < faults.outageUntilMs) {
      if (faults.outageMode === 'reset') {
        req.socket.destroy();
        return;
      }
      return sendStatus(
        res,
        503,
        statusBody(503, 'ServiceUnavailable', 'the server is currently unable to handle the request'),
      );
    }
    if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) {
      return sendStatus(res, 401, statusBody(401, 'Unauthorized', 'Unauthorized'));
    }
    if (req.method !== 'GET') {
      stats.requests.other++;
      return sendStatus(
        res,
        405,
        statusBody(405, 'MethodNotAllowed', 'the simulator serves only GET on pods and events'),
      );
    }
    if (url.pathname === '/version') {
      stats.requests.other++;
      return sendJson(
        res,
        JSON.stringify({
          major: '1',
          minor: '33',
          gitVersion: 'v1.33.0-podtrail-simulator',
          platform: 'linux/amd64',
        }),
      );
    }
    const discovery = discoveryDocument(url.pathname);
    if (discovery !== undefined) {
      stats.requests.other++;
      return sendJson(res, discovery);
    }
    const route = ROUTE.exec(url.pathname);
    const served = route === null ? undefined : collections.get(route[2] as Resource);
    const [, namespace, , name] = route ?? [];
    if (served === undefined || (name !== undefined && namespace === undefined)) {
      stats.requests.other++;
      return sendStatus(
        res,
        404,
        statusBody(404, 'NotFound', 'the server could not find the requested resource'),
      );
    }
    serveCollection(served, { req, res, query: url.searchParams, namespace, name }, faults, watchOptions);
  };

  const server = createServer(handle);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    stats,
    openWatches: (resource) => chosen(resource).reduce((n, c) => n + c.watches.size, 0),
    dropWatches: (halfLine, resource) => {
      for (const c of chosen(resource)) for (const w of [...c.watches]) w.drop(halfLine);
    },
    stallWatches: (resource) => {
      for (const c of chosen(resource)) for (const w of c.watches) w.stall();
    },
    expireContinueTokens: (resource) => {
      for (const c of chosen(resource)) c.tokens.expireAll();
    },
    close: async () => {
      for (const c of collections.values()) for (const w of [...c.watches]) w.drop(false);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
