import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { incarnationLabel } from '../../cli/render-timeline.js';
import { watchLines } from '../../cli/timeline-table.js';
import { buildSwimLanes } from '../../functions/domain/timeline-lanes.js';
import { eventMarks } from '../charts/event-marks.js';
import { formatTime, timeZoneOf } from '../format.js';
import { cliCommands } from '../pod/cli-commands.js';
import { CopyAsCli } from '../pod/copy-as-cli.js';
import { DescribePanel } from '../pod/describe-panel.js';
import { EventsPanel } from '../pod/events-panel.js';
import { LanesPanel } from '../pod/lanes-panel.js';
import { RowsPanel } from '../pod/rows-panel.js';
import { type Incarnation, loadTimeline, nearestRow, type PodTimeline, rowAt } from '../pod/timeline-data.js';
import { clampWindow } from '../pod/zoom.js';
import { href, Link, updateParams } from '../router.js';
import { Empty, ErrorState, Loading } from '../states.js';
import { useLoad } from '../use-api.js';

/**
 * A pod's life: `/pod?cluster=C&ns=N&name=P[&uid=U][&at=T][&from=T&to=T][&wide=1][&tz=local]`.
 * Every incarnation (one shown at a time), its swim lanes above its `kubectl get po -w` rows,
 * linked both ways; describe as of the selected moment; its events; the CLI commands for all that.
 * Everything that makes the view is in the URL, so a reload or a shared link shows the same.
 */
export function PodView(props: { params: URLSearchParams }): JSX.Element {
  const p = props.params;
  const cluster = p.get('cluster') ?? '';
  const namespace = p.get('ns') ?? undefined;
  const name = p.get('name') ?? undefined;
  const uidParam = p.get('uid') ?? undefined;
  const named = cluster !== '' && (name !== undefined || uidParam !== undefined);
  // The key names the pod; zoom, selection and zone changes reuse the loaded timeline.
  const state = useLoad(
    `${cluster}|${namespace}|${name}|${name === undefined ? uidParam : ''}`,
    named
      ? async () => {
          const data = await loadTimeline({ cluster, namespace, name, uid: uidParam });
          performance.mark('podtrail:pod-data');
          return data;
        }
      : undefined,
  );

  if (!named)
    return (
      <Empty title="Which pod?">
        <p>
          A pod page needs <code>cluster</code> and <code>ns</code> + <code>name</code> (or <code>uid</code>).
          Find the pod on the <Link href={href('pods')}>pods</Link> page.
        </p>
      </Empty>
    );
  if (state.status === 'loading')
    return <Loading what={`the timeline of ${namespace ?? 'default'}/${name ?? uidParam}`} />;
  if (state.status === 'error') return <ErrorState error={state.error} />;
  const { data } = state;
  if (data.incarnations.length === 0)
    return (
      <Empty title="Nothing recorded">
        <p>
          No timeline is recorded for pod {namespace ?? 'default'}/{name ?? uidParam} in cluster "{cluster}".
          Check the cluster and namespace, or whether the pod is older than the retention. Search on the{' '}
          <Link href={href('pods', { cluster })}>pods</Link> page.
        </p>
      </Empty>
    );
  const chosen = chooseIncarnation(data.incarnations, uidParam, p.get('at') ?? undefined);
  return <PodLife key={chosen.pod.uid} timeline={data} incarnation={chosen} params={p} />;
}

