import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CredentialProvider, functionUrlRegion, type RequestAuth } from '../agent/http-auth.js';
import type { Log } from '../functions/http/json-log.js';
import { parseRequestTarget } from './function-url-event.js';
import { createUiAssets } from './ui-assets.js';
import { API_PREFIX, apiRoute, validateQuery } from './ui-routes.js';
import {
  apiGate,
  isLoopbackAddress,
  isLoopbackHost,
  misdirected,
  newUiToken,
  SECURITY_HEADERS,
  sendJson,
  sendRefusal,
  uiTokenMatcher,
} from './ui-security.js';
import { createUpstream } from './ui-upstream.js';

/**
 * `podtrail ui`: the web UI for a deployed stack, the `kubectl proxy` pattern. One loopback
 * server serves the UI's files and answers `/api/v1/*` by sending a new, signed GET to the one
 * endpoint given at start-up (ui-upstream.ts). Every rule of docs/ui.md applies here: 127.0.0.1
 * only, the Host check, the per-run token, GET only, no CORS, the allow-list, nothing of the
 * browser's request forwarded.
 */
export interface UiProxyOptions {
  readonly endpoint: URL;
  readonly auth: RequestAuth;
  readonly credentials?: CredentialProvider;
  readonly profile?: string | undefined;
  /** 0: any free port. */
  readonly port: number;
  /** Default: the built UI of this package. */
  readonly uiDir?: string;
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
  /** One line per API request (route, status, duration); never values, tokens or credentials. */
  readonly log?: Log;
}

export interface UiProxy {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** The link to open: url/#token=<the run's token>. */
  readonly uiUrl: string;
  readonly server: Server;
  /** Whether the credential chain yields credentials now: undefined if so, else the one line saying what to do. */
  checkCredentials(): Promise<string | undefined>;
  close(): Promise<void>;
}

/** The one address the proxy listens on, never a wildcard (reference: kubectl proxy's default). */
const LISTEN_ADDRESS = '127.0.0.1';

export async function startUiProxy(options: UiProxyOptions): Promise<UiProxy> {
  const token = newUiToken();
  const matches = uiTokenMatcher(token);
  const assets = createUiAssets(options.uiDir);
  const upstream = createUpstream({
    endpoint: options.endpoint,
    auth: options.auth,
    ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
    profile: options.profile,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.maxResponseBytes === undefined ? {} : { maxResponseBytes: options.maxResponseBytes }),
  });
  const log = options.log ?? (() => {});

  const handle = async (request: IncomingMessage, response: ServerResponse, requestId: string) => {
    request.resume();
    const port = request.socket.localPort ?? 0;
    if (!isLoopbackHost(request.headers.host, port))
      return sendRefusal(response, misdirected(port), requestId);
    const target = parseRequestTarget(request.url);
    if (target === undefined) {
      return sendRefusal(
        response,
        { status: 400, code: 'invalid_request', message: 'the request target is not a path' },
        requestId,
      );
    }
    if (target.path !== API_PREFIX && !target.path.startsWith(`${API_PREFIX}/`))
      return assets(request, response, target.path);
    const refusal = apiGate(request, matches);
    if (refusal !== undefined) return sendRefusal(response, refusal, requestId);
    const route = apiRoute(target.path);
    if (route === undefined) {
      return sendRefusal(
        response,
        { status: 404, code: 'not_found', message: `no such API route: ${target.path}` },
        requestId,
      );
    }
    const query = validateQuery(route, target.query);
    if (typeof query === 'string')
      return sendRefusal(response, { status: 400, code: 'invalid_parameter', message: query }, requestId);
    const started = performance.now();
    const answer = await upstream.get(route, query);
    const ms = Math.round(performance.now() - started);
    if (answer.kind === 'refusal') {
      log({
        level: 'warn',
        msg: 'ui request',
        requestId,
        route: route.path,
        status: answer.refusal.status,
        ms,
        problem: answer.refusal.message,
      });
      return sendRefusal(response, answer.refusal, requestId);
    }
    log({ level: 'info', msg: 'ui request', requestId, route: route.path, status: answer.status, ms });
    response.writeHead(answer.status, {
      ...SECURITY_HEADERS,
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'content-length': String(Buffer.byteLength(answer.body)),
    });
    response.end(answer.body);
  };

  const server = createServer((request, response) => {
    const requestId = randomUUID();
    handle(request, response, requestId).catch((error: unknown) => {
      log({ level: 'error', msg: 'ui request failed', requestId, error: (error as Error).name });
      if (!response.headersSent)
        sendJson(response, 500, {
          error: { code: 'internal', message: `internal error (request id ${requestId})`, requestId },
        });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LISTEN_ADDRESS, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${LISTEN_ADDRESS}:${port}`;
  return {
    url,
    uiUrl: `${url}/#token=${token}`,
    server,
    checkCredentials: () => upstream.checkCredentials(),
    close: () =>
      new Promise<void>((resolve) => {
        upstream.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * How the proxy authenticates to an endpoint, or why it cannot: SigV4 for a Lambda Function URL
 * (region from its host); PODTRAIL_TOKEN for a `podtrail serve` on this machine over plain HTTP.
 * A bearer token never goes to another host over plain HTTP, and nothing else is guessed.
 */
export function endpointAuth(endpoint: URL, token: string | undefined): RequestAuth | string {
  if (
    endpoint.username !== '' ||
    endpoint.password !== '' ||
    endpoint.search !== '' ||
    endpoint.hash !== ''
  ) {
    return 'give the endpoint without credentials, query or fragment, e.g. https://<id>.lambda-url.<region>.on.aws';
  }
  const region = functionUrlRegion(endpoint);
  if (endpoint.protocol === 'https:' && region !== undefined) return { kind: 'sigv4', region };
  const host = endpoint.hostname.replace(/^\[|\]$/g, '');
  if (endpoint.protocol === 'http:' && isLoopbackAddress(host)) {
    return token === undefined || token === ''
      ? `set PODTRAIL_TOKEN to the token "podtrail serve" printed, to query ${endpoint.origin}`
      : { kind: 'bearer', token };
  }
  return `${endpoint.origin} is neither a Lambda Function URL (https://<id>.lambda-url.<region>.on.aws, signed with SigV4) nor a "podtrail serve" on this machine (http://127.0.0.1:<port>)`;
}
