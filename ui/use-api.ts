import { useEffect, useState } from 'preact/hooks';
import { ApiError, apiGet } from './api.js';

/** One API call's state: loading, its data, or the error (an ApiError). */
export type ApiState<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'done'; readonly data: T }
  | { readonly status: 'error'; readonly error: ApiError };

/**
 * Fetches `route` with `params` whenever either changes (compared as a query string); a response
 * that arrives after the parameters changed again is dropped.
 */
export function useApi<T>(
  route: string | undefined,
  params: Record<string, string | undefined>,
): ApiState<T> {
  const key = route === undefined ? '' : `${route}?${new URLSearchParams(defined(params)).toString()}`;
  const [state, setState] = useState<{ key: string; value: ApiState<T> }>({
    key,
    value: { status: 'loading' },
  });
  useEffect(() => {
    if (route === undefined) return;
    let current = true;
    setState({ key, value: { status: 'loading' } });
    apiGet<T>(route, params).then(
      (data) => current && setState({ key, value: { status: 'done', data } }),
      (error: unknown) =>
        current &&
        setState({
          key,
          value: {
            status: 'error',
            error: error instanceof ApiError ? error : new ApiError(0, 'internal', String(error)),
          },
        }),
    );
    return () => {
      current = false;
    };
    // `key` is the parameters' identity: a new object with the same values must not refetch.
  }, [key]);
  return state.key === key ? state.value : { status: 'loading' };
}

function defined(params: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
