import type { JSX } from 'preact';
import { timestampSince } from '../../functions/domain/human-duration.js';
import type { PodSummary } from '../../functions/domain/model.js';
import type { RestartReport } from '../../functions/domain/report-restarts.js';
import { ApiError, apiGet, asApiError } from '../api.js';
import { DayBars } from '../charts/day-bars.js';
import { timeZoneOf } from '../format.js';
import { href, Link, navigate } from '../router.js';
import { ErrorState } from '../states.js';
import { useLoad } from '../use-api.js';
import { isBadStatus } from './bad-status.js';
import { PodNameCells, PodStateCells } from './pod-cells.js';
import { dayBuckets } from './report-days.js';
import {
  type ClusterList,
  formParams,
  getAllPages,
  getClusters,
  Time,
  type TimeWindow,
  WindowLine,
  withParams,
} from './report-kit.js';
import { ListHead, ReportPage } from './report-page.js';

/**
 * The fleet at a glance (`/`): every cluster with its freshness, live pods, gaps and restarts per
 * day over the window, then the pods that are in a bad STATUS now, each a link to its pod view.
 * `since`/`until` choose the window (default the last 7 days); "now" is the server's (the window's
 * end), never the browser's clock.
 */
const DEFAULT_SINCE = '7d';
/** Pods listed per cluster at most when looking for bad STATUS values. */
const MAX_PODS = 5000;

type RestartBody = RestartReport & { window: TimeWindow };

interface RestartsByDay {
  readonly window: TimeWindow;
  readonly totals: ReadonlyMap<string, number>;
  readonly days: readonly { label: string; counts: ReadonlyMap<string, number> }[];
}

interface BadPods {
  /** The server's now: the end of the last minute the pods were listed for. */
  readonly now: number;
  readonly pods: readonly PodSummary[];
  readonly cut: readonly string[];
}

/** Each part fails on its own: a report too big to read still leaves the clusters and the pods. */
interface FleetData {
  readonly clusters: ClusterList;
  readonly restarts: RestartsByDay | ApiError;
  readonly bad: BadPods | ApiError;
}

const byCluster = (report: RestartReport) =>
  new Map(report.groups.map((g) => [g.key.cluster ?? '', g.restarts] as const));

async function loadRestarts(params: URLSearchParams): Promise<RestartsByDay> {
  const window = { since: params.get('since') ?? DEFAULT_SINCE, until: params.get('until') ?? undefined };
  const total = await apiGet<RestartBody>('/v1/restarts', { ...window, groupBy: 'cluster', top: '1000' });
  // The days are read with the resolved window's absolute times, so they add up to the total.
  const days = await Promise.all(
    dayBuckets(total.window, timeZoneOf(params)).map(async (b) => ({
      label: b.label,
      counts: byCluster(
        await apiGet<RestartBody>('/v1/restarts', {
          since: b.since,
          until: b.until,
          groupBy: 'cluster',
          top: '1000',
        }),
      ),
    })),
  );
  return { window: total.window, totals: byCluster(total), days };
}

/** The live pods of every cluster (those seen in the server's last minute and not ended) in a bad STATUS. */
async function loadBadPods(clusters: ClusterList): Promise<BadPods> {
  const live = await Promise.all(
    clusters.clusters.map(async (c) => ({
      cluster: c.cluster,
      ...(await getAllPages<PodSummary>(
        '/v1/pods',
        { cluster: c.cluster, since: '1m', limit: '1000' },
        'pods',
        MAX_PODS,
      )),
    })),
  );
  const until = live.find((l) => l.window !== undefined)?.window?.until;
  return {
    now: until === undefined ? Number.NaN : Date.parse(until),
    pods: live.flatMap((l) => l.items.filter((p) => p.endedAt === undefined && isBadStatus(p.last.status))),
    cut: live.filter((l) => l.cut).map((l) => l.cluster),
  };
}

const settle = <T,>(load: Promise<T>): Promise<T | ApiError> => load.catch(asApiError);

async function loadFleet(params: URLSearchParams): Promise<FleetData> {
  const clusters = await getClusters();
  const [restarts, bad] = await Promise.all([settle(loadRestarts(params)), settle(loadBadPods(clusters))]);
  return { clusters, restarts, bad };
}

export function FleetView(props: { params: URLSearchParams }): JSX.Element {
  const { params } = props;
  const state = useLoad(`fleet?${params.toString()}`, () => loadFleet(params));
  const filters = (
    <form
      class="filters"
      aria-label="Window"
      onSubmit={(event) => {
        event.preventDefault();
        navigate(withParams('/', params, formParams(event.currentTarget)));
      }}
    >
      <label>
        Since{' '}
        <input name="since" size={22} placeholder={DEFAULT_SINCE} defaultValue={params.get('since') ?? ''} />
      </label>
      <label>
        Until <input name="until" size={22} placeholder="now" defaultValue={params.get('until') ?? ''} />
      </label>
      <button type="submit">Show</button>
    </form>
  );
  return (
    <ReportPage view="fleet" title="Fleet" filters={filters} what="the fleet" state={state}>
      {(data) => <Fleet data={data} params={params} />}
    </ReportPage>
  );
}

