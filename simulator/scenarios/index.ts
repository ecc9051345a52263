/** Reusable pod lifecycle scripts: single stories, the demo cluster, and large churn mixes. */
export { badImagePod, SEED_BAD_IMAGE_TIMELINE } from './bad-image.js';
export { type ChurnOptions, churnScripts, demoCluster } from './demo.js';
export { completedJobPod, deletedPod, evictedPod, nodeLostPod } from './endings.js';
export { runningPods } from './populate.js';
export { crashLoopPod, oomKilledPod } from './restarts.js';
export { UNSCHEDULABLE_MESSAGE, unschedulablePod } from './scheduling.js';
export { freshStart, restartEvents } from './start-events.js';
export {
  gracefulDeletion,
  gracefulDeletionEvents,
  initContainersPod,
  type SteadyPodOptions,
  sidecarPod,
  steadyPod,
} from './startup.js';
export {
  barePod,
  cronJobPod,
  deploymentPod,
  NODES,
  type PodPlan,
  podIp,
  type ScenarioOptions,
} from './workloads.js';
