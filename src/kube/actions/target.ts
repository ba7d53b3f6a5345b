import { apiPath } from '../discovery.js';

/** The part of discovery's ResourceRef an action needs to build paths and name things. */
export interface ResourceKind {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

/** One object an action works on: a table row, or one of several marked rows. */
export interface Target {
  ref: ResourceKind;
  namespace?: string;
  name: string;
}

/** `deployment default/test`, as messages name an object. */
export function describeTarget(t: Target): string {
  const kind = t.ref.kind.toLowerCase();
  return t.namespace ? `${kind} ${t.namespace}/${t.name}` : `${kind} ${t.name}`;
}

/** `/api/v1/namespaces/ns/pods/name/sub` or `/apis/group/version/...`, as discovery builds them. */
export function resourcePath(
  ref: ResourceKind,
  namespace?: string,
  name?: string,
  subresource?: string,
): string {
  return apiPath(ref, namespace, name, subresource);
}

function kind(group: string, version: string, resource: string, k: string, namespaced = true): ResourceKind {
  return { group, version, resource, kind: k, namespaced };
}

/** The built-in kinds actions reach for themselves (drain lists pods, history lists ReplicaSets). */
export const kinds = {
  pod: kind('', 'v1', 'pods', 'Pod'),
  node: kind('', 'v1', 'nodes', 'Node', false),
  namespace: kind('', 'v1', 'namespaces', 'Namespace', false),
  deployment: kind('apps', 'v1', 'deployments', 'Deployment'),
  statefulSet: kind('apps', 'v1', 'statefulsets', 'StatefulSet'),
  daemonSet: kind('apps', 'v1', 'daemonsets', 'DaemonSet'),
  replicaSet: kind('apps', 'v1', 'replicasets', 'ReplicaSet'),
  controllerRevision: kind('apps', 'v1', 'controllerrevisions', 'ControllerRevision'),
  job: kind('batch', 'v1', 'jobs', 'Job'),
  cronJob: kind('batch', 'v1', 'cronjobs', 'CronJob'),
} as const;

/** True when the target is of that built-in kind (by group and resource, whatever version discovery chose). */
export function isKind(t: Target | ResourceKind, k: ResourceKind): boolean {
  const ref = 'ref' in t ? t.ref : t;
  return ref.group === k.group && ref.resource === k.resource;
}
