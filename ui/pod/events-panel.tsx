import type { JSX } from 'preact';
import { eventLine } from '../../cli/timeline-table.js';
import { type RecordedEvent, versionTime } from '../../functions/domain/pod-event.js';

/** The incarnation's recorded Events, every version, as `podtrail timeline --events` prints them. */
export function EventsPanel(props: { events: readonly RecordedEvent[] }): JSX.Element {
  return (
    <section class="panel events" aria-labelledby="events-title">
      <h2 id="events-title">Events ({props.events.length})</h2>
      {props.events.length === 0 ? (
        <p>No Kubernetes Events were recorded for this incarnation.</p>
      ) : (
        <pre id="events-text">
          {props.events
            .flatMap((e) => e.versions)
            .map((v) => ({ at: versionTime(v), line: eventLine(v.event, versionTime(v)) }))
            .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
            .map((v) => v.line)
            .join('\n')}
        </pre>
      )}
    </section>
  );
}
