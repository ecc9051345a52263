import type { ObservedPod } from '../domain/observation.js';

/**
 * The largest state of one pod the ingest records, as JSON: a pod's head item (store/schema) holds
 * its newest observations and DynamoDB refuses items over 400 KB, so one huge status (thousands of
 * container statuses, each text already cut to TEXT_LIMIT) would fail every batch that carries it.
 * A served pod's slim state is 1–2 KB; 50 containers with every message at its limit stay under
 * this. Over it, the event is rejected alone (issue 17), before anything is written.
 */
export const OBSERVATION_LIMIT_BYTES = 64 * 1024;

/** The issue for an observation too large to record, or undefined. */
export function oversizeIssue(prefix: string, observed: ObservedPod): string | undefined {
  const { observation } = observed;
  const bytes = Buffer.byteLength(JSON.stringify(observation));
  if (bytes <= OBSERVATION_LIMIT_BYTES) return undefined;
  return `${prefix}.pod.status: the pod's state is ${bytes} bytes as recorded (${observation.containers.length} container statuses, ${observation.conditions.length} conditions), more than ${OBSERVATION_LIMIT_BYTES}`;
}
