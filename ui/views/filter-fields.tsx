import type { ComponentChildren, JSX } from 'preact';
import { navigate } from '../router.js';
import { formParams, WindowFields, withParams } from './report-kit.js';

/** The report views' filter form and the fields more than one of them has; every value lives in the URL. */

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

/** One checkbox per key a report can group by, checked for the keys in use. */
export function GroupByField<K extends string>(props: {
  keys: readonly K[];
  checked: readonly string[];
  label?: (key: K) => string;
}): JSX.Element {
  return (
    <fieldset>
      <legend>Group by</legend>
      {props.keys.map((key) => (
        <label key={key}>
          <input type="checkbox" name="groupBy" value={key} defaultChecked={props.checked.includes(key)} />{' '}
          {props.label?.(key) ?? key}
        </label>
      ))}
    </fieldset>
  );
}

/** A count field (`top`, `limit`): `fallback` is what the report uses when the URL has none. */
export function CountField(props: {
  label: string;
  name: string;
  min: number;
  fallback: string;
  params: URLSearchParams;
}): JSX.Element {
  return (
    <label>
      {props.label}{' '}
      <input
        name={props.name}
        type="number"
        min={props.min}
        max={1000}
        size={5}
        defaultValue={props.params.get(props.name) ?? props.fallback}
      />
    </label>
  );
}

/** An opt-in switch (`warnings`, `pulls`): `name=true` in the URL when checked. */
export function SwitchField(props: {
  name: string;
  params: URLSearchParams;
  children: ComponentChildren;
}): JSX.Element {
  return (
    <label>
      <input
        type="checkbox"
        name={props.name}
        value="true"
        defaultChecked={props.params.get(props.name) === 'true'}
      />{' '}
      {props.children}
    </label>
  );
}
