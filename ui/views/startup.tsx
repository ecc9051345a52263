import type { JSX } from 'preact';
import { formatLatency } from '../../cli/render-duration.js';
import type { Distribution } from '../../functions/domain/percentiles.js';
import {
  STARTUP_GROUP_KEYS,
  STARTUP_PHASE_HEADERS,
  STARTUP_PULL_HEADERS,
  type StartupReport as StartupBody,
} from '../../functions/domain/report-startup.js';
import { apiGet } from '../api.js';
import { PercentileChart } from '../charts/percentile-chart.js';
import { useLoad } from '../use-api.js';
import { CountField, FilterForm, GroupByField, SwitchField } from './filter-fields.js';
import { PodNameCells } from './pod-cells.js';
import { type ClusterList, Time, WindowLine, withClusters } from './report-kit.js';
import { ListHead, ReportPage } from './report-page.js';
import { EmptyState } from './report-states.js';

/**
 * Startup latency (`/startup`): `/v1/startup` as a per-phase percentile chart, the groups' table and
 * the slowest pods, each a link to its pod view. Cells read p50/p90/p99 as `podtrail startup` prints
 * them. Parameters: `cluster`, `namespace`, `workload`, `groupBy`, `limit`, `pulls`, `since`/`until`.
 */
const DEFAULT_SINCE = '24h';

export function StartupView(props: { params: URLSearchParams }): JSX.Element {
  const { params } = props;
  const query = {
    cluster: params.get('cluster') ?? undefined,
    namespace: params.get('namespace') ?? undefined,
    workload: params.get('workload') ?? undefined,
    groupBy: params.get('groupBy') ?? undefined,
    limit: params.get('limit') ?? '10',
    pulls: params.get('pulls') === 'true' ? 'true' : undefined,
    since: params.get('since') ?? DEFAULT_SINCE,
    until: params.get('until') ?? undefined,
  };
  const state = useLoad(`startup?${JSON.stringify(query)}`, () =>
    withClusters(apiGet<StartupBody>('/v1/startup', query)),
  );
  return (
    <ReportPage
      view="startup"
      title="Startup"
      filters={<StartupFilters params={params} />}
      what="startup latency"
      state={state}
    >
      {(data) => <StartupReport body={data.report} clusters={data.clusters} params={params} />}
    </ReportPage>
  );
}

function StartupFilters(props: { params: URLSearchParams }): JSX.Element {
  const { params } = props;
  const groupBy = (params.get('groupBy') ?? STARTUP_GROUP_KEYS.join(',')).split(',');
  return (
    <FilterForm
      label="Startup options"
      path="/startup"
      params={params}
      defaultSince={DEFAULT_SINCE}
      submit="Show"
      changes={(fields) => ({ pulls: fields.pulls === undefined ? undefined : 'true' })}
    >
      <GroupByField keys={STARTUP_GROUP_KEYS} checked={groupBy} />
      <label>
        Cluster{' '}
        <input name="cluster" size={14} placeholder="all" defaultValue={params.get('cluster') ?? ''} />
      </label>
      <label>
        Namespace{' '}
        <input name="namespace" size={14} placeholder="all" defaultValue={params.get('namespace') ?? ''} />
      </label>
      <label>
        Workload{' '}
        <input
          name="workload"
          size={18}
          placeholder="Deployment/web"
          defaultValue={params.get('workload') ?? ''}
        />
      </label>
      <CountField label="Slowest pods" name="limit" min={0} fallback="10" params={params} />
      <SwitchField name="pulls" params={params}>
        Image pulls (reads the pods' events)
      </SwitchField>
    </FilterForm>
  );
}

function cell(d: Distribution | undefined): string {
  return d === undefined ? '-' : [d.p50, d.p90, d.p99].map((v) => formatLatency(v)).join('/');
}

function StartupReport(props: {
  body: StartupBody;
  clusters: ClusterList;
  params: URLSearchParams;
}): JSX.Element {
  const { body, params } = props;
  if (body.overall.pods === 0) {
    return (
      <EmptyState
        title="No pods with a startup record were created in this window"
        window={body.window}
        path="/startup"
        params={params}
        clusters={props.clusters}
        namespace={params.has('namespace')}
        widerSince="7d"
      />
    );
  }
  const pulls = params.get('pulls') === 'true';
  const phases = pulls ? [...STARTUP_PHASE_HEADERS, ...STARTUP_PULL_HEADERS] : STARTUP_PHASE_HEADERS;
  const labels = phases.map(([, label]) => label);
  return (
    <>
      <WindowLine window={body.window} params={params} />
      <p class="totals" data-testid="startup-totals">
        Pods created in the window: {body.overall.pods}; cells are p50/p90/p99 (nearest rank: each one a
        measured pod's value).
        {pulls &&
          ` ${body.overall.noPullData ?? 0} started pods have no pull data and are left out of PULL and SLI.`}
      </p>
      <PercentileChart
        title="Startup latency per phase, all pods: p50, p90, p99 and max"
        rows={phases.map(([phase, label]) => ({ label, distribution: body.overall.phases[phase] }))}
        format={(ms) => formatLatency(ms)}
      />
      <h2 id="groups-title">By {body.groupBy.join(', ')}</h2>
      <table class="list startup-groups" aria-labelledby="groups-title">
        <ListHead columns={[...body.groupBy, 'Pods', ...labels]} />
        <tbody>
          {body.groups.map((g) => (
            <tr key={JSON.stringify(g.key)}>
              {body.groupBy.map((k) => (
                <td key={k}>{g.key[k] ?? ''}</td>
              ))}
              <td class="num">{g.pods}</td>
              {phases.map(([phase]) => (
                <td key={phase}>{cell(g.phases[phase])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {body.slowest.length > 0 && (
        <>
          <h2 id="slowest-title">Slowest pods</h2>
          <table class="list slowest" aria-labelledby="slowest-title">
            <ListHead columns={['Cluster', 'Namespace', 'Name', 'Created', ...labels]} />
            <tbody>
              {body.slowest.map((p) => (
                <tr key={`${p.cluster}/${p.uid}`}>
                  <PodNameCells pod={p} params={params} />
                  <td>
                    <Time at={p.milestones.createdAt} params={params} />
                  </td>
                  {phases.map(([phase]) => (
                    <td key={phase} class="num">
                      {formatLatency(p.durations[phase])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
