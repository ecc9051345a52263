import type { ComponentChildren, JSX } from 'preact';
import { navigate } from '../router.js';
import { ErrorState, Loading } from '../states.js';
import type { ApiState } from '../use-api.js';
import { formParams, WindowFields, withParams } from './report-kit.js';

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

/**
 * A report's filters: the view's own fields (`children`), then the window fields and the submit
 * button. Submitting navigates to `path` with the fields in the URL, plus what `changes` adds from
 * them. Keyed by the URL, so back and forward show the fields the URL holds.
 */
export function FilterForm(props: {
  label: string;
  path: string;
  params: URLSearchParams;
  defaultSince: string;
  submit: string;
  changes?: (fields: Record<string, string | undefined>) => Record<string, string | undefined>;
  children: ComponentChildren;
}): JSX.Element {
  const { params } = props;
  return (
    <form
      class="filters"
      aria-label={props.label}
      key={params.toString()}
      onSubmit={(event) => {
        event.preventDefault();
        const fields = formParams(event.currentTarget);
        navigate(withParams(props.path, params, { ...fields, ...props.changes?.(fields) }));
      }}
    >
      {props.children}
      <WindowFields params={params} defaultSince={props.defaultSince} />
      <button type="submit">{props.submit}</button>
    </form>
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
