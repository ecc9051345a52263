import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import {
  type CredentialProvider,
  createAuthenticator,
  type RequestAuth,
  signableSearch,
} from '../agent/http-auth.js';
import { networkCodeReason } from '../agent/network-reason.js';
import type { ApiRoute } from './ui-routes.js';
import type { UiRefusal } from './ui-security.js';

/**
 * `podtrail ui`'s one way out: a GET to the one endpoint fixed at start-up, built from scratch —
 * the endpoint's host and base path, the route's path, the validated query, `accept`, and the
 * auth the CLI uses (agent/http-auth.ts: SigV4 for a Function URL, a bearer token for `podtrail
 * serve`). Nothing of the browser's request reaches it. No redirect is followed, an answer takes
 * at most `timeoutMs` and `maxResponseBytes`; everything that goes wrong becomes a refusal whose
 * message the page can show as it is.
 */
export interface UpstreamOptions {
  readonly endpoint: URL;
  readonly auth: RequestAuth;
  /** For SigV4; default: the AWS default credential chain (memoized, refreshed before expiry). */
  readonly credentials?: CredentialProvider;
  /** The AWS profile in use (AWS_PROFILE), named in what to run when credentials fail. */
  readonly profile?: string | undefined;
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
}

/** 30 s covers a Lambda cold start plus a large restart report (the CLI's own timeout). */
export const UPSTREAM_TIMEOUT_MS = 30_000;
/** The query API pages its answers; its largest pages are a few MB. */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export type UpstreamAnswer =
  | { readonly kind: 'answer'; readonly status: number; readonly body: Buffer | string }
  | { readonly kind: 'refusal'; readonly refusal: UiRefusal };

export interface Upstream {
  get(route: ApiRoute, query: URLSearchParams): Promise<UpstreamAnswer>;
  /** Gets credentials (signs a request that is not sent): undefined when they work, else what to do. */
  checkCredentials(): Promise<string | undefined>;
  close(): void;
}

export function createUpstream(options: UpstreamOptions): Upstream {
  const { endpoint, auth } = options;
  const authenticate = createAuthenticator(auth, options.credentials);
  const secure = endpoint.protocol === 'https:';
  // Keep-alive: a signed TLS request per click would otherwise pay a handshake each time.
  const agent = secure
    ? new HttpsAgent({ keepAlive: true, maxSockets: 8 })
    : new HttpAgent({ keepAlive: true, maxSockets: 8 });
  const base = endpoint.pathname.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? UPSTREAM_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;

  return {
    async get(route, query) {
      const url = new URL(endpoint.origin);
      url.pathname = `${base}${route.path}`;
      url.search = signableSearch(query);
      let headers: Record<string, string>;
      try {
        headers = await authenticate({ method: 'GET', url, headers: { accept: 'application/json' } });
      } catch (error) {
        return refusal(503, 'aws_credentials', credentialsHint(error, options.profile));
      }
      const sent = await send(url, { ...headers, host: url.host }, secure, agent, timeoutMs, maxBytes);
      if (sent.kind === 'failed') return refusal(502, 'endpoint_down', `endpoint down: ${sent.reason}`);
      return answerOf(sent.status, sent.contentType, sent.body, url);
    },
    async checkCredentials() {
      try {
        await authenticate({ method: 'GET', url: new URL(endpoint.origin), headers: {} });
        return undefined;
      } catch (error) {
        return credentialsHint(error, options.profile);
      }
    },
    close: () => agent.destroy(),
  };
}

type Sent =
  | { kind: 'answered'; status: number; contentType: string; body: Buffer }
  | { kind: 'failed'; reason: string };

