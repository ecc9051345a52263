import { canonicalTime } from '../domain/event-order.js';
import type { JsonObject } from '../domain/json-access.js';
import type { ObservedPod } from '../domain/observation.js';
import { observeDescribedPod } from '../domain/pod-card.js';
import { type RecordedEventVersion, slimPodEvent } from '../domain/pod-event.js';
import type { RejectedEvent } from '../domain/wire-format.js';
import type { IngestBatch, SyncReport } from '../store/port.js';
import { invalidBody, tooManyEvents } from './errors.js';
import { oversizeIssue } from './observation-bound.js';
import {
  envelopeSchema,
  eventEventSchema,
  eventTypeSchema,
  formatIssues,
  podEventSchema,
  syncEventSchema,
} from './wire-schema.js';

/**
 * A decoded body → the batch the store records plus the events rejected one by one, in two steps so
 * the handler can authorize in between: parseEnvelope checks only what authorization needs (the
 * cluster) and what bounds the work (agent, an events list of at most MAX_EVENTS), and fails the
 * whole body (400, 413); parseEvents then checks each event and reduces each pod to an observation,
 * rejecting events one by one.
 */
export interface Envelope {
  readonly cluster: string;
  readonly agent: { readonly id: string; readonly version: string };
  /** As sent: not yet read. */
  readonly events: readonly unknown[];
}

export interface ParsedBatch {
  readonly batch: IngestBatch;
  readonly rejected: readonly RejectedEvent[];
}

/** Events per request; the agent sends far fewer (docs/wire-format.md). */
export const MAX_EVENTS = 10_000;

export function parseEnvelope(body: unknown): Envelope {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success)
    throw invalidBody('the body is not an event batch', formatIssues('', envelope.error.issues).map(trimDot));
  const { events } = envelope.data;
  if (events.length > MAX_EVENTS) throw tooManyEvents(events.length, MAX_EVENTS);
  return envelope.data;
}

export function parseEvents(envelope: Envelope): ParsedBatch {
  const { cluster, agent, events } = envelope;
  const pods: (ObservedPod & { index: number })[] = [];
  const syncs: SyncReport[] = [];
  const podEvents: RecordedEventVersion[] = [];
  const rejected: RejectedEvent[] = [];
  events.forEach((event, index) => {
    const prefix = `events[${index}]`;
    const type = eventTypeSchema.safeParse(event);
    if (!type.success) {
      rejected.push({ index, issues: formatIssues(prefix, type.error.issues) });
      return;
    }
    if (type.data.type === 'EVENT') {
      const parsed = eventEventSchema.safeParse(event);
      if (!parsed.success) rejected.push({ index, issues: formatIssues(prefix, parsed.error.issues) });
      else
        podEvents.push({
          observedAt: canonical(parsed.data.observedAt),
          // The original object, not zod's copy: slimPodEvent keeps what it reads, totally.
          event: slimPodEvent((event as { event: JsonObject }).event),
        });
      return;
    }
    if (type.data.type === 'SYNC') {
      const sync = syncEventSchema.safeParse(event);
      if (!sync.success) rejected.push({ index, issues: formatIssues(prefix, sync.error.issues) });
      else
        syncs.push({
          resourceVersion: sync.data.resourceVersion,
          observedAt: canonical(sync.data.observedAt),
          uids: sync.data.uids,
          gapSince: sync.data.gapSince == null ? null : canonical(sync.data.gapSince),
        });
      return;
    }
    const pod = podEventSchema.safeParse(event);
    if (!pod.success) {
      rejected.push({ index, issues: formatIssues(prefix, pod.error.issues) });
      return;
    }
    // The original object, not zod's copy: observation and describe card read only what they need, totally.
    const raw = (event as { pod: unknown }).pod;
    const observed = observeDescribedPod(raw, pod.data.type === 'DELETED', canonical(pod.data.observedAt));
    const oversize = oversizeIssue(prefix, observed);
    if (oversize !== undefined) rejected.push({ index, issues: [oversize] });
    else pods.push({ ...observed, index });
  });
  return { batch: { cluster, agent, pods, syncs, events: podEvents }, rejected };
}

/** Both steps at once, for callers with nobody to authorize (benchmarks, store tests). */
export function parseBatch(body: unknown): ParsedBatch {
  return parseEvents(parseEnvelope(body));
}

function canonical(time: string): string {
  return canonicalTime(time) ?? time;
}

function trimDot(issue: string): string {
  return issue.startsWith('.') ? issue.slice(1) : issue;
}
