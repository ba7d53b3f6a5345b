import type { GroupVersionResource } from '../controller.js';
import { eventsV1View, type ResourceView } from './event-view.js';

/** What discovery says about one resource and what the server needs to store it. */
export interface ResourceType {
  group: string;
  version: string;
  resource: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: string[];
  subresources: { status?: boolean; scale?: ScaleSpec; extra?: string[] };
  /** Printer columns of a CRD (additionalPrinterColumns), used for Table output. */
  printerColumns?: PrinterColumn[];
  /** Served by a CRD: strategic merge patch is refused as on a real server. */
  custom?: boolean;
  /** Stored as another resource and converted (events.k8s.io Events are core Events). */
  view?: ResourceView;
}

export interface ScaleSpec {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  priority?: number;
  description?: string;
  format?: string;
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const STD_SCALE: ScaleSpec = {
  specReplicasPath: '.spec.replicas',
  statusReplicasPath: '.status.replicas',
  labelSelectorPath: '.status.selector',
};

type Def = [
  gv: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  shortNames?: string[],
  sub?: ResourceType['subresources'],
  categories?: string[],
  verbs?: string[],
];

const BUILTINS: Def[] = [
  [
    'v1',
    'pods',
    'Pod',
    true,
    ['po'],
    { status: true, extra: ['log', 'exec', 'attach', 'portforward', 'eviction', 'binding'] },
    ['all'],
  ],
  ['v1', 'services', 'Service', true, ['svc'], { status: true, extra: ['proxy'] }, ['all']],
  ['v1', 'endpoints', 'Endpoints', true, ['ep']],
  ['v1', 'configmaps', 'ConfigMap', true, ['cm']],
  ['v1', 'secrets', 'Secret', true],
  ['v1', 'serviceaccounts', 'ServiceAccount', true, ['sa']],
  [
    'v1',
    'namespaces',
    'Namespace',
    false,
    ['ns'],
    { status: true },
    undefined,
    ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  ],
  ['v1', 'nodes', 'Node', false, ['no'], { status: true }],
  ['v1', 'events', 'Event', true, ['ev']],
  ['v1', 'persistentvolumes', 'PersistentVolume', false, ['pv'], { status: true }],
  ['v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, ['pvc'], { status: true }],
  [
    'v1',
    'replicationcontrollers',
    'ReplicationController',
    true,
    ['rc'],
    { status: true, scale: STD_SCALE },
    ['all'],
  ],
  ['v1', 'resourcequotas', 'ResourceQuota', true, ['quota'], { status: true }],
  ['v1', 'limitranges', 'LimitRange', true, ['limits']],
  ['apps/v1', 'deployments', 'Deployment', true, ['deploy'], { status: true, scale: STD_SCALE }, ['all']],
  ['apps/v1', 'replicasets', 'ReplicaSet', true, ['rs'], { status: true, scale: STD_SCALE }, ['all']],
  ['apps/v1', 'statefulsets', 'StatefulSet', true, ['sts'], { status: true, scale: STD_SCALE }, ['all']],
  ['apps/v1', 'daemonsets', 'DaemonSet', true, ['ds'], { status: true }, ['all']],
  ['apps/v1', 'controllerrevisions', 'ControllerRevision', true],
  ['batch/v1', 'jobs', 'Job', true, undefined, { status: true }, ['all']],
  ['batch/v1', 'cronjobs', 'CronJob', true, ['cj'], { status: true }, ['all']],
  [
    'autoscaling/v2',
    'horizontalpodautoscalers',
    'HorizontalPodAutoscaler',
    true,
    ['hpa'],
    { status: true },
    ['all'],
  ],
  ['networking.k8s.io/v1', 'ingresses', 'Ingress', true, ['ing'], { status: true }],
  ['networking.k8s.io/v1', 'ingressclasses', 'IngressClass', false],
  ['networking.k8s.io/v1', 'networkpolicies', 'NetworkPolicy', true, ['netpol']],
  ['discovery.k8s.io/v1', 'endpointslices', 'EndpointSlice', true],
  ['rbac.authorization.k8s.io/v1', 'roles', 'Role', true],
  ['rbac.authorization.k8s.io/v1', 'rolebindings', 'RoleBinding', true],
  ['rbac.authorization.k8s.io/v1', 'clusterroles', 'ClusterRole', false],
  ['rbac.authorization.k8s.io/v1', 'clusterrolebindings', 'ClusterRoleBinding', false],
  ['policy/v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, ['pdb'], { status: true }],
  ['events.k8s.io/v1', 'events', 'Event', true],
  ['storage.k8s.io/v1', 'storageclasses', 'StorageClass', false, ['sc']],
  ['coordination.k8s.io/v1', 'leases', 'Lease', true],
  ['scheduling.k8s.io/v1', 'priorityclasses', 'PriorityClass', false, ['pc']],
  [
    'apiextensions.k8s.io/v1',
    'customresourcedefinitions',
    'CustomResourceDefinition',
    false,
    ['crd', 'crds'],
    { status: true },
    ['api-extensions'],
  ],
  [
    'authorization.k8s.io/v1',
    'selfsubjectaccessreviews',
    'SelfSubjectAccessReview',
    false,
    undefined,
    {},
    undefined,
    ['create'],
  ],
  [
    'authorization.k8s.io/v1',
    'selfsubjectrulesreviews',
    'SelfSubjectRulesReview',
    false,
    undefined,
    {},
    undefined,
    ['create'],
  ],
];

/** Kinds that are only ever created and answered, never stored (reviews). */
export const VIRTUAL_RESOURCES = new Set([
  'authorization.k8s.io/selfsubjectaccessreviews',
  'authorization.k8s.io/selfsubjectrulesreviews',
]);

function splitGv(gv: string): { group: string; version: string } {
  const i = gv.indexOf('/');
  return i < 0 ? { group: '', version: gv } : { group: gv.slice(0, i), version: gv.slice(i + 1) };
}

export function builtinResourceTypes(): ResourceType[] {
  return BUILTINS.map(([gv, resource, kind, namespaced, shortNames, sub, categories, verbs]) => ({
    ...splitGv(gv),
    resource,
    kind,
    singular: kind.toLowerCase(),
    namespaced,
    shortNames,
    categories,
    verbs: verbs ?? ALL_VERBS,
    subresources: sub ?? {},
    view: gv === 'events.k8s.io/v1' && resource === 'events' ? eventsV1View : undefined,
  }));
}

export function gvrKey(gvr: GroupVersionResource): string {
  return `${gvr.group}/${gvr.resource}`;
}

export function apiVersionOf(t: { group: string; version: string }): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** The resource types served, keyed by group/version/resource; CRDs add and remove entries. */
export class ResourceRegistry {
  private readonly byGvr = new Map<string, ResourceType>();
  private readonly listeners = new Set<() => void>();

  constructor(types: ResourceType[]) {
    for (const t of types) this.add(t);
  }

  add(t: ResourceType): void {
    this.byGvr.set(`${t.group}/${t.version}/${t.resource}`, t);
    for (const l of this.listeners) l();
  }

  remove(group: string, resource: string): void {
    for (const [k, t] of this.byGvr) if (t.group === group && t.resource === resource) this.byGvr.delete(k);
    for (const l of this.listeners) l();
  }

  get(group: string, version: string, resource: string): ResourceType | undefined {
    return this.byGvr.get(`${group}/${version}/${resource}`);
  }

  /** Any served version of group/resource (storage is shared across versions). */
  anyVersion(group: string, resource: string): ResourceType | undefined {
    for (const t of this.byGvr.values()) if (t.group === group && t.resource === resource) return t;
    return undefined;
  }

  byKind(apiVersion: string, kind: string): ResourceType | undefined {
    const { group, version } = splitGv(apiVersion);
    for (const t of this.byGvr.values())
      if (t.group === group && t.version === version && t.kind === kind) return t;
    return undefined;
  }

  all(): ResourceType[] {
    return [...this.byGvr.values()];
  }

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
