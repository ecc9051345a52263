import type { JSX } from 'preact';

/** The restarts view: a placeholder naming its route until the reports views replace it. */
export function RestartsView(props: { params: URLSearchParams }): JSX.Element {
  const query = props.params.toString();
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title">Restarts</h1>
      <p>{`/restarts${query === '' ? '' : `?${query}`}`}</p>
    </section>
  );
}
