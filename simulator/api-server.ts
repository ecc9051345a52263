import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createContinueTokens } from './continue-tokens.js';
import { discoveryDocument } from './discovery.js';
import type { EventStore } from './event-store.js';
import { type FaultState, type RequestVerb, takeFailure } from './faults.js';
import { servePodList } from './list-handler.js';
import type { PodStore } from './pod-store.js';
import { type StatusBody, statusBody } from './status.js';
import { type OpenWatch, serveWatch, validateWatch } from './watch-handler.js';

/** The HTTP face of the simulator: routing, bearer auth, fault checks, and byte accounting. */

export interface ApiServerOptions {
  readonly host?: string;
  readonly port?: number;
  /** When set, every request needs `Authorization: Bearer <token>` (else 401). */
  readonly token?: string;
  readonly bookmarkIntervalMs?: number;
  readonly defaultWatchTimeoutSeconds?: number;
  readonly maxBufferedBytes?: number;
  readonly continueTokenTtlMs?: number;
  readonly onServed?: (uid: string, resourceVersion: number) => void;
  /** Events served at /api/v1/events and /api/v1/namespaces/{ns}/events (list only; no faults apply). */
  readonly events?: EventStore;
}

export interface ApiServerStats {
  readonly requests: Record<RequestVerb | 'other', number>;
  /** Response body bytes, lists and watch streams (what a client reads off the wire, before TLS). */
  readonly bytes: { list: number; watch: number };
  /** The same, per client (the User-Agent up to its first "/"), e.g. "podtrail-agent". */
  readonly bytesByClient: Map<string, { list: number; watch: number }>;
  /** Pod events written to watch streams (bookmarks and errors excluded). */
  watchEvents: number;
  /** The last 1,000 pod requests: verb, wall-clock time, the injected failure status if any. */
  readonly log: { verb: RequestVerb; atMs: number; injected?: number; resourceVersion?: string }[];
}

export interface ApiServer {
  readonly url: string;
  readonly port: number;
  readonly stats: ApiServerStats;
  openWatches(): number;
  dropWatches(halfLine: boolean): void;
  stallWatches(): void;
  expireContinueTokens(): void;
  close(): Promise<void>;
}

const POD_LIST = /^\/api\/v1\/pods$/;
const EVENT_LIST = /^\/api\/v1\/(?:namespaces\/([a-z0-9-]+)\/)?events$/;
const NAMESPACED = /^\/api\/v1\/namespaces\/([a-z0-9-]+)\/pods(?:\/([a-z0-9.-]+))?$/;

