import type { KubeClient } from './client.js';

/** One kind the server serves, at the group's preferred version. */
export interface ResourceRef {
  group: string;
  version: string;
  /** Plural resource name, as in the URL. */
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames: string[];
  singular: string;
  categories: string[];
}

interface ApiResource {
  name: string;
  singularName?: string;
  namespaced: boolean;
  kind: string;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
}
interface ApiResourceList {
  groupVersion: string;
  resources: ApiResource[];
}
interface ApiGroupList {
  groups: { name: string; preferredVersion?: { version: string }; versions: { version: string }[] }[];
}

/** The API path of a collection or an object; subresource after the name. */
export function apiPath(
  ref: Pick<ResourceRef, 'group' | 'version' | 'resource' | 'namespaced'>,
  namespace?: string,
  name?: string,
  subresource?: string,
): string {
  let p = ref.group === '' ? `/api/${ref.version}` : `/apis/${ref.group}/${ref.version}`;
  if (ref.namespaced && namespace) p += `/namespaces/${encodeURIComponent(namespace)}`;
  p += `/${ref.resource}`;
  if (name !== undefined) p += `/${encodeURIComponent(name)}`;
  if (subresource) p += `/${subresource}`;
  return p;
}

export function refKey(ref: Pick<ResourceRef, 'group' | 'resource'>): string {
  return ref.group === '' ? ref.resource : `${ref.resource}.${ref.group}`;
}

const b = (
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  shortNames: string[] = [],
): ResourceRef => ({
  group,
  version,
  resource,
  kind,
  namespaced,
  verbs: ['get', 'list', 'watch'],
  shortNames,
  singular: kind.toLowerCase(),
  categories: [],
});

/** Kinds every API server serves at these versions: the first list need not wait for discovery. */
const WELL_KNOWN: ResourceRef[] = [
  b('', 'v1', 'pods', 'Pod', true, ['po']),
  b('', 'v1', 'services', 'Service', true, ['svc']),
  b('', 'v1', 'namespaces', 'Namespace', false, ['ns']),
  b('', 'v1', 'nodes', 'Node', false, ['no']),
  b('', 'v1', 'configmaps', 'ConfigMap', true, ['cm']),
  b('', 'v1', 'secrets', 'Secret', true),
  b('', 'v1', 'events', 'Event', true, ['ev']),
  b('apps', 'v1', 'deployments', 'Deployment', true, ['deploy']),
  b('apps', 'v1', 'statefulsets', 'StatefulSet', true, ['sts']),
  b('apps', 'v1', 'daemonsets', 'DaemonSet', true, ['ds']),
  b('apps', 'v1', 'replicasets', 'ReplicaSet', true, ['rs']),
  b('batch', 'v1', 'jobs', 'Job', true),
  b('batch', 'v1', 'cronjobs', 'CronJob', true, ['cj']),
];

/** Groups whose kinds win a name clash, as kubectl prefers core and built-in groups. */
const PREFERRED_GROUPS = [
  '',
  'apps',
  'batch',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'policy',
  'storage.k8s.io',
  'apiextensions.k8s.io',
];

/**
 * Every resource the server serves (CRDs included), resolvable by the names kubectl accepts:
 * plural, singular, short name, kind, and group-qualified `deployments.apps`.
 */
export class Discovery {
  private refs: ResourceRef[] = [];
  private byName = new Map<string, ResourceRef>();

  constructor(private readonly client: KubeClient) {}

  /** Reads /api/v1 and every group version under /apis in parallel, preferred versions first. */
  async refresh(signal?: AbortSignal): Promise<void> {
    const [core, groups] = await Promise.all([
      this.client.request<ApiResourceList>({ path: '/api/v1', signal, timeoutMs: 15000 }),
      this.client.request<ApiGroupList>({ path: '/apis', signal, timeoutMs: 15000 }),
    ]);
    // Every version of every group, as kubectl does: a kind missing from the preferred version
    // (MetalLB's IPAddressPool lives in v1beta1 while v1beta2 is preferred) is still served.
    const versions = groups.groups.flatMap((g) => {
      const preferred = g.preferredVersion?.version ?? g.versions[0]?.version;
      return g.versions.map((v) => ({
        group: g.name,
        version: v.version,
        preferred: v.version === preferred,
      }));
    });
    versions.sort((a, b) => Number(b.preferred) - Number(a.preferred));
    const lists = await Promise.all(
      versions.map(async (gv) => {
        try {
          return await this.client.request<ApiResourceList>({
            path: `/apis/${gv.group}/${gv.version}`,
            signal,
            timeoutMs: 15000,
          });
        } catch {
          // An unavailable aggregated API (metrics-server down) must not hide every other group.
          return undefined;
        }
      }),
    );
    const refs: ResourceRef[] = [];
    const seen = new Set<string>();
    for (const list of [core, ...lists]) {
      if (!list) continue;
      const [group, version] = splitGroupVersion(list.groupVersion);
      for (const r of list.resources) {
        if (r.name.includes('/') || seen.has(`${r.name}.${group}`)) continue;
        seen.add(`${r.name}.${group}`);
        refs.push({
          group,
          version,
          resource: r.name,
          kind: r.kind,
          namespaced: r.namespaced,
          verbs: r.verbs ?? [],
          shortNames: r.shortNames ?? [],
          singular: r.singularName || r.kind.toLowerCase(),
          categories: r.categories ?? [],
        });
      }
    }
    this.setResources(refs);
  }

  /** Replaces the known resources (tests and the demo use this without a server). */
  setResources(refs: ResourceRef[]): void {
    const rank = (g: string) => {
      const i = PREFERRED_GROUPS.indexOf(g);
      return i === -1 ? PREFERRED_GROUPS.length : i;
    };
    this.refs = [...refs].sort(
      (a, b) => rank(a.group) - rank(b.group) || a.resource.localeCompare(b.resource),
    );
    this.byName = new Map();
    const add = (name: string, ref: ResourceRef) => {
      const k = name.toLowerCase();
      if (!this.byName.has(k)) this.byName.set(k, ref);
    };
    for (const ref of this.refs) {
      add(refKey(ref), ref);
      add(`${ref.resource}.${ref.version}.${ref.group}`, ref);
      add(`${ref.singular}.${ref.group}`, ref);
      add(`${ref.kind}.${ref.group}`, ref);
    }
    for (const ref of this.refs) {
      add(ref.resource, ref);
      add(ref.singular, ref);
      add(ref.kind, ref);
      for (const s of ref.shortNames) add(s, ref);
    }
  }

  resolve(name: string): ResourceRef | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** Like resolve, but before discovery has loaded also knows the kinds every server has. */
  resolveEarly(name: string): ResourceRef | undefined {
    if (this.loaded) return this.resolve(name);
    const n = name.toLowerCase();
    return WELL_KNOWN.find(
      (r) => r.resource === n || r.singular === n || r.kind.toLowerCase() === n || r.shortNames.includes(n),
    );
  }

  all(): readonly ResourceRef[] {
    return this.refs;
  }

  /** Every name that resolves, for the command palette's completion. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  get loaded(): boolean {
    return this.refs.length > 0;
  }
}

function splitGroupVersion(gv: string): [string, string] {
  const i = gv.indexOf('/');
  return i === -1 ? ['', gv] : [gv.slice(0, i), gv.slice(i + 1)];
}
