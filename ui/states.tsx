import type { ComponentChildren, JSX } from 'preact';
import type { ApiError } from './api.js';

/** The page states every view shares: no token, empty, loading, an API failure. */

/** What a page without a valid token shows: where the link with the token comes from. */
export function TokenScreen(): JSX.Element {
  return (
    <section class="state" aria-labelledby="token-title">
      <h1 id="token-title">Open podtrail from the link it printed</h1>
      <p>
        This page needs the token that the server made when it started; it is in the link the server printed,
        after <code>#token=</code>. Links you share never carry it.
      </p>
      <ul>
        <li>
          Local mode: <code>npm start</code> or <code>podtrail serve</code> prints{' '}
          <code>UI: http://127.0.0.1:7878/#token=…</code>
        </li>
        <li>
          A deployed stack: <code>podtrail ui</code> prints <code>UI: http://127.0.0.1:7879/#token=…</code>
        </li>
      </ul>
      <p>A server that was restarted has a new token: open its new link, then come back to this page.</p>
    </section>
  );
}

export function Empty(props: { title: string; children?: ComponentChildren }): JSX.Element {
  return (
    <section class="state empty" aria-label={props.title}>
      <h2>{props.title}</h2>
      {props.children}
    </section>
  );
}

export function Loading(props: { what: string }): JSX.Element {
  return (
    <p class="loading" role="status">
      Loading {props.what}…
    </p>
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
  if (error.status === 401) return <TokenScreen />;
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
