import { InvalidParameterError } from '../errors.js';

/**
 * A verified cursor's state, checked for shape. The MAC already proves we issued it; the shape check
 * guards against a cursor issued by an older release of this route.
 */
export function readState<T>(value: unknown, isState: (v: unknown) => v is T): T | undefined {
  if (value === undefined) return undefined;
  if (!isState(value)) {
    throw new InvalidParameterError(
      'cursor',
      'invalid cursor: issued by another version; start again without it',
    );
  }
  return value;
}
