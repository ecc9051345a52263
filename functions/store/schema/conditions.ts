import type { Condition } from '../table/table-client.js';
import { ATTR } from './attributes.js';

/**
 * The write conditions the store uses, named. Every write is one of these (or a BatchWriteItem put
 * of an item nobody else writes); none is a blind overwrite of something another writer may own.
 */

/** Only if the item does not exist yet (a new pod head, a new SYNC report). */
export const createOnly: Condition = { ifAbsent: true };

/** Compare-and-swap: only if the item exists at exactly this version (heads, SYNC reports, the cluster list). */
export function ifVersionIs(version: number): Condition {
  return { ifAbsent: false, attr: ATTR.version, op: '=', value: version };
}

/** A new item, or the next version of the one read (`undefined`: none was read). */
export function createOrIfVersionIs(read: number | undefined): Condition {
  return read === undefined ? createOnly : ifVersionIs(read);
}

/**
 * Written by the head version `version`: only over nothing or over what an older (or the same)
 * version wrote, so a slow writer never undoes a newer one. `attr`: the item's version attribute.
 */
export function ifNotNewerThan(
  attr: typeof ATTR.version | typeof ATTR.pageVersion,
  version: number,
): Condition {
  return { ifAbsent: true, attr, op: '<=', value: version };
}

/**
 * Only over nothing or over an item that expires later: of several reports of one SYNC, the
 * earliest one's expiry wins, so the stored chunks converge whatever order the reports came in.
 */
export function ifExpiresLater(expires: number): Condition {
  return { ifAbsent: true, attr: ATTR.expires, op: '>', value: expires };
}

/** Registry entry: only over nothing or an older mark (the newest event's mark is a maximum). */
export function ifMarkOlderThan(mark: string): Condition {
  return { ifAbsent: true, attr: ATTR.registryMark, op: '<', value: mark };
}

/**
 * Only over nothing or over a delivery observed later: for one version of an event the earliest
 * observation wins, so the stored item is a function of the set of deliveries.
 */
export function ifObservedLaterThan(observedAt: string): Condition {
  return { ifAbsent: true, attr: ATTR.observedAt, op: '>', value: observedAt };
}

/**
 * Only over nothing or over an item that expires earlier: a content-addressed item (a describe
 * card) keeps the latest expiry any of its writers asked for, so it lives as long as the newest
 * observation that names it, whatever order they came in.
 */
export function ifExpiresEarlier(expires: number): Condition {
  return { ifAbsent: true, attr: ATTR.expires, op: '<', value: expires };
}
