import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ContinueTokens, createContinueTokens } from './continue-tokens.js';
import { discoveryDocument } from './discovery.js';
import { EVENT_SELECTABLE_FIELDS } from './event-store.js';
import {
  type FaultState,
  type RequestVerb,
  type Resource,
  type ResourceChoice,
  resourcesOf,
  takeFailure,
} from './faults.js';
import { type FieldRequirement, parseFieldSelector } from './field-selector.js';
import { serveList } from './list-handler.js';
import type { WatchableStore } from './object-store.js';
import type { PodStore } from './pod-store.js';
import { type StatusBody, statusBody } from './status.js';
import { type OpenWatch, serveWatch, validateWatch } from './watch-handler.js';

/**
 * The HTTP face of the simulator: routing, bearer auth, fault checks, and byte accounting, for two
 * collections served the same way (get, paged list, watch): pods and core/v1 events.
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

/** Traffic of one collection. */
export interface ResourceStats {
  readonly requests: Record<RequestVerb | 'other', number>;
  /** Response body bytes, lists and watch streams (what a client reads off the wire, before TLS). */
  readonly bytes: { list: number; watch: number };
  /** The same, per client (the User-Agent up to its first "/"), e.g. "podtrail-agent". */
  readonly bytesByClient: Map<string, { list: number; watch: number }>;
  /** Objects written to watch streams (bookmarks and errors excluded). */
  watchEvents: number;
  /** The last 1,000 requests: verb, wall-clock time, the injected failure status if any. */
  readonly log: { verb: RequestVerb; atMs: number; injected?: number; resourceVersion?: string }[];
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

interface Collection {
  readonly resource: Resource;
  readonly listKind: string;
  readonly store: WatchableStore;
  readonly emptyObjectFields: string;
  /** undefined: field selectors are ignored (the simulator's pods never supported them). */
  readonly selectableFields: readonly string[] | undefined;
  readonly tokens: ContinueTokens;
  readonly stats: ResourceStats;
  readonly watches: Set<OpenWatch>;
  readonly onServed: ((uid: string, resourceVersion: number) => void) | undefined;
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
  const resourceStats = (): ResourceStats => ({
    requests: { list: 0, continue: 0, watch: 0, get: 0, other: 0 },
    bytes: { list: 0, watch: 0 },
    bytesByClient: new Map(),
    watchEvents: 0,
    log: [],
  });
  const stats: ApiServerStats = { ...resourceStats(), events: resourceStats() };
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

  const watchOptions = (c: Collection) => ({
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
    defaultTimeoutSeconds: options.defaultWatchTimeoutSeconds ?? 1_800,
    maxBufferedBytes: options.maxBufferedBytes ?? 32 * 1024 * 1024,
    onServed: (uid: string, rv: number) => {
      c.stats.watchEvents++;
      c.onServed?.(uid, rv);
    },
  });

