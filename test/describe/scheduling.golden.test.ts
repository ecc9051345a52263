import { describeGoldenCases } from '../support/describe-golden.js';
import { DEFAULT_TOLERATIONS, pod } from '../support/describe-pods.js';

/** QoS class, node selectors, tolerations and topology spread constraints. */

const container = (name: string, resources: Record<string, unknown> = {}) => ({
  name,
  image: 'app',
  resources,
});

describeGoldenCases('describe pod: QoS and scheduling', [
  {
    rule: 'QoS computed when status has none: equal cpu and memory limits and requests everywhere is Guaranteed',
    build: () => ({
      pod: pod('qos-guaranteed', {
        spec: {
          initContainers: [container('init', { limits: { cpu: '100m', memory: '64Mi' } })],
          containers: [
            container('app', {
              limits: { cpu: '1', memory: '1Gi' },
              requests: { cpu: '1000m', memory: '1024Mi' },
            }),
          ],
        },
      }),
    }),
  },
  {
    rule: 'QoS computed: requests without limits is Burstable',
    build: () => ({
      pod: pod('qos-burstable', { spec: { containers: [container('app', { requests: { cpu: '100m' } })] } }),
    }),
  },
  {
    rule: 'QoS computed: a limit without memory is Burstable, no resources at all is BestEffort',
    build: () => ({
      pod: pod('qos-mixed', {
        spec: { containers: [container('a', { limits: { cpu: '1' } }), container('b')] },
      }),
    }),
  },
  {
    rule: 'QoS computed: zero quantities and other resources do not count, so this is BestEffort',
    build: () => ({
      pod: pod('qos-best-effort', {
        spec: {
          containers: [
            container('a', { limits: { 'nvidia.com/gpu': '1', cpu: '0' }, requests: { memory: '0' } }),
          ],
        },
      }),
    }),
  },
  {
    rule: 'QoS computed from pod-level requests only: Burstable',
    build: () => ({
      pod: pod('qos-pod-level', {
        spec: {
          resources: { requests: { cpu: '500m', memory: '256Mi' } },
          containers: [
            container('a', { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }),
          ],
        },
      }),
    }),
  },
  {
    rule: 'a stored QoS class wins over the resources',
    build: () => ({ pod: pod('qos-stored', { status: { qosClass: 'Guaranteed' } }) }),
  },
  {
    rule: 'node selectors sort by key and line up',
    build: () => ({
      pod: pod('node-selectors', {
        spec: {
          nodeSelector: {
            'kubernetes.io/os': 'linux',
            'node.kubernetes.io/instance-type': 'm5.large',
            'topology.kubernetes.io/zone': 'eu-west-1a',
          },
        },
      }),
    }),
  },
  {
    rule: 'tolerations: sorted by key; value, effect, Exists with and without key, seconds, the match-everything toleration',
    build: () => ({
      pod: pod('tolerations', {
        spec: {
          tolerations: [
            ...DEFAULT_TOLERATIONS,
            { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
            { key: 'spot', operator: 'Exists' },
            { operator: 'Exists', effect: 'NoSchedule' },
            { operator: 'Exists' },
            { key: 'evict-soon', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 0 },
            { key: 'weird', value: 'v', operator: 'Exists' },
          ],
        },
      }),
    }),
  },
  {
    rule: 'more than twelve tolerations with equal keys come out in Go pdqsort order',
    build: () => ({
      pod: pod('many-tolerations', {
        spec: {
          tolerations: Array.from({ length: 30 }, (_, i) => ({
            key: `group-${i % 3}`,
            operator: 'Equal',
            value: `v${String(i).padStart(2, '0')}`,
            effect: 'NoSchedule',
          })),
        },
      }),
    }),
  },
  {
    rule: 'topology spread constraints: sorted by key, selectors in their string form, none, empty, and invalid',
    build: () => ({
      pod: pod('topology', {
        spec: {
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'topology.kubernetes.io/zone',
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: {
                matchLabels: { app: 'web', tier: 'front' },
                matchExpressions: [
                  { key: 'env', operator: 'In', values: ['prod', 'canary'] },
                  { key: 'app', operator: 'NotIn', values: ['legacy'] },
                  { key: 'gpu', operator: 'Exists' },
                  { key: 'spot', operator: 'DoesNotExist' },
                ],
              },
            },
            { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' },
            {
              maxSkew: 3,
              topologyKey: 'a-empty-selector',
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: {},
            },
            {
              maxSkew: 4,
              topologyKey: 'b-invalid',
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: { matchExpressions: [{ key: 'x', operator: 'Gt', values: ['1'] }] },
            },
            {
              maxSkew: 5,
              topologyKey: 'c-bad-value',
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: { matchLabels: { app: 'not valid!' } },
            },
          ],
        },
      }),
    }),
  },
]);
