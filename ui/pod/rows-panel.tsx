import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { TimelineEntry } from '../../functions/domain/model.js';

/**
 * The `kubectl get po -w` rows as the CLI prints them, one option per row: a click or Enter selects
 * the row's moment, ↑/↓ (Home/End, PageUp/PageDown) move the selection, hovering shows the moment
 * on the lanes.
 */
export function RowsPanel(props: {
  label: string;
  header: string | undefined;
  lines: readonly string[];
  entries: readonly TimelineEntry[];
  selected: number | undefined;
  onSelect: (index: number) => void;
  onHover: (index: number | undefined) => void;
  onActivate: () => void;
}): JSX.Element {
  const list = useRef<HTMLOListElement>(null);
  const { selected } = props;
  useEffect(() => {
    if (selected === undefined) return;
    const row = list.current?.querySelector<HTMLElement>(`#row-${selected}`);
    row?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const last = props.lines.length - 1;
  const onKeyDown = (event: KeyboardEvent) => {
    const current = selected ?? -1;
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current < 0 ? last : current - 1,
      Home: 0,
      End: last,
      PageDown: current + 10,
      PageUp: current - 10,
    };
    if (event.key === 'Enter') {
      event.preventDefault();
      if (selected === undefined) props.onSelect(0);
      else props.onActivate();
      return;
    }
    const target = moves[event.key];
    if (target === undefined || last < 0) return;
    event.preventDefault();
    props.onSelect(Math.min(last, Math.max(0, target)));
  };
  return (
    <section class="rows" aria-label={props.label}>
      {props.header !== undefined && (
        <div class="mono header-line" aria-hidden="true">
          {props.header}
        </div>
      )}
      {/* biome-ignore lint/a11y/useKeyWithMouseEvents: hovering only previews a row's moment; the keys select rows (↑ ↓ Enter) */}
      <ol
        ref={list}
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a single-select listbox of the rows, keyed by aria-activedescendant
        role="listbox"
        tabIndex={0}
        aria-label={`${props.label}: ↑ ↓ select a row, Enter shows describe`}
        aria-activedescendant={selected === undefined ? undefined : `row-${selected}`}
        onKeyDown={onKeyDown}
        // One listener for all rows (delegation): a 10,000-row list would otherwise attach 20,000.
        onClick={(event) => {
          const index = rowIndex(event.target);
          if (index !== undefined) props.onSelect(index);
        }}
        onMouseOver={(event) => props.onHover(rowIndex(event.target))}
        onMouseLeave={() => props.onHover(undefined)}
      >
        {props.lines.map((line, i) => {
          const kind = props.entries[i]?.kind;
          const note = kind === 'deleted' || kind === 'vanished' || kind === 'gap';
          return (
            // biome-ignore lint/a11y/useFocusableInteractive: options of an aria-activedescendant listbox are not focused themselves
            <li
              key={i}
              id={`row-${i}`}
              // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a row is an option of the rows listbox
              role="option"
              aria-selected={selected === i}
              class={note ? 'note' : undefined}
              data-at={props.entries[i]?.observedAt}
              data-index={i}
            >
              {line}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function rowIndex(target: EventTarget | null): number | undefined {
  const row = target instanceof Element ? target.closest('li[data-index]') : null;
  const index = Number(row?.getAttribute('data-index'));
  return row === null || Number.isNaN(index) ? undefined : index;
}
