import { arr, bool, int, isObject, type JsonObject, obj, optObj, present, str } from '../json-access.js';
import { byteLength, cutBytes, formatStringMap, formatStringSlice, sortedGoStrings } from './go-text.js';
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
import { strings } from './probe.js';
import { compare, parseQuantity, quantityText, ZERO_QUANTITY } from './quantity.js';

/**
 * describeVolumes and the print…VolumeSource functions of describe.go. Each volume is `L1 name:`,
 * then `L2 Type:⇥…` and key lines written inside the same call with a literal four-space indent.
 * The first source field present wins, in describe.go's switch order; a volume with none of them
 * prints `<unknown>`.
 */
export function describeVolumes(w: PrefixWriter, volumes: readonly unknown[]): void {
  if (volumes.length === 0) {
    w.write(LEVEL_0, 'Volumes:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volumes:\n');
  for (const volume of volumes) {
    w.write(LEVEL_1, `${str(volume, 'name')}:\n`);
    const printer = VOLUME_PRINTERS.find(([key]) => isObject(isObject(volume) ? volume[key] : undefined));
    if (printer === undefined) {
      w.write(LEVEL_1, '<unknown>\n');
      continue;
    }
    const [key, print] = printer;
    print(w, obj(volume, key));
  }
}

type Printer = (w: PrefixWriter, source: JsonObject) => void;
type Field = readonly [label: string, value: (source: JsonObject) => string];

/** One `Write(LEVEL_2, "Type:\t…\n    Label:\t%v\n…")` call. */
function fixed(type: string, fields: readonly Field[]): Printer {
  return (w, source) => {
    const lines = fields.map(([label, value]) => `    ${label}\t${value(source)}\n`).join('');
    w.write(LEVEL_2, `Type:\t${type}\n${lines}`);
  };
}

const text =
  (key: string) =>
  (source: JsonObject): string =>
    str(source, key);
const flag =
  (key: string) =>
  (source: JsonObject): string =>
    String(bool(source, key));
const number =
  (key: string) =>
  (source: JsonObject): string =>
    String(int(source, key));
const list =
  (key: string) =>
  (source: JsonObject): string =>
    formatStringSlice(strings(arr(source, key)));
/** `%v` of a *LocalObjectReference: its generated String() method, which prints nil as `nil`. */
const reference =
  (key: string) =>
  (source: JsonObject): string => {
    const ref = optObj(source, key);
    return ref === undefined ? 'nil' : `&LocalObjectReference{Name:${str(ref, 'name')},}`;
  };
/** A dereferenced *string or *bool: kubectl would panic on nil; podtrail prints the zero value. */
const pointerText = text;
const pointerFlag = flag;

const VOLUME_PRINTERS: readonly (readonly [string, Printer])[] = [
  [
    'hostPath',
    fixed('HostPath (bare host directory volume)', [
      ['Path:', text('path')],
      ['HostPathType:', (s) => (present(s, 'type') ? str(s, 'type') : '<none>')],
    ]),
  ],
  ['emptyDir', printEmptyDir],
  [
    'gcePersistentDisk',
    fixed('GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)', [
      ['PDName:', text('pdName')],
      ['FSType:', text('fsType')],
      ['Partition:', number('partition')],
      ['ReadOnly:', flag('readOnly')],
    ]),
  ],
  [
    'awsElasticBlockStore',
    fixed('AWSElasticBlockStore (a Persistent Disk resource in AWS)', [
      ['VolumeID:', text('volumeID')],
      ['FSType:', text('fsType')],
      ['Partition:', number('partition')],
      ['ReadOnly:', flag('readOnly')],
    ]),
  ],
  [
    'gitRepo',
    fixed('GitRepo (a volume that is pulled from git when the pod is created)', [
      ['Repository:', text('repository')],
      ['Revision:', text('revision')],
    ]),
  ],
  [
    'secret',
    fixed('Secret (a volume populated by a Secret)', [
      ['SecretName:', text('secretName')],
      ['Optional:', flag('optional')],
    ]),
  ],
  [
    'configMap',
    fixed('ConfigMap (a volume populated by a ConfigMap)', [
      ['Name:', text('name')],
      ['Optional:', flag('optional')],
    ]),
  ],
  [
    'nfs',
    fixed('NFS (an NFS mount that lasts the lifetime of a pod)', [
      ['Server:', text('server')],
      ['Path:', text('path')],
      ['ReadOnly:', flag('readOnly')],
    ]),
  ],
  [
    'iscsi',
    fixed(
      "ISCSI (an ISCSI Disk resource that is attached to a kubelet's host machine and then exposed to the pod)",
      [
        ['TargetPortal:', text('targetPortal')],
        ['IQN:', text('iqn')],
        ['Lun:', number('lun')],
        ['ISCSIInterface', text('iscsiInterface')],
        ['FSType:', text('fsType')],
        ['ReadOnly:', flag('readOnly')],
        ['Portals:', list('portals')],
        ['DiscoveryCHAPAuth:', flag('chapAuthDiscovery')],
        ['SessionCHAPAuth:', flag('chapAuthSession')],
        ['SecretRef:', reference('secretRef')],
        ['InitiatorName:', (s) => (present(s, 'initiatorName') ? str(s, 'initiatorName') : '<none>')],
      ],
    ),
  ],
  [
    'glusterfs',
    fixed("Glusterfs (a Glusterfs mount on the host that shares a pod's lifetime)", [
      ['EndpointsName:', text('endpoints')],
      ['Path:', text('path')],
      ['ReadOnly:', flag('readOnly')],
    ]),
  ],
  [
    'persistentVolumeClaim',
    fixed('PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', [
      ['ClaimName:', text('claimName')],
      ['ReadOnly:', flag('readOnly')],
    ]),
  ],
  ['ephemeral', printEphemeral],
  [
    'rbd',
    fixed("RBD (a Rados Block Device mount on the host that shares a pod's lifetime)", [
      ['CephMonitors:', list('monitors')],
      ['RBDImage:', text('image')],
      ['FSType:', text('fsType')],
      ['RBDPool:', text('pool')],
      ['RadosUser:', text('user')],
      ['Keyring:', text('keyring')],
      ['SecretRef:', reference('secretRef')],
      ['ReadOnly:', flag('readOnly')],
    ]),
  ],
  [
    'quobyte',
    fixed("Quobyte (a Quobyte mount on the host that shares a pod's lifetime)", [
      ['Registry:', text('registry')],
      ['Volume:', text('volume')],
      ['ReadOnly:', flag('readOnly')],
    ]),
  ],
  ['downwardAPI', printDownwardAPI],
  [
    'azureDisk',
    fixed('AzureDisk (an Azure Data Disk mount on the host and bind mount to the pod)', [
      ['DiskName:', text('diskName')],
      ['DiskURI:', text('diskURI')],
      ['Kind: ', pointerText('kind')],
      ['FSType:', pointerText('fsType')],
      ['CachingMode:', pointerText('cachingMode')],
      ['ReadOnly:', pointerFlag('readOnly')],
    ]),
  ],
  [
    'vsphereVolume',
    fixed('vSphereVolume (a Persistent Disk resource in vSphere)', [
      ['VolumePath:', text('volumePath')],
      ['FSType:', text('fsType')],
      ['StoragePolicyName:', text('storagePolicyName')],
    ]),
  ],
  [
    'cinder',
    fixed('Cinder (a Persistent Disk resource in OpenStack)', [
      ['VolumeID:', text('volumeID')],
      ['FSType:', text('fsType')],
      ['ReadOnly:', flag('readOnly')],
      ['SecretRef:', reference('secretRef')],
    ]),
  ],
  [
    'photonPersistentDisk',
    fixed('PhotonPersistentDisk (a Persistent Disk resource in photon platform)', [
      ['PdID:', text('pdID')],
      ['FSType:', text('fsType')],
    ]),
  ],
  ['portworxVolume', fixed('PortworxVolume (a Portworx Volume resource)', [['VolumeID:', text('volumeID')]])],
  [
    'scaleIO',
    fixed('ScaleIO (a persistent volume backed by a block device in ScaleIO)', [
      ['Gateway:', text('gateway')],
      ['System:', text('system')],
      ['Protection Domain:', text('protectionDomain')],
      ['Storage Pool:', text('storagePool')],
      ['Storage Mode:', text('storageMode')],
      ['VolumeName:', text('volumeName')],
      ['FSType:', text('fsType')],
      ['ReadOnly:', flag('readOnly')],
    ]),
  ],
  [
    'cephfs',
    fixed("CephFS (a CephFS mount on the host that shares a pod's lifetime)", [
      ['Monitors:', list('monitors')],
      ['Path:', text('path')],
      ['User:', text('user')],
      ['SecretFile:', text('secretFile')],
      ['SecretRef:', reference('secretRef')],
      ['ReadOnly:', flag('readOnly')],
    ]),
  ],
  [
    'storageos',
    fixed('StorageOS (a StorageOS Persistent Disk resource)', [
      ['VolumeName:', text('volumeName')],
      ['VolumeNamespace:', text('volumeNamespace')],
      ['FSType:', text('fsType')],
      ['ReadOnly:', flag('readOnly')],
    ]),
  ],
  [
    'fc',
    fixed('FC (a Fibre Channel disk)', [
      ['TargetWWNs:', (s) => strings(arr(s, 'targetWWNs')).join(', ')],
      ['LUN:', (s) => (present(s, 'lun') ? String(int(s, 'lun')) : '<none>')],
      ['FSType:', text('fsType')],
      ['ReadOnly:', flag('readOnly')],
    ]),
  ],
  [
    'azureFile',
    fixed('AzureFile (an Azure File Service mount on the host and bind mount to the pod)', [
      ['SecretName:', text('secretName')],
      ['ShareName:', text('shareName')],
      ['ReadOnly:', flag('readOnly')],
    ]),
  ],
  [
    'flexVolume',
    fixed('FlexVolume (a generic volume resource that is provisioned/attached using an exec based plugin)', [
      ['Driver:', text('driver')],
      ['FSType:', text('fsType')],
      ['SecretRef:', reference('secretRef')],
      ['ReadOnly:', flag('readOnly')],
      ['Options:', (s) => formatStringMap(stringMap(s.options))],
    ]),
  ],
  [
    'flocker',
    fixed('Flocker (a Flocker volume mounted by the Flocker agent)', [
      ['DatasetName:', text('datasetName')],
      ['DatasetUUID:', text('datasetUUID')],
    ]),
  ],
  ['projected', printProjected],
  ['csi', printCsi],
  [
    'image',
    fixed('Image (a container image or OCI artifact)', [
      ['Reference:', text('reference')],
      ['PullPolicy:', text('pullPolicy')],
    ]),
  ],
];

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
