import { describeGoldenCases } from '../support/describe-golden.js';
import {
  containerStatus,
  DEFAULT_TOLERATIONS,
  KUBELET,
  NAMESPACE,
  pod,
  podEvent,
  SERVICE_ACCOUNT_MOUNT,
  SERVICE_ACCOUNT_VOLUME,
} from '../support/describe-pods.js';
import { ago, microAgo } from '../support/kubectl-describe.js';

/** The pod-level lines of `kubectl describe pod`, from Name to Controlled By, and time zones. */

const runningWeb = (name: string) =>
  pod(name, {
    metadata: {
      labels: { app: 'web', 'pod-template-hash': '7d4f9c', owner: 'zoë' },
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': '{"skip":"me"}',
        'kubectl.kubernetes.io/restartedAt': '2026-07-01T10:00:00Z',
        'example.com/long': 'x'.repeat(150),
        'example.com/multi': 'line one\nline two\n',
      },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: 'web-7d4f9c',
          uid: 'aaaa',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      nodeName: 'ip-10-0-1-23.ec2.internal',
      serviceAccountName: 'default',
      priority: 0,
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      initContainers: [
        {
          name: 'init-db',
          image: 'busybox:1.36',
          command: ['sh', '-c', 'until nslookup db; do sleep 2; done'],
          volumeMounts: [SERVICE_ACCOUNT_MOUNT],
        },
      ],
      containers: [
        {
          name: 'app',
          image: 'nginx:1.27',
          args: ['--port=8080', '--verbose'],
          ports: [
            { containerPort: 8080, name: 'http', protocol: 'TCP' },
            { containerPort: 9090, protocol: 'TCP' },
          ],
          resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
          livenessProbe: {
            httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' },
            initialDelaySeconds: 5,
            timeoutSeconds: 1,
            periodSeconds: 10,
            successThreshold: 1,
            failureThreshold: 3,
          },
          env: [
            { name: 'MODE', value: 'prod' },
            { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
          ],
          volumeMounts: [SERVICE_ACCOUNT_MOUNT, { name: 'data', mountPath: '/data', subPath: 'web' }],
        },
      ],
      volumes: [{ name: 'data', emptyDir: {} }, SERVICE_ACCOUNT_VOLUME],
      tolerations: DEFAULT_TOLERATIONS,
    },
    status: {
      hostIP: '10.0.1.23',
      podIP: '10.0.1.45',
      podIPs: [{ ip: '10.0.1.45' }],
      startTime: '2026-03-01T10:00:00Z',
      qosClass: 'Burstable',
      conditions: [
        { type: 'PodReadyToStartContainers', status: 'True' },
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: 'True' },
        { type: 'ContainersReady', status: 'True' },
        { type: 'PodScheduled', status: 'True' },
      ],
      initContainerStatuses: [
        containerStatus('init-db', {
          ready: true,
          state: {
            terminated: {
              exitCode: 0,
              reason: 'Completed',
              startedAt: '2026-03-01T10:00:12Z',
              finishedAt: '2026-03-01T10:00:18Z',
            },
          },
        }),
      ],
      containerStatuses: [
        containerStatus('app', {
          ready: true,
          started: true,
          restartCount: 3,
          state: { running: { startedAt: '2026-03-01T10:57:50Z' } },
          lastState: {
            terminated: {
              exitCode: 137,
              reason: 'OOMKilled',
              startedAt: '2026-03-01T10:45:00Z',
              finishedAt: '2026-03-01T10:57:40Z',
            },
          },
        }),
      ],
    },
  });

