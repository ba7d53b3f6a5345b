import type {
  V1DaemonSet,
  V1Deployment,
  V1Ingress,
  V1Node,
  V1Pod,
  V1ReplicaSet,
  V1Service,
  V1StatefulSet,
} from '@kubernetes/client-node';

/** The instant every fixture's ages are measured from. */
export const NOW = Date.parse('2026-01-10T12:00:00Z');

/** The moment `s` seconds before NOW. */
export function ago(s: number): Date {
  return new Date(NOW - s * 1000);
}

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;
export const T = { MIN, HOUR, DAY };

/** SCENARIO.md's default/webserver while its init container `init-dir` still runs. */
export const webserverInitializing: V1Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'webserver', namespace: 'default', creationTimestamp: ago(20) },
  spec: {
    nodeName: 'node-1',
    initContainers: [
      { name: 'init-dir', image: 'busybox', workingDir: '/tmp', command: ['sh', '-c', 'mkdir -p test'] },
    ],
    containers: [
      {
        name: 'webserver',
        image: 'nginx:latest',
        ports: [{ name: 'http', containerPort: 80 }],
        env: [
          { name: 'MY_ENV', value: '123456' },
          { name: 'ANOTHER_ENV', valueFrom: { configMapKeyRef: { name: 'test-cm', key: 'CM_ENV' } } },
        ],
      },
    ],
  },
  status: {
    phase: 'Pending',
    podIP: '10.244.1.7',
    podIPs: [{ ip: '10.244.1.7' }],
    conditions: [{ type: 'Initialized', status: 'False' }],
    initContainerStatuses: [
      {
        name: 'init-dir',
        image: 'busybox',
        imageID: '',
        ready: false,
        restartCount: 0,
        state: { running: { startedAt: ago(5) } },
      },
    ],
    containerStatuses: [
      {
        name: 'webserver',
        image: 'nginx:latest',
        imageID: '',
        ready: false,
        restartCount: 0,
        state: { waiting: { reason: 'PodInitializing' } },
      },
    ],
  },
};

/** default/webserver once running. */
export const webserverRunning: V1Pod = {
  ...webserverInitializing,
  metadata: {
    ...webserverInitializing.metadata,
    creationTimestamp: ago(3 * DAY + 2 * HOUR),
    labels: { app: 'web' },
  },
  status: {
    phase: 'Running',
    podIP: '10.244.1.7',
    podIPs: [{ ip: '10.244.1.7' }],
    hostIP: '172.18.0.3',
    startTime: ago(3 * DAY + 2 * HOUR),
    qosClass: 'BestEffort',
    conditions: [
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'True' },
      { type: 'ContainersReady', status: 'True' },
      { type: 'PodScheduled', status: 'True' },
    ],
    initContainerStatuses: [
      {
        name: 'init-dir',
        image: 'busybox:latest',
        imageID: 'docker.io/library/busybox@sha256:1',
        containerID: 'containerd://aaa',
        ready: true,
        restartCount: 0,
        state: {
          terminated: { exitCode: 0, reason: 'Completed', startedAt: ago(3 * DAY), finishedAt: ago(3 * DAY) },
        },
      },
    ],
    containerStatuses: [
      {
        name: 'webserver',
        image: 'nginx:latest',
        imageID: 'docker.io/library/nginx@sha256:2',
        containerID: 'containerd://bbb',
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: ago(3 * DAY) } },
      },
    ],
  },
};

/** A pod that crash-loops: 5 restarts, the last one 30 seconds ago. */
export const crashLoop: V1Pod = {
  metadata: { name: 'crashy', namespace: 'default', creationTimestamp: ago(10 * MIN) },
  spec: { nodeName: 'node-2', containers: [{ name: 'crashy', image: 'busybox', command: ['false'] }] },
  status: {
    phase: 'Running',
    podIPs: [{ ip: '10.244.2.9' }],
    conditions: [
      { type: 'Ready', status: 'False' },
      { type: 'Initialized', status: 'True' },
    ],
    containerStatuses: [
      {
        name: 'crashy',
        image: 'busybox',
        imageID: '',
        ready: false,
        restartCount: 5,
        state: {
          waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container' },
        },
        lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(30) } },
      },
    ],
  },
};

/** A pod the scheduler cannot place. */
export const pendingPod: V1Pod = {
  metadata: { name: 'stuck', namespace: 'default', creationTimestamp: ago(2 * HOUR) },
  spec: { containers: [{ name: 'big', image: 'nginx', resources: { requests: { cpu: '64' } } }] },
  status: {
    phase: 'Pending',
    conditions: [
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message: '0/3 nodes are available: 3 Insufficient cpu.',
      },
    ],
  },
};

