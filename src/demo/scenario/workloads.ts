import type {
  V1ConfigMap,
  V1CronJob,
  V1DaemonSet,
  V1Deployment,
  V1Job,
  V1Pod,
  V1ReplicaSet,
  V1Service,
  V1StatefulSet,
} from '@kubernetes/client-node';

/** `kubectl create deployment NAME --image=IMAGE` in namespace ns, with its app=NAME labels. */
export function simpleDeployment(
  ns: string,
  name: string,
  image: string,
  replicas = 1,
  port?: number,
): V1Deployment {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: image.split('/').pop()!.split(':')[0]!,
              image,
              ...(port ? { ports: [{ containerPort: port }] } : {}),
            },
          ],
        },
      },
    },
  };
}

/** The seeds' DaemonSet: one fluentd per node, the control-plane node included through its toleration. */
export const fluentd: V1DaemonSet = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: {
    name: 'fluentd-elasticsearch',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'fluentd-logging' },
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
        terminationGracePeriodSeconds: 30,
        volumes: [
          { name: 'varlog', hostPath: { path: '/var/log' } },
          { name: 'varlibdockercontainers', hostPath: { path: '/var/lib/docker/containers' } },
        ],
      },
    },
  },
};

/** The headless Service that gives web-0..N-1 their stable names. */
export const nginxHeadless: V1Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } },
  spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ name: 'web', port: 80 }] },
};

export const web: V1StatefulSet = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    serviceName: 'nginx',
    replicas: 3,
    minReadySeconds: 0,
    selector: { matchLabels: { app: 'nginx' } },
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: {
        terminationGracePeriodSeconds: 10,
        containers: [
          {
            name: 'nginx',
            image: 'registry.k8s.io/nginx-slim:0.24',
            ports: [{ containerPort: 80, name: 'web' }],
            volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }],
          },
        ],
      },
    },
    volumeClaimTemplates: [
      {
        metadata: { name: 'www' },
        spec: {
          accessModes: ['ReadWriteOnce'],
          storageClassName: 'standard',
          resources: { requests: { storage: '1Gi' } },
        },
      },
    ],
  },
};

const frontendLabels = { app: 'guestbook', tier: 'frontend' };

/** A bare pod with the frontend labels, created before the ReplicaSet so that it adopts it. */
export const frontendOrphan: V1Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'pod1', namespace: 'default', labels: { tier: 'frontend' } },
  spec: { containers: [{ name: 'hello1', image: 'gcr.io/google-samples/hello-app:2.0' }] },
};

export const frontend: V1ReplicaSet = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'frontend', namespace: 'default', labels: frontendLabels },
  spec: {
    replicas: 3,
    selector: { matchLabels: { tier: 'frontend' } },
    template: {
      metadata: { labels: frontendLabels },
      spec: { containers: [{ name: 'php-redis', image: 'gcr.io/google_samples/gb-frontend:v3' }] },
    },
  },
};

export const testCm: V1ConfigMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'test-cm', namespace: 'default' },
  data: { CM_ENV: 'value-from-configmap', 'app.properties': 'greeting=hello\nlog.level=info\n' },
};

/** The seeds' webserver pod, exactly as they describe it. */
export const webserver: V1Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'webserver', namespace: 'default', labels: { app: 'webserver' } },
  spec: {
    initContainers: [
      { name: 'init-dir', image: 'busybox', workingDir: '/tmp', command: ['sh', '-c', 'mkdir -p test'] },
    ],
    containers: [
      {
        name: 'webserver',
        image: 'nginx:latest',
        ports: [{ containerPort: 80, name: 'http' }],
        env: [
          { name: 'MY_ENV', value: '123456' },
          { name: 'ANOTHER_ENV', valueFrom: { configMapKeyRef: { name: 'test-cm', key: 'CM_ENV' } } },
        ],
      },
    ],
  },
};

/** A pod whose command fails after a few seconds, so it crash-loops with kubelet's back-off. */
export const crashy: V1Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'crashy', namespace: 'default', labels: { app: 'crashy' } },
  spec: {
    containers: [
      {
        name: 'app',
        image: 'busybox:1.37',
        command: [
          'sh',
          '-c',
          'echo "connecting to db:5432"; sleep 5; echo "fatal: db:5432 connection refused" >&2; exit 1',
        ],
      },
    ],
  },
};

/** A pod asking more memory than any worker has, so it stays Pending with FailedScheduling. */
export const hungry: V1Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'hungry', namespace: 'default', labels: { app: 'hungry' } },
  spec: {
    containers: [
      { name: 'app', image: 'nginx:1.27', resources: { requests: { memory: '64Gi', cpu: '500m' } } },
    ],
  },
};

const piSpec = {
  restartPolicy: 'Never',
  containers: [
    { name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] },
  ],
};

export const piJob: V1Job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi', namespace: 'default' },
  spec: { backoffLimit: 4, template: { spec: piSpec } },
};

export const helloCron: V1CronJob = {
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'hello', namespace: 'default' },
  spec: {
    schedule: '*/1 * * * *',
    jobTemplate: {
      spec: {
        template: {
          spec: {
            restartPolicy: 'OnFailure',
            containers: [
              {
                name: 'hello',
                image: 'busybox:1.28',
                command: ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster'],
              },
            ],
          },
        },
      },
    },
  },
};

/** `kubectl run nginx --image=nginx --port=80`, the seeds' MetalLB test pod. */
export const seedNginx: V1Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx', namespace: 'demo', labels: { run: 'nginx' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] },
};

/** `kubectl expose pod nginx --port=80 --target-port=80 --type=LoadBalancer`. */
export const seedNginxLb: V1Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'nginx', namespace: 'demo', labels: { run: 'nginx' } },
  spec: {
    type: 'LoadBalancer',
    selector: { run: 'nginx' },
    ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
  },
};
