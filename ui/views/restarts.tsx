import type { JSX } from 'preact';
import {
  RESTART_GROUP_KEYS,
  type RestartGroup,
  type RestartGroupKey,
  type RestartReport,
} from '../../functions/domain/report-restarts.js';
import { apiGet } from '../api.js';
import { RankedBars } from '../charts/ranked-bars.js';
import { navigate } from '../router.js';
import { useLoad } from '../use-api.js';
import { CountField, FilterForm, GroupByField, SwitchField } from './filter-fields.js';
import { type ClusterList, Time, type TimeWindow, WindowLine, withClusters } from './report-kit.js';
import { ReportPage } from './report-page.js';
import { EmptyState } from './report-states.js';
import { GROUP_LABELS, groupLabel, openedGroup, openHref, RestartDrill } from './restart-drill.js';

/**
 * The restart audit (`/restarts`): `/v1/restarts` grouped by any of its keys, ranked as bars and
 * listed as the CLI's table, with the same totals line as `podtrail restarts`. A group opens
 * (`open=` in the URL) to its pods and their restart records, each a link to the pod at that
 * restart. Parameters: `groupBy`, `top`, `cluster`, `namespace`, `workload`, `container`, `reason`,
 * `warnings`, `since`/`until`, `open`.
 */
const DEFAULT_SINCE = '24h';
const DEFAULT_GROUP_BY: readonly RestartGroupKey[] = ['cluster', 'namespace', 'workload'];
const FILTERS = ['cluster', 'namespace', 'workload', 'container', 'reason'] as const;

export type RestartBody = RestartReport & { window: TimeWindow };

export function groupByOf(params: URLSearchParams): RestartGroupKey[] {
  const raw = params.get('groupBy');
  if (raw === null) return [...DEFAULT_GROUP_BY];
  return raw
    .split(',')
    .filter((k): k is RestartGroupKey => (RESTART_GROUP_KEYS as readonly string[]).includes(k));
}

export function RestartsView(props: { params: URLSearchParams }): JSX.Element {
  const { params } = props;
  const groupBy = groupByOf(params);
  // The drill-down is not part of the report's identity: opening a group reads no report again.
  const reportParams = new URLSearchParams(params);
  reportParams.delete('open');
  reportParams.delete('tz');
  const state = useLoad(`restarts?${reportParams.toString()}`, async () => {
    const query: Record<string, string | undefined> = {
      since: params.get('since') ?? DEFAULT_SINCE,
      until: params.get('until') ?? undefined,
      groupBy: groupBy.join(','),
      top: params.get('top') ?? undefined,
      warnings: params.get('warnings') === 'true' ? 'true' : undefined,
    };
    for (const f of FILTERS) query[f] = params.get(f) ?? undefined;
    return withClusters(apiGet<RestartBody>('/v1/restarts', query));
  });
  return (
    <ReportPage
      view="restarts"
      title="Restarts"
      filters={<RestartFilters params={params} groupBy={groupBy} />}
      what="the restart audit"
      state={state}
    >
      {(data) => <Audit report={data.report} clusters={data.clusters} params={params} />}
    </ReportPage>
  );
}

