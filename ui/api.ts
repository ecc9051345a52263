/**
 * The page's one way to the query API: `GET /api/v1/<route>?<query>` on the serving origin with the
 * per-run token as `Authorization: Bearer`. The server answers with exactly the query API's JSON
 * (docs/query-api.md), errors included: `{error: {code, message}}`.
 *
 * The token arrives in the URL fragment (`#token=…`, never sent to a server), is kept in
 * localStorage (scoped to this origin: scheme, host and port) and removed from the address bar.
 */
export const TOKEN_KEY = 'podtrail.token';

/** A failed API call: the HTTP status (0 when the server could not be reached), the code and message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** Any failure as an ApiError: one already is; anything else (a bug, a bad body) is an internal one. */
export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'internal', String(error));
}

/** Moves `#token=…` from the address bar into localStorage; call once before the first render. */
export function adoptTokenFromFragment(): void {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match === null) return;
  localStorage.setItem(TOKEN_KEY, decodeURIComponent(match[1]!));
  const rest = location.hash
    .slice(1)
    .split('&')
    .filter((part) => !part.startsWith('token='))
    .join('&');
  history.replaceState(
    history.state,
    '',
    `${location.pathname}${location.search}${rest === '' ? '' : `#${rest}`}`,
  );
}

export function storedToken(): string | undefined {
  return localStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function forgetToken(): void {
  localStorage.removeItem(TOKEN_KEY);
}

/** The URL of a query route as the page calls it; undefined and empty parameters are left out. */
export function apiUrl(route: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') query.set(key, value);
  const path = route.startsWith('/') ? route : `/${route}`;
  const qs = query.toString();
  return `/api${path.startsWith('/v1/') ? path : `/v1${path}`}${qs === '' ? '' : `?${qs}`}`;
}

/** GET a query route (`/v1/timeline` or `timeline`), resolving to its JSON or throwing an ApiError. */
export async function apiGet<T>(route: string, params: Record<string, string | undefined>): Promise<T> {
  const token = storedToken();
  if (token === undefined) throw new ApiError(401, 'unauthorized', 'no UI token in this browser');
  let response: Response;
  try {
    response = await fetch(apiUrl(route, params), {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (cause) {
    throw new ApiError(0, 'unreachable', 'the podtrail server did not answer', { cause });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch (cause) {
    throw new ApiError(
      response.status,
      'bad_response',
      `the server answered ${response.status} with no JSON`,
      {
        cause,
      },
    );
  }
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
    throw new ApiError(
      response.status,
      typeof error?.code === 'string' ? error.code : `http_${response.status}`,
      typeof error?.message === 'string' ? error.message : `the server answered ${response.status}`,
    );
  }
  return body as T;
}
