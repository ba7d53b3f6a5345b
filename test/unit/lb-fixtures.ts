import type { CoreV1Event, V1Namespace, V1Service } from '@kubernetes/client-node';
import type { IPAddressPool } from '../../src/model/lb/metallb-types.js';

/** An IPAddressPool with the given addresses; `spec` overrides the rest. */
export function ipPool(
  name: string,
  addresses: string[],
  spec: IPAddressPool['spec'] = {},
  labels?: Record<string, string>,
): IPAddressPool {
  return {
    apiVersion: 'metallb.io/v1beta1',
    kind: 'IPAddressPool',
    metadata: { name, namespace: 'metallb-system', labels },
    spec: { addresses, ...spec },
  };
}

export interface SvcOptions {
  ns?: string;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  loadBalancerIP?: string;
  ports?: [number, string?][];
  clusterIPs?: string[];
  ipFamilies?: string[];
  policy?: 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';
  ingress?: string[];
  local?: boolean;
  selector?: Record<string, string>;
  loadBalancerClass?: string;
  type?: string;
  uid?: string;
}

/** A LoadBalancer Service as the API server would return it (ClusterIP already set). */
export function lbService(name: string, o: SvcOptions = {}): V1Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: o.ns ?? 'default',
      annotations: o.annotations,
      labels: o.labels,
      uid: o.uid,
    },
    spec: {
      type: o.type ?? 'LoadBalancer',
      clusterIP: (o.clusterIPs ?? ['10.96.0.10'])[0],
      clusterIPs: o.clusterIPs ?? ['10.96.0.10'],
      ipFamilies: o.ipFamilies,
      ipFamilyPolicy: o.policy,
      loadBalancerIP: o.loadBalancerIP,
      loadBalancerClass: o.loadBalancerClass,
      externalTrafficPolicy: o.local ? 'Local' : 'Cluster',
      selector: o.selector ?? { app: name },
      ports: (o.ports ?? [[80]]).map(([port, protocol]) => ({ port, protocol: protocol ?? 'TCP' })),
    },
    status: { loadBalancer: { ingress: (o.ingress ?? []).map((ip) => ({ ip })) } },
  };
}

export function namespace(name: string, labels?: Record<string, string>): V1Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

export function serviceEvent(svc: V1Service, reason: string, message: string, at: string): CoreV1Event {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${svc.metadata?.name}.${reason}`, namespace: svc.metadata?.namespace },
    involvedObject: {
      kind: 'Service',
      namespace: svc.metadata?.namespace,
      name: svc.metadata?.name,
      uid: svc.metadata?.uid,
    },
    reason,
    message,
    type: reason === 'AllocationFailed' ? 'Warning' : 'Normal',
    lastTimestamp: new Date(at),
  };
}
