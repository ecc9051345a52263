import type { JSX } from 'preact';
import { apiGet } from '../api.js';
import { formatTime, timeZoneOf } from '../format.js';

/**
 * What the four report views (fleet, pods, restarts, startup) share: paged reads, times in the
 * chosen zone, the window fields, and their URLs (loading is ../use-api.ts, the states are in
 * report-states.tsx). Views keep every choice in the URL, so a reload or a shared link restores them.
 */

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

/** A report read together with the cluster list, which its empty state names. */
export async function withClusters<T>(read: Promise<T>): Promise<{ report: T; clusters: ClusterList }> {
  const [report, clusters] = await Promise.all([read, getClusters()]);
  return { report, clusters };
}

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
