import { arr, bool, int, type JsonObject, obj, optObj, present, str } from '../json-access.js';
import { FIXED_VOLUME_PRINTERS, type VolumePrinter } from './fixed-volume-sources.js';
import { byteLength, cutBytes, sortedGoStrings } from './go-text.js';
import {
  MAX_ANNOTATION_LENGTH,
  printAnnotationsMultiline,
  printLabelsMultiline,
  stringMap,
} from './metadata-blocks.js';
import {
  LEVEL_0,
  LEVEL_1,
  LEVEL_2,
  LEVEL_3,
  nestedPrefixWriter,
  type PrefixWriter,
} from './prefix-writer.js';
import { compare, parseQuantity, quantityText, ZERO_QUANTITY } from './quantity.js';

/**
 * describeVolumes (describe.go) and the print…VolumeSource functions with logic of their own
 * (emptyDir, downwardAPI, projected, CSI, ephemeral); the single-call ones are in
 * fixed-volume-sources.ts. Each volume is `L1 name:`, then `L2 Type:⇥…` and key lines written
 * inside the same call with a literal four-space indent. The first source field present wins,
 * in describe.go's switch order; a volume with none of them prints `<unknown>`.
 */
export function describeVolumes(w: PrefixWriter, volumes: readonly unknown[]): void {
  if (volumes.length === 0) {
    w.write(LEVEL_0, 'Volumes:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volumes:\n');
  for (const volume of volumes) {
    w.write(LEVEL_1, `${str(volume, 'name')}:\n`);
    const key = SOURCE_ORDER.find((source) => optObj(volume, source) !== undefined);
    const print = key === undefined ? undefined : (SPECIAL_PRINTERS[key] ?? FIXED_VOLUME_PRINTERS[key]);
    if (key === undefined || print === undefined) {
      w.write(LEVEL_1, '<unknown>\n');
      continue;
    }
    print(w, obj(volume, key));
  }
}

/** describe.go's switch order: the first source present wins. */
const SOURCE_ORDER = [
  'hostPath',
  'emptyDir',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'secret',
  'configMap',
  'nfs',
  'iscsi',
  'glusterfs',
  'persistentVolumeClaim',
  'ephemeral',
  'rbd',
  'quobyte',
  'downwardAPI',
  'azureDisk',
  'vsphereVolume',
  'cinder',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'cephfs',
  'storageos',
  'fc',
  'azureFile',
  'flexVolume',
  'flocker',
  'projected',
  'csi',
  'image',
] as const;

const SPECIAL_PRINTERS: Readonly<Record<string, VolumePrinter>> = {
  emptyDir: printEmptyDir,
  ephemeral: printEphemeral,
  downwardAPI: printDownwardAPI,
  projected: printProjected,
  csi: printCsi,
};

function printEmptyDir(w: PrefixWriter, source: JsonObject): void {
  const limit = present(source, 'sizeLimit') ? parseQuantity(source.sizeLimit) : undefined;
  const sizeLimit =
    limit !== undefined && compare(limit, ZERO_QUANTITY) > 0 ? quantityText(source.sizeLimit) : '<unset>';
  w.write(
    LEVEL_2,
    "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n" +
      `    Medium:\t${str(source, 'medium')}\n` +
      `    SizeLimit:\t${sizeLimit}\n`,
  );
}

function printDownwardAPI(w: PrefixWriter, source: JsonObject): void {
  w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
  for (const item of arr(source, 'items')) {
    const fieldRef = optObj(item, 'fieldRef');
    const resourceFieldRef = optObj(item, 'resourceFieldRef');
    if (fieldRef !== undefined) w.write(LEVEL_3, `${str(fieldRef, 'fieldPath')} -> ${str(item, 'path')}\n`);
    if (resourceFieldRef !== undefined) {
      w.write(LEVEL_3, `${str(resourceFieldRef, 'resource')} -> ${str(item, 'path')}\n`);
    }
  }
}

function printProjected(w: PrefixWriter, source: JsonObject): void {
  w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  for (const projection of arr(source, 'sources')) {
    const secret = optObj(projection, 'secret');
    const configMap = optObj(projection, 'configMap');
    const token = optObj(projection, 'serviceAccountToken');
    if (secret !== undefined) {
      w.write(LEVEL_2, `SecretName:\t${str(secret, 'name')}\n    Optional:\t${bool(secret, 'optional')}\n`);
    } else if (optObj(projection, 'downwardAPI') !== undefined) {
      w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
    } else if (configMap !== undefined) {
      w.write(
        LEVEL_2,
        `ConfigMapName:\t${str(configMap, 'name')}\n    Optional:\t${bool(configMap, 'optional')}\n`,
      );
    } else if (token !== undefined) {
      w.write(LEVEL_2, `TokenExpirationSeconds:\t${int(token, 'expirationSeconds')}\n`);
    }
  }
}

function printCsi(w: PrefixWriter, source: JsonObject): void {
  w.write(
    LEVEL_2,
    'Type:\tCSI (a Container Storage Interface (CSI) volume source)\n' +
      `    Driver:\t${str(source, 'driver')}\n` +
      `    FSType:\t${str(source, 'fsType')}\n` +
      `    ReadOnly:\t${bool(source, 'readOnly')}\n`,
  );
  // printCSIPersistentVolumeAttributesMultilineIndent: the prefix is per call, so continuation
  // lines start with 4 spaces, a tab, and 4 more spaces.
  const attributes = stringMap(source.volumeAttributes);
  w.write(LEVEL_2, 'VolumeAttributes:\t');
  const keys = sortedGoStrings(attributes.keys());
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_2, '');
      w.write(LEVEL_2, '\t');
    }
    const line = `${key}=${attributes.get(key)}`;
    const shown =
      byteLength(line) > MAX_ANNOTATION_LENGTH ? `${cutBytes(line, MAX_ANNOTATION_LENGTH)}...` : line;
    w.write(LEVEL_2, `${shown}\n`);
  });
}

