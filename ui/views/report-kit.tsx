import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, apiGet } from '../api.js';
import { formatTime, timeZoneOf } from '../format.js';
import { Link } from '../router.js';

/**
 * What the four report views (fleet, pods, restarts, startup) share: loading several API calls as
 * one, times in the chosen zone, the window fields, and the empty and error states that say what
 * to do next. Views keep every choice in the URL, so a reload or a shared link restores them.
 */

export type Load<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'done'; readonly data: T }
  | { readonly status: 'error'; readonly error: ApiError };

/**
 * Runs `load` whenever `key` changes (the caller builds the key from everything the load reads);
 * an answer that arrives after the key changed again is dropped.
 */
export function useLoad<T>(key: string, load: () => Promise<T>): Load<T> {
  const [state, setState] = useState<{ key: string; value: Load<T> }>({ key, value: { status: 'loading' } });
  useEffect(() => {
    let current = true;
    setState({ key, value: { status: 'loading' } });
    load().then(
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
  }, [key]);
  return state.key === key ? state.value : { status: 'loading' };
}

/** A paged route read to the end, or until `max` items (the rest is reported as cut). */
export async function getAllPages<T>(
  route: string,
  params: Record<string, string | undefined>,
  field: string,
  max: number,
): Promise<{ items: T[]; cut: boolean; window?: TimeWindow }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let window: TimeWindow | undefined;
  do {
    const page = await apiGet<Record<string, unknown> & { next?: string; window?: TimeWindow }>(route, {
      ...params,
      cursor,
    });
    window ??= page.window;
    items.push(...((page[field] as T[] | undefined) ?? []));
    cursor = page.next;
  } while (cursor !== undefined && items.length < max);
  return { items, cut: cursor !== undefined, ...(window === undefined ? {} : { window }) };
}

export interface TimeWindow {
  readonly since: string;
  readonly until: string;
}

export interface ClusterList {
  readonly retentionDays: number;
  readonly staleAfterMs: number;
  readonly clusters: readonly {
    readonly cluster: string;
    readonly stale: boolean;
    readonly livePods: number;
    readonly lastEventAt?: string;
    readonly lastSyncAt?: string;
    readonly agent?: { readonly id: string; readonly version: string };
    readonly gaps: readonly { readonly since: string; readonly reportedAt: string }[];
  }[];
}

export const getClusters = (): Promise<ClusterList> => apiGet<ClusterList>('/v1/clusters', {});

/** A time in the zone the URL chose (`tz=local`, else UTC), machine-readable in `datetime`. */
export function Time(props: { at: string | undefined; params: URLSearchParams }): JSX.Element {
  if (props.at === undefined) return <span>-</span>;
  return <time dateTime={props.at}>{formatTime(props.at, timeZoneOf(props.params))}</time>;
}

/** The params of the current view with some changed (undefined removes one): the href of that view. */
export function withParams(
  path: string,
  params: URLSearchParams,
  changes: Record<string, string | undefined>,
): string {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, value);
  }
  const qs = next.toString();
  return `${path}${qs === '' ? '' : `?${qs}`}`;
}

/** Reads a submitted form's fields as URL parameters (empty fields dropped). */
export function formParams(form: HTMLFormElement): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  // A repeated name (checkboxes) joins its values with commas, as groupBy takes them.
  new FormData(form).forEach((value, key) => {
    if (typeof value !== 'string') return;
    const trimmed = value.trim();
    if (!(key in out)) out[key] = undefined;
    if (trimmed !== '') out[key] = out[key] === undefined ? trimmed : `${out[key]},${trimmed}`;
  });
  return out;
}

/** The window fields every report has: the same forms the API and the CLI's --since/--until take. */
export function WindowFields(props: { params: URLSearchParams; defaultSince: string }): JSX.Element {
  return (
    <>
      <label>
        Since{' '}
        <input
          name="since"
          size={22}
          placeholder={props.defaultSince}
          defaultValue={props.params.get('since') ?? ''}
          aria-describedby="window-help"
        />
      </label>
      <label>
        Until{' '}
        <input
          name="until"
          size={22}
          placeholder="now"
          defaultValue={props.params.get('until') ?? ''}
          aria-describedby="window-help"
        />
      </label>
      <span id="window-help" class="help">
        RFC 3339 (2026-11-23T10:00:00Z) or a duration before now (2h, 7d)
      </span>
    </>
  );
}

export function WindowLine(props: { window: TimeWindow; params: URLSearchParams }): JSX.Element {
  return (
    <p class="window">
      From <Time at={props.window.since} params={props.params} /> to{' '}
      <Time at={props.window.until} params={props.params} />
    </p>
  );
}

