import type { GroupVersionResource } from '../controller.js';

/** The collections the demo's control loops read and write. */
export const gvr = {
  pods: { group: '', version: 'v1', resource: 'pods' },
  nodes: { group: '', version: 'v1', resource: 'nodes' },
  namespaces: { group: '', version: 'v1', resource: 'namespaces' },
  services: { group: '', version: 'v1', resource: 'services' },
  endpoints: { group: '', version: 'v1', resource: 'endpoints' },
  events: { group: '', version: 'v1', resource: 'events' },
  configmaps: { group: '', version: 'v1', resource: 'configmaps' },
  secrets: { group: '', version: 'v1', resource: 'secrets' },
  serviceaccounts: { group: '', version: 'v1', resource: 'serviceaccounts' },
  persistentvolumeclaims: { group: '', version: 'v1', resource: 'persistentvolumeclaims' },
  deployments: { group: 'apps', version: 'v1', resource: 'deployments' },
  replicasets: { group: 'apps', version: 'v1', resource: 'replicasets' },
  statefulsets: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  daemonsets: { group: 'apps', version: 'v1', resource: 'daemonsets' },
  controllerrevisions: { group: 'apps', version: 'v1', resource: 'controllerrevisions' },
  jobs: { group: 'batch', version: 'v1', resource: 'jobs' },
  cronjobs: { group: 'batch', version: 'v1', resource: 'cronjobs' },
  endpointslices: { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' },
  leases: { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' },
  ingresses: { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses' },
  ipaddresspools: { group: 'metallb.io', version: 'v1beta1', resource: 'ipaddresspools' },
  l2advertisements: { group: 'metallb.io', version: 'v1beta1', resource: 'l2advertisements' },
  dnsendpoints: { group: 'externaldns.k8s.io', version: 'v1alpha1', resource: 'dnsendpoints' },
  gateways: { group: 'networking.istio.io', version: 'v1', resource: 'gateways' },
  virtualservices: { group: 'networking.istio.io', version: 'v1', resource: 'virtualservices' },
} as const satisfies Record<string, GroupVersionResource>;

/** The kinds whose objects can own others through ownerReferences, by apiVersion/kind. */
export const ownerKinds: Record<string, GroupVersionResource> = {
  'apps/v1/Deployment': gvr.deployments,
  'apps/v1/ReplicaSet': gvr.replicasets,
  'apps/v1/StatefulSet': gvr.statefulsets,
  'apps/v1/DaemonSet': gvr.daemonsets,
  'batch/v1/Job': gvr.jobs,
  'batch/v1/CronJob': gvr.cronjobs,
  'v1/Pod': gvr.pods,
  'v1/Service': gvr.services,
  'v1/Node': gvr.nodes,
};

/** The collections whose objects may carry ownerReferences the garbage collector follows. */
export const dependentResources: GroupVersionResource[] = [
  gvr.replicasets,
  gvr.pods,
  gvr.jobs,
  gvr.controllerrevisions,
  gvr.endpointslices,
  gvr.persistentvolumeclaims,
  gvr.leases,
];