function RestartFilters(props: {
  params: URLSearchParams;
  groupBy: readonly RestartGroupKey[];
}): JSX.Element {
  const { params } = props;
  return (
    <FilterForm
      label="Audit options"
      path="/restarts"
      params={params}
      defaultSince={DEFAULT_SINCE}
      submit="Show"
      changes={(fields) => ({
        // Unchecking every key keeps the default rather than sending an empty list the URL cannot hold.
        groupBy: fields.groupBy,
        warnings: fields.warnings,
        open: undefined,
      })}
    >
      <GroupByField keys={RESTART_GROUP_KEYS} checked={props.groupBy} label={(key) => GROUP_LABELS[key]} />
      {FILTERS.map((f) => (
        <label key={f}>
          {GROUP_LABELS[f]}{' '}
          <input
            name={f}
            size={14}
            placeholder={f === 'workload' ? 'Deployment/web' : f === 'reason' ? 'OOMKilled' : 'all'}
            defaultValue={params.get(f) ?? ''}
          />
        </label>
      ))}
      <CountField label="Top" name="top" min={1} fallback="20" params={params} />
      <SwitchField name="warnings" params={params}>
        Warnings before restarts (reads the pods' events)
      </SwitchField>
    </FilterForm>
  );
}

function Audit(props: { report: RestartBody; clusters: ClusterList; params: URLSearchParams }): JSX.Element {
  const { report, params } = props;
  const open = openedGroup(params, report.groupBy);
  if (report.groups.length === 0) {
    return (
      <EmptyState
        title="No restarts recorded in this window"
        window={report.window}
        path="/restarts"
        params={params}
        clusters={props.clusters}
        widerSince="7d"
      />
    );
  }
  return (
    <>
      <WindowLine window={report.window} params={params} />
      <p class="totals" data-testid="restart-totals">
        {totalsLine(report)} <Time at={report.window.since} params={params} /> –{' '}
        <Time at={report.window.until} params={params} />
        {report.groups.length < report.totals.groups
          ? `; top ${report.groups.length} of ${report.totals.groups} groups`
          : ''}
        .
      </p>
      <RankedBars
        title={`Restarts by ${report.groupBy.map((k) => GROUP_LABELS[k].toLowerCase()).join(', ')}, most first`}
        bars={report.groups.map((g) => ({
          label: groupLabel(g.key, report.groupBy),
          value: g.restarts,
          part: g.unobserved,
          href: openHref(params, g.key, report.groupBy),
          description: `${groupLabel(g.key, report.groupBy)}: ${g.restarts} restarts (${g.unobserved} unobserved, ${g.oomKilled} OOMKilled) in ${g.pods} pods`,
        }))}
        onActivate={(target) => navigate(target)}
      />
      <GroupTable report={report} params={params} open={open} />
      {open !== undefined && <RestartDrill report={report} group={open} params={params} />}
    </>
  );
}

/** The CLI's totals line (`podtrail restarts`), up to the window, which the page shows in its zone. */
function totalsLine(report: RestartBody): string {
  const t = report.totals;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return (
    `Total: ${plural(t.restarts, 'restart')} (${t.oomKilled} OOMKilled, ${t.unobserved} unobserved) in ` +
    `${plural(t.pods, 'pod')} across ${plural(t.clusters, 'cluster')},`
  );
}

/** `137×5 1×2`: most frequent first, at most four, then `…` (as the CLI prints them). */
function counts(map: Readonly<Record<string, number>>): string {
  const entries = Object.entries(map);
  const shown = entries.slice(0, 4).map(([value, n]) => `${value}×${n}`);
  return `${shown.join(' ')}${entries.length > 4 ? ' …' : ''}`;
}

/** `Unhealthy×12, BackOff×4`, as the route ranked them; `<none>` when no warning preceded (as the CLI). */
function warningList(map: Readonly<Record<string, number>> | undefined): string {
  const entries = Object.entries(map ?? {});
  return entries.length === 0 ? '<none>' : entries.map(([reason, n]) => `${reason}×${n}`).join(', ');
}

function GroupTable(props: {
  report: RestartBody;
  params: URLSearchParams;
  open: RestartGroup['key'] | undefined;
}): JSX.Element {
  const { report, params } = props;
  const openId = props.open === undefined ? undefined : groupLabel(props.open, report.groupBy);
  const warnings = report.groups.some((g) => g.warnings !== undefined);
  return (
    <table class="list restart-groups" aria-label="Restart groups">
      <thead>
        <tr>
          {report.groupBy.map((k) => (
            <th scope="col" key={k}>
              {GROUP_LABELS[k]}
            </th>
          ))}
          <th scope="col">Restarts</th>
          <th scope="col">OOMKilled</th>
          <th scope="col">Unobserved</th>
          <th scope="col">Pods</th>
          <th scope="col">Exit codes</th>
          <th scope="col">Last</th>
          {warnings && <th scope="col">Warnings</th>}
          <th scope="col">
            <span class="sr-only">Drill down</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {report.groups.map((g) => {
          const label = groupLabel(g.key, report.groupBy);
          const selected = label === openId;
          return (
            <tr
              key={label}
              class={selected ? 'selected' : undefined}
              aria-current={selected ? 'true' : undefined}
            >
              {report.groupBy.map((k) => (
                <td key={k}>{g.key[k] ?? ''}</td>
              ))}
              <td class="num">{g.restarts}</td>
              <td class="num">{g.oomKilled}</td>
              <td class="num">{g.unobserved}</td>
              <td class="num">{g.pods}</td>
              <td>{counts(g.exitCodes)}</td>
              <td>
                <Time at={g.lastAt} params={params} />
              </td>
              {warnings && <td>{warningList(g.warnings)}</td>}
              <td>
                <a
                  href={openHref(params, g.key, report.groupBy)}
                  aria-label={`Show the pods of ${label}`}
                  onClick={(event: MouseEvent) => {
                    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
                    event.preventDefault();
                    navigate(openHref(params, g.key, report.groupBy));
                  }}
                >
                  Pods ›
                </a>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