export function Loading(props: { what: string }): JSX.Element {
  return (
    <p class="loading" role="status">
      Loading {props.what}…
    </p>
  );
}

/**
 * Nothing in the answer, and why that may be: a cluster that never reported (the known ones listed,
 * each a link to the same view for it), a window with no activity, records past the retention.
 */
export function EmptyState(props: {
  title: string;
  path: string;
  params: URLSearchParams;
  clusters: ClusterList | undefined;
  cluster?: string | undefined;
  namespace?: boolean;
  widerSince?: string;
}): JSX.Element {
  const known = props.clusters?.clusters.map((c) => c.cluster) ?? [];
  const unknownCluster = props.cluster !== undefined && !known.includes(props.cluster);
  return (
    <section class="state empty" aria-label={props.title}>
      <h2>{props.title}</h2>
      <ul>
        {unknownCluster && (
          <li>
            Cluster <code>{props.cluster}</code> has never reported here.{' '}
            {known.length === 0 ? (
              'No cluster has reported yet: is an agent running and pointed at the ingest URL?'
            ) : (
              <>
                Recorded clusters:{' '}
                {known.map((c, i) => (
                  <span key={c}>
                    {i > 0 && ', '}
                    <Link href={withParams(props.path, props.params, { cluster: c })}>{c}</Link>
                  </span>
                ))}
              </>
            )}
          </li>
        )}
        {props.namespace === true && <li>A wrong namespace: clear the namespace field to see every one.</li>}
        {props.widerSince !== undefined && (
          <li>
            A window with no activity: try a{' '}
            <Link href={withParams(props.path, props.params, { since: props.widerSince, until: undefined })}>
              wider window (since {props.widerSince})
            </Link>
            .
          </li>
        )}
        <li>
          Records older than the retention ({props.clusters?.retentionDays ?? 30} days) are gone: a window
          before that finds nothing.
        </li>
      </ul>
    </section>
  );
}

/** The one command in an error message, e.g. "run `aws sso login --profile dev`" → that command. */
function commandIn(message: string): string | undefined {
  return /["`](aws [^"`]+)["`]/.exec(message)?.[1] ?? /\brun (aws [^;.,]+)/.exec(message)?.[1];
}

/** `podtrail ui` answers `aws_credentials` (503) when the default chain fails; its message names the fix. */
const isAwsSession = (error: ApiError) =>
  error.code === 'aws_credentials' ||
  /ExpiredToken|security token .*expired|aws sso login/i.test(error.message);

/** An API failure in words, with the one thing to do about it. */
export function ErrorState(props: { error: ApiError; retry?: () => void }): JSX.Element {
  const { error } = props;
  const command = commandIn(error.message);
  let title: string;
  let advice: ComponentChildren;
  if (error.status === 0) {
    title = 'The podtrail server does not answer';
    advice = (
      <p>
        Is it still running? Start it again (<code>npm start</code>, <code>podtrail serve</code>, or{' '}
        <code>podtrail ui --endpoint QUERY_URL</code>) and open the link it prints.
      </p>
    );
  } else if (error.status === 401) {
    title = 'This page has no valid token';
    advice = (
      <p>
        Open the link the server printed (<code>UI: http://127.0.0.1:…/#token=…</code>); a restarted server
        has a new one.
      </p>
    );
  } else if (isAwsSession(error)) {
    title = 'Your AWS session has expired';
    advice = (
      <p>
        Run <code>{command ?? 'aws sso login'}</code>, then reload this page.
      </p>
    );
  } else if (error.status === 400) {
    title = 'The request was not valid';
    advice = <p>Correct the field the message names, then apply again.</p>;
  } else if (error.status === 422) {
    title = 'Too much to read at once';
    advice = <p>Narrow the window or pick one cluster.</p>;
  } else if (error.code === 'endpoint_down' || error.status === 502 || error.status === 504) {
    title = 'The query endpoint does not answer';
    advice = (
      <p>
        <code>podtrail ui</code> could not reach its endpoint. Check the <code>--endpoint</code> it was
        started with (or <code>PODTRAIL_ENDPOINT</code>), that the stack is deployed (
        <code>npx cdk deploy</code>), then try again.
      </p>
    );
  } else if (error.status === 503) {
    title = 'The endpoint is unavailable';
    advice = (
      <p>
        The store is busy or unreachable (throttled, or the emulator behind <code>podtrail serve</code>{' '}
        stopped); try again in a moment.
      </p>
    );
  } else {
    title = `The server answered ${error.status}`;
    advice = null;
  }
  return (
    <section class="state error" role="alert" aria-label={title}>
      <h2>{title}</h2>
      <p class="message">{error.message}</p>
      {advice}
      <button type="button" onClick={props.retry ?? (() => location.reload())}>
        Try again
      </button>
    </section>
  );
}
