import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENTS_PATH } from '../functions/domain/wire-format.js';
import type { FunctionUrlHandler, FunctionUrlResult } from '../functions/http/function-url.js';
import type { Log } from '../functions/http/json-log.js';
import { errorResponse, HttpError } from '../functions/http/responses.js';
import { tooLarge } from '../functions/ingest/errors.js';
import { parseRequestTarget, toFunctionUrlEvent } from './function-url-event.js';
import type { TokenBook } from './serve-tokens.js';
import type { AssetHandler } from './ui-assets.js';
import { API_PREFIX, apiRoute } from './ui-routes.js';
import {
  apiGate,
  isLoopbackHost,
  misdirected,
  SECURITY_HEADERS,
  sendRefusal,
  uiTokenMatcher,
} from './ui-security.js';

/**
 * The local HTTP front of `podtrail serve`: checks the bearer token, turns the request into a
 * Function URL event and hands it to the same handlers Lambda runs — POST /v1/events to the ingest,
 * any other /v1/* to the query handler when there is one. Bodies are read up to a cap so a huge
 * upload is refused (413) without being buffered, after draining it up to a bound so the client
 * reads the 413 rather than a reset. Its own refusals (404, 401, 413) have the
 * functions' one error body.
 *
 * With `ui`, every other path is the web UI (docs/ui.md): its files at `/` and its read-only API at
 * `/api/v1/*`, which goes to the same query handler as `/v1/*` but only with the run's UI token —
 * never an ingest token — and only past the UI's checks (Host, GET only, Sec-Fetch-Site).
 */
export interface LocalServerOptions {
  readonly ingest: FunctionUrlHandler;
  readonly query?: FunctionUrlHandler;
  readonly tokens: TokenBook;
  readonly host?: string;
  /** 0: any free port. */
  readonly port?: number;
  /** Bodies larger than this are refused with 413 (the ingest's MAX_BODY_BYTES). */
  readonly maxBodyBytes: number;
  readonly clock?: () => number;
  readonly log?: Log;
  /** The web UI; give it only on a loopback listen address (the UI's Host check assumes one). */
  readonly ui?: { readonly token: string; readonly assets: AssetHandler };
}

export interface LocalServer {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

export async function createLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const clock = options.clock ?? (() => Date.now());
  const ui =
    options.ui === undefined ? undefined : { ...options.ui, matches: uiTokenMatcher(options.ui.token) };
  const server = createServer((request, response) => {
    const requestId = randomUUID();
    handle(options, ui, clock, requestId, request, response).catch((error: unknown) => {
      options.log?.({ level: 'error', msg: 'serve request failed', requestId, error: (error as Error).name });
      if (!response.headersSent) {
        send(
          response,
          errorResponse(new HttpError('internal', 'internal error', { cause: error }), requestId),
        );
      } else response.destroy();
    });
  });
  // Agents keep connections alive between batches; idle ones are closed after 60 s.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

type UiSide = NonNullable<LocalServerOptions['ui']> & { readonly matches: (auth?: string) => boolean };

async function handle(
  options: LocalServerOptions,
  ui: UiSide | undefined,
  clock: () => number,
  requestId: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const refuse = (error: HttpError, headers: Record<string, string> = {}) => {
    const result = errorResponse(error, requestId);
    send(response, { ...result, headers: { ...result.headers, ...headers } });
  };
  const target = parseRequestTarget(request.url);
  if (target === undefined) {
    request.resume();
    return refuse(
      new HttpError('invalid_request', 'the request target is not a path: send POST /v1/events or GET /v1/…'),
    );
  }
  const { path } = target;
  const handler = path === EVENTS_PATH ? options.ingest : path.startsWith('/v1/') ? options.query : undefined;
  if (handler === undefined && ui !== undefined && options.query !== undefined) {
    request.resume();
    return handleUi(ui, options.query, { ...target, requestId, now: clock() }, request, response);
  }
  if (handler === undefined) {
    request.resume();
    return refuse(new HttpError('not_found', `no such route: ${path}`));
  }
  const principal = bearer(request.headers.authorization, options.tokens);
  if (principal === undefined) {
    request.resume();
    return refuse(
      new HttpError('unauthorized', 'missing or unknown bearer token: send "Authorization: Bearer <token>"', {
        headers: { 'www-authenticate': 'Bearer' },
      }),
    );
  }
  const body = await readBody(request, options.maxBodyBytes);
  // Drained up to a bound (readBody): answer, and close the connection, which may hold more.
  if (body === 'too-large')
    return refuse(tooLarge('the request body', options.maxBodyBytes), { connection: 'close' });
  const result = await handler(toFunctionUrlEvent(request, body, { principal, requestId, now: clock() }));
  send(response, result);
}

async function handleUi(
  ui: UiSide,
  query: FunctionUrlHandler,
  context: {
    readonly path: string;
    readonly query: string;
    readonly requestId: string;
    readonly now: number;
  },
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const { path, requestId } = context;
  const port = request.socket.localPort ?? 0;
  if (!isLoopbackHost(request.headers.host, port)) return sendRefusal(response, misdirected(port), requestId);
  if (path !== API_PREFIX && !path.startsWith(`${API_PREFIX}/`)) return ui.assets(request, response, path);
  const refusal = apiGate(request, ui.matches);
  if (refusal !== undefined) return sendRefusal(response, refusal, requestId);
  const route = apiRoute(path);
  if (route === undefined) {
    return sendRefusal(
      response,
      {
        status: 404,
        code: 'not_found',
        message: `no such API route: ${path} (the UI's API is ${API_PREFIX}/v1/…)`,
      },
      requestId,
    );
  }
  const result = await query(
    toFunctionUrlEvent(request, Buffer.alloc(0), {
      principal: 'local:ui',
      requestId,
      now: context.now,
      target: { path: route.path, query: context.query },
    }),
  );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {}))
    if (!name.toLowerCase().startsWith('access-control-')) headers[name] = value;
  send(response, { ...result, headers: { ...headers, ...SECURITY_HEADERS, 'cache-control': 'no-store' } });
}

function bearer(header: string | undefined, tokens: TokenBook): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] === undefined ? undefined : tokens.authenticate(match[1]);
}

/**
 * An upload over the cap is read on and discarded, up to DRAIN_BYTES more or for DRAIN_MS, before
 * the 413 is sent: closing a socket with unread data resets it, and a fast client would see the
 * reset instead of the answer. Past either bound the 413 goes out and the connection is closed.
 */
export const DRAIN_BYTES = 16 * 1024 * 1024;
export const DRAIN_MS = 10_000;

function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let timer: NodeJS.Timeout | undefined;
    const stopDraining = () => {
      clearTimeout(timer);
      request.off('data', onData);
      request.pause();
      resolve('too-large');
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      if (timer === undefined) {
        chunks.length = 0;
        timer = setTimeout(stopDraining, DRAIN_MS);
        timer.unref();
      }
      if (size > limit + DRAIN_BYTES) stopDraining();
    };
    request.on('data', onData);
    request.on('end', () => {
      clearTimeout(timer);
      resolve(size > limit ? 'too-large' : Buffer.concat(chunks));
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function send(response: ServerResponse, result: FunctionUrlResult): void {
  const body =
    result.body === undefined
      ? ''
      : result.isBase64Encoded
        ? Buffer.from(result.body, 'base64')
        : result.body;
  response.writeHead(result.statusCode, { ...result.headers });
  response.end(body);
}
