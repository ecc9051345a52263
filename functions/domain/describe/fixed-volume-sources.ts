import { arr, bool, int, type JsonObject, optObj, present, str } from '../json-access.js';
import { formatStringMap, formatStringSlice } from './go-text.js';
import { stringMap } from './metadata-blocks.js';
import { LEVEL_2, type PrefixWriter } from './prefix-writer.js';
import { strings } from './probe.js';

/**
 * The print…VolumeSource functions of describe.go that are one `Write(LEVEL_2, "Type:\t…\n
 *     Label:\t%v\n…")` call each: a fixed type text and fixed key lines, values formatted as
 * Go's `%v` formats them. The remaining sources, with logic of their own, are in volumes.ts.
 */

export type VolumePrinter = (w: PrefixWriter, source: JsonObject) => void;
type Field = readonly [label: string, value: (source: JsonObject) => string];

/** One `Write(LEVEL_2, "Type:\t…\n    Label:\t%v\n…")` call. */
function fixed(type: string, fields: readonly Field[]): VolumePrinter {
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

/** By JSON source field, in no particular order (volumes.ts keeps describe.go's switch order). */
export const FIXED_VOLUME_PRINTERS: Readonly<Record<string, VolumePrinter>> = {
  hostPath: fixed('HostPath (bare host directory volume)', [
    ['Path:', text('path')],
    ['HostPathType:', (s) => (present(s, 'type') ? str(s, 'type') : '<none>')],
  ]),
  gcePersistentDisk: fixed('GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)', [
    ['PDName:', text('pdName')],
    ['FSType:', text('fsType')],
    ['Partition:', number('partition')],
    ['ReadOnly:', flag('readOnly')],
  ]),
  awsElasticBlockStore: fixed('AWSElasticBlockStore (a Persistent Disk resource in AWS)', [
    ['VolumeID:', text('volumeID')],
    ['FSType:', text('fsType')],
    ['Partition:', number('partition')],
    ['ReadOnly:', flag('readOnly')],
  ]),
  gitRepo: fixed('GitRepo (a volume that is pulled from git when the pod is created)', [
    ['Repository:', text('repository')],
    ['Revision:', text('revision')],
  ]),
  secret: fixed('Secret (a volume populated by a Secret)', [
    ['SecretName:', text('secretName')],
    ['Optional:', flag('optional')],
  ]),
  configMap: fixed('ConfigMap (a volume populated by a ConfigMap)', [
    ['Name:', text('name')],
    ['Optional:', flag('optional')],
  ]),
  nfs: fixed('NFS (an NFS mount that lasts the lifetime of a pod)', [
    ['Server:', text('server')],
    ['Path:', text('path')],
    ['ReadOnly:', flag('readOnly')],
  ]),
  iscsi: fixed(
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
  glusterfs: fixed("Glusterfs (a Glusterfs mount on the host that shares a pod's lifetime)", [
    ['EndpointsName:', text('endpoints')],
    ['Path:', text('path')],
    ['ReadOnly:', flag('readOnly')],
  ]),
  persistentVolumeClaim: fixed(
    'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)',
    [
      ['ClaimName:', text('claimName')],
      ['ReadOnly:', flag('readOnly')],
    ],
  ),
  rbd: fixed("RBD (a Rados Block Device mount on the host that shares a pod's lifetime)", [
    ['CephMonitors:', list('monitors')],
    ['RBDImage:', text('image')],
    ['FSType:', text('fsType')],
    ['RBDPool:', text('pool')],
    ['RadosUser:', text('user')],
    ['Keyring:', text('keyring')],
    ['SecretRef:', reference('secretRef')],
    ['ReadOnly:', flag('readOnly')],
  ]),
  quobyte: fixed("Quobyte (a Quobyte mount on the host that shares a pod's lifetime)", [
    ['Registry:', text('registry')],
    ['Volume:', text('volume')],
    ['ReadOnly:', flag('readOnly')],
  ]),
  azureDisk: fixed('AzureDisk (an Azure Data Disk mount on the host and bind mount to the pod)', [
    ['DiskName:', text('diskName')],
    ['DiskURI:', text('diskURI')],
    ['Kind: ', pointerText('kind')],
    ['FSType:', pointerText('fsType')],
    ['CachingMode:', pointerText('cachingMode')],
    ['ReadOnly:', pointerFlag('readOnly')],
  ]),
  vsphereVolume: fixed('vSphereVolume (a Persistent Disk resource in vSphere)', [
    ['VolumePath:', text('volumePath')],
    ['FSType:', text('fsType')],
    ['StoragePolicyName:', text('storagePolicyName')],
  ]),
  cinder: fixed('Cinder (a Persistent Disk resource in OpenStack)', [
    ['VolumeID:', text('volumeID')],
    ['FSType:', text('fsType')],
    ['ReadOnly:', flag('readOnly')],
    ['SecretRef:', reference('secretRef')],
  ]),
  photonPersistentDisk: fixed('PhotonPersistentDisk (a Persistent Disk resource in photon platform)', [
    ['PdID:', text('pdID')],
    ['FSType:', text('fsType')],
  ]),
  portworxVolume: fixed('PortworxVolume (a Portworx Volume resource)', [['VolumeID:', text('volumeID')]]),
  scaleIO: fixed('ScaleIO (a persistent volume backed by a block device in ScaleIO)', [
    ['Gateway:', text('gateway')],
    ['System:', text('system')],
    ['Protection Domain:', text('protectionDomain')],
    ['Storage Pool:', text('storagePool')],
    ['Storage Mode:', text('storageMode')],
    ['VolumeName:', text('volumeName')],
    ['FSType:', text('fsType')],
    ['ReadOnly:', flag('readOnly')],
  ]),
  cephfs: fixed("CephFS (a CephFS mount on the host that shares a pod's lifetime)", [
    ['Monitors:', list('monitors')],
    ['Path:', text('path')],
    ['User:', text('user')],
    ['SecretFile:', text('secretFile')],
    ['SecretRef:', reference('secretRef')],
    ['ReadOnly:', flag('readOnly')],
  ]),
  storageos: fixed('StorageOS (a StorageOS Persistent Disk resource)', [
    ['VolumeName:', text('volumeName')],
    ['VolumeNamespace:', text('volumeNamespace')],
    ['FSType:', text('fsType')],
    ['ReadOnly:', flag('readOnly')],
  ]),
  fc: fixed('FC (a Fibre Channel disk)', [
    ['TargetWWNs:', (s) => strings(arr(s, 'targetWWNs')).join(', ')],
    ['LUN:', (s) => (present(s, 'lun') ? String(int(s, 'lun')) : '<none>')],
    ['FSType:', text('fsType')],
    ['ReadOnly:', flag('readOnly')],
  ]),
  azureFile: fixed('AzureFile (an Azure File Service mount on the host and bind mount to the pod)', [
    ['SecretName:', text('secretName')],
    ['ShareName:', text('shareName')],
    ['ReadOnly:', flag('readOnly')],
  ]),
  flexVolume: fixed(
    'FlexVolume (a generic volume resource that is provisioned/attached using an exec based plugin)',
    [
      ['Driver:', text('driver')],
      ['FSType:', text('fsType')],
      ['SecretRef:', reference('secretRef')],
      ['ReadOnly:', flag('readOnly')],
      ['Options:', (s) => formatStringMap(stringMap(s.options))],
    ],
  ),
  flocker: fixed('Flocker (a Flocker volume mounted by the Flocker agent)', [
    ['DatasetName:', text('datasetName')],
    ['DatasetUUID:', text('datasetUUID')],
  ]),
  image: fixed('Image (a container image or OCI artifact)', [
    ['Reference:', text('reference')],
    ['PullPolicy:', text('pullPolicy')],
  ]),
};
