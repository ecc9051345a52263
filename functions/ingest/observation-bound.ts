import type { ObservedPod } from '../domain/observation.js';

/**
 * The largest state of one pod the ingest records, as JSON: a pod's head item (store/schema) holds
 * its newest observations and DynamoDB refuses items over 400 KB, so one huge status (thousands of
 * container statuses, each text already cut to TEXT_LIMIT) would fail every batch that carries it.
 * A served pod's slim state is 1–2 KB; 50 containers with every message at its limit stay under
 * this. Over it, the event is rejected alone (issue 17), before anything is written.
 */
export const OBSERVATION_LIMIT_BYTES = 64 * 1024;

/**
 * The largest describe card or extras (pod-card.ts) recorded, as JSON: each is one item, stored
 * compressed, and must stay well below DynamoDB's 400 KB. Real pods' cards are a few KB (the API
 * server refuses objects over about 1.5 MB, so a crafted spec could come close).
 */
export const CARD_LIMIT_BYTES = 256 * 1024;

/** The issue for an observation (or its describe card) too large to record, or undefined. */
export function oversizeIssue(prefix: string, observed: ObservedPod): string | undefined {
  const { observation } = observed;
  const bytes = Buffer.byteLength(JSON.stringify(observation));
  if (bytes > OBSERVATION_LIMIT_BYTES)
    return `${prefix}.pod.status: the pod's state is ${bytes} bytes as recorded (${observation.containers.length} container statuses, ${observation.conditions.length} conditions), more than ${OBSERVATION_LIMIT_BYTES}`;
  for (const [what, part] of [
    ['spec', observed.parts?.card],
    ['status', observed.parts?.extras],
  ] as const) {
    const partBytes = part === undefined ? 0 : Buffer.byteLength(JSON.stringify(part.body));
    if (partBytes > CARD_LIMIT_BYTES)
      return `${prefix}.pod.${what}: what describe prints of this pod is ${partBytes} bytes as recorded, more than ${CARD_LIMIT_BYTES}`;
  }
  return undefined;
}