describeGoldenCases('describe pod: header, labels, annotations, status', [
  {
    rule: 'a pod with nothing but a name prints Go zero values (no node, empty IP with trailing spaces, IPs <none>)',
    build: () => ({ pod: { metadata: { name: 'bare', namespace: NAMESPACE, uid: 'uid-bare' }, spec: {} } }),
  },
  {
    rule: 'a running pod with restarts, probes, env, volumes and events (reference A.1, relative to now)',
    build: (now) => {
      const p = runningWeb('web-7d4f9c-x2k8p');
      const at = (fieldPath: string, first: number, last: number, count: number) => ({
        ...KUBELET,
        involvedObject: { fieldPath },
        firstTimestamp: ago(now, first),
        lastTimestamp: ago(now, last),
        count,
      });
      return {
        pod: p,
        events: [
          podEvent(p, '18a0000000000001', {
            type: 'Normal',
            reason: 'Scheduled',
            message: 'Successfully assigned golden/web-7d4f9c-x2k8p to ip-10-0-1-23.ec2.internal',
            eventTime: microAgo(now, 3600),
            source: {},
            reportingComponent: 'default-scheduler',
          }),
          podEvent(p, '18a0000000000002', {
            type: 'Normal',
            reason: 'Pulling',
            message: 'Pulling image "busybox:1.36"',
            ...at('spec.initContainers{init-db}', 3595, 3595, 1),
          }),
          podEvent(p, '18a0000000000006', {
            type: 'Normal',
            reason: 'Pulled',
            message: 'Container image "nginx:1.27" already present on machine',
            ...at('spec.containers{app}', 3580, 135, 4),
          }),
          podEvent(p, '18a0000000000009', {
            type: 'Warning',
            reason: 'Unhealthy',
            message: 'Liveness probe failed: HTTP probe failed with statuscode: 500',
            ...at('spec.containers{app}', 2880, 160, 12),
          }),
          podEvent(p, '18a000000000000b', {
            type: 'Warning',
            reason: 'BackOff',
            message:
              'Back-off restarting failed container app in pod web-7d4f9c-x2k8p_golden(uid-web-7d4f9c-x2k8p)  ',
            ...at('spec.containers{app}', 900, 138, 5),
          }),
        ],
      };
    },
  },
  {
    rule: 'priority 0 is printed; priority class, runtime class and service account when set',
    build: () => ({
      pod: pod('sched-info', {
        spec: {
          priority: 0,
          priorityClassName: 'system-node-critical',
          runtimeClassName: 'gvisor',
          serviceAccountName: 'builder',
          nodeName: 'node-a',
        },
        status: { hostIP: '10.0.0.1', startTime: '2026-03-01T10:00:01Z' },
      }),
    }),
  },
  {
    rule: 'a node without a host IP keeps the slash; an empty runtime class is not printed; a negative priority is',
    build: () => ({
      pod: pod('no-host-ip', { spec: { nodeName: 'node-b', runtimeClassName: '', priority: -5 } }),
    }),
  },
  {
    rule: 'labels sort by bytes; non-ASCII is kept, ESC becomes ^[ and CR becomes \\r',
    build: () => ({
      pod: pod('labels', {
        metadata: {
          labels: {
            owner: 'zoë',
            cr: 'x\ry',
            esc: 'a\u001bb',
            'a～': 'fullwidth tilde sorts before the emoji in UTF-8',
            'a😀': 'emoji',
            Z: 'upper before lower',
            日本: '値',
          },
        },
      }),
    }),
  },
  {
    rule: 'thirty labels line up under the first',
    build: () => ({
      pod: pod('many-labels', {
        metadata: {
          labels: Object.fromEntries(
            Array.from({ length: 30 }, (_, i) => [`example.com/label-${i}`, `v${i * 7}`]),
          ),
        },
      }),
    }),
  },
  {
    rule: 'annotations: last-applied hidden, 140 bytes stay on one line, 141 and multi-line values break, long lines cut at 138 bytes',
    build: () => ({
      pod: pod('annotations', {
        metadata: {
          annotations: {
            'kubectl.kubernetes.io/last-applied-configuration': '{"a":1}',
            [`k${'e'.repeat(59)}`]: 'v'.repeat(78),
            [`l${'e'.repeat(59)}`]: 'v'.repeat(79),
            'example.com/long': 'x'.repeat(300),
            'example.com/multi': 'first line\n  indented second\n\nafter a blank line',
            'example.com/trailing-newline': 'only one newline is dropped\n\n',
            'example.com/utf8-cut': `${'a'.repeat(137)}éz and more text after the cut`,
            'example.com/emoji-cut': `${'b'.repeat(136)}😀 tail`,
            'example.com/short': 'x',
            'example.com/esc': 'bell\u001b[31mred',
          },
        },
      }),
    }),
  },
  {
    rule: 'only the last-applied annotation and an empty label map print <none>',
    build: () => ({
      pod: pod('nothing-shown', {
        metadata: { labels: {}, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } },
      }),
    }),
  },
  {
    rule: 'terminating during the grace period: the deadline is ahead, so it lasts <invalid>',
    build: (now) => ({
      pod: pod('terminating-early', {
        metadata: { deletionTimestamp: ago(now, -20), deletionGracePeriodSeconds: 30 },
      }),
    }),
  },
  {
    rule: 'terminating in the last seconds before the deadline: 0s',
    build: (now) => ({
      pod: pod('terminating-deadline', {
        metadata: { deletionTimestamp: ago(now, -1.5), deletionGracePeriodSeconds: 30 },
      }),
    }),
  },
  {
    rule: 'terminating past the deadline: lasts the overstay (10m)',
    build: (now) => ({
      pod: pod('terminating-late', {
        metadata: { deletionTimestamp: ago(now, 600), deletionGracePeriodSeconds: 0 },
        status: { phase: 'Pending' },
      }),
    }),
  },
  {
    rule: 'an evicted Failed pod being deleted shows its phase, the reason and the message with its trailing space',
    build: (now) => ({
      pod: pod('evicted', {
        metadata: { deletionTimestamp: ago(now, 30), deletionGracePeriodSeconds: 30 },
        spec: { nodeName: 'node-c' },
        status: {
          phase: 'Failed',
          reason: 'Evicted',
          message:
            'The node was low on resource: memory. Threshold quantity: 100Mi, available: 88Mi. Container app was using 1Gi, request is 128Mi, has larger consumption of memory. ',
          hostIP: '10.0.3.3',
          containerStatuses: [
            containerStatus('app', {
              state: { terminated: { exitCode: 137, reason: 'ContainerStatusUnknown' } },
            }),
          ],
        },
      }),
    }),
  },
  {
    rule: 'a multi-line status message breaks the tab block; a Succeeded pod with a deletion timestamp shows Succeeded',
    build: (now) => ({
      pod: pod('succeeded', {
        metadata: { deletionTimestamp: ago(now, 5), deletionGracePeriodSeconds: 30 },
        status: { phase: 'Succeeded', reason: 'Done', message: 'line one\nline two\r\nline three' },
      }),
    }),
  },
  {
    rule: 'nominated node, readiness gates (found and <none>) and conditions in stored order',
    build: () => ({
      pod: pod('gates', {
        spec: {
          readinessGates: [
            { conditionType: 'example.com/lb-ready' },
            { conditionType: 'example.com/missing' },
          ],
        },
        status: {
          phase: 'Pending',
          nominatedNodeName: 'node-big',
          conditions: [
            { type: 'PodScheduled', status: 'False', reason: 'Unschedulable' },
            { type: 'example.com/lb-ready', status: 'False' },
            { type: 'example.com/lb-ready', status: 'True' },
          ],
        },
      }),
    }),
  },
  {
    rule: 'dual-stack pod IPs; the first controller owner reference is Controlled By',
    build: () => ({
      pod: pod('dual-stack', {
        metadata: {
          ownerReferences: [
            { apiVersion: 'v1', kind: 'Node', name: 'node-a', uid: 'n1' },
            { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 's1', controller: true },
            { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'second', uid: 's2', controller: true },
          ],
        },
        status: { podIP: '10.1.0.5', podIPs: [{ ip: '10.1.0.5' }, { ip: 'fd00::5' }] },
      }),
    }),
  },
  {
    rule: 'pod and container seccomp profiles, Localhost with its profile',
    build: () => ({
      pod: pod('seccomp', {
        spec: {
          securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/audit.json' } },
          containers: [
            { name: 'app', image: 'nginx', securityContext: { seccompProfile: { type: 'RuntimeDefault' } } },
            {
              name: 'side',
              image: 'busybox',
              securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } },
            },
          ],
        },
      }),
    }),
  },
  {
    rule: 'pod-level resources print a Resources block and decide the QoS class',
    build: () => ({
      pod: pod('pod-resources', {
        spec: {
          resources: { limits: { cpu: '2', memory: '2Gi' }, requests: { cpu: '2', memory: '2Gi' } },
          containers: [{ name: 'app', image: 'nginx' }],
        },
      }),
    }),
  },
  {
    rule: 'a workload reference prints the WorkloadRef block (kubectl 1.35)',
    build: () => ({
      pod: pod('workload-ref', {
        spec: { workloadRef: { name: 'training', podGroup: 'workers', podGroupReplicaKey: 'r-0' } },
      }),
    }),
  },
]);

describeGoldenCases('describe pod: absolute times in the local zone', [
  {
    rule: 'TZ=America/New_York: times convert across DST, a missing time stays the UTC zero time',
    timeZone: 'America/New_York',
    build: () => ({
      pod: pod('new-york', {
        status: {
          startTime: '2026-03-08T06:59:59Z',
          containerStatuses: [
            containerStatus('app', {
              state: { running: { startedAt: '2026-03-08T07:00:00Z' } },
              lastState: { terminated: { exitCode: 1, startedAt: '2026-07-01T23:30:00Z' } },
            }),
          ],
        },
      }),
    }),
  },
  {
    rule: 'TZ=Asia/Kolkata: a half-hour offset, and an explicit zero timestamp converted to local mean time',
    timeZone: 'Asia/Kolkata',
    build: () => ({
      pod: pod('kolkata', {
        status: {
          startTime: '2026-12-31T20:00:00Z',
          containerStatuses: [
            containerStatus('app', {
              state: {
                terminated: {
                  exitCode: 0,
                  startedAt: '0001-01-01T00:00:00Z',
                  finishedAt: '2026-12-31T18:29:59Z',
                },
              },
            }),
          ],
        },
      }),
    }),
  },
]);
