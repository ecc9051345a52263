import type { PodObservation } from '../../domain/observation.js';
import type { PodAggregate } from '../../domain/pod-aggregate.js';
import { type Keyed, keyed } from '../pod/layout.js';
import { decodeBody, encodeBody } from '../schema/body-codec.js';
import { headSk, podPk } from '../schema/keys.js';
import type { Item } from '../table/table-client.js';

/**
 * The pod head: the one item every change to a pod goes through, guarded by its version `v`
 * (compare-and-swap; never a blind write). Its compressed body holds the pod's aggregate, the
 * tail (the observations of the last page), the inbox (committed observations that belong to an
 * older page not yet rewritten), and the derived items its commit promised to write (`pending`),
 * which the next writer verifies so that a crash after the commit cannot lose them.
 */
export interface HeadState {
  readonly agg: PodAggregate;
  /** FIRST_PAGE or the key of the tail's first page start. Keys ≥ tailKey live in the head. */
  readonly tailKey: string;
  readonly tail: readonly PodObservation[];
  readonly inbox: readonly PodObservation[];
  readonly pending: readonly Item[];
}

export interface Head {
  readonly version: number;
  readonly state: HeadState;
}

export function decodeHead(item: Item | undefined): Head | undefined {
  if (item === undefined || !(item.d instanceof Uint8Array)) return undefined;
  return { version: Number(item.v), state: decodeBody<HeadState>(item.d) };
}

/** The head item; where it lives follows from the pod's identity (cluster, namespace, name, uid). */
export function encodeHead(cluster: string, version: number, expires: number, state: HeadState): Item {
  const { identity } = state.agg;
  return {
    pk: podPk(cluster, identity),
    sk: headSk(identity.uid),
    v: version,
    x: expires,
    d: encodeBody(state),
  };
}

export function tailItems(state: HeadState): Keyed[] {
  return state.tail.map(keyed);
}

export function inboxItems(state: HeadState): Keyed[] {
  return state.inbox.map(keyed);
}
