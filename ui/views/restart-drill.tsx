import type { JSX } from 'preact';
import type { RestartRecord } from '../../functions/domain/model.js';
import {
  type RestartGroup,
  type RestartGroupKey,
  restartKeyValue,
} from '../../functions/domain/report-restarts.js';
import { restartTime } from '../../functions/domain/restart-ledger.js';
import { matchesWorkload } from '../../functions/domain/workload.js';
import { href, Link } from '../router.js';
import { ErrorState, Loading } from '../states.js';
import { useLoad } from '../use-api.js';
import { getAllPages, Time, type TimeWindow, withParams } from './report-kit.js';

/**
 * A restart group opened: its pods and their restart records from `/v1/restarts/records` (the raw
 * ledger the report aggregates), each record a link to the pod view at that restart (`at=`). The
 * ledger route filters by cluster only; the group's other keys and the view's filters are applied
 * here with the report's own key function, so the records shown are exactly the group's.
 */
type GroupKey = RestartGroup['key'];

export const GROUP_LABELS: Readonly<Record<RestartGroupKey, string>> = {
  cluster: 'Cluster',
  namespace: 'Namespace',
  workload: 'Workload',
  container: 'Container',
  reason: 'Reason',
  exitCode: 'Exit code',
};

/** Records read for one drill-down at most (the ledger route pages 5,000 at a time). */
const MAX_RECORDS = 100_000;

export function groupLabel(key: GroupKey, groupBy: readonly RestartGroupKey[]): string {
  return groupBy.length === 0 ? 'all restarts' : groupBy.map((k) => key[k] ?? '').join(' · ');
}

/** The view's URL with the group opened: `open` holds the group's key values in groupBy order. */
export function openHref(
  params: URLSearchParams,
  key: GroupKey,
  groupBy: readonly RestartGroupKey[],
): string {
  return withParams('/restarts', params, { open: JSON.stringify(groupBy.map((k) => key[k] ?? '')) });
}

export function openedGroup(
  params: URLSearchParams,
  groupBy: readonly RestartGroupKey[],
): GroupKey | undefined {
  const raw = params.get('open');
  if (raw === null) return undefined;
  try {
    const values: unknown = JSON.parse(raw);
    if (!Array.isArray(values) || values.length !== groupBy.length) return undefined;
    if (!values.every((v) => typeof v === 'string')) return undefined;
    return Object.fromEntries(groupBy.map((k, i) => [k, values[i] as string]));
  } catch {
    return undefined;
  }
}

interface PodRestarts {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly records: RestartRecord[];
}

export function RestartDrill(props: {
  report: { window: TimeWindow; groupBy: readonly RestartGroupKey[]; groups: readonly RestartGroup[] };
  group: GroupKey;
  params: URLSearchParams;
}): JSX.Element {
  const { report, group, params } = props;
  const label = groupLabel(group, report.groupBy);
  const cluster = group.cluster ?? params.get('cluster') ?? undefined;
  const state = useLoad(
    `drill?${cluster}&${report.window.since}&${report.window.until}&${params.get('open')}&${params.toString()}`,
    async () => {
      const { items, cut } = await getAllPages<RestartRecord>(
        '/v1/restarts/records',
        { cluster, since: report.window.since, until: report.window.until, limit: '5000' },
        'restarts',
        MAX_RECORDS,
      );
      const filter = {
        namespace: params.get('namespace') ?? undefined,
        workload: params.get('workload') ?? undefined,
        container: params.get('container') ?? undefined,
        reason: params.get('reason') ?? undefined,
      };
      const mine = items.filter(
        (r) =>
          (filter.namespace === undefined || r.namespace === filter.namespace) &&
          matchesWorkload(r.workload, filter.workload) &&
          (filter.container === undefined || r.container === filter.container) &&
          (filter.reason === undefined || r.reason === filter.reason) &&
          report.groupBy.every((k) => restartKeyValue(r, k) === group[k]),
      );
      const pods = new Map<string, PodRestarts>();
      for (const r of mine) {
        const id = `${r.cluster}/${r.uid}`;
        let pod = pods.get(id);
        if (pod === undefined) {
          pod = { cluster: r.cluster, namespace: r.namespace, name: r.name, uid: r.uid, records: [] };
          pods.set(id, pod);
        }
        pod.records.push(r);
      }
      const ranked = [...pods.values()].sort((a, b) => restartsOf(b.records) - restartsOf(a.records));
      return { pods: ranked, cut };
    },
  );
  const tz = params.get('tz') ?? undefined;
  return (
    <section class="drill" aria-labelledby="drill-title">
      <h2 id="drill-title">Pods of {label}</h2>
      <p>
        <Link href={withParams('/restarts', params, { open: undefined })}>Close</Link>
      </p>
      {state.status === 'loading' && <Loading what="restart records" />}
      {state.status === 'error' && <ErrorState error={state.error} />}
      {state.status === 'done' && (
        <>
          <p class="drill-summary">
            {restartsOf(state.data.pods.flatMap((p) => p.records))} restarts in {state.data.pods.length} pods
            {state.data.cut ? ` (the first ${MAX_RECORDS} records of the window only)` : ''}.
          </p>
          <table class="list restart-records" aria-label={`Restart records of ${label}`}>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Container</th>
                <th scope="col">Restart count</th>
                <th scope="col">Reason</th>
                <th scope="col">Exit code</th>
                <th scope="col">Unobserved</th>
              </tr>
            </thead>
            {state.data.pods.map((pod) => (
              <tbody key={`${pod.cluster}/${pod.uid}`} data-pod={pod.name}>
                <tr class="pod-head">
                  <th scope="rowgroup" colSpan={6}>
                    <Link
                      href={href('pod', {
                        cluster: pod.cluster,
                        ns: pod.namespace,
                        name: pod.name,
                        uid: pod.uid,
                        tz,
                      })}
                    >
                      {`${pod.cluster}/${pod.namespace}/${pod.name}`}
                    </Link>{' '}
                    <span class="sub">{`${restartsOf(pod.records)} restarts · uid ${pod.uid}`}</span>
                  </th>
                </tr>
                {pod.records.map((r) => {
                  const at = restartTime(r);
                  return (
                    <tr key={`${r.container}/${r.restartCount}`}>
                      <td>
                        <Link
                          href={href('pod', {
                            cluster: r.cluster,
                            ns: r.namespace,
                            name: r.name,
                            uid: r.uid,
                            at,
                            tz,
                          })}
                          aria-label={`${r.name} ${r.container} restart ${r.restartCount} at ${at}`}
                        >
                          <Time at={at} params={params} />
                        </Link>
                      </td>
                      <td>{r.init ? `${r.container} (init)` : r.container}</td>
                      <td class="num">{r.restartCount}</td>
                      <td>{r.reason === '' ? '<none>' : r.reason}</td>
                      <td class="num">{r.exitCode ?? '<none>'}</td>
                      <td class="num">{r.unobserved}</td>
                    </tr>
                  );
                })}
              </tbody>
            ))}
          </table>
        </>
      )}
    </section>
  );
}

/** A record stands for 1 + unobserved restarts, as the report counts them. */
function restartsOf(records: readonly RestartRecord[]): number {
  return records.reduce((sum, r) => sum + 1 + r.unobserved, 0);
}
