import type { JSX } from 'preact';

/** The fleet view: a placeholder naming its route until the reports views replace it. */
export function FleetView(props: { params: URLSearchParams }): JSX.Element {
  const query = props.params.toString();
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title">Fleet</h1>
      <p>{`/${query === '' ? '' : `?${query}`}`}</p>
    </section>
  );
}
