import { ROUTES } from '../functions/query/routes/index.js';

/**
 * What the page may ask through `/api/…`: the query API's GET routes, exactly those the query
 * handler serves (functions/query/routes/index.ts), each with the parameters it accepts. Anything
 * else is a 404 at the UI server, so neither server is an open proxy.
 */
export const API_PREFIX = '/api';

export interface ApiRoute {
  /** The query API path, e.g. /v1/timeline. */
  readonly path: string;
  readonly parameters: readonly string[];
}

const ALLOWED: ReadonlyMap<string, ApiRoute> = new Map(
  ROUTES.map((route) => [
    route.path,
    { path: route.path, parameters: route.paged ? [...route.parameters, 'cursor'] : route.parameters },
  ]),
);

export const API_ROUTE_PATHS: readonly string[] = [...ALLOWED.keys()];

/** `/api/v1/timeline` → the /v1/timeline route; undefined for any path outside the allow-list. */
export function apiRoute(path: string): ApiRoute | undefined {
  if (!path.startsWith(`${API_PREFIX}/`)) return undefined;
  return ALLOWED.get(path.slice(API_PREFIX.length));
}

/**
 * Cursors are the longest values (a signed, base64url page position): a few hundred characters.
 * These bounds leave room for them and keep the proxy from carrying arbitrary payloads.
 */
export const MAX_QUERY_LENGTH = 8_192;
export const MAX_VALUE_LENGTH = 2_048;

/**
 * The query string as the proxy forwards it: parsed, each name one the route accepts and given
 * once, values bounded; re-encoded from the parsed pairs, so nothing the browser sent passes
 * through as bytes. The endpoint still validates every value (docs/query-api.md).
 */
export function validateQuery(route: ApiRoute, rawQuery: string): URLSearchParams | string {
  if (rawQuery.length > MAX_QUERY_LENGTH)
    return `the query string is longer than ${MAX_QUERY_LENGTH} characters`;
  const parsed = new URLSearchParams(rawQuery);
  const seen = new Set<string>();
  for (const [name, value] of parsed) {
    if (!route.parameters.includes(name)) {
      const accepted = route.parameters.map((p) => `"${p}"`).join(', ') || 'no parameters';
      return `${name}: unknown parameter; ${route.path} accepts ${accepted}`;
    }
    if (seen.has(name)) return `${name}: given more than once; give it once`;
    if (value.length > MAX_VALUE_LENGTH) return `${name}: longer than ${MAX_VALUE_LENGTH} characters`;
    seen.add(name);
  }
  return new URLSearchParams([...parsed]);
}
