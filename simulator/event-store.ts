import { type FieldRequirement, matchesFieldSelector, parseFieldSelector } from './field-selector.js';
import { type StatusBody, statusBody } from './status.js';

/**
 * core/v1 Events for the simulator: stored as given (plain JSON, keyed by namespace/name as etcd
 * keys them), listed per namespace or cluster-wide with the field selectors the API server accepts
 * for events, in key order, paged with `limit` + `continue`. What `kubectl describe pod` reads
 * (`involvedObject.name/namespace/uid` selectors, 500 per page). Events are list-only: no watch,
 * and their resourceVersions come from a counter of their own.
 */

export type SimEvent = Record<string, unknown> & {
  metadata: { name: string; namespace: string; resourceVersion?: string; [extra: string]: unknown };
};

export interface EventStore {
  /** Creates or replaces the event with this namespace/name; returns the stored copy. */
  put(event: SimEvent): SimEvent;
  delete(namespace: string, name: string): boolean;
  list(request: EventListRequest): EventListResponse;
  size(): number;
  clear(): void;
}

export interface EventListRequest {
  readonly namespace: string | undefined;
  readonly fieldSelector: string | undefined;
  readonly limit: number | undefined;
  readonly continueToken: string | undefined;
}

export type EventListResponse =
  | { readonly kind: 'page'; readonly body: string }
  | { readonly kind: 'error'; readonly status: number; readonly body: StatusBody };

/** The fields the API server's event field-selector conversion accepts (core/v1). */
const SELECTABLE_FIELDS = [
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
  'metadata.namespace',
  'metadata.name',
] as const;

export function createEventStore(options: { startResourceVersion?: number } = {}): EventStore {
  let resourceVersion = options.startResourceVersion ?? 1;
  const events = new Map<string, SimEvent>();
  return {
    put(event) {
      resourceVersion++;
      const copy = structuredClone(event);
      copy.metadata.resourceVersion = String(resourceVersion);
      events.set(keyOf(copy.metadata.namespace, copy.metadata.name), copy);
      return structuredClone(copy);
    },
    delete: (namespace, name) => events.delete(keyOf(namespace, name)),
    list(request) {
      const parsed = parseFieldSelector(request.fieldSelector ?? '');
      if (!parsed.ok) return badRequest(parsed.message);
      const unsupported = parsed.requirements.find(
        (r) => !(SELECTABLE_FIELDS as readonly string[]).includes(r.field),
      );
      if (unsupported !== undefined) {
        return badRequest(`field label not supported: ${unsupported.field}`);
      }
      const after = request.continueToken === undefined ? undefined : decodeContinue(request.continueToken);
      if (after === null) return badRequest('continue key is not valid: illegal base64 data');
      const matching = [...events.entries()]
        .filter(([key]) => after === undefined || key > after)
        .filter(([, event]) => inNamespace(event, request.namespace) && matches(parsed.requirements, event))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const limit = request.limit;
      const page = limit === undefined ? matching : matching.slice(0, limit);
      const last = page[page.length - 1];
      const metadata: Record<string, unknown> = { resourceVersion: String(resourceVersion) };
      if (limit !== undefined && matching.length > limit && last !== undefined) {
        metadata.continue = Buffer.from(last[0]).toString('base64url');
        metadata.remainingItemCount = matching.length - limit;
      }
      const body = JSON.stringify({
        kind: 'EventList',
        apiVersion: 'v1',
        metadata,
        items: page.map(([, e]) => e),
      });
      return { kind: 'page', body };
    },
    size: () => events.size,
    clear: () => events.clear(),
  };
}

/** etcd keys sort by namespace, then name, as bytes; "\u0000" keeps "a/b" before "a-x/…". */
function keyOf(namespace: string, name: string): string {
  return `${namespace}\u0000${name}`;
}

function decodeContinue(token: string): string | null {
  const key = Buffer.from(token, 'base64url').toString('utf8');
  return key.includes('\u0000') ? key : null;
}

function inNamespace(event: SimEvent, namespace: string | undefined): boolean {
  return namespace === undefined || event.metadata.namespace === namespace;
}

function matches(requirements: readonly FieldRequirement[], event: SimEvent): boolean {
  const involved = record(event.involvedObject);
  const source = record(event.source);
  const field = (value: unknown) => (typeof value === 'string' ? value : '');
  const component = field(source.component);
  return matchesFieldSelector(requirements, {
    'involvedObject.kind': field(involved.kind),
    'involvedObject.namespace': field(involved.namespace),
    'involvedObject.name': field(involved.name),
    'involvedObject.uid': field(involved.uid),
    'involvedObject.apiVersion': field(involved.apiVersion),
    'involvedObject.resourceVersion': field(involved.resourceVersion),
    'involvedObject.fieldPath': field(involved.fieldPath),
    reason: field(event.reason),
    reportingComponent: field(event.reportingComponent),
    // The API server's `source` field is source.component, or reportingComponent when that is empty.
    source: component === '' ? field(event.reportingComponent) : component,
    type: field(event.type),
    'metadata.namespace': event.metadata.namespace,
    'metadata.name': event.metadata.name,
  });
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function badRequest(message: string): EventListResponse {
  return { kind: 'error', status: 400, body: statusBody(400, 'BadRequest', message) };
}
