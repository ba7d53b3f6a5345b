import type { KubernetesObject, V1LabelSelector } from '@kubernetes/client-node';

/** metallb.io/v1beta1 IPAddressPool, as api/v1beta1/ipaddresspool_types.go defines it. */
export interface IPAddressPool extends KubernetesObject {
  spec?: {
    addresses?: string[];
    autoAssign?: boolean;
    avoidBuggyIPs?: boolean;
    serviceAllocation?: {
      priority?: number;
      namespaces?: string[];
      namespaceSelectors?: V1LabelSelector[];
      serviceSelectors?: V1LabelSelector[];
    };
  };
  status?: {
    assignedIPv4?: number;
    assignedIPv6?: number;
    availableIPv4?: number;
    availableIPv6?: number;
  };
}

/** metallb.io/v1beta1 L2Advertisement and BGPAdvertisement share the fields kdeck reads. */
export interface Advertisement extends KubernetesObject {
  spec?: {
    ipAddressPools?: string[];
    ipAddressPoolSelectors?: V1LabelSelector[];
    nodeSelectors?: V1LabelSelector[];
    interfaces?: string[];
    peers?: string[];
  };
}

/** metallb.io/v1beta1 ServiceL2Status / ServiceBGPStatus: which node announces a service. */
export interface ServiceAnnounceStatus extends KubernetesObject {
  status?: {
    node?: string;
    serviceName?: string;
    serviceNamespace?: string;
    interfaces?: { name?: string }[];
    peers?: string[];
  };
}

/** metallb.io/v1beta1 ConfigurationState (0.15+): MetalLB's own verdict on its configuration. */
export interface ConfigurationState extends KubernetesObject {
  status?: {
    result?: 'Valid' | 'Invalid' | 'Unknown';
    errorSummary?: string;
  };
}

export const metallbGroup = 'metallb.io';

/** The annotations MetalLB's controller reads and writes (controller/service.go), current and deprecated. */
export const annotations = {
  addressPool: ['metallb.io/address-pool', 'metallb.universe.tf/address-pool'],
  loadBalancerIPs: ['metallb.io/loadBalancerIPs', 'metallb.universe.tf/loadBalancerIPs'],
  allowSharedIP: ['metallb.io/allow-shared-ip', 'metallb.universe.tf/allow-shared-ip'],
  allocatedFromPool: 'metallb.io/ip-allocated-from-pool',
  /** What MetalLB ≤ 0.13 wrote instead; read for display only. */
  deprecatedAllocatedFromPool: 'metallb.universe.tf/ip-allocated-from-pool',
} as const;

/** Labels the speaker puts on ServiceL2Status objects (internal/k8s/controllers/values.go). */
export const statusLabels = {
  node: 'metallb.io/node',
  serviceName: 'metallb.io/service-name',
  serviceNamespace: 'metallb.io/service-namespace',
} as const;
