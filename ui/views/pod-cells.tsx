import type { JSX } from 'preact';
import { timestampSince } from '../../functions/domain/human-duration.js';
import type { PodSummary } from '../../functions/domain/model.js';
import { formatRestarts } from '../../functions/domain/pod-row.js';
import { href, Link } from '../router.js';

/** What the report views' pod lists share: the link to a pod's page, the name and kubectl's state columns. */

/** The pod view of one incarnation (the uid picks it when a name was used more than once, web-0 of a StatefulSet). */
export function podLink(
  p: { cluster: string; namespace: string; name: string; uid: string },
  params: URLSearchParams,
  at?: string,
): string {
  return href('pod', {
    cluster: p.cluster,
    ns: p.namespace,
    name: p.name,
    uid: p.uid,
    at,
    tz: params.get('tz') ?? undefined,
  });
}

/** CLUSTER, NAMESPACE and NAME, the name a link to the pod's page. */
export function PodNameCells(props: {
  pod: { cluster: string; namespace: string; name: string; uid: string };
  params: URLSearchParams;
}): JSX.Element {
  const { pod } = props;
  return (
    <>
      <td>{pod.cluster}</td>
      <td>{pod.namespace}</td>
      <td>
        <Link href={podLink(pod, props.params)}>{pod.name}</Link>
      </td>
    </>
  );
}

/**
 * READY, STATUS, RESTARTS and AGE of a pod's last recorded row as kubectl prints them, ages as of
 * `at` (ms: the server's now, or when the pod ended). `bad` marks the STATUS as one to look at.
 */
export function PodStateCells(props: { pod: PodSummary; at: number; bad?: boolean }): JSX.Element {
  const { pod, at } = props;
  return (
    <>
      <td>{pod.last.ready}</td>
      <td class={props.bad === true ? 'status bad' : 'status'}>{pod.last.status}</td>
      <td>
        {formatRestarts(
          pod.last.restarts,
          pod.last.lastRestartAt === undefined ? undefined : Date.parse(pod.last.lastRestartAt),
          at,
        )}
      </td>
      <td>{timestampSince(pod.createdAt === undefined ? undefined : Date.parse(pod.createdAt), at)}</td>
    </>
  );
}
