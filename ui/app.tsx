import type { ComponentChildren, JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { type ApiError, storedToken } from './api.js';
import { timeZoneOf } from './format.js';
import { href, Link, type Route, updateParams, useRoute, type ViewName } from './router.js';
import { FleetView } from './views/fleet.js';
import { PodView } from './views/pod.js';
import { PodsView } from './views/pods.js';
import { RestartsView } from './views/restarts.js';
import { StartupView } from './views/startup.js';

const VIEWS: Readonly<Record<ViewName, (props: { params: URLSearchParams }) => JSX.Element>> = {
  fleet: FleetView,
  pods: PodsView,
  pod: PodView,
  restarts: RestartsView,
  startup: StartupView,
};

const TITLES: Readonly<Record<ViewName, string>> = {
  fleet: 'Fleet',
  pods: 'Pods',
  pod: 'Pod',
  restarts: 'Restarts',
  startup: 'Startup',
};

const NAV: readonly ViewName[] = ['fleet', 'pods', 'restarts', 'startup'];

/** The shell: header navigation, the time zone toggle, and the view the URL names. */
export function App(): JSX.Element {
  const route = useRoute();
  useEffect(() => {
    document.title = route.view === undefined ? 'podtrail' : `${TITLES[route.view]} · podtrail`;
  }, [route.view]);
  return (
    <>
      <Header route={route} />
      <main id="main" tabIndex={-1}>
        {storedToken() === undefined ? <TokenScreen /> : <CurrentView route={route} />}
      </main>
    </>
  );
}

function CurrentView(props: { route: Route }): JSX.Element {
  const { view, params } = props.route;
  if (view === undefined)
    return (
      <Empty title="No such page">
        <p>
          <code>{props.route.path}</code> is not a page of podtrail. Start from the{' '}
          <Link href={href('fleet')}>fleet</Link>.
        </p>
      </Empty>
    );
  const View = VIEWS[view];
  return <View key={view} params={params} />;
}

function Header(props: { route: Route }): JSX.Element {
  const tz = timeZoneOf(props.route.params);
  return (
    <header class="top">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <span class="brand">podtrail</span>
      <nav aria-label="Views">
        <ul>
          {NAV.map((view) => (
            <li key={view}>
              <Link
                href={href(view)}
                aria-current={
                  props.route.view === view || (view === 'pods' && props.route.view === 'pod')
                    ? 'page'
                    : undefined
                }
              >
                {TITLES[view]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <button
        type="button"
        class="tz"
        aria-pressed={tz === 'local'}
        aria-label={`Time zone: ${tz === 'utc' ? 'UTC' : 'local'} (switch to ${tz === 'utc' ? 'local time' : 'UTC'})`}
        onClick={() => updateParams({ tz: tz === 'utc' ? 'local' : undefined })}
      >
        {tz === 'utc' ? 'UTC' : 'Local time'}
      </button>
    </header>
  );
}

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

/** An API failure in words, with the one thing to do about it; 401 shows the token screen. */
export function ErrorState(props: { error: ApiError }): JSX.Element {
  const { error } = props;
  if (error.status === 401) return <TokenScreen />;
  return (
    <section class="state error" role="alert" aria-label="Error">
      <h2>{errorTitle(error)}</h2>
      <p>{error.message}</p>
      {errorAdvice(error)}
    </section>
  );
}

function errorTitle(error: ApiError): string {
  if (error.status === 0) return 'The podtrail server does not answer';
  if (error.status === 400) return 'The request was not valid';
  if (error.status === 404) return 'Not found';
  if (error.status === 422) return 'Too much to read at once';
  if (error.status === 502 || error.status === 503 || error.status === 504)
    return 'The endpoint is unavailable';
  return `The server answered ${error.status}`;
}

function errorAdvice(error: ApiError): JSX.Element | null {
  if (error.status === 0)
    return (
      <p>
        Start it again (<code>npm start</code>, <code>podtrail serve</code> or <code>podtrail ui</code>) and
        open the link it prints.
      </p>
    );
  if (error.status === 422) return <p>Narrow the window or pick one cluster.</p>;
  if (error.status === 503) return <p>The store is busy or unreachable; try again in a moment.</p>;
  return null;
}
