import type { Renderer } from '../table.js';
import { clusterRoleRenderer } from './cluster-role.js';
import { clusterRoleBindingRenderer } from './cluster-role-binding.js';
import { configMapRenderer } from './configmap.js';
import { cronJobRenderer } from './cronjob.js';
import { customResourceDefinitionRenderer } from './custom-resource-definition.js';
import { daemonSetRenderer } from './daemonset.js';
import { deploymentRenderer } from './deployment.js';
import { endpointsRenderer } from './endpoints.js';
import { eventRenderer } from './event.js';
import { ingressRenderer } from './ingress.js';
import { jobRenderer } from './job.js';
import { namespaceRenderer } from './namespace.js';
import { nodeRenderer } from './node.js';
import { persistentVolumeRenderer } from './persistent-volume.js';
import { persistentVolumeClaimRenderer } from './persistent-volume-claim.js';
import { podRenderer } from './pod.js';
import { replicaSetRenderer } from './replicaset.js';
import { roleRenderer } from './role.js';
import { roleBindingRenderer } from './role-binding.js';
import { secretRenderer } from './secret.js';
import { serviceRenderer } from './service.js';
import { serviceAccountRenderer } from './service-account.js';
import { statefulSetRenderer } from './statefulset.js';

// Keyed `group/Kind`; each renderer is typed for its own kind and only handed objects of that kind.
const renderers = new Map<string, Renderer>([
  ['/Pod', podRenderer],
  ['apps/Deployment', deploymentRenderer],
  ['apps/ReplicaSet', replicaSetRenderer],
  ['apps/StatefulSet', statefulSetRenderer],
  ['apps/DaemonSet', daemonSetRenderer],
  ['batch/Job', jobRenderer],
  ['batch/CronJob', cronJobRenderer],
  ['/Service', serviceRenderer],
  ['networking.k8s.io/Ingress', ingressRenderer],
  ['/ConfigMap', configMapRenderer],
  ['/Secret', secretRenderer],
  ['/ServiceAccount', serviceAccountRenderer],
  ['/Node', nodeRenderer],
  ['/Namespace', namespaceRenderer],
  ['/Event', eventRenderer],
  ['/Endpoints', endpointsRenderer],
  ['/PersistentVolume', persistentVolumeRenderer],
  ['/PersistentVolumeClaim', persistentVolumeClaimRenderer],
  ['rbac.authorization.k8s.io/Role', roleRenderer],
  ['rbac.authorization.k8s.io/ClusterRole', clusterRoleRenderer],
  ['rbac.authorization.k8s.io/RoleBinding', roleBindingRenderer],
  ['rbac.authorization.k8s.io/ClusterRoleBinding', clusterRoleBindingRenderer],
  ['apiextensions.k8s.io/CustomResourceDefinition', customResourceDefinitionRenderer],
]);

/** The built-in renderer for a kind (`''` is the core group), or undefined: then use the server's Table output. */
export function rendererFor(group: string, kind: string): Renderer | undefined {
  return renderers.get(`${group}/${kind}`);
}