export async function startApiServer(
  store: PodStore,
  faults: FaultState,
  options: ApiServerOptions = {},
): Promise<ApiServer> {
  const tokens = createContinueTokens({ ttlMs: options.continueTokenTtlMs ?? 300_000, maxOpen: 64 });
  const watches = new Set<OpenWatch>();
  const stats: ApiServerStats = {
    requests: { list: 0, continue: 0, watch: 0, get: 0, other: 0 },
    bytes: { list: 0, watch: 0 },
    bytesByClient: new Map(),
    watchEvents: 0,
    log: [],
  };
  const record = (verb: RequestVerb, injected: number | undefined, resourceVersion: string | null) => {
    stats.log.push({
      verb,
      atMs: Date.now(),
      ...(injected === undefined ? {} : { injected }),
      ...(resourceVersion === null ? {} : { resourceVersion }),
    });
    if (stats.log.length > 1_000) stats.log.splice(0, stats.log.length - 1_000);
  };
  const watchOptions = {
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
    defaultTimeoutSeconds: options.defaultWatchTimeoutSeconds ?? 1_800,
    maxBufferedBytes: options.maxBufferedBytes ?? 32 * 1024 * 1024,
    onServed: (uid: string, rv: number) => {
      stats.watchEvents++;
      options.onServed?.(uid, rv);
    },
  };

  const sendStatus = (res: ServerResponse, code: number, body: StatusBody, retryAfterSeconds?: number) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
    res.writeHead(code, headers).end(JSON.stringify(body));
  };

  const clientBytes = (req: IncomingMessage) => {
    const client = (req.headers['user-agent'] ?? 'unknown').split('/')[0] ?? 'unknown';
    let counts = stats.bytesByClient.get(client);
    if (counts === undefined) {
      counts = { list: 0, watch: 0 };
      stats.bytesByClient.set(client, counts);
    }
    return counts;
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
        statusBody(405, 'MethodNotAllowed', 'the simulator serves only GET on pods'),
      );
    }
    if (url.pathname === '/version') {
      stats.requests.other++;
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(
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
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(discovery);
    }
    const eventList = EVENT_LIST.exec(url.pathname);
    if (eventList !== null && options.events !== undefined) {
      stats.requests.other++;
      const limit = optionalInt(url.searchParams.get('limit'));
      const listed = options.events.list({
        namespace: eventList[1],
        fieldSelector: url.searchParams.get('fieldSelector') ?? undefined,
        limit: limit === 0 ? undefined : limit,
        continueToken: url.searchParams.get('continue') ?? undefined,
      });
      if (listed.kind === 'error') return sendStatus(res, listed.status, listed.body);
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(listed.body);
    }
    const namespaced = NAMESPACED.exec(url.pathname);
    if (!POD_LIST.test(url.pathname) && namespaced === null) {
      stats.requests.other++;
      return sendStatus(
        res,
        404,
        statusBody(404, 'NotFound', 'the server could not find the requested resource'),
      );
    }
    const namespace = namespaced?.[1];
    const name = namespaced?.[2];
    const q = url.searchParams;
    const watch = q.get('watch') === 'true' || q.get('watch') === '1';
    const verb: RequestVerb =
      name !== undefined ? 'get' : watch ? 'watch' : q.has('continue') ? 'continue' : 'list';
    stats.requests[verb]++;
    const rv = q.get('resourceVersion');

    const failure = takeFailure(faults, verb);
    record(verb, failure?.status, rv);
    if (failure !== undefined) {
      if (failure.inStream && verb === 'watch') {
        res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
        return res.end(`${JSON.stringify({ type: 'ERROR', object: failure.body })}\n`);
      }
      return sendStatus(res, failure.status, failure.body, failure.retryAfterSeconds);
    }

    if (verb === 'get') {
      const pod =
        namespace === undefined || name === undefined ? undefined : store.findByName(namespace, name);
      if (pod === undefined)
        return sendStatus(res, 404, statusBody(404, 'NotFound', `pods "${name}" not found`));
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ kind: 'Pod', apiVersion: 'v1', ...pod }));
    }

    if (watch) {
      const request = {
        namespace,
        resourceVersion: q.get('resourceVersion') ?? undefined,
        allowWatchBookmarks: q.get('allowWatchBookmarks') === 'true',
        timeoutSeconds: optionalInt(q.get('timeoutSeconds')),
        sendInitialEvents: q.get('sendInitialEvents') === 'true',
      };
      const invalid = validateWatch(request);
      if (invalid !== undefined) return sendStatus(res, invalid.code, invalid);
      const originalWrite = res.write.bind(res);
      const counts = clientBytes(req);
      res.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
        const n = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
        stats.bytes.watch += n;
        counts.watch += n;
        return originalWrite(chunk, ...rest);
      }) as typeof res.write;
      const open = serveWatch(request, res, store, faults, watchOptions);
      watches.add(open);
      void open.done.then(() => watches.delete(open));
      return;
    }

    const limit = optionalInt(q.get('limit'));
    const response = servePodList(
      {
        namespace,
        limit: limit === 0 ? undefined : limit,
        continueToken: q.get('continue') ?? undefined,
        resourceVersion: q.get('resourceVersion') ?? undefined,
        resourceVersionMatch: q.get('resourceVersionMatch') ?? undefined,
      },
      store,
      tokens,
    );
    if (response.kind === 'error') return sendStatus(res, response.status, response.body);
    const listBytes = Buffer.byteLength(response.body);
    stats.bytes.list += listBytes;
    clientBytes(req).list += listBytes;
    for (const item of response.items) options.onServed?.(item.uid, item.resourceVersion);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(response.body);
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
    openWatches: () => watches.size,
    dropWatches: (halfLine) => {
      for (const w of [...watches]) w.drop(halfLine);
    },
    stallWatches: () => {
      for (const w of watches) w.stall();
    },
    expireContinueTokens: () => tokens.expireAll(),
    close: async () => {
      for (const w of [...watches]) w.drop(false);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function optionalInt(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}
