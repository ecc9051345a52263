import { DNS_SUBDOMAIN, UID } from '../../domain/names.js';
import { InvalidParameterError } from '../errors.js';
import type { QueryParams } from '../params.js';
import type { RouteContext } from '../route.js';

/** The pod a route is about: `cluster` and `namespace`+`name`, or `uid` alone (looked up). */
export interface PodParams {
  readonly cluster: string;
  readonly uid: string | undefined;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
}

export function podParams(params: QueryParams): PodParams {
  return {
    cluster: params.cluster(true),
    uid: params.matching('uid', UID, 'a pod uid'),
    namespace: params.namespace(),
    name: params.matching('name', DNS_SUBDOMAIN, 'a pod name (lower-case DNS subdomain)'),
  };
}

/**
 * Where the pod's items live: its namespace and name as given, or, given a uid alone, as its
 * live-pods item records them (one GetItem). Undefined when the uid is not recorded.
 */
export async function locateTarget(
  context: RouteContext,
  target: PodParams,
): Promise<{ namespace: string; name: string } | undefined> {
  const { cluster, uid, namespace, name } = target;
  if (name !== undefined && namespace !== undefined) return { namespace, name };
  if (uid === undefined) {
    const missing = name === undefined ? 'name' : 'namespace';
    throw new InvalidParameterError(missing, 'required (give namespace and name, or uid)');
  }
  return context.reader.locatePod({ cluster, uid });
}
