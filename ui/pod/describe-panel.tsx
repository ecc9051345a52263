import type { JSX } from 'preact';
import { type Described, describePod, encodeDescribeText } from '../../functions/domain/describe/index.js';
import { toSecond } from '../../functions/domain/timeline-rows.js';
import { formatTime, type TimeZoneChoice, zoneName } from '../format.js';
import { ErrorState, Loading } from '../states.js';
import { useApi } from '../use-api.js';

/**
 * `kubectl describe pod` as of the selected moment: /v1/describe printed by the same code as
 * `podtrail describe --at` (ages as of that moment, absolute times in the page's zone).
 */
export function DescribePanel(props: {
  cluster: string;
  namespace: string;
  name: string;
  uid: string;
  at: string | undefined;
  tz: TimeZoneChoice;
}): JSX.Element {
  const state = useApi<Described>('/v1/describe', {
    cluster: props.cluster,
    namespace: props.namespace,
    name: props.name,
    uid: props.uid,
    at: props.at,
  });
  return (
    <section class="panel describe" aria-labelledby="describe-title">
      <h2 id="describe-title">
        describe {props.at === undefined ? 'at the end of this incarnation' : `at ${toSecond(props.at)}`}
      </h2>
      {state.status === 'loading' && <Loading what="describe" />}
      {state.status === 'error' && <ErrorState error={state.error} />}
      {state.status === 'done' && <DescribeText described={state.data} tz={props.tz} />}
    </section>
  );
}

function DescribeText(props: { described: Described; tz: TimeZoneChoice }): JSX.Element {
  const { described } = props;
  if (described.pod === undefined) {
    const summary = described.incarnations.find((p) => p.uid === described.uid);
    return (
      <p>
        Not recorded yet at {formatTime(described.at, props.tz)}: uid {described.uid} was first seen at{' '}
        {toSecond(summary?.firstSeenAt ?? '')}.
      </p>
    );
  }
  // The printer's text holds raw bytes as code points (Go strings); decode them as a terminal would.
  const text = new TextDecoder().decode(
    encodeDescribeText(
      describePod(described.pod, described.events, {
        now: Date.parse(described.at),
        timeZone: zoneName(props.tz),
      }),
    ),
  );
  return (
    <pre
      id="describe-text"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the describe text scrolls; keyboard users scroll it when focused
      tabIndex={0}
      data-at={described.at}
    >
      {text}
    </pre>
  );
}
