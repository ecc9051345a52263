import { useEffect, useState } from 'preact/hooks';
import { type ApiError, apiGet, asApiError } from './api.js';

/** One load's state: loading, its data, or the error (an ApiError). */
export type ApiState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'done'; readonly data: T }
  | { readonly status: 'error'; readonly error: ApiError };

/**
 * Runs `load` whenever `key` changes (the caller builds the key from everything the load reads);
 * an answer that arrives after the key changed again is dropped. Without a `load` nothing is read
 * and the state stays loading.
 */
export function useLoad<T>(key: string, load: (() => Promise<T>) | undefined): ApiState<T> {
  const [state, setState] = useState<{ key: string; value: ApiState<T> }>({
    key,
    value: { status: 'loading' },
  });
  useEffect(() => {
    if (load === undefined) return;
    let current = true;
    setState({ key, value: { status: 'loading' } });
    load().then(
      (data) => current && setState({ key, value: { status: 'done', data } }),
      (error: unknown) => current && setState({ key, value: { status: 'error', error: asApiError(error) } }),
    );
    return () => {
      current = false;
    };
    // `key` is the load's identity: a new closure reading the same values must not reload.
  }, [key]);
  return state.key === key ? state.value : { status: 'loading' };
}

/**
 * Fetches `route` with `params` whenever either changes (compared as a query string); a response
 * that arrives after the parameters changed again is dropped.
 */
export function useApi<T>(
  route: string | undefined,
  params: Record<string, string | undefined>,
): ApiState<T> {
  const key = route === undefined ? '' : `${route}?${new URLSearchParams(defined(params)).toString()}`;
  return useLoad(key, route === undefined ? undefined : () => apiGet<T>(route, params));
}

function defined(params: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
