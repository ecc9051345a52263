import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import type { PodSummary, StatusEntered } from '../../functions/domain/model.js';
import { matchesWorkload } from '../../functions/domain/workload.js';
import { Link, navigate } from '../router.js';
import { ErrorState, Loading } from '../states.js';
import { useLoad } from '../use-api.js';
import { FilterForm } from './filter-fields.js';
import { PodNameCells, PodStateCells, podLink } from './pod-cells.js';
import {
  type ClusterList,
  getAllPages,
  getClusters,
  Time,
  type TimeWindow,
  WindowLine,
  withParams,
} from './report-kit.js';
import { ListHead } from './report-page.js';
import { EmptyState } from './report-states.js';

/**
 * Pods seen in a window (`/pods`): the kubectl columns of their last recorded row plus how and when
 * they ended, or, with `status`, the pods that entered that STATUS. Parameters (all in the URL):
 * `cluster` (required for the list; the first recorded cluster when absent), `namespace`,
 * `workload`, `status`, `q` (a name prefix), `since`/`until`. The name prefix is applied here:
 * the API lists by cluster, namespace and workload.
 */
const DEFAULT_SINCE = '24h';
/** At most this many pods are read for one view; the note says so when there were more. */
const MAX_PODS = 5000;
const STATUSES = [
  'CrashLoopBackOff',
  'OOMKilled',
  'Error',
  'ImagePullBackOff',
  'ErrImagePull',
  'Evicted',
  'Init:Error',
  'Init:CrashLoopBackOff',
  'CreateContainerConfigError',
];

type Listing =
  | { kind: 'pods'; pods: PodSummary[]; window: TimeWindow | undefined; cut: boolean; clusters: ClusterList }
  | {
      kind: 'entered';
      entered: StatusEntered[];
      window: TimeWindow | undefined;
      cut: boolean;
      clusters: ClusterList;
    };

async function loadPods(params: URLSearchParams, cluster: string | undefined): Promise<Listing> {
  const clustersRead = getClusters();
  const prefix = params.get('q') ?? '';
  const status = params.get('status') ?? undefined;
  const workload = params.get('workload') ?? undefined;
  const common = {
    cluster,
    namespace: params.get('namespace') ?? undefined,
    since: params.get('since') ?? DEFAULT_SINCE,
    until: params.get('until') ?? undefined,
    limit: '1000',
  };
  if (status !== undefined) {
    const [page, clusters] = await Promise.all([
      getAllPages<StatusEntered>('/v1/status-entered', { ...common, status }, 'entered', MAX_PODS),
      clustersRead,
    ]);
    const entered = page.items.filter(
      (e) => e.name.startsWith(prefix) && matchesWorkload(e.workload, workload),
    );
    return { kind: 'entered', entered, window: page.window, cut: page.cut, clusters };
  }
  const [page, clusters] = await Promise.all([
    getAllPages<PodSummary>('/v1/pods', { ...common, workload }, 'pods', MAX_PODS),
    clustersRead,
  ]);
  const pods = page.items.filter((p) => p.name.startsWith(prefix));
  return { kind: 'pods', pods, window: page.window, cut: page.cut, clusters };
}

export function PodsView(props: { params: URLSearchParams }): JSX.Element {
  const { params } = props;
  const cluster = params.get('cluster') ?? undefined;
  const needsCluster = cluster === undefined && params.get('status') === null;
  // Without a cluster the list has none to read: take the first recorded one into the URL, so the
  // link then says which cluster it shows.
  const clusters = useLoad(needsCluster ? 'pods-clusters' : 'none', () =>
    needsCluster ? getClusters() : Promise.resolve(undefined),
  );
  useEffect(() => {
    const first = clusters.status === 'done' ? clusters.data?.clusters[0]?.cluster : undefined;
    if (needsCluster && first !== undefined)
      navigate(withParams('/pods', params, { cluster: first }), { replace: true });
  }, [clusters, needsCluster, params]);
  // Nothing to list until the URL names a cluster (the effect above puts one there).
  const state = useLoad(needsCluster ? 'pods-without-cluster' : `pods?${params.toString()}`, () =>
    needsCluster ? Promise.resolve(undefined) : loadPods(params, cluster),
  );
  return (
    <section class="report pods" aria-labelledby="view-title">
      <h1 id="view-title">Pods</h1>
      <PodFilters
        params={params}
        clusters={
          clusters.status === 'done' && clusters.data !== undefined
            ? clusters.data
            : state.status === 'done'
              ? state.data?.clusters
              : undefined
        }
      />
      {needsCluster && clusters.status === 'done' && clusters.data?.clusters.length === 0 && (
        <EmptyState
          title="No cluster has reported yet"
          path="/pods"
          params={params}
          clusters={clusters.data}
        />
      )}
      {needsCluster && clusters.status === 'error' && <ErrorState error={clusters.error} />}
      {!needsCluster && state.status === 'loading' && <Loading what="pods" />}
      {state.status === 'error' && <ErrorState error={state.error} />}
      {state.status === 'done' && state.data !== undefined && (
        <PodList listing={state.data} params={params} />
      )}
    </section>
  );
}

