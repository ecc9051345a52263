import { h, type JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * Client-side routing on real paths and query strings (the servers answer index.html for any page
 * path), so every view is a link that survives a reload: `/pod?cluster=c&ns=n&name=p&at=…`.
 */
export type ViewName = 'fleet' | 'pods' | 'pod' | 'restarts' | 'startup';

export const VIEW_PATHS: Readonly<Record<ViewName, string>> = {
  fleet: '/',
  pods: '/pods',
  pod: '/pod',
  restarts: '/restarts',
  startup: '/startup',
};

export interface Route {
  /** undefined: a path that is no view. */
  readonly view: ViewName | undefined;
  readonly path: string;
  readonly params: URLSearchParams;
}

export function routeOf(path: string, search: string): Route {
  const clean = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const view = (Object.keys(VIEW_PATHS) as ViewName[]).find((v) => VIEW_PATHS[v] === clean);
  return { view, path: clean, params: new URLSearchParams(search) };
}

export function currentRoute(): Route {
  return routeOf(location.pathname, location.search);
}

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

addEventListener('popstate', notify);

/** Goes to `href` (same origin) without a reload; `replace` keeps the history entry (zoom, selection). */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  const url = new URL(href, location.href);
  const target = `${url.pathname}${url.search}${url.hash}`;
  if (target === `${location.pathname}${location.search}${location.hash}`) return;
  if (options.replace === true) history.replaceState(null, '', target);
  else history.pushState(null, '', target);
  notify();
}

/** Changes some query parameters of the current view (undefined removes one) and replaces the entry. */
export function updateParams(
  changes: Record<string, string | undefined>,
  options: { push?: boolean } = {},
): void {
  const params = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') params.delete(key);
    else params.set(key, value);
  }
  const qs = params.toString();
  navigate(`${location.pathname}${qs === '' ? '' : `?${qs}`}`, { replace: options.push !== true });
}

/** The current route, re-rendering the caller on every navigation. */
export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const listener = () => setRoute(currentRoute());
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return route;
}

/**
 * A link to a view. `tz=local` is carried over from the current page so the time zone choice
 * follows the user; a plain click navigates in place, a modified click opens as the browser would.
 */
export function href(view: ViewName, params: Record<string, string | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') query.set(key, value);
  if (
    !query.has('tz') &&
    typeof location !== 'undefined' &&
    new URLSearchParams(location.search).get('tz') === 'local'
  )
    query.set('tz', 'local');
  const qs = query.toString();
  return `${VIEW_PATHS[view]}${qs === '' ? '' : `?${qs}`}`;
}

export function Link(
  props: { href: string; children?: JSX.Element | string | (JSX.Element | string)[] } & Omit<
    JSX.HTMLAttributes<HTMLAnchorElement>,
    'href' | 'onClick'
  >,
): JSX.Element {
  const { href: target, children, ...rest } = props;
  const onClick = (event: MouseEvent) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(target);
  };
  return h('a', { ...rest, href: target, onClick }, children);
}
