import type { ComponentChildren, JSX } from 'preact';
import type { ApiError } from '../api.js';
import { Link } from '../router.js';
import { type ClusterList, withParams } from './report-kit.js';

/**
 * The report views' loading, empty and error states: each says what may be wrong and the one thing
 * to do about it (a cluster name, the window, the retention, the server, the endpoint, the AWS session).
 */

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
