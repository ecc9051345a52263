import type { ContinueTokens } from './continue-tokens.js';
import { type FieldRequirement, matchesFieldSelector } from './field-selector.js';
import type { SnapshotItem, WatchableStore } from './object-store.js';
import { EXPIRED_CONTINUE_MESSAGE, type StatusBody, statusBody, tooOldResourceVersion } from './status.js';

/**
 * Paged lists (pods, events) with the API server's rules (apimachinery ListOptions validation, the
 * cacher's resourceVersion semantics): `limit` + `continue` pages share the first page's
 * resourceVersion; `resourceVersion=0` ignores `limit` (served whole from the watch cache);
 * `resourceVersionMatch` needs a `resourceVersion` and forbids `continue`; a resourceVersion newer
 * than the store's is "too large" (504); an expired continue token is 410 Expired. A field selector
 * filters before paging, so a page holds `limit` matching items.
 */

export interface ListRequest {
  readonly namespace: string | undefined;
  readonly limit: number | undefined;
  readonly continueToken: string | undefined;
  readonly resourceVersion: string | undefined;
  readonly resourceVersionMatch: string | undefined;
  /** Already checked against the collection's selectable fields; empty selects everything. */
  readonly fieldSelector: readonly FieldRequirement[];
}

export interface ListSource {
  readonly store: WatchableStore;
  /** "PodList", "EventList". */
  readonly listKind: string;
}

export type ListResponse =
  | { readonly kind: 'page'; readonly body: string; readonly items: readonly SnapshotItem[] }
  | { readonly kind: 'error'; readonly status: number; readonly body: StatusBody };

export function serveList(request: ListRequest, source: ListSource, tokens: ContinueTokens): ListResponse {
  const { store, listKind } = source;
  const invalid = validate(request);
  if (invalid !== undefined) return { kind: 'error', status: 422, body: invalid };

  if (request.continueToken !== undefined) {
    const resolved = tokens.resolve(request.continueToken);
    if (resolved === 'expired') {
      return { kind: 'error', status: 410, body: statusBody(410, 'Expired', EXPIRED_CONTINUE_MESSAGE) };
    }
    if (resolved === 'invalid') {
      return {
        kind: 'error',
        status: 400,
        body: statusBody(400, 'BadRequest', 'continue key is not valid: illegal base64 data'),
      };
    }
    return page(
      listKind,
      resolved.snapshot.items,
      resolved.snapshot.resourceVersion,
      resolved.offset,
      request.limit,
      { tokens, id: resolved.id },
    );
  }

  const current = store.resourceVersion();
  const rv = request.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== '0') {
    const requested = Number(rv);
    if (!Number.isInteger(requested) || requested < 0) {
      return {
        kind: 'error',
        status: 400,
        body: statusBody(400, 'BadRequest', `invalid resource version: ${rv}`),
      };
    }
    if (requested > current) {
      return {
        kind: 'error',
        status: 504,
        body: statusBody(504, 'Timeout', `Too large resource version: ${requested}, current: ${current}`),
      };
    }
    // Exact (explicit, or legacy: a resourceVersion with a limit and no match) can only be served at
    // the current revision here: the simulator keeps no older states.
    const exact =
      request.resourceVersionMatch === 'Exact' ||
      (request.resourceVersionMatch === undefined && request.limit !== undefined);
    if (exact && requested !== current) {
      return {
        kind: 'error',
        status: 410,
        body: tooOldResourceVersion(requested, store.oldestWatchableResourceVersion()),
      };
    }
  }
  const snapshot = selected(store.snapshot(request.namespace), request.fieldSelector);
  // The watch cache ignores the limit for resourceVersion=0 (cacher computeListLimit).
  const limit = rv === '0' ? undefined : request.limit;
  if (limit === undefined || snapshot.items.length <= limit) {
    return page(listKind, snapshot.items, snapshot.resourceVersion, 0, undefined, undefined);
  }
  return page(listKind, snapshot.items, snapshot.resourceVersion, 0, limit, {
    tokens,
    id: tokens.open(snapshot),
  });
}

function selected<S extends { readonly items: readonly SnapshotItem[] }>(
  snapshot: S,
  requirements: readonly FieldRequirement[],
): S {
  if (requirements.length === 0) return snapshot;
  return {
    ...snapshot,
    items: snapshot.items.filter(
      (i) => i.fields !== undefined && matchesFieldSelector(requirements, i.fields),
    ),
  };
}

function page(
  listKind: string,
  items: readonly SnapshotItem[],
  resourceVersion: number,
  offset: number,
  limit: number | undefined,
  paging: { tokens: ContinueTokens; id: string } | undefined,
): ListResponse {
  const end = limit === undefined ? items.length : Math.min(items.length, offset + limit);
  const slice = items.slice(offset, end);
  const remaining = items.length - end;
  let metadata = `"resourceVersion":"${resourceVersion}"`;
  if (remaining > 0 && paging !== undefined) {
    metadata += `,"continue":"${paging.tokens.advance(paging.id, end)}","remainingItemCount":${remaining}`;
  } else if (paging !== undefined) {
    paging.tokens.close(paging.id);
  }
  const body = `{"kind":"${listKind}","apiVersion":"v1","metadata":{${metadata}},"items":[${slice.map((i) => i.json).join(',')}]}`;
  return { kind: 'page', body, items: slice };
}

function validate(request: ListRequest): StatusBody | undefined {
  const causes: string[] = [];
  const match = request.resourceVersionMatch;
  if (match !== undefined) {
    if (match !== 'Exact' && match !== 'NotOlderThan') {
      causes.push(
        `resourceVersionMatch: Unsupported value: "${match}": supported values: "Exact", "NotOlderThan", ""`,
      );
    }
    if (request.resourceVersion === undefined || request.resourceVersion === '') {
      causes.push(
        'resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
      );
    }
    if (request.continueToken !== undefined) {
      causes.push(
        'resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden when continue is provided',
      );
    }
    if (match === 'Exact' && request.resourceVersion === '0') {
      causes.push(
        'resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
      );
    }
  }
  if (causes.length === 0) return undefined;
  return statusBody(422, 'Invalid', `ListOptions.meta.k8s.io "" is invalid: ${causes.join(', ')}`);
}
