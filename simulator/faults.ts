import { defaultStatus, type StatusBody } from './status.js';

/**
 * Fault injection for the simulated API server, one knob per branch of a Reflector-style client:
 * failed requests (any status, Retry-After), dropped or stalled watch streams, garbled lines,
 * compaction (410 on watch), expired continue tokens, and whole-API outages.
 * Durations are wall-clock ms: faults are about what the network does.
 *
 * Request and stream faults act on one collection at a time: pods unless told otherwise (what every
 * knob meant before events were served), events, or all; an outage takes the whole API down.
 */

export type RequestVerb = 'list' | 'continue' | 'watch' | 'get';

export type Resource = 'pods' | 'events';

/** The collections a fault acts on. */
export type ResourceChoice = Resource | 'all';

export const RESOURCES: readonly Resource[] = ['pods', 'events'];

export function resourcesOf(choice: ResourceChoice = 'pods'): readonly Resource[] {
  return choice === 'all' ? RESOURCES : [choice];
}

export interface FailRule {
  /** Which requests fail (default: every verb). */
  readonly verb?: RequestVerb | readonly RequestVerb[];
  /** On which collection (default 'pods'). */
  readonly resource?: ResourceChoice;
  readonly status: number;
  /** Sent as the Retry-After header and in details.retryAfterSeconds (429). */
  readonly retryAfterSeconds?: number;
  /** How many matching requests fail before the rule is used up (default 1). */
  readonly times?: number;
  readonly body?: StatusBody;
  /** Watch only: answer 200 and send the Status as one ERROR event, then close (as the cacher does). */
  readonly inStream?: boolean;
}

export interface DropOptions {
  /** Write half of the next line before cutting the connection. */
  readonly halfLine?: boolean;
}

/** Faults of one collection's watch streams. */
export interface StreamFaults {
  stallUntilMs: number;
  /** Each new watch stream is cut after this many events (undefined: never). */
  dropAfterEvents: (() => number) | undefined;
  garbleNext: number;
}

export interface FaultState {
  failing: { rule: FailRule; remaining: number }[];
  outageUntilMs: number;
  outageMode: 'reset' | 'unavailable';
  readonly streams: Record<Resource, StreamFaults>;
}

export function createFaultState(): FaultState {
  const streams = (): StreamFaults => ({ stallUntilMs: 0, dropAfterEvents: undefined, garbleNext: 0 });
  return {
    failing: [],
    outageUntilMs: 0,
    outageMode: 'reset',
    streams: { pods: streams(), events: streams() },
  };
}

/** Takes the first matching failure rule for a request, if any. */
export function takeFailure(
  state: FaultState,
  resource: Resource,
  verb: RequestVerb,
): { status: number; body: StatusBody; retryAfterSeconds?: number; inStream: boolean } | undefined {
  const index = state.failing.findIndex(({ rule }) => {
    const verbs = rule.verb === undefined ? undefined : Array.isArray(rule.verb) ? rule.verb : [rule.verb];
    return (verbs === undefined || verbs.includes(verb)) && resourcesOf(rule.resource).includes(resource);
  });
  const entry = state.failing[index];
  if (entry === undefined) return undefined;
  entry.remaining--;
  if (entry.remaining <= 0) state.failing.splice(index, 1);
  const { rule } = entry;
  return {
    status: rule.status,
    body: rule.body ?? defaultStatus(rule.status, rule.retryAfterSeconds, resource),
    inStream: rule.inStream === true,
    ...(rule.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: rule.retryAfterSeconds }),
  };
}