/** kube-system/fluentd-elasticsearch from the scenario, one pod per node on three nodes. */
export const fluentd: V1DaemonSet = {
  metadata: {
    name: 'fluentd-elasticsearch',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'fluentd-logging' },
    creationTimestamp: ago(45 * DAY),
  },
  spec: {
    selector: { matchLabels: { name: 'fluentd-elasticsearch' } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
    template: {
      metadata: { labels: { name: 'fluentd-elasticsearch' } },
      spec: {
        tolerations: [{ key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' }],
        containers: [
          {
            name: 'fluentd-elasticsearch',
            image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
            resources: { limits: { memory: '200Mi' }, requests: { cpu: '100m', memory: '200Mi' } },
            volumeMounts: [
              { name: 'varlog', mountPath: '/var/log' },
              { name: 'varlibdockercontainers', mountPath: '/var/lib/docker/containers', readOnly: true },
            ],
          },
        ],
        volumes: [
          { name: 'varlog', hostPath: { path: '/var/log' } },
          { name: 'varlibdockercontainers', hostPath: { path: '/var/lib/docker/containers' } },
        ],
      },
    },
  },
  status: {
    desiredNumberScheduled: 3,
    currentNumberScheduled: 3,
    numberReady: 2,
    updatedNumberScheduled: 3,
    numberAvailable: 2,
    numberMisscheduled: 0,
  },
};

/** default/web with the headless service default/nginx. */
export const webStatefulSet: V1StatefulSet = {
  metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(5 * HOUR + 3 * MIN) },
  spec: {
    serviceName: 'nginx',
    replicas: 3,
    podManagementPolicy: 'OrderedReady',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    selector: { matchLabels: { app: 'nginx' } },
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.8' }] },
    },
    volumeClaimTemplates: [
      {
        metadata: { name: 'www' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    ],
  },
  status: { replicas: 3, readyReplicas: 2, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 2 },
};

/** default/frontend: the guestbook ReplicaSet. */
export const frontend: V1ReplicaSet = {
  metadata: {
    name: 'frontend',
    namespace: 'default',
    labels: { app: 'guestbook', tier: 'frontend' },
    creationTimestamp: ago(90),
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { tier: 'frontend' } },
    template: {
      metadata: { labels: { tier: 'frontend' } },
      spec: { containers: [{ name: 'php-redis', image: 'gcr.io/google_samples/gb-frontend:v3' }] },
    },
  },
  status: { replicas: 3, readyReplicas: 3, availableReplicas: 3, fullyLabeledReplicas: 3 },
};

/** default/test from `kubectl create deployment test --image=nginx`, scaled to 3. */
export const testDeployment: V1Deployment = {
  metadata: {
    name: 'test',
    namespace: 'default',
    labels: { app: 'test' },
    creationTimestamp: ago(7 * MIN + 5),
  },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'test' } },
    template: {
      metadata: { labels: { app: 'test' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
    },
  },
  status: { replicas: 3, readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
};

/** `kubectl expose pod nginx --port=80 --target-port=80 --type=LoadBalancer` before MetalLB answers. */
export const lbPending: V1Service = {
  metadata: {
    name: 'nginx-lb',
    namespace: 'default',
    creationTimestamp: ago(40),
    annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'nginx.svc.mydomain.test' },
  },
  spec: {
    type: 'LoadBalancer',
    clusterIP: '10.96.23.7',
    clusterIPs: ['10.96.23.7'],
    selector: { run: 'nginx' },
    ports: [{ port: 80, targetPort: 80, nodePort: 31380, protocol: 'TCP' }],
  },
  status: { loadBalancer: {} },
};

/** The same service after MetalLB assigned the pool's first address. */
export const lbAssigned: V1Service = {
  ...lbPending,
  status: { loadBalancer: { ingress: [{ ip: '203.0.113.220', ipMode: 'VIP' }] } },
};

export const nodePortService: V1Service = {
  metadata: { name: 'web-np', namespace: 'default', creationTimestamp: ago(2 * DAY) },
  spec: {
    type: 'NodePort',
    clusterIP: '10.96.100.5',
    selector: { app: 'web' },
    ports: [
      { name: 'http', port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' },
      { name: 'dns', port: 53, targetPort: 53, nodePort: 30053, protocol: 'UDP' },
    ],
  },
};

/** default/nginx: the StatefulSet's headless service. */
export const headlessService: V1Service = {
  metadata: {
    name: 'nginx',
    namespace: 'default',
    labels: { app: 'nginx' },
    creationTimestamp: ago(5 * HOUR),
  },
  spec: {
    type: 'ClusterIP',
    clusterIP: 'None',
    selector: { app: 'nginx' },
    ports: [{ name: 'web', port: 80, protocol: 'TCP' }],
  },
};

/** The scenario's Ingress for www.svc.mydomain.test. */
export const wwwIngress: V1Ingress = {
  metadata: { name: 'www', namespace: 'default', creationTimestamp: ago(26 * HOUR) },
  spec: {
    ingressClassName: 'nginx',
    rules: [
      {
        host: 'www.svc.mydomain.test',
        http: {
          paths: [
            { path: '/', pathType: 'Prefix', backend: { service: { name: 'web-np', port: { number: 80 } } } },
          ],
        },
      },
    ],
  },
  status: { loadBalancer: { ingress: [{ ip: '203.0.113.221' }] } },
};

/** A cordoned control-plane node. */
export const controlPlane: V1Node = {
  metadata: {
    name: 'kind-control-plane',
    creationTimestamp: ago(45 * DAY),
    labels: {
      'kubernetes.io/hostname': 'kind-control-plane',
      'node-role.kubernetes.io/control-plane': '',
      'node-role.kubernetes.io/master': '',
    },
  },
  spec: { unschedulable: true, podCIDR: '10.244.0.0/24' },
  status: {
    conditions: [
      { type: 'MemoryPressure', status: 'False' },
      { type: 'Ready', status: 'True', reason: 'KubeletReady' },
    ],
    addresses: [
      { type: 'InternalIP', address: '172.18.0.2' },
      { type: 'Hostname', address: 'kind-control-plane' },
    ],
    nodeInfo: {
      kubeletVersion: 'v1.31.2',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      kernelVersion: '6.1.0-18-amd64',
      containerRuntimeVersion: 'containerd://1.7.18',
      architecture: 'amd64',
      bootID: '',
      kubeProxyVersion: '',
      machineID: '',
      operatingSystem: 'linux',
      systemUUID: '',
    },
    capacity: { cpu: '4', memory: '8Gi', pods: '110' },
    allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
  },
};