/** printEphemeralVolumeSource → printPersistentVolumeClaim(nested writer at LEVEL_2, not a full PVC). */
function printEphemeral(w: PrefixWriter, source: JsonObject): void {
  w.write(
    LEVEL_2,
    'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n',
  );
  const template = optObj(source, 'volumeClaimTemplate');
  if (template === undefined) return;
  const nested = nestedPrefixWriter(w, LEVEL_2);
  const metadata = obj(template, 'metadata');
  const spec = obj(template, 'spec');
  const annotations = stringMap(metadata.annotations);
  const betaClass = annotations.get('volume.beta.kubernetes.io/storage-class');
  const storageClass = betaClass ?? str(spec, 'storageClassName');
  nested.write(LEVEL_0, `StorageClass:\t${storageClass}\n`);
  const volumeName = str(spec, 'volumeName');
  nested.write(LEVEL_0, `Volume:\t${volumeName}\n`);
  printLabelsMultiline(nested, 'Labels', metadata.labels);
  printAnnotationsMultiline(nested, 'Annotations', metadata.annotations);
  // A claim template has no status: once bound by name, capacity is the zero quantity.
  nested.write(LEVEL_0, `Capacity:\t${volumeName === '' ? '' : '0'}\n`);
  nested.write(LEVEL_0, 'Access Modes:\t\n');
  if (present(spec, 'volumeMode')) nested.write(LEVEL_0, `VolumeMode:\t${str(spec, 'volumeMode')}\n`);
  const dataSource = optObj(spec, 'dataSource');
  if (dataSource !== undefined) {
    nested.write(LEVEL_0, 'DataSource:\n');
    if (present(dataSource, 'apiGroup')) nested.write(LEVEL_1, `APIGroup:\t${str(dataSource, 'apiGroup')}\n`);
    nested.write(LEVEL_1, `Kind:\t${str(dataSource, 'kind')}\n`);
    nested.write(LEVEL_1, `Name:\t${str(dataSource, 'name')}\n`);
  }
}
