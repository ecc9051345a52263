/**
 * The Kubernetes API simulator: pods and their core/v1 events (list/watch/get over real HTTP, events
 * written by simulated components with their recorders' dedup, series and rate limits, scripted
 * lifecycles on an injectable clock, fault injection), plus discovery for kubectl. Used by local
 * mode's demo cluster, the agent tests, the describe golden tests and benches.
 */

export type { ApiServerStats, ResourceStats } from './api-server.js';
export {
  type AcceleratedClockOptions,
  acceleratedClock,
  type ManualClock,
  manualClock,
  realClock,
  type SimClock,
} from './clock.js';
export { type ClusterEvents, createClusterEvents } from './cluster-events.js';
export type { EventType, ObjectReference } from './event-objects.js';
export {
  createEventStore,
  DEFAULT_EVENT_TTL_MS,
  type EventStore,
  type SimEvent,
  type StoredCoreEvent,
} from './event-store.js';
export type { DropOptions, FailRule, RequestVerb, Resource, ResourceChoice } from './faults.js';
export * as kubelet from './kubelet.js';
export { createRevision, type Revision } from './object-store.js';
export {
  type Component,
  controllersSay,
  kubeletSays,
  type PodEventMaker,
  type PodEventSpec,
  schedulerSays,
} from './pod-events.js';
export { createPodStore, type PodStore, type StoredEvent } from './pod-store.js';
export { buildPod, type ContainerTemplate, type PodTemplateOptions } from './pod-template.js';
export type { SimPod } from './pod-types.js';
export { type Random, randomUid, seededRandom } from './random.js';
export * from './scenarios/index.js';
export {
  compressed,
  create,
  delayed,
  type EventStep,
  emit,
  kubeTime,
  type Playback,
  type PodEventSink,
  type PodScript,
  type PodStep,
  playScripts,
  remove,
  scriptDurationMs,
  update,
} from './script.js';
export { type Simulator, type SimulatorFaults, type SimulatorOptions, startSimulator } from './simulator.js';