function PodLife(props: {
  timeline: PodTimeline;
  incarnation: Incarnation;
  params: URLSearchParams;
}): JSX.Element {
  const { timeline, incarnation, params } = props;
  const { pod, entries } = incarnation;
  const tz = timeZoneOf(params);
  const wide = params.get('wide') === '1';
  const at = params.get('at') ?? undefined;
  const atMs = at === undefined ? undefined : Date.parse(at);
  const [hovered, setHovered] = useState<number | undefined>(undefined);

  const model = useMemo(
    () => buildSwimLanes(entries, Date.parse(pod.endedAt ?? pod.lastSeenAt)),
    [entries, pod],
  );
  const marks = useMemo(() => eventMarks(incarnation.events), [incarnation.events]);
  const lines = useMemo(() => watchLines(entries, { wide, noHeaders: false }), [entries, wide]);
  const whole = { start: model.start, end: model.end };
  const from = Date.parse(params.get('from') ?? '');
  const to = Date.parse(params.get('to') ?? '');
  const window =
    Number.isNaN(from) || Number.isNaN(to) || to <= from
      ? whole
      : clampWindow({ start: from, end: to }, whole);
  const selected = atMs === undefined || Number.isNaN(atMs) ? undefined : rowAt(entries, atMs);

  useEffect(() => {
    performance.mark('podtrail:pod-ready');
    document.getElementById('pod-page')?.setAttribute('data-ready', 'true');
  }, []);

  const select = (index: number) => updateParams({ at: entries[index]?.observedAt });
  // The rows change only with the selection or the format: hovering (which redraws the lanes'
  // cursor) must not diff thousands of rows again; Preact skips a vnode it has already rendered.
  const rowsPanel = useMemo(
    () => (
      <RowsPanel
        label={`kubectl get po -w rows of uid ${pod.uid}`}
        header={lines.header}
        lines={lines.rows}
        entries={entries}
        selected={selected}
        onSelect={select}
        onHover={setHovered}
        onActivate={() => document.getElementById('describe-text')?.focus()}
      />
    ),
    [lines, entries, selected],
  );
  const label = incarnationLabel(pod);
  return (
    <div id="pod-page" class="pod-page">
      <h1>
        {pod.namespace}/{pod.name}
      </h1>
      <p class="meta">
        cluster {timeline.cluster} · {pod.workload.kind} {pod.workload.name} · {entries.length} rows
        {timeline.truncated ? ' (the first 10,000 recorded)' : ''} · times in the rows are UTC, as the CLI
        prints them
      </p>
      {timeline.incarnations.length > 1 && (
        <nav aria-label="Incarnations">
          <ul class="incarnations">
            {timeline.incarnations.map((inc) => (
              <li key={inc.pod.uid}>
                <button
                  type="button"
                  aria-pressed={inc.pod.uid === pod.uid}
                  aria-label={`Incarnation ${incarnationLabel(inc.pod).slice(2)}`}
                  onClick={() =>
                    updateParams(
                      { uid: inc.pod.uid, at: undefined, from: undefined, to: undefined },
                      { push: true },
                    )
                  }
                >
                  uid {inc.pod.uid.slice(0, 8)} · {formatTime(inc.pod.firstSeenAt, tz)}
                  {inc.pod.endedAt === undefined ? ' · live' : ` · ${inc.pod.endedBy ?? 'ended'}`}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <p class="mono incarnation-label">{label}</p>
      <LanesPanel
        model={model}
        events={marks}
        label={`swim lanes of ${pod.namespace}/${pod.name} (uid ${pod.uid})`}
        window={window}
        tz={tz}
        selectedAt={selected === undefined ? undefined : Date.parse(entries[selected]!.observedAt)}
        hoverAt={hovered === undefined ? undefined : Date.parse(entries[hovered]!.observedAt)}
        onWindow={(w) =>
          updateParams({
            from: w === undefined ? undefined : new Date(w.start).toISOString(),
            to: w === undefined ? undefined : new Date(w.end).toISOString(),
          })
        }
        onPick={(t) => select(nearestRow(entries, t))}
      />
      <div class="toolbar">
        <button
          type="button"
          aria-pressed={wide}
          aria-label="Wide rows (-o wide: IP, NODE, CHANGE)"
          onClick={() => updateParams({ wide: wide ? undefined : '1' })}
        >
          -o wide
        </button>
        <button
          type="button"
          aria-label="Clear the selected moment"
          disabled={at === undefined}
          onClick={() => updateParams({ at: undefined })}
        >
          Clear selection
        </button>
      </div>
      {rowsPanel}
      <div class="split">
        <DescribePanel
          cluster={timeline.cluster}
          namespace={pod.namespace}
          name={pod.name}
          uid={pod.uid}
          at={at}
          tz={tz}
        />
        <EventsPanel events={incarnation.events} />
      </div>
      <CopyAsCli
        commands={cliCommands({
          cluster: timeline.cluster,
          namespace: pod.namespace,
          name: pod.name,
          uid: pod.uid,
          wide,
          at,
          utc: tz === 'utc',
        })}
      />
    </div>
  );
}

/**
 * The incarnation a link means: its uid; else the one alive at `at` (a report's drill-down names a
 * moment, not always a uid), the newest first seen by then; else the newest.
 */
function chooseIncarnation(
  incarnations: readonly Incarnation[],
  uid: string | undefined,
  at: string | undefined,
): Incarnation {
  const byUid = incarnations.find((inc) => inc.pod.uid === uid);
  if (byUid !== undefined) return byUid;
  const t = at === undefined ? Number.NaN : Date.parse(at);
  const seen = Number.isNaN(t) ? [] : incarnations.filter((inc) => Date.parse(inc.pod.firstSeenAt) <= t);
  return seen[seen.length - 1] ?? incarnations[incarnations.length - 1]!;
}