function PodFilters(props: { params: URLSearchParams; clusters: ClusterList | undefined }): JSX.Element {
  const { params } = props;
  const value = (name: string) => params.get(name) ?? '';
  return (
    <FilterForm
      label="Filters"
      path="/pods"
      params={params}
      defaultSince={DEFAULT_SINCE}
      submit="Search"
      changes={() => ({ cursor: undefined })}
    >
      <label>
        Name starts with <input name="q" type="search" size={18} defaultValue={value('q')} />
      </label>
      <label>
        Cluster <input name="cluster" size={14} defaultValue={value('cluster')} list="known-clusters" />
      </label>
      <datalist id="known-clusters">
        {props.clusters?.clusters.map((c) => (
          <option key={c.cluster} value={c.cluster} />
        ))}
      </datalist>
      <label>
        Namespace <input name="namespace" size={14} placeholder="all" defaultValue={value('namespace')} />
      </label>
      <label>
        Workload{' '}
        <input name="workload" size={18} placeholder="Deployment/web" defaultValue={value('workload')} />
      </label>
      <label>
        Entered STATUS <input name="status" size={18} list="statuses" defaultValue={value('status')} />
      </label>
      <datalist id="statuses">
        {STATUSES.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </FilterForm>
  );
}

function PodList(props: { listing: Listing; params: URLSearchParams }): JSX.Element {
  const { listing, params } = props;
  const count = listing.kind === 'pods' ? listing.pods.length : listing.entered.length;
  return (
    <>
      {listing.window !== undefined && <WindowLine window={listing.window} params={params} />}
      {listing.cut && (
        <p class="note">
          Showing the first {MAX_PODS} pods only: narrow the window, the namespace or the workload.
        </p>
      )}
      {count === 0 ? (
        <EmptyState
          title={
            listing.kind === 'pods'
              ? 'No pods seen in this window'
              : `No pod entered ${params.get('status') ?? ''} in this window`
          }
          path="/pods"
          params={params}
          clusters={listing.clusters}
          namespace={params.has('namespace')}
          widerSince="7d"
        />
      ) : listing.kind === 'pods' ? (
        <PodTable pods={listing.pods} window={listing.window} params={params} />
      ) : (
        <EnteredTable entered={listing.entered} params={params} />
      )}
    </>
  );
}

function PodTable(props: {
  pods: readonly PodSummary[];
  window: TimeWindow | undefined;
  params: URLSearchParams;
}): JSX.Element {
  // AGE and the RESTARTS suffix are as of the window's end (the server's now), or the pod's end.
  const now = props.window === undefined ? 0 : Date.parse(props.window.until);
  return (
    <table class="list pod-list" aria-label="Pods">
      <ListHead columns={['Namespace', 'Name', 'Ready', 'Status', 'Restarts', 'Age', 'Ended', 'Workload']} />
      <tbody>
        {props.pods.map((p) => {
          const at = p.endedAt === undefined ? now : Date.parse(p.endedAt);
          return (
            <tr key={p.uid} data-uid={p.uid}>
              <td>{p.namespace}</td>
              <td>
                <Link href={podLink(p, props.params)}>{p.name}</Link>
              </td>
              <PodStateCells pod={p} at={at} />
              <td class="ended">
                {p.endedAt === undefined ? (
                  '-'
                ) : (
                  <>
                    {p.endedBy === 'vanished' ? 'Vanished' : 'Deleted'}{' '}
                    <Time at={p.endedAt} params={props.params} />
                  </>
                )}
              </td>
              <td>{`${p.workload.kind}/${p.workload.name}`}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function EnteredTable(props: { entered: readonly StatusEntered[]; params: URLSearchParams }): JSX.Element {
  return (
    <table class="list entered-list" aria-label="Pods that entered the STATUS">
      <ListHead columns={['Time', 'Cluster', 'Namespace', 'Name', 'Status', 'Workload']} />
      <tbody>
        {props.entered.map((e) => (
          <tr key={`${e.cluster}/${e.uid}/${e.at}`}>
            <td>
              <Link href={podLink(e, props.params, e.at)} aria-label={`${e.name} at ${e.at}`}>
                <Time at={e.at} params={props.params} />
              </Link>
            </td>
            <PodNameCells pod={e} params={props.params} />
            <td class="status bad">{e.status}</td>
            <td>{`${e.workload.kind}/${e.workload.name}`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
