import type {
  CoreV1Event,
  KubernetesObject,
  V1ConfigMap,
  V1DaemonSet,
  V1Deployment,
  V1EndpointSlice,
  V1Node,
  V1Pod,
  V1ReplicaSet,
  V1Secret,
  V1Service,
  V1StatefulSet,
} from '@kubernetes/client-node';
import { describeConfigMap, describeSecret } from './config.js';
import { describeGeneric } from './generic.js';
import { describeNode } from './node.js';
import { describePod } from './pod.js';
import { describeService } from './service.js';
import {
  describeDaemonSet,
  describeDeployment,
  describeReplicaSet,
  describeStatefulSet,
} from './workloads.js';

/** What describe shows besides the object itself; the caller fetches it, describe stays pure. */
export interface DescribeRelated {
  /** Events whose involvedObject is this object. */
  events: CoreV1Event[];
  /** Pods: a workload's (for Pods Status), or a node's (for Non-terminated Pods and Allocated resources). */
  pods?: V1Pod[];
  /** A Deployment's ReplicaSets, for OldReplicaSets / NewReplicaSet. */
  replicaSets?: V1ReplicaSet[];
  /** A Service's EndpointSlices, for its Endpoints lines. */
  endpointSlices?: V1EndpointSlice[];
}

const group = (apiVersion: string | undefined) => (apiVersion?.includes('/') ? apiVersion.split('/')[0] : '');

/** `kubectl describe` text: Pod, Deployment, ReplicaSet, StatefulSet, DaemonSet, Service, Node, Secret, ConfigMap, else generic. */
export function describe(obj: KubernetesObject, related: DescribeRelated, now: number): string {
  const evs = related.events;
  switch (`${group(obj.apiVersion)}/${obj.kind ?? ''}`) {
    case '/Pod':
      return describePod(obj as V1Pod, evs, now);
    case 'apps/Deployment':
      return describeDeployment(obj as V1Deployment, evs, related.replicaSets, now);
    case 'apps/ReplicaSet':
      return describeReplicaSet(obj as V1ReplicaSet, evs, related.pods, now);
    case 'apps/StatefulSet':
      return describeStatefulSet(obj as V1StatefulSet, evs, related.pods, now);
    case 'apps/DaemonSet':
      return describeDaemonSet(obj as V1DaemonSet, evs, related.pods, now);
    case '/Service':
      return describeService(obj as V1Service, evs, related.endpointSlices, now);
    case '/Node':
      return describeNode(obj as V1Node, evs, related.pods, now);
    case '/Secret':
      return describeSecret(obj as V1Secret);
    case '/ConfigMap':
      return describeConfigMap(obj as V1ConfigMap, evs, now);
    default:
      return describeGeneric(obj, evs, now);
  }
}
