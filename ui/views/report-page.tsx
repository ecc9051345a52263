import type { ComponentChildren, JSX } from 'preact';
import { ErrorState, Loading } from '../states.js';
import type { ApiState } from '../use-api.js';

/**
 * A report view's frame: its title and filters, then its load's state (loading, the error with its
 * advice, or the report drawn from the data). The `view-title` id names the page for screen readers.
 */
export function ReportPage<T>(props: {
  view: string;
  title: string;
  filters: ComponentChildren;
  /** What is loading, as in "Loading the fleet…". */
  what: string;
  state: ApiState<T>;
  children: (data: T) => ComponentChildren;
}): JSX.Element {
  const { state } = props;
  return (
    <section class={`report ${props.view}`} aria-labelledby="view-title">
      <h1 id="view-title">{props.title}</h1>
      {props.filters}
      {state.status === 'loading' && <Loading what={props.what} />}
      {state.status === 'error' && <ErrorState error={state.error} />}
      {state.status === 'done' && props.children(state.data)}
    </section>
  );
}

/** A list table's column heads, in order (each name once per table); `children` add heads after them. */
export function ListHead(props: { columns: readonly string[]; children?: ComponentChildren }): JSX.Element {
  return (
    <thead>
      <tr>
        {props.columns.map((column) => (
          <th scope="col" key={column}>
            {column}
          </th>
        ))}
        {props.children}
      </tr>
    </thead>
  );
}
