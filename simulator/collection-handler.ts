import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ContinueTokens } from './continue-tokens.js';
import { type FaultState, type RequestVerb, type Resource, takeFailure } from './faults.js';
import { type FieldRequirement, parseFieldSelector } from './field-selector.js';
import { serveList } from './list-handler.js';
import type { WatchableStore } from './object-store.js';
import { type StatusBody, statusBody } from './status.js';
import { type OpenWatch, serveWatch, validateWatch, type WatchServerOptions } from './watch-handler.js';

/**
 * One collection's requests (pods, events), served alike: fault check, GET by name, field
 * selector validation, watch or paged list, and the collection's traffic stats.
 */

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

export function createResourceStats(): ResourceStats {
  return {
    requests: { list: 0, continue: 0, watch: 0, get: 0, other: 0 },
    bytes: { list: 0, watch: 0 },
    bytesByClient: new Map(),
    watchEvents: 0,
    log: [],
  };
}

export interface Collection {
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

export function sendStatus(
  res: ServerResponse,
  code: number,
  body: StatusBody,
  retryAfterSeconds?: number,
): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
  res.writeHead(code, headers).end(JSON.stringify(body));
}

export function sendJson(res: ServerResponse, body: string): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(body);
}

export interface CollectionRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly query: URLSearchParams;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
}

export function serveCollection(
  c: Collection,
  { req, res, query: q, namespace, name }: CollectionRequest,
  faults: FaultState,
  watchOptions: Omit<WatchServerOptions, 'onServed'>,
) {
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
    const open = serveWatch(request, res, c, faults.streams[c.resource], {
      ...watchOptions,
      onServed: (uid, rv) => {
        c.stats.watchEvents++;
        c.onServed?.(uid, rv);
      },
    });
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
