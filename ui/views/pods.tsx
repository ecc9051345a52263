import type { JSX } from 'preact';

/** The pods view: a placeholder naming its route until the reports views replace it. */
export function PodsView(props: { params: URLSearchParams }): JSX.Element {
  const query = props.params.toString();
  return (
    <section aria-labelledby="view-title">
      <h1 id="view-title">Pods</h1>
      <p>{`/pods${query === '' ? '' : `?${query}`}`}</p>
    </section>
  );
}
