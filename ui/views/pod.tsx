import type { JSX } from 'preact';

/** The pod view: a placeholder naming its route until the reports views replace it. */
export function PodView(props: { params: URLSearchParams }): JSX.Element {
  const query = props.params.toString();
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title">Pod</h1>
      <p>{`/pod${query === '' ? '' : `?${query}`}`}</p>
    </section>
  );
}