function send(
  url: URL,
  headers: Record<string, string>,
  secure: boolean,
  agent: HttpAgent,
  timeoutMs: number,
  maxBytes: number,
): Promise<Sent> {
  const where = `${url.origin}${url.pathname}`;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: Sent) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = (secure ? httpsRequest : httpRequest)(
      url,
      { method: 'GET', headers, agent, setHost: false },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > maxBytes) {
            settle({
              kind: 'failed',
              reason: `${where} answered more than ${maxBytes} bytes; narrow the query`,
            });
            response.destroy();
          } else chunks.push(chunk);
        });
        response.on('end', () =>
          settle({
            kind: 'answered',
            status: response.statusCode ?? 502,
            contentType: String(response.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks),
          }),
        );
        response.on('error', (error) =>
          settle({ kind: 'failed', reason: `${where}: ${networkReason(error)}` }),
        );
      },
    );
    const timer = setTimeout(() => {
      settle({ kind: 'failed', reason: `${where} did not answer in ${timeoutMs / 1000} s` });
      request.destroy();
    }, timeoutMs);
    request.on('error', (error) =>
      settle({
        kind: 'failed',
        reason: `cannot reach ${where}: ${networkReason(error)}; check --endpoint and that the query endpoint is up`,
      }),
    );
    request.end();
  });
}

/**
 * The endpoint's answer as the page gets it: its status and JSON as they are when they have the
 * query API's error shape; a redirect is not followed; any other error body (a Function URL's
 * `{"Message": "Forbidden"}`, an HTML error page) becomes the API's error shape with what to do.
 */
function answerOf(status: number, contentType: string, body: Buffer, url: URL): UpstreamAnswer {
  const jsonTyped = /^application\/(.+\+)?json\b/i.test(contentType);
  if (status >= 300 && status < 400) {
    return refusal(
      502,
      'endpoint_redirect',
      `${url.origin} answered a redirect (HTTP ${status}), which is not followed: --endpoint must be the query URL itself`,
    );
  }
  // A success is passed on as bytes, unparsed (pages run to megabytes); the page parses it.
  if (status < 300) {
    return !jsonTyped
      ? refusal(
          502,
          'not_json',
          `${url.origin} answered ${status} with a body that is not JSON (content-type "${contentType}"): is --endpoint a podtrail query URL?`,
        )
      : { kind: 'answer', status, body };
  }
  const json = jsonTyped ? parseJson(body.toString('utf8')) : undefined;
  if (typeof (json as { error?: { code?: unknown } } | undefined)?.error?.code === 'string') {
    return { kind: 'answer', status, body };
  }
  const given = (json as { Message?: unknown; message?: unknown } | undefined) ?? {};
  const said =
    typeof given.Message === 'string'
      ? given.Message
      : typeof given.message === 'string'
        ? given.message
        : undefined;
  const what =
    status === 401 || status === 403
      ? 'your AWS identity needs lambda:InvokeFunctionUrl and lambda:InvokeFunction on the query function'
      : `is ${url.origin} a podtrail query endpoint?`;
  return {
    kind: 'answer',
    status,
    body: JSON.stringify({
      error: {
        code: `http_${status}`,
        message: `${url.origin} answered HTTP ${status}${said === undefined ? '' : ` (${said})`}: ${what}`,
      },
    }),
  };
}

/**
 * A credential provider's failure as one line that says what to run. Provider messages name
 * profiles and files, never keys; only the first line of an unknown one is kept.
 */
export function credentialsHint(error: unknown, profile: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  const named = profile ?? 'default';
  if (/sso/i.test(message) && /expired|invalid|refresh/i.test(message)) {
    return `the AWS SSO session of profile ${named} has expired: run "aws sso login --profile ${named}", then retry`;
  }
  if (/could not load credentials from any providers/i.test(message)) {
    return 'no AWS credentials found: set AWS_PROFILE (after "aws sso login --profile <p>" for SSO) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then restart podtrail ui';
  }
  if (/expired/i.test(message)) {
    return `the AWS credentials of profile ${named} have expired: refresh them (e.g. "aws sso login --profile ${named}"), then retry`;
  }
  const first = (message.split('\n')[0] ?? '').slice(0, 200);
  return `cannot get AWS credentials (profile ${named}): ${first}`;
}

function refusal(status: number, code: string, message: string): UpstreamAnswer {
  return { kind: 'refusal', refusal: { status, code, message } };
}

function networkReason(error: Error): string {
  return networkCodeReason((error as NodeJS.ErrnoException).code) ?? error.message;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
