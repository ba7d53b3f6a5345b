import type {
  KubernetesObject,
  V1EndpointSlice,
  V1Ingress,
  V1Node,
  V1Pod,
  V1Service,
} from '@kubernetes/client-node';

/** networking.istio.io Gateway, the fields external-dns reads. */
export interface IstioGateway extends KubernetesObject {
  spec?: { selector?: Record<string, string>; servers?: { hosts?: string[] }[] };
}

/** networking.istio.io VirtualService, the fields external-dns reads. */
export interface IstioVirtualService extends KubernetesObject {
  spec?: { hosts?: string[]; gateways?: string[]; exportTo?: string[] };
}

/** externaldns.k8s.io/v1alpha1 DNSEndpoint. */
export interface DnsEndpointObject extends KubernetesObject {
  spec?: {
    endpoints?: ({ dnsName?: string; recordType?: string; targets?: string[]; recordTTL?: number } | null)[];
  };
}

/** gateway.networking.k8s.io Gateway: listeners and the addresses its controller reported. */
export interface GatewayApiGateway extends KubernetesObject {
  spec?: { listeners?: { name?: string; hostname?: string }[] };
  status?: { addresses?: { type?: string; value?: string }[] };
}

/** gateway.networking.k8s.io HTTPRoute. */
export interface HttpRoute extends KubernetesObject {
  spec?: {
    hostnames?: string[];
    parentRefs?: { name: string; namespace?: string; sectionName?: string; kind?: string; group?: string }[];
  };
  status?: {
    parents?: {
      parentRef: { name: string; namespace?: string };
      conditions?: { type: string; status: string }[];
    }[];
  };
}

/** Everything the sources read, as the store holds it. Missing lists are empty. */
export interface ClusterState {
  services: V1Service[];
  ingresses: V1Ingress[];
  nodes: V1Node[];
  pods: V1Pod[];
  endpointSlices: V1EndpointSlice[];
  istioGateways: IstioGateway[];
  virtualServices: IstioVirtualService[];
  dnsEndpoints: DnsEndpointObject[];
  gateways: GatewayApiGateway[];
  httpRoutes: HttpRoute[];
}

export function emptyClusterState(): ClusterState {
  return {
    services: [],
    ingresses: [],
    nodes: [],
    pods: [],
    endpointSlices: [],
    istioGateways: [],
    virtualServices: [],
    dnsEndpoints: [],
    gateways: [],
    httpRoutes: [],
  };
}
