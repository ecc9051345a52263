import { arr, bool, isObject, obj, optObj, present, str } from '../json-access.js';
import { LEVEL_2, LEVEL_3, type PrefixWriter } from './prefix-writer.js';
import { parseQuantity, type Quantity, scaledValue, ZERO_QUANTITY } from './quantity.js';

/**
 * A container's `Environment Variables from:` and `Environment:` blocks (describe.go
 * describeContainerEnvFrom, describeContainerEnvVars, EnvValueRetriever, and kubectl's
 * resource.ExtractContainerResourceValue).
 *
 * The one deliberate difference from kubectl: podtrail never stores literal env values (they
 * hold secrets). The recorder removes `value` from every env entry that had a non-empty one and
 * sets `ENV_VALUE_NOT_RECORDED: true` on it instead; such an entry prints
 * `NAME:⇥<value not recorded>` where kubectl would print the value. An entry that still has its
 * `value` prints it, whatever the marker says, so a pod with literal values prints exactly as
 * kubectl prints it.
 */
export const ENV_VALUE_NOT_RECORDED = 'podtrail.dev/value-not-recorded';
export const VALUE_NOT_RECORDED_TEXT = '<value not recorded>';

export function describeContainerEnvFrom(w: PrefixWriter, container: unknown): void {
  const sources = arr(container, 'envFrom');
  if (sources.length === 0) return;
  w.write(LEVEL_2, 'Environment Variables from:\n');
  for (const source of sources) {
    let from = '';
    let ref: unknown;
    const configMapRef = optObj(source, 'configMapRef');
    const secretRef = optObj(source, 'secretRef');
    if (configMapRef !== undefined) {
      from = 'ConfigMap';
      ref = configMapRef;
    } else if (secretRef !== undefined) {
      from = 'Secret';
      ref = secretRef;
    }
    const name = str(ref, 'name');
    const optional = bool(ref, 'optional');
    const prefix = str(source, 'prefix');
    const kind = prefix.length === 0 ? from : `${from} with prefix '${prefix}'`;
    w.write(LEVEL_3, `${name}\t${kind}\tOptional: ${optional}\n`);
  }
}

export function describeContainerEnvVars(w: PrefixWriter, container: unknown, pod: unknown): void {
  const env = arr(container, 'env');
  w.write(LEVEL_2, env.length === 0 ? 'Environment:\t<none>\n' : 'Environment:\n');
  for (const entry of env) {
    const name = str(entry, 'name');
    const valueFrom = optObj(entry, 'valueFrom');
    if (valueFrom === undefined) {
      if (!present(entry, 'value') && isObject(entry) && entry[ENV_VALUE_NOT_RECORDED] === true) {
        w.write(LEVEL_3, `${name}:\t${VALUE_NOT_RECORDED_TEXT}\n`);
        continue;
      }
      str(entry, 'value')
        .split('\n')
        .forEach((piece, i) => {
          w.write(LEVEL_3, i === 0 ? `${name}:\t${piece}\n` : `\t${piece}\n`);
        });
      continue;
    }
    const fieldRef = optObj(valueFrom, 'fieldRef');
    const resourceFieldRef = optObj(valueFrom, 'resourceFieldRef');
    const secretKeyRef = optObj(valueFrom, 'secretKeyRef');
    const configMapKeyRef = optObj(valueFrom, 'configMapKeyRef');
    if (fieldRef !== undefined) {
      const apiVersion = str(fieldRef, 'apiVersion');
      const fieldPath = str(fieldRef, 'fieldPath');
      w.write(
        LEVEL_3,
        `${name}:\t${resolveFieldRef(pod, apiVersion, fieldPath)} (${apiVersion}:${fieldPath})\n`,
      );
    } else if (resourceFieldRef !== undefined) {
      const resource = str(resourceFieldRef, 'resource');
      let value = containerResourceValue(container, resourceFieldRef);
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory'))
        value = 'node allocatable';
      w.write(LEVEL_3, `${name}:\t${value} (${resource})\n`);
    } else if (secretKeyRef !== undefined) {
      const optional = bool(secretKeyRef, 'optional');
      w.write(
        LEVEL_3,
        `${name}:\t<set to the key '${str(secretKeyRef, 'key')}' in secret '${str(secretKeyRef, 'name')}'>\tOptional: ${optional}\n`,
      );
    } else if (configMapKeyRef !== undefined) {
      const optional = bool(configMapKeyRef, 'optional');
      w.write(
        LEVEL_3,
        `${name}:\t<set to the key '${str(configMapKeyRef, 'key')}' of config map '${str(configMapKeyRef, 'name')}'>\tOptional: ${optional}\n`,
      );
    }
    // Any other source (fileKeyRef, …) prints nothing, as in kubectl.
  }
}

/**
 * EnvValueRetriever: kubectl's scheme converts the field path with the default field-selector
 * conversion, which knows only metadata.name and metadata.namespace; every other path (and an
 * apiVersion ParseGroupVersion rejects) resolves to "".
 */
function resolveFieldRef(pod: unknown, apiVersion: string, fieldPath: string): string {
  if (apiVersion.split('/').length > 2) return '';
  if (fieldPath === 'metadata.name') return str(obj(pod, 'metadata'), 'name');
  if (fieldPath === 'metadata.namespace') return str(obj(pod, 'metadata'), 'namespace');
  return '';
}

const HUGE_PAGES = 'hugepages-';
/** resource.MustParse("1"): the divisor when none (or zero) is given. */
const ONE: Quantity = { unscaled: 1n, scale: 0, format: 'DecimalSI' };

/** resource.ExtractContainerResourceValue: ceil(value / divisor), or "" for an unknown resource. */
function containerResourceValue(container: unknown, selector: unknown): string {
  const divisorInput = isObject(selector) ? parseQuantity(selector.divisor) : undefined;
  const divisor = divisorInput === undefined || divisorInput.unscaled === 0n ? ONE : divisorInput;
  const resources = obj(container, 'resources');
  const resource = str(selector, 'resource');
  const dot = resource.indexOf('.');
  const list = resource.slice(0, dot);
  const name = resource.slice(dot + 1);
  if (dot < 0 || (list !== 'limits' && list !== 'requests')) return '';
  const quantity = parseQuantity(obj(resources, list)[name]) ?? ZERO_QUANTITY;
  if (name === 'cpu') return ceilRatio(scaledValue(quantity, -3), scaledValue(divisor, -3));
  if (name === 'memory' || name === 'ephemeral-storage' || name.startsWith(HUGE_PAGES)) {
    return ceilRatio(scaledValue(quantity, 0), scaledValue(divisor, 0));
  }
  return '';
}

/**
 * int64(math.Ceil(float64(a) / float64(b))) formatted with strconv.FormatInt: every digit of the
 * float (not JS's shortest form), and amd64's 0x8000000000000000 when it does not fit an int64.
 */
function ceilRatio(a: number, b: number): string {
  const value = Math.ceil(a / b);
  if (!(value >= -(2 ** 63) && value < 2 ** 63)) return '-9223372036854775808';
  return BigInt(value).toString();
}