  const sendStatus = (res: ServerResponse, code: number, body: StatusBody, retryAfterSeconds?: number) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
    res.writeHead(code, headers).end(JSON.stringify(body));
  };
  const sendJson = (res: ServerResponse, body: string) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
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
    serveCollection(served, req, res, url.searchParams, namespace, name);
  };

  const serveCollection = (
    c: Collection,
    req: IncomingMessage,
    res: ServerResponse,
    q: URLSearchParams,
    namespace: string | undefined,
    name: string | undefined,
  ) => {
    const watch = q.get('watch') === 'true' || q.get('watch') === '1';
    const verb: RequestVerb =
      name !== undefined ? 'get' : watch ? 'watch' : q.has('continue') ? 'continue' : 'list';
    c.stats.requests[verb]++;
    const rv = q.get('resourceVersion');
    const failure = takeFailure(faults, c.resource, verb);
    record(c.stats, verb, failure?.status, rv);
    if (failure !== undefined) {
      if (failure.inStream && verb === 'watch') {
        res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
        return res.end(`${JSON.stringify({ type: 'ERROR', object: failure.body })}\n`);
      }
      return sendStatus(res, failure.status, failure.body, failure.retryAfterSeconds);
    }

    if (verb === 'get') {
      const found =
        namespace === undefined || name === undefined ? undefined : c.store.findByName(namespace, name);
      if (found === undefined)
        return sendStatus(res, 404, statusBody(404, 'NotFound', `${c.resource} "${name}" not found`));
      return sendJson(res, JSON.stringify({ kind: c.store.kind, apiVersion: 'v1', ...found }));
    }

    const selector = fieldSelectorOf(c, q.get('fieldSelector'));
    if (!selector.ok) return sendStatus(res, 400, statusBody(400, 'BadRequest', selector.message));

    if (watch) {
      const request = {
        namespace,
        resourceVersion: rv ?? undefined,
        allowWatchBookmarks: q.get('allowWatchBookmarks') === 'true',
        timeoutSeconds: optionalInt(q.get('timeoutSeconds')),
        sendInitialEvents: q.get('sendInitialEvents') === 'true',
        fieldSelector: selector.requirements,
      };
      const invalid = validateWatch(request);
      if (invalid !== undefined) return sendStatus(res, invalid.code, invalid);
      const originalWrite = res.write.bind(res);
      const counts = clientBytes(c.stats, req);
      res.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
        const n = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
        c.stats.bytes.watch += n;
        counts.watch += n;
        return originalWrite(chunk, ...rest);
      }) as typeof res.write;
      const open = serveWatch(request, res, c, faults.streams[c.resource], watchOptions(c));
      c.watches.add(open);
      void open.done.then(() => c.watches.delete(open));
      return;
    }

    const limit = optionalInt(q.get('limit'));
    const response = serveList(
      {
        namespace,
        limit: limit === 0 ? undefined : limit,
        continueToken: q.get('continue') ?? undefined,
        resourceVersion: rv ?? undefined,
        resourceVersionMatch: q.get('resourceVersionMatch') ?? undefined,
        fieldSelector: selector.requirements,
      },
      c,
      c.tokens,
    );
    if (response.kind === 'error') return sendStatus(res, response.status, response.body);
    const listBytes = Buffer.byteLength(response.body);
    c.stats.bytes.list += listBytes;
    clientBytes(c.stats, req).list += listBytes;
    for (const item of response.items) c.onServed?.(item.uid, item.resourceVersion);
    sendJson(res, response.body);
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

function record(stats: ResourceStats, verb: RequestVerb, injected: number | undefined, rv: string | null) {
  stats.log.push({
    verb,
    atMs: Date.now(),
    ...(injected === undefined ? {} : { injected }),
    ...(rv === null ? {} : { resourceVersion: rv }),
  });
  if (stats.log.length > 1_000) stats.log.splice(0, stats.log.length - 1_000);
}

function clientBytes(stats: ResourceStats, req: IncomingMessage) {
  const client = (req.headers['user-agent'] ?? 'unknown').split('/')[0] ?? 'unknown';
  let counts = stats.bytesByClient.get(client);
  if (counts === undefined) {
    counts = { list: 0, watch: 0 };
    stats.bytesByClient.set(client, counts);
  }
  return counts;
}

/** The request's field selector, checked against what the collection accepts (the API server's 400s). */
function fieldSelectorOf(
  c: Collection,
  selector: string | null,
): { ok: true; requirements: readonly FieldRequirement[] } | { ok: false; message: string } {
  if (c.selectableFields === undefined || selector === null) return { ok: true, requirements: [] };
  const parsed = parseFieldSelector(selector);
  if (!parsed.ok) return parsed;
  const unsupported = parsed.requirements.find((r) => !c.selectableFields?.includes(r.field));
  if (unsupported !== undefined)
    return { ok: false, message: `field label not supported: ${unsupported.field}` };
  return parsed;
}

function optionalInt(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}
