import { describeGoldenCases } from '../support/describe-golden.js';
import { pod, SERVICE_ACCOUNT_VOLUME } from '../support/describe-pods.js';

/** The Volumes section: every source type describe.go prints, and the tab blocks they form. */

const withVolumes = (name: string, volumes: readonly unknown[]) => ({
  pod: pod(name, { spec: { volumes } }),
});

describeGoldenCases('describe pod: volumes', [
  {
    rule: 'emptyDir (medium, size limit canonical, zero limit unset), hostPath with and without type, secret, config map',
    build: () =>
      withVolumes('common-volumes', [
        { name: 'scratch', emptyDir: {} },
        { name: 'shm', emptyDir: { medium: 'Memory', sizeLimit: '1024Mi' } },
        { name: 'zero-limit', emptyDir: { sizeLimit: '0' } },
        { name: 'host', hostPath: { path: '/var/log' } },
        { name: 'host-typed', hostPath: { path: '/run/containerd/containerd.sock', type: 'Socket' } },
        { name: 'tls', secret: { secretName: 'web-tls', defaultMode: 256 } },
        { name: 'maybe-secret', secret: { secretName: 'opt', optional: true } },
        { name: 'config', configMap: { name: 'web-config', items: [{ key: 'a', path: 'a' }] } },
      ]),
  },
  {
    rule: 'a projected service-account volume last pads QoS Class and what follows to TokenExpirationSeconds',
    build: () => withVolumes('projected-last', [{ name: 'data', emptyDir: {} }, SERVICE_ACCOUNT_VOLUME]),
  },
  {
    rule: 'projected sources: secret, config map (optional), downward API, token; a cluster trust bundle prints nothing',
    build: () =>
      withVolumes('projected-all', [
        {
          name: 'bundle',
          projected: {
            sources: [
              { secret: { name: 's1', optional: true } },
              { configMap: { name: 'c1', optional: false } },
              { clusterTrustBundle: { signerName: 'example.com/signer', path: 'ca.pem' } },
              { downwardAPI: { items: [] } },
              { serviceAccountToken: { audience: 'vault', expirationSeconds: 600, path: 'vault-token' } },
            ],
          },
        },
      ]),
  },
  {
    rule: 'persistent volume claim, downward API items (field and resource refs), and the ephemeral claim template through the nested writer',
    build: () =>
      withVolumes('claims', [
        { name: 'data', persistentVolumeClaim: { claimName: 'data-0', readOnly: true } },
        {
          name: 'podinfo',
          downwardAPI: {
            items: [
              { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
              { path: 'cpu', resourceFieldRef: { containerName: 'app', resource: 'limits.cpu' } },
            ],
          },
        },
        {
          name: 'scratch',
          ephemeral: {
            volumeClaimTemplate: {
              metadata: { labels: { type: 'scratch', tier: 'fast' }, annotations: { note: 'x'.repeat(150) } },
              spec: {
                accessModes: ['ReadWriteOnce'],
                storageClassName: 'gp3',
                volumeMode: 'Filesystem',
                resources: { requests: { storage: '1Gi' } },
                dataSource: { apiGroup: 'snapshot.storage.k8s.io', kind: 'VolumeSnapshot', name: 'snap-1' },
              },
            },
          },
        },
        {
          name: 'bound-template',
          ephemeral: {
            volumeClaimTemplate: {
              metadata: { annotations: { 'volume.beta.kubernetes.io/storage-class': 'legacy' } },
              spec: {
                storageClassName: 'ignored',
                volumeName: 'pv-1',
                dataSource: { kind: 'PersistentVolumeClaim', name: 'src' },
              },
            },
          },
        },
        { name: 'no-template', ephemeral: {} },
      ]),
  },
  {
    rule: 'CSI with no attributes and with sorted attributes, a line over 140 bytes cut',
    build: () =>
      withVolumes('csi', [
        { name: 'plain', csi: { driver: 'ebs.csi.aws.com' } },
        {
          name: 'secrets-store',
          csi: {
            driver: 'secrets-store.csi.k8s.io',
            readOnly: true,
            fsType: 'ext4',
            volumeAttributes: {
              secretProviderClass: 'vault',
              objects: `array:\n- ${'y'.repeat(200)}`,
              a: '1',
            },
          },
        },
      ]),
  },
  {
    rule: 'network and cloud volumes: NFS, iSCSI, RBD, CephFS, Cinder, Glusterfs, Quobyte, GCE PD, AWS EBS, Azure disk and file',
    build: () =>
      withVolumes('network-volumes', [
        { name: 'nfs', nfs: { server: 'nfs.local', path: '/exports/a', readOnly: true } },
        {
          name: 'iscsi',
          iscsi: {
            targetPortal: '10.0.0.1:3260',
            iqn: 'iqn.2001-04.com.example:storage',
            lun: 1,
            iscsiInterface: 'default',
            fsType: 'ext4',
            portals: ['10.0.0.2:3260', '10.0.0.3:3260'],
            chapAuthSession: true,
            secretRef: { name: 'chap' },
            initiatorName: 'iqn.1996-04.de.suse:01:abc',
          },
        },
        { name: 'iscsi-bare', iscsi: { targetPortal: 'p', iqn: 'q', lun: 0 } },
        {
          name: 'rbd',
          rbd: {
            monitors: ['m1:6789', 'm2:6789'],
            image: 'foo',
            pool: 'kube',
            user: 'admin',
            keyring: '/etc/ceph/keyring',
          },
        },
        {
          name: 'cephfs',
          cephfs: { monitors: ['m1'], path: '/', user: 'admin', secretRef: { name: 'ceph' }, readOnly: true },
        },
        { name: 'cinder', cinder: { volumeID: 'vol-1', fsType: 'ext4' } },
        { name: 'gluster', glusterfs: { endpoints: 'glusterfs-cluster', path: 'kube_vol', readOnly: true } },
        { name: 'quobyte', quobyte: { registry: 'registry:7861', volume: 'testVolume' } },
        { name: 'gce', gcePersistentDisk: { pdName: 'disk-1', fsType: 'ext4', partition: 1 } },
        { name: 'ebs', awsElasticBlockStore: { volumeID: 'vol-0abc', fsType: 'ext4', readOnly: true } },
        {
          name: 'azure-disk',
          azureDisk: {
            diskName: 'd1',
            diskURI: 'https://x/d1.vhd',
            kind: 'Managed',
            fsType: 'ext4',
            cachingMode: 'ReadOnly',
            readOnly: false,
          },
        },
        { name: 'azure-file', azureFile: { secretName: 'azure-secret', shareName: 'share', readOnly: true } },
      ]),
  },
  {
    rule: 'the remaining sources: FC (with and without LUN), FlexVolume options, Flocker, git repo, image, vSphere, Photon, Portworx, ScaleIO, StorageOS, unknown',
    build: () =>
      withVolumes('other-volumes', [
        { name: 'fc', fc: { targetWWNs: ['500a0982991b8dc5', '500a0982891b8dc5'], lun: 2, fsType: 'ext4' } },
        { name: 'fc-wwids', fc: { wwids: ['3600508b400105e210000900000490000'] } },
        {
          name: 'flex',
          flexVolume: {
            driver: 'kubernetes.io/lvm',
            fsType: 'ext4',
            secretRef: { name: 'lvm' },
            options: { volumeID: 'v', size: '1G' },
          },
        },
        { name: 'flocker', flocker: { datasetName: 'ds', datasetUUID: 'uuid-1' } },
        { name: 'git', gitRepo: { repository: 'https://example.com/repo.git', revision: 'main' } },
        { name: 'model', image: { reference: 'quay.io/models/llama:7b', pullPolicy: 'IfNotPresent' } },
        {
          name: 'vsphere',
          vsphereVolume: { volumePath: '[ds] volumes/v1', fsType: 'ext4', storagePolicyName: 'gold' },
        },
        { name: 'photon', photonPersistentDisk: { pdID: 'pd-1', fsType: 'ext4' } },
        { name: 'portworx', portworxVolume: { volumeID: 'px-1' } },
        {
          name: 'scaleio',
          scaleIO: {
            gateway: 'https://gw',
            system: 'sys',
            protectionDomain: 'pd',
            storagePool: 'sp',
            storageMode: 'ThinProvisioned',
            volumeName: 'vol',
            secretRef: { name: 'sio' },
            fsType: 'xfs',
          },
        },
        { name: 'storageos', storageos: { volumeName: 'v', volumeNamespace: 'ns', fsType: 'ext4' } },
        { name: 'mystery', somethingNew: { a: 1 } },
      ]),
  },
  {
    rule: 'a pod without volumes prints Volumes: <none>, which joins the block of the lines around it',
    build: () => withVolumes('no-volumes', []),
  },
]);
