import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { storedToken } from './api.js';
import { timeZoneOf } from './format.js';
import { href, Link, type Route, updateParams, useRoute, type ViewName } from './router.js';
import { Empty, TokenScreen } from './states.js';
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
