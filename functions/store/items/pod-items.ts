import type { PodObservation } from '../../domain/observation.js';
import type { PodAggregate } from '../../domain/pod-aggregate.js';
import { ATTR } from '../schema/attributes.js';
import { decodeItemBody, encodeItemBody } from '../schema/body-codec.js';
import { headSk, type PodKey, pageSk, pageStartOf, podPk } from '../schema/keys.js';
import type { Item } from '../table/table-client.js';

/**
 * A pod's own items, in its name partition: the head and the observation pages.
 *
 * The head is the one item every change to a pod goes through, guarded by its version
 * (compare-and-swap; never a blind write). Its compressed body holds the pod's aggregate, the tail
 * (the observations of the last page segments), the inbox (committed observations that belong to
 * an older page not yet rewritten), and the derived items its commit promised to write
 * (`pending`), which the next writer verifies so that a crash after the commit cannot lose them.
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

/** The head item; where it lives follows from the pod's identity (cluster, namespace, name, uid). */
export function encodeHead(cluster: string, version: number, expires: number, state: HeadState): Item {
  const { identity } = state.agg;
  return {
    [ATTR.pk]: podPk(cluster, identity),
    [ATTR.sk]: headSk(identity.uid),
    [ATTR.version]: version,
    [ATTR.expires]: expires,
    [ATTR.body]: encodeItemBody(state),
  };
}

export function decodeHead(item: Item | undefined): Head | undefined {
  const body = item?.[ATTR.body];
  if (item === undefined || !(body instanceof Uint8Array)) return undefined;
  return { version: Number(item[ATTR.version]), state: decodeItemBody<HeadState>(body) };
}

/** A page as stored: where it starts, the head version that wrote it, and its observations. */
export interface StoredPage {
  /** FIRST_PAGE or the order key of its first observation. */
  readonly start: string;
  readonly version: number;
  /** A tombstone: the page was merged into others by a newer layout. */
  readonly removed: boolean;
  readonly observations: readonly PodObservation[];
}

/** Where a page is, which head version wrote it, and when it expires: every page item has these. */
interface PageHeader {
  readonly start: string;
  readonly version: number;
  readonly expires: number;
}

export function encodePage(
  cluster: string,
  pod: PodKey,
  page: PageHeader & { observations: readonly PodObservation[] },
): Item {
  return { ...pageHeader(cluster, pod, page), [ATTR.body]: encodeItemBody(page.observations) };
}

/** A removed page: written over the old one so that an older writer cannot bring it back. */
export function encodePageTombstone(cluster: string, pod: PodKey, page: PageHeader): Item {
  return { ...pageHeader(cluster, pod, page), [ATTR.removed]: true };
}

function pageHeader(cluster: string, pod: PodKey, page: PageHeader): Item {
  return {
    [ATTR.pk]: podPk(cluster, pod),
    [ATTR.sk]: pageSk(pod.uid, page.start),
    [ATTR.pageVersion]: page.version,
    [ATTR.expires]: page.expires,
  };
}

export function decodePage(item: Item): StoredPage {
  const removed = item[ATTR.removed] === true;
  const body = item[ATTR.body];
  return {
    start: pageStartOf(String(item[ATTR.sk])),
    version: Number(item[ATTR.pageVersion] ?? 0),
    removed,
    observations: removed || !(body instanceof Uint8Array) ? [] : decodeItemBody(body),
  };
}
