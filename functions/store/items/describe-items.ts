import type { JsonObject } from '../../domain/json-access.js';
import { ATTR } from '../schema/attributes.js';
import { decodeItemBody, encodeItemBody } from '../schema/body-codec.js';
import {
  type DescribePartKind,
  describePartSk,
  type PodKey,
  parseDescribePartSk,
  podPk,
  uidOfPodSk,
} from '../schema/keys.js';
import type { Item } from '../table/table-client.js';

/**
 * A describe part (domain/pod-card.ts: the card or the extras) in its pod's name partition, keyed
 * by its content hash: the body is a function of the key, so every writer writes the same bytes
 * and only the expiry can differ (the latest wins: conditions.ts `ifExpiresEarlier`).
 */
export interface StoredDescribePart {
  readonly uid: string;
  readonly kind: DescribePartKind;
  readonly hash: string;
  readonly body: JsonObject;
}

export function encodeDescribePart(
  cluster: string,
  pod: PodKey,
  part: { kind: DescribePartKind; hash: string; body: JsonObject; expires: number },
): Item {
  return {
    [ATTR.pk]: podPk(cluster, pod),
    [ATTR.sk]: describePartSk(pod.uid, part.kind, part.hash),
    [ATTR.expires]: part.expires,
    [ATTR.body]: encodeItemBody(part.body),
  };
}

/** The part an item of a name partition holds, or undefined when it is another kind of item. */
export function decodeDescribePart(item: Item): StoredDescribePart | undefined {
  const sk = String(item[ATTR.sk]);
  const parsed = parseDescribePartSk(sk);
  const body = item[ATTR.body];
  if (parsed === undefined || !(body instanceof Uint8Array)) return undefined;
  return { uid: uidOfPodSk(sk), ...parsed, body: decodeItemBody<JsonObject>(body) };
}
