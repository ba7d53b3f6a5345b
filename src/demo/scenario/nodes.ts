import type { V1Node } from '@kubernetes/client-node';

/** The node image every demo node reports: what `kubectl get nodes -o wide` shows. */
const nodeInfo = {
  architecture: 'amd64',
  bootID: '',
  containerRuntimeVersion: 'containerd://2.1.4',
  kernelVersion: '6.1.0-40-amd64',
  kubeProxyVersion: 'v1.34.1',
  kubeletVersion: 'v1.34.1',
  machineID: '',
  operatingSystem: 'linux',
  osImage: 'Debian GNU/Linux 12 (bookworm)',
  systemUUID: '',
};

export interface NodeShape {
  name: string;
  ip: string;
  podCidr: string;
  controlPlane?: boolean;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: 'NoSchedule' | 'NoExecute' | 'PreferNoSchedule' }[];
  pods?: number;
}

/** A Ready node as a kubelet registers it: labels, addresses, capacity and node info. */
export function nodeObject(s: NodeShape): V1Node {
  const id = Buffer.from(s.name).toString('hex').padEnd(32, '0').slice(0, 32);
  const capacity = s.controlPlane
    ? { cpu: '2', memory: '4026512Ki', pods: '110', 'ephemeral-storage': '61255492Ki', 'hugepages-2Mi': '0' }
    : {
        cpu: '4',
        memory: '8148200Ki',
        pods: String(s.pods ?? 110),
        'ephemeral-storage': '61255492Ki',
        'hugepages-2Mi': '0',
      };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: s.name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': s.name,
        'kubernetes.io/os': 'linux',
        ...(s.controlPlane
          ? {
              'node-role.kubernetes.io/control-plane': '',
              'node-role.kubernetes.io/master': '',
              'node.kubernetes.io/exclude-from-external-load-balancers': '',
            }
          : {}),
        ...(s.labels ?? {}),
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: s.podCidr,
      podCIDRs: [s.podCidr],
      providerID: `kdeck-demo://${s.name}`,
      ...(s.taints?.length ? { taints: s.taints } : {}),
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: s.ip },
        { type: 'Hostname', address: s.name },
      ],
      capacity,
      allocatable: capacity,
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: { ...nodeInfo, machineID: id, systemUUID: id, bootID: id },
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
        },
        {
          type: 'DiskPressure',
          status: 'False',
          reason: 'KubeletHasNoDiskPressure',
          message: 'kubelet has no disk pressure',
        },
        {
          type: 'PIDPressure',
          status: 'False',
          reason: 'KubeletHasSufficientPID',
          message: 'kubelet has sufficient PID available',
        },
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
    },
  };
}

/** The reference cluster: one tainted control-plane node and three workers on 198.51.100.10-13. */
export function scenarioNodes(): V1Node[] {
  return [
    nodeObject({
      name: 'kdeck-control-plane',
      ip: '198.51.100.10',
      podCidr: '10.244.0.0/24',
      controlPlane: true,
      taints: [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }],
    }),
    ...[1, 2, 3].map((i) =>
      nodeObject({ name: `kdeck-worker-${i}`, ip: `198.51.100.1${i}`, podCidr: `10.244.${i}.0/24` }),
    ),
  ];
}

/** Taint that keeps ordinary workloads off the nodes that carry the --demo-pods load. */
export const loadTaint = { key: 'kdeck.dev/load', value: 'true', effect: 'NoSchedule' as const };

/**
 * Nodes for the extra pods, about a hundred pods each as on real clusters, so the load never fills the
 * scenario's workers; tainted so only the load lands there.
 */
export function loadNodes(pods: number): V1Node[] {
  if (pods <= 0) return [];
  const count = Math.min(150, Math.ceil(pods / 100));
  const perNode = Math.max(110, Math.ceil(pods / count) + 10);
  return Array.from({ length: count }, (_, j) =>
    nodeObject({
      name: `kdeck-load-${String(j + 1).padStart(3, '0')}`,
      ip: `198.51.100.${100 + j}`,
      podCidr: `10.${245 + (j >> 8)}.${j & 255}.0/24`,
      labels: { 'kdeck.dev/pool': 'load' },
      taints: [loadTaint],
      pods: perNode,
    }),
  );
}
