/**
 * The Kubernetes API simulator: pods (list/watch/get over real HTTP, scripted lifecycles on an
 * injectable clock, fault injection), plus listed events and discovery for kubectl. Used by local
 * mode's demo cluster, the agent tests, the describe golden tests and benches.
 */
export {
  type AcceleratedClockOptions,
  acceleratedClock,
  type ManualClock,
  manualClock,
  realClock,
  type SimClock,
} from './clock.js';
export { createEventStore, type EventStore, type SimEvent } from './event-store.js';
export type { DropOptions, FailRule, RequestVerb } from './faults.js';
export * as kubelet from './kubelet.js';
export { createPodStore, type PodStore, type StoredEvent } from './pod-store.js';
export { buildPod, type ContainerTemplate, type PodTemplateOptions } from './pod-template.js';
export type { SimPod } from './pod-types.js';
export { type Random, randomUid, seededRandom } from './random.js';
export * from './scenarios/index.js';
export {
  compressed,
  create,
  delayed,
  kubeTime,
  type Playback,
  type PodScript,
  type PodStep,
  playScripts,
  remove,
  scriptDurationMs,
  update,
} from './script.js';
export { type Simulator, type SimulatorFaults, type SimulatorOptions, startSimulator } from './simulator.js';
