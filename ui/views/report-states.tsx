import type { JSX } from 'preact';
import { Link } from '../router.js';
import { type ClusterList, type TimeWindow, WindowLine, withParams } from './report-kit.js';

/**
 * The report views' empty state: it says what may be wrong and the one thing to do about it (a
 * cluster name, the window, the retention). Loading and errors: ../states.tsx, shared by every view.
 */

/**
 * Nothing in the answer, and why that may be: the URL's cluster that never reported (the known ones listed,
 * each a link to the same view for it), a window with no activity, records past the retention.
 */
export function EmptyState(props: {
  title: string;
  /** The window that was read, shown above the state. */
  window?: TimeWindow | undefined;
  path: string;
  params: URLSearchParams;
  clusters: ClusterList | undefined;
  namespace?: boolean;
  widerSince?: string;
}): JSX.Element {
  const known = props.clusters?.clusters.map((c) => c.cluster) ?? [];
  // The cluster the URL names, when no recorded cluster has that name.
  const cluster = props.params.get('cluster') ?? undefined;
  const unknownCluster = cluster !== undefined && !known.includes(cluster);
  return (
    <>
      {props.window !== undefined && <WindowLine window={props.window} params={props.params} />}
      <section class="state empty" aria-label={props.title}>
        <h2>{props.title}</h2>
        <ul>
          {unknownCluster && (
            <li>
              Cluster <code>{cluster}</code> has never reported here.{' '}
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
          {props.namespace === true && (
            <li>A wrong namespace: clear the namespace field to see every one.</li>
          )}
          {props.widerSince !== undefined && (
            <li>
              A window with no activity: try a{' '}
              <Link
                href={withParams(props.path, props.params, { since: props.widerSince, until: undefined })}
              >
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
    </>
  );
}
