import type { JSX } from 'preact';

/** The startup view: a placeholder naming its route until the reports views replace it. */
export function StartupView(props: { params: URLSearchParams }): JSX.Element {
  const query = props.params.toString();
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title">Startup</h1>
      <p>{`/startup${query === '' ? '' : `?${query}`}`}</p>
    </section>
  );
}
