import { versionIdentity } from '../../domain/event-order.js';
import type { PodEventVersion, RecordedEventVersion } from '../../domain/pod-event.js';
import { ATTR } from '../schema/attributes.js';
import { decodeItemBody, encodeItemBody } from '../schema/body-codec.js';
import { eventSk, NO_POD_UID, podPk, uidOfPodSk } from '../schema/keys.js';
import type { Item } from '../table/table-client.js';

/**
 * One version of a pod Event, in the partition of the pod it names: one item per (event uid,
 * resourceVersion), its body the slim event, `oa` the earliest delivery's observedAt.
 */
export function encodeEventVersion(cluster: string, recorded: RecordedEventVersion, expires: number): Item {
  const { event } = recorded;
  const target = event.involvedObject;
  return {
    [ATTR.pk]: podPk(cluster, { namespace: target.namespace, name: target.name }),
    [ATTR.sk]: eventSk(
      target.uid ?? NO_POD_UID,
      event.metadata.uid,
      versionIdentity(event.metadata.resourceVersion),
    ),
    [ATTR.expires]: expires,
    [ATTR.observedAt]: recorded.observedAt,
    [ATTR.body]: encodeItemBody(event),
  };
}

/** The version and the pod uid it is filed under (undefined: the event named no pod uid). */
export function decodeEventVersion(item: Item): {
  podUid: string | undefined;
  version: RecordedEventVersion;
} {
  const uid = uidOfPodSk(String(item[ATTR.sk]));
  const body = item[ATTR.body];
  const event = body instanceof Uint8Array ? decodeItemBody<PodEventVersion>(body) : undefined;
  return {
    podUid: uid === NO_POD_UID ? undefined : uid,
    version: {
      observedAt: String(item[ATTR.observedAt]),
      event: event ?? emptyEvent(),
    },
  };
}

function emptyEvent(): PodEventVersion {
  return {
    metadata: { uid: '', name: '', namespace: '', resourceVersion: '' },
    involvedObject: { kind: 'Pod', namespace: '', name: '' },
  };
}
