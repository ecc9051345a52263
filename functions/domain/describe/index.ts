/** `kubectl describe pod` (kubectl v1.35) as a pure function; see describe-pod.ts. */
export { type DescribeOptions, describePod } from './describe-pod.js';
export type { Described } from './described.js';
export { ENV_VALUE_NOT_RECORDED, VALUE_NOT_RECORDED_TEXT } from './env.js';
export { encodeDescribeText } from './go-text.js';
