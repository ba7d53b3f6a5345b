import type { KubernetesObject } from '@kubernetes/client-node';

type Obj = Record<string, unknown>;

function obj(parent: Obj, key: string): Obj {
  const cur = parent[key];
  if (cur && typeof cur === 'object' && !Array.isArray(cur)) return cur as Obj;
  const fresh: Obj = {};
  parent[key] = fresh;
  return fresh;
}

/** Fills a missing field; an empty object counts as missing, as protobuf bodies carry `{}` for unset structs. */
function setDefault(o: Obj, key: string, value: unknown): void {
  const cur = o[key];
  const empty =
    cur !== null && typeof cur === 'object' && !Array.isArray(cur) && Object.keys(cur).length === 0;
  if (cur === undefined || (empty && typeof value === 'object' && Object.keys(value as object).length > 0))
    o[key] = value;
}

function defaultContainer(c: Obj): void {
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  const image = String(c.image ?? '');
  setDefault(
    c,
    'imagePullPolicy',
    image.endsWith(':latest') || !/:[^/]+$/.test(image) ? 'Always' : 'IfNotPresent',
  );
  for (const p of (c.ports as Obj[] | undefined) ?? []) setDefault(p, 'protocol', 'TCP');
  setDefault(c, 'resources', {});
}

export function defaultPodSpec(spec: Obj): void {
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'schedulerName', 'default-scheduler');
  setDefault(spec, 'securityContext', {});
  setDefault(spec, 'enableServiceLinks', true);
  setDefault(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  setDefault(spec, 'priority', 0);
  for (const c of (spec.containers as Obj[] | undefined) ?? []) defaultContainer(c);
  for (const c of (spec.initContainers as Obj[] | undefined) ?? []) defaultContainer(c);
}

function defaultTemplate(spec: Obj): void {
  const template = spec.template as Obj | undefined;
  if (template?.spec) defaultPodSpec(template.spec as Obj);
}

const DEFAULT_TOLERATIONS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'].map((key) => ({
  key,
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds: 300,
}));

/**
 * What admission adds to every pod: the ServiceAccount (with its token volume, mounted in each
 * container) and DefaultTolerationSeconds' tolerations, so describe and YAML look as on a cluster.
 */
function admitPod(spec: Obj): void {
  setDefault(spec, 'serviceAccountName', spec.serviceAccount ?? 'default');
  spec.serviceAccount = spec.serviceAccountName;
  const tolerations = (spec.tolerations as Obj[] | undefined) ?? [];
  for (const t of DEFAULT_TOLERATIONS)
    if (!tolerations.some((x) => x.key === t.key && x.effect === t.effect)) tolerations.push({ ...t });
  spec.tolerations = tolerations;
  if (spec.automountServiceAccountToken === false) return;
  const volumes = (spec.volumes as Obj[] | undefined) ?? [];
  if (volumes.some((v) => String(v.name).startsWith('kube-api-access-'))) return;
  const name = `kube-api-access-${Math.random().toString(36).slice(2, 7)}`;
  volumes.push({
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }],
          },
        },
      ],
    },
  });
  spec.volumes = volumes;
  for (const c of [
    ...((spec.containers as Obj[] | undefined) ?? []),
    ...((spec.initContainers as Obj[] | undefined) ?? []),
  ]) {
    const mounts = (c.volumeMounts as Obj[] | undefined) ?? [];
    mounts.push({ name, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true });
    c.volumeMounts = mounts;
  }
}

