import { z } from 'zod';
import { CLUSTER_NAME_PATTERN, DNS_LABEL, DNS_SUBDOMAIN, UID } from '../domain/names.js';

/**
 * Wire format v1 (docs/wire-format.md) as zod schemas, checked at the edge. Only what
 * the ingest reads, or puts in keys, is constrained; everything else in a pod is ignored, so full
 * objects as served (managedFields and all) pass. Names follow Kubernetes' own validation
 * (functions/domain/names.ts): a namespace is a DNS label (RFC 1123, ≤ 63), a pod name a DNS
 * subdomain (≤ 253).
 */
/** resourceVersion is opaque; printable ASCII without `#` or spaces, ≤ 64. */
const RESOURCE_VERSION = /^[!-"$-~]{1,64}$/;

const time = z.iso.datetime({
  offset: true,
  error: 'must be an RFC 3339 time such as 2026-11-23T10:00:00.123Z',
});
const optionalTime = z.union([time, z.null()]).optional();

export const envelopeSchema = z.object({
  cluster: z
    .string()
    .regex(CLUSTER_NAME_PATTERN, { error: 'must be a DNS label: lower-case letters, digits and "-", ≤ 63' }),
  agent: z.object({
    id: z.string().min(1).max(253),
    version: z.string().min(1).max(64),
  }),
  events: z.array(z.unknown()),
});

const podMetadata = z.object({
  name: z.string().max(253).regex(DNS_SUBDOMAIN, { error: 'must be a DNS subdomain' }),
  namespace: z.string().max(63).regex(DNS_LABEL, { error: 'must be a DNS label' }),
  uid: z.string().regex(UID, { error: 'must be a uid (letters, digits, "-", ≤ 128)' }),
  resourceVersion: z
    .string()
    .regex(RESOURCE_VERSION, { error: 'must be 1–64 printable characters without "#"' }),
  creationTimestamp: optionalTime,
  deletionTimestamp: optionalTime,
  labels: z.record(z.string(), z.string()).optional(),
  ownerReferences: z
    .array(
      z.object({ kind: z.string().max(253), name: z.string().max(253), controller: z.boolean().optional() }),
    )
    .optional(),
});

/**
 * Container names reach the restart ledger's keys: a DNS label, as Kubernetes validates them. The
 * other strings of a status that are kept (reasons, messages, the derived STATUS) are cut to
 * TEXT_LIMIT (domain/observation.ts), and a STATUS key is bounded (store/schema/keys.ts).
 */
const containerStatuses = z
  .array(z.looseObject({ name: z.string().max(63).regex(DNS_LABEL, { error: 'must be a DNS label' }) }))
  .optional();
const podStatus = z.looseObject({ containerStatuses, initContainerStatuses: containerStatuses });

export const podEventSchema = z.object({
  type: z.enum(['ADDED', 'MODIFIED', 'DELETED']),
  observedAt: time,
  pod: z.object({
    metadata: podMetadata,
    spec: z.record(z.string(), z.unknown()).optional(),
    status: podStatus.optional(),
  }),
});

export const syncEventSchema = z.object({
  type: z.literal('SYNC'),
  observedAt: time,
  resourceVersion: z
    .string()
    .regex(RESOURCE_VERSION, { error: 'must be 1–64 printable characters without "#"' }),
  uids: z.array(z.string().regex(UID, { error: 'must be a uid' })),
  gapSince: optionalTime,
});

/**
 * A Kubernetes Event about a pod, core/v1 or events.k8s.io/v1 (`regarding` for `involvedObject`).
 * What reaches keys is bounded by Kubernetes' own rules (names, uids, resourceVersions); reason and
 * type are bounded as events.k8s.io validates them (≤ 128); the message is cut when stored.
 */
const eventTarget = z.object({
  kind: z.literal('Pod'),
  namespace: z.string().max(63).regex(DNS_LABEL, { error: 'must be a DNS label' }),
  name: z.string().max(253).regex(DNS_SUBDOMAIN, { error: 'must be a DNS subdomain' }),
  uid: z.union([z.literal(''), z.string().regex(UID, { error: 'must be a uid' })]).optional(),
});
const eventObject = z
  .object({
    metadata: z.object({
      uid: z.string().regex(UID, { error: 'must be a uid (letters, digits, "-", ≤ 128)' }),
      resourceVersion: z
        .string()
        .regex(RESOURCE_VERSION, { error: 'must be 1–64 printable characters without "#"' }),
    }),
    involvedObject: eventTarget.optional(),
    regarding: eventTarget.optional(),
    reason: z.string().max(128).optional(),
    type: z.string().max(128).optional(),
    firstTimestamp: optionalTime,
    lastTimestamp: optionalTime,
    eventTime: optionalTime,
    deprecatedFirstTimestamp: optionalTime,
    deprecatedLastTimestamp: optionalTime,
  })
  .refine((e) => (e.involvedObject ?? e.regarding) !== undefined, {
    error: 'needs involvedObject (core/v1) or regarding (events.k8s.io/v1)',
    path: ['involvedObject'],
  });

export const eventEventSchema = z.object({ type: z.literal('EVENT'), observedAt: time, event: eventObject });

export const eventTypeSchema = z.object({ type: z.enum(['ADDED', 'MODIFIED', 'DELETED', 'SYNC', 'EVENT']) });

/** `events[3].pod.metadata.uid: required` — zod issues as the wire contract reports them. */
export function formatIssues(prefix: string, issues: readonly z.core.$ZodIssue[]): string[] {
  // An issue about the whole body (not an object) is named `body`, never an empty path.
  return issues.map(
    (issue) => `${prefix}${formatPath(issue.path) || (prefix === '' ? 'body' : '')}: ${describe(issue)}`,
  );
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    return issue.message.endsWith('received undefined')
      ? 'required'
      : `must be a${/^[aeiou]/.test(issue.expected) ? 'n' : ''} ${issue.expected}`;
  }
  if (issue.code === 'invalid_value')
    return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'too_big')
    return `must have at most ${String(issue.maximum)} ${issue.origin === 'string' ? 'characters' : 'items'}`;
  if (issue.code === 'too_small')
    return `must have at least ${String(issue.minimum)} ${issue.origin === 'string' ? 'characters' : 'items'}`;
  return issue.message;
}
