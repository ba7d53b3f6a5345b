import type { V1CustomResourceColumnDefinition, V1CustomResourceDefinition } from '@kubernetes/client-node';

const AGE: V1CustomResourceColumnDefinition = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
};

interface CrdSpec {
  group: string;
  kind: string;
  plural: string;
  versions: string[];
  namespaced?: boolean;
  shortNames?: string[];
  categories?: string[];
  status?: boolean;
  columns?: V1CustomResourceColumnDefinition[];
}

function crd(s: CrdSpec): V1CustomResourceDefinition {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${s.plural}.${s.group}` },
    spec: {
      group: s.group,
      scope: s.namespaced === false ? 'Cluster' : 'Namespaced',
      names: {
        kind: s.kind,
        listKind: `${s.kind}List`,
        plural: s.plural,
        singular: s.kind.toLowerCase(),
        shortNames: s.shortNames,
        categories: s.categories,
      },
      versions: s.versions.map((name, i) => ({
        name,
        served: true,
        storage: i === 0,
        schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        subresources: s.status ? { status: {} } : undefined,
        additionalPrinterColumns: s.columns ? [...s.columns, AGE] : undefined,
      })),
    },
  };
}

/** The CRDs that MetalLB, external-dns and Istio install, so the demo serves what kdeck reads. */
export function builtinCrds(): V1CustomResourceDefinition[] {
  const metallb = 'metallb.io';
  return [
    crd({
      group: metallb,
      kind: 'IPAddressPool',
      plural: 'ipaddresspools',
      versions: ['v1beta1'],
      status: true,
      columns: [
        { name: 'Auto Assign', type: 'boolean', jsonPath: '.spec.autoAssign' },
        { name: 'Avoid Buggy IPs', type: 'boolean', jsonPath: '.spec.avoidBuggyIPs' },
        { name: 'Addresses', type: 'string', jsonPath: '.spec.addresses' },
      ],
    }),
    crd({
      group: metallb,
      kind: 'L2Advertisement',
      plural: 'l2advertisements',
      versions: ['v1beta1'],
      columns: [
        { name: 'IPAddressPools', type: 'string', jsonPath: '.spec.ipAddressPools' },
        { name: 'IPAddressPool Selectors', type: 'string', jsonPath: '.spec.ipAddressPoolSelectors' },
        { name: 'Interfaces', type: 'string', jsonPath: '.spec.interfaces' },
        { name: 'Node Selectors', type: 'string', jsonPath: '.spec.nodeSelectors', priority: 10 },
      ],
    }),
    crd({
      group: metallb,
      kind: 'BGPAdvertisement',
      plural: 'bgpadvertisements',
      versions: ['v1beta1'],
      columns: [
        { name: 'IPAddressPools', type: 'string', jsonPath: '.spec.ipAddressPools' },
        { name: 'IPAddressPool Selectors', type: 'string', jsonPath: '.spec.ipAddressPoolSelectors' },
        { name: 'Peers', type: 'string', jsonPath: '.spec.peers' },
      ],
    }),
    crd({
      group: metallb,
      kind: 'BGPPeer',
      plural: 'bgppeers',
      versions: ['v1beta2', 'v1beta1'],
      columns: [
        { name: 'Address', type: 'string', jsonPath: '.spec.peerAddress' },
        { name: 'ASN', type: 'string', jsonPath: '.spec.peerASN' },
      ],
    }),
    crd({ group: metallb, kind: 'Community', plural: 'communities', versions: ['v1beta1'] }),
    crd({ group: metallb, kind: 'BFDProfile', plural: 'bfdprofiles', versions: ['v1beta1'] }),
    crd({
      group: metallb,
      kind: 'ServiceL2Status',
      plural: 'servicel2statuses',
      versions: ['v1beta1'],
      status: true,
      columns: [
        { name: 'Allocated Node', type: 'string', jsonPath: '.status.node' },
        { name: 'Service Name', type: 'string', jsonPath: '.status.serviceName' },
        { name: 'Service Namespace', type: 'string', jsonPath: '.status.serviceNamespace' },
      ],
    }),
    crd({
      group: 'externaldns.k8s.io',
      kind: 'DNSEndpoint',
      plural: 'dnsendpoints',
      versions: ['v1alpha1'],
      status: true,
    }),
    crd({
      group: 'networking.istio.io',
      kind: 'Gateway',
      plural: 'gateways',
      versions: ['v1', 'v1beta1', 'v1alpha3'],
      shortNames: ['gw'],
      categories: ['istio-io', 'networking-istio-io'],
      status: true,
    }),
    crd({
      group: 'networking.istio.io',
      kind: 'VirtualService',
      plural: 'virtualservices',
      versions: ['v1', 'v1beta1', 'v1alpha3'],
      shortNames: ['vs'],
      categories: ['istio-io', 'networking-istio-io'],
      status: true,
      columns: [
        {
          name: 'Gateways',
          type: 'string',
          jsonPath: '.spec.gateways',
          description: 'The names of gateways and sidecars that should apply these routes',
        },
        {
          name: 'Hosts',
          type: 'string',
          jsonPath: '.spec.hosts',
          description: 'The destination hosts to which traffic is being sent',
        },
      ],
    }),
  ];
}
