/**
 * Whether a pod's STATUS (kubectl's, as recorded) is one to look at: anything that is not a pod
 * running, starting, finishing or finished normally. CrashLoopBackOff, Error, OOMKilled,
 * ImagePullBackOff, ErrImagePull, Evicted, Init:Error, CreateContainerConfigError, Unknown… are bad.
 */
const NORMAL = new Set([
  'Running',
  'Completed',
  'Succeeded',
  'Pending',
  'ContainerCreating',
  'PodInitializing',
  'Terminating',
  'SchedulingGated',
]);

export function isBadStatus(status: string): boolean {
  return !(NORMAL.has(status) || /^Init:\d+\/\d+$/.test(status));
}
