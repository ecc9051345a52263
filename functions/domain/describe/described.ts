import type { JsonObject } from '../json-access.js';
import type { PodSummary } from '../model.js';
import type { PodEventVersion } from '../pod-event.js';

/**
 * The body of GET /v1/describe: a pod as of `at`, what `podtrail describe` and the web UI's pod page
 * print with describePod. `pod` is absent when the pod was not yet recorded at `at`.
 */
export interface Described {
  readonly cluster: string;
  readonly at: string;
  readonly uid: string;
  readonly pod?: JsonObject;
  readonly events: readonly PodEventVersion[];
  readonly incarnations: readonly PodSummary[];
}
