import {
  type CredentialProvider,
  chooseAuth,
  createAuthenticator,
  type RequestAuth,
  signableSearch,
} from '../agent/http-auth.js';
import { networkCodeReason } from '../agent/network-reason.js';

/**
 * The CLI's side of the query API: GET with query parameters, SigV4 for Lambda Function URLs and a
 * bearer token for `podtrail serve`, JSON back. Failures become QueryClientErrors whose messages are
 * one line a user can act on (what failed, where, what to check).
 */
export class QueryClientError extends Error {
  override readonly name: string = 'QueryClientError';
}

/** The endpoint answered with an error status; `message` is the endpoint's own explanation. */
export class EndpointError extends QueryClientError {
  override readonly name = 'EndpointError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Nothing answered at the endpoint (refused, DNS, timeout, TLS). */
export class UnreachableError extends QueryClientError {
  override readonly name = 'UnreachableError';
}

export type QueryParameters = Readonly<Record<string, string | number | undefined>>;

export interface QueryClient {
  readonly endpoint: URL;
  readonly auth: RequestAuth['kind'];
  get<T>(path: string, params?: QueryParameters): Promise<T>;
}

export interface QueryClientOptions {
  readonly endpoint: URL;
  readonly token?: string | undefined;
  /** Defaults to the AWS default credential chain (used for Function URLs only). */
  readonly credentials?: CredentialProvider;
  /** Per request; 30 s covers a Lambda cold start plus a large restart report. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function createQueryClient(options: QueryClientOptions): QueryClient {
  const auth = chooseAuth(options.endpoint, options.token);
  const authenticate = createAuthenticator(auth, options.credentials);
  const base = options.endpoint.pathname.replace(/\/+$/, '');

  return {
    endpoint: options.endpoint,
    auth: auth.kind,
    async get<T>(path: string, params: QueryParameters = {}): Promise<T> {
      const url = new URL(options.endpoint.href);
      url.pathname = `${base}${path}`;
      const query = new URLSearchParams();
      for (const [name, value] of Object.entries(params)) {
        if (value !== undefined && value !== '') query.set(name, String(value));
      }
      url.search = signableSearch(query);
      let headers: Record<string, string>;
      try {
        headers = await authenticate({ method: 'GET', url, headers: { accept: 'application/json' } });
      } catch (cause) {
        throw new QueryClientError(
          `cannot sign the request to ${url.origin} with AWS credentials: ${(cause as Error).message} ` +
            '(configure the AWS default credential chain: AWS_PROFILE, SSO, environment keys)',
          { cause },
        );
      }
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'GET',
          headers,
          signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        });
      } catch (cause) {
        throw new UnreachableError(
          `cannot reach ${url.origin}${url.pathname}: ${networkReason(cause)}; check --endpoint or ` +
            'PODTRAIL_ENDPOINT, and that "podtrail serve" or the query Function URL is up',
          { cause },
        );
      }
      const text = await response.text();
      const body = parseJson(text);
      if (!response.ok) throw endpointError(response.status, body, url, auth.kind);
      if (body === undefined) {
        throw new QueryClientError(
          `${url.origin}${url.pathname} answered ${response.status} with a body that is not JSON: is the endpoint a podtrail query URL?`,
        );
      }
      return body as T;
    },
  };
}

function endpointError(status: number, body: unknown, url: URL, auth: RequestAuth['kind']): EndpointError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : `http_${status}`;
  const given = typeof error?.message === 'string' ? error.message : undefined;
  if (status === 401 || status === 403) {
    const what =
      auth === 'sigv4'
        ? 'your AWS identity needs lambda:InvokeFunctionUrl and lambda:InvokeFunction on the query function'
        : auth === 'bearer'
          ? 'check PODTRAIL_TOKEN or --token (printed by "podtrail serve")'
          : 'set PODTRAIL_TOKEN or --token (printed by "podtrail serve")';
    return new EndpointError(status, code, `not authorised by ${url.origin} (HTTP ${status}): ${what}`);
  }
  const message = given ?? `HTTP ${status} from ${url.origin}${url.pathname}`;
  return new EndpointError(status, code, status >= 500 ? `${message} (HTTP ${status})` : message);
}

function networkReason(cause: unknown): string {
  if (cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError')) {
    return 'no answer in time';
  }
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  return (
    networkCodeReason(inner?.code) ??
    (typeof inner?.message === 'string' ? inner.message : (cause as Error).message)
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Follows `next` cursors, collecting one array field of every page, until there is no next page or
 * `max` items are in hand. Returns the first page's other fields, the items, and whether more remain.
 */
export async function getPages<T>(
  client: QueryClient,
  path: string,
  params: QueryParameters,
  field: string,
  max: number,
): Promise<{ first: Record<string, unknown>; items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let first: Record<string, unknown> | undefined;
  let cursor: string | undefined;
  // At most one page per wanted item: a server that returns empty pages with cursors cannot loop us.
  for (let pages = 0; pages <= max; pages++) {
    const page = await client.get<Record<string, unknown>>(path, {
      ...params,
      limit: Math.min(Number(params.limit ?? max), max - items.length),
      ...(cursor === undefined ? {} : { cursor }),
    });
    first ??= page;
    const got = page[field];
    if (Array.isArray(got)) items.push(...(got as T[]));
    cursor = typeof page.next === 'string' ? page.next : undefined;
    if (cursor === undefined) return { first, items, truncated: false };
    if (items.length >= max) return { first, items, truncated: true };
  }
  return { first: first ?? {}, items, truncated: true };
}