/** What the real API server's defaulting fills in on create, for the fields kubectl and kdeck show. */
export function applyDefaults(kind: string, o: KubernetesObject, allocate: ServiceAllocator): void {
  const root = o as Obj;
  switch (kind) {
    case 'Pod': {
      defaultPodSpec(obj(root, 'spec'));
      admitPod(obj(root, 'spec'));
      const status = obj(root, 'status');
      setDefault(status, 'phase', 'Pending');
      setDefault(status, 'qosClass', 'BestEffort');
      break;
    }
    case 'Deployment': {
      const spec = obj(root, 'spec');
      setDefault(spec, 'replicas', 1);
      setDefault(spec, 'revisionHistoryLimit', 10);
      setDefault(spec, 'progressDeadlineSeconds', 600);
      setDefault(spec, 'strategy', {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
      });
      defaultTemplate(spec);
      break;
    }
    case 'ReplicaSet':
    case 'ReplicationController': {
      const spec = obj(root, 'spec');
      setDefault(spec, 'replicas', 1);
      defaultTemplate(spec);
      break;
    }
    case 'StatefulSet': {
      const spec = obj(root, 'spec');
      setDefault(spec, 'replicas', 1);
      setDefault(spec, 'podManagementPolicy', 'OrderedReady');
      setDefault(spec, 'revisionHistoryLimit', 10);
      setDefault(spec, 'updateStrategy', { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
      setDefault(spec, 'persistentVolumeClaimRetentionPolicy', {
        whenDeleted: 'Retain',
        whenScaled: 'Retain',
      });
      defaultTemplate(spec);
      break;
    }
    case 'DaemonSet': {
      const spec = obj(root, 'spec');
      setDefault(spec, 'revisionHistoryLimit', 10);
      setDefault(spec, 'updateStrategy', {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
      });
      defaultTemplate(spec);
      break;
    }
    case 'Job': {
      const spec = obj(root, 'spec');
      setDefault(spec, 'parallelism', 1);
      setDefault(spec, 'completions', 1);
      setDefault(spec, 'backoffLimit', 6);
      setDefault(spec, 'completionMode', 'NonIndexed');
      setDefault(spec, 'suspend', false);
      const tspec = obj(obj(spec, 'template'), 'spec');
      setDefault(tspec, 'restartPolicy', 'Never');
      defaultPodSpec(tspec);
      break;
    }
    case 'CronJob': {
      const spec = obj(root, 'spec');
      setDefault(spec, 'concurrencyPolicy', 'Allow');
      setDefault(spec, 'suspend', false);
      setDefault(spec, 'successfulJobsHistoryLimit', 3);
      setDefault(spec, 'failedJobsHistoryLimit', 1);
      const jt = obj(obj(spec, 'jobTemplate'), 'spec');
      const tspec = obj(obj(jt, 'template'), 'spec');
      defaultPodSpec(tspec);
      break;
    }
    case 'Service': {
      const spec = obj(root, 'spec');
      setDefault(spec, 'type', 'ClusterIP');
      setDefault(spec, 'sessionAffinity', 'None');
      setDefault(spec, 'ipFamilies', ['IPv4']);
      setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
      setDefault(spec, 'internalTrafficPolicy', 'Cluster');
      const type = spec.type as string;
      if (typeof spec.clusterIP === 'string' && spec.clusterIP !== 'None') allocate.reserveIP(spec.clusterIP);
      if (type !== 'ExternalName' && spec.clusterIP === undefined) spec.clusterIP = allocate.clusterIP();
      if (spec.clusterIP !== undefined) setDefault(spec, 'clusterIPs', [spec.clusterIP]);
      for (const p of (spec.ports as Obj[] | undefined) ?? [])
        if (typeof p.nodePort === 'number') allocate.reserveNodePort(p.nodePort);
      for (const p of (spec.ports as Obj[] | undefined) ?? []) {
        setDefault(p, 'protocol', 'TCP');
        setDefault(p, 'targetPort', p.port);
        if ((type === 'NodePort' || type === 'LoadBalancer') && p.nodePort === undefined)
          p.nodePort = allocate.nodePort();
      }
      if (type === 'NodePort' || type === 'LoadBalancer')
        setDefault(spec, 'externalTrafficPolicy', 'Cluster');
      if (type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
      setDefault(root, 'status', { loadBalancer: {} });
      break;
    }
    case 'Namespace': {
      const meta = obj(root, 'metadata');
      const labels = obj(meta, 'labels');
      labels['kubernetes.io/metadata.name'] = String(meta.name);
      setDefault(root, 'spec', { finalizers: ['kubernetes'] });
      obj(root, 'status').phase = 'Active';
      break;
    }
    case 'Secret':
      setDefault(root, 'type', 'Opaque');
      break;
    case 'PersistentVolumeClaim': {
      const spec = obj(root, 'spec');
      setDefault(spec, 'volumeMode', 'Filesystem');
      setDefault(obj(root, 'status'), 'phase', 'Pending');
      break;
    }
  }
}

/** Hands out Service cluster IPs (10.96.0.0/12) and node ports (30000-32767), as the API server does. */
export class ServiceAllocator {
  private nextIp = 1;
  private nextPort = 30000;
  private readonly usedPorts = new Set<number>();
  private readonly usedIps = new Set<string>();

  /** Marks an address a Service asked for, so it is never handed out again. */
  reserveIP(ip: string): void {
    this.usedIps.add(ip);
  }

  /** Marks a node port a Service asked for. */
  reserveNodePort(port: number): void {
    this.usedPorts.add(port);
  }

  clusterIP(): string {
    for (;;) {
      const n = this.nextIp++;
      const ip = `10.96.${(n >> 8) & 0xff}.${n & 0xff}`;
      if (!this.usedIps.has(ip)) {
        this.usedIps.add(ip);
        return ip;
      }
    }
  }

  nodePort(): number {
    while (this.usedPorts.has(this.nextPort)) this.nextPort++;
    this.usedPorts.add(this.nextPort);
    return this.nextPort;
  }
}