function Fleet(props: { data: FleetData; params: URLSearchParams }): JSX.Element {
  const { data, params } = props;
  if (data.clusters.clusters.length === 0) {
    return (
      <section class="state empty" aria-label="No cluster yet">
        <h2>No cluster has reported yet</h2>
        <p>
          Is an agent running and pointed at the ingest URL? Its logs say why it cannot post (403: principal
          not allowed for that cluster name). Locally, <code>npm start</code> records a demo cluster.
        </p>
      </section>
    );
  }
  const restarts = data.restarts instanceof ApiError ? undefined : data.restarts;
  const bad = data.bad instanceof ApiError ? undefined : data.bad;
  // The server's now: the window's end, else when the pods were listed; ages need one of them.
  const now = restarts !== undefined ? Date.parse(restarts.window.until) : (bad?.now ?? Number.NaN);
  const age = (t: string | undefined) =>
    t === undefined ? '<none>' : Number.isNaN(now) ? t : `${timestampSince(Date.parse(t), now)} ago`;
  const max = Math.max(1, ...(restarts?.days ?? []).flatMap((d) => [...d.counts.values()]));
  return (
    <>
      {restarts !== undefined && <WindowLine window={restarts.window} params={params} />}
      <table class="list clusters" aria-label="Clusters">
        <ListHead
          columns={[
            'Cluster',
            'State',
            'Last event',
            'Last sync',
            'Live pods',
            'Gaps',
            'Restarts',
            'Per day',
          ]}
        />
        <tbody>
          {data.clusters.clusters.map((c) => {
            const count = restarts?.totals.get(c.cluster) ?? 0;
            return (
              <tr key={c.cluster} data-cluster={c.cluster}>
                <th scope="row">
                  <Link href={href('pods', { cluster: c.cluster, tz: params.get('tz') ?? undefined })}>
                    {c.cluster}
                  </Link>
                </th>
                <td class={c.stale ? 'stale' : 'fresh'}>{c.stale ? 'Stale' : 'Recording'}</td>
                <td title={c.lastEventAt}>{age(c.lastEventAt)}</td>
                <td title={c.lastSyncAt}>{age(c.lastSyncAt)}</td>
                <td class="num">{c.livePods}</td>
                <td class="gaps">
                  {c.gaps.length}
                  {c.gaps[0] !== undefined && (
                    <span class="sub">
                      {' '}
                      (newest since <Time at={c.gaps[0].since} params={params} />)
                    </span>
                  )}
                </td>
                {restarts === undefined ? (
                  <td colSpan={2}>-</td>
                ) : (
                  <>
                    <td class="num restarts">
                      <Link
                        href={href('restarts', {
                          since: restarts.window.since,
                          until: restarts.window.until,
                          cluster: c.cluster,
                          tz: params.get('tz') ?? undefined,
                        })}
                        aria-label={`${count} restarts in ${c.cluster}: open the audit`}
                      >
                        {String(count)}
                      </Link>
                    </td>
                    <td>
                      <DayBars
                        title={`Restarts per day in ${c.cluster}`}
                        days={restarts.days.map((d) => ({
                          day: d.label,
                          count: d.counts.get(c.cluster) ?? 0,
                        }))}
                        max={max}
                      />
                    </td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      {data.restarts instanceof ApiError && <ErrorState error={data.restarts} />}
      <h2 id="bad-title">Pods in a bad STATUS now</h2>
      {data.bad instanceof ApiError && <ErrorState error={data.bad} />}
      {bad !== undefined && bad.cut.length > 0 && (
        <p class="note">
          Only the first {MAX_PODS} pods of {bad.cut.join(', ')} were read; look in the pods view for the
          rest.
        </p>
      )}
      {bad !== undefined &&
        (bad.pods.length === 0 ? (
          <p class="note" role="status">
            Every live pod is running, starting or done.
          </p>
        ) : (
          <BadPodTable pods={bad.pods} now={bad.now} params={params} />
        ))}
    </>
  );
}

function BadPodTable(props: {
  pods: readonly PodSummary[];
  now: number;
  params: URLSearchParams;
}): JSX.Element {
  return (
    <table class="list bad-pods" aria-labelledby="bad-title">
      <ListHead columns={['Cluster', 'Namespace', 'Name', 'Ready', 'Status', 'Restarts', 'Age']} />
      <tbody>
        {props.pods.map((p) => (
          <tr key={`${p.cluster}/${p.uid}`}>
            <PodNameCells pod={p} params={props.params} />
            <PodStateCells pod={p} at={props.now} bad />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
