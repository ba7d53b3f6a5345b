import { apiVersionOf, type ResourceRegistry, type ResourceType } from './resources.js';

/** Groups in the order the real server lists them; CRD groups follow, sorted. */
const GROUP_ORDER = [
  '',
  'apiregistration.k8s.io',
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'flowcontrol.apiserver.k8s.io',
];

function groupRank(g: string): number {
  const i = GROUP_ORDER.indexOf(g);
  return i < 0 ? GROUP_ORDER.length : i;
}

function versionRank(v: string): number {
  const m = /^v(\d+)(alpha|beta)?(\d+)?$/.exec(v);
  if (!m) return 0;
  const stability = m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2;
  return stability * 1e6 + Number(m[1]) * 1e3 + Number(m[3] ?? 0);
}

/** Served groups with their versions, preferred (most stable, newest) first. */
export function groups(reg: ResourceRegistry): { group: string; versions: string[] }[] {
  const by = new Map<string, Set<string>>();
  for (const t of reg.all()) {
    if (!by.has(t.group)) by.set(t.group, new Set());
    by.get(t.group)!.add(t.version);
  }
  return [...by.entries()]
    .sort(([a], [b]) => groupRank(a) - groupRank(b) || a.localeCompare(b))
    .map(([group, vs]) => ({ group, versions: [...vs].sort((a, b) => versionRank(b) - versionRank(a)) }));
}

export function apiVersions(host: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: host }],
  };
}

export function apiGroupList(reg: ResourceRegistry): Record<string, unknown> {
  const list = groups(reg)
    .filter((g) => g.group !== '')
    .map((g) => ({
      name: g.group,
      versions: g.versions.map((v) => ({ groupVersion: `${g.group}/${v}`, version: v })),
      preferredVersion: { groupVersion: `${g.group}/${g.versions[0]}`, version: g.versions[0] },
    }));
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: list };
}

export function apiGroup(reg: ResourceRegistry, group: string): Record<string, unknown> | undefined {
  const g = groups(reg).find((x) => x.group === group);
  if (!g) return undefined;
  return {
    kind: 'APIGroup',
    apiVersion: 'v1',
    name: group,
    versions: g.versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${group}/${g.versions[0]}`, version: g.versions[0] },
  };
}

function subresourceVerbs(name: string, t: ResourceType): string[] {
  switch (name) {
    case 'status':
    case 'scale':
      return ['get', 'patch', 'update'];
    case 'log':
      return ['get'];
    case 'exec':
    case 'attach':
    case 'portforward':
    case 'proxy':
      return ['create', 'get'];
    case 'eviction':
    case 'binding':
      return ['create'];
    default:
      return t.verbs;
  }
}

/** An APIResourceList for one group/version, subresources included as `pods/log`. */
export function apiResourceList(
  reg: ResourceRegistry,
  group: string,
  version: string,
): Record<string, unknown> | undefined {
  const types = reg.all().filter((t) => t.group === group && t.version === version);
  if (!types.length) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const t of types.sort((a, b) => a.resource.localeCompare(b.resource))) {
    const r: Record<string, unknown> = {
      name: t.resource,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs,
    };
    if (t.shortNames?.length) r.shortNames = t.shortNames;
    if (t.categories?.length) r.categories = t.categories;
    resources.push(r);
    const subs = [
      ...(t.subresources.status ? ['status'] : []),
      ...(t.subresources.scale ? ['scale'] : []),
      ...(t.subresources.extra ?? []),
    ];
    for (const s of subs) {
      const sub: Record<string, unknown> = {
        name: `${t.resource}/${s}`,
        singularName: '',
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: subresourceVerbs(s, t),
      };
      if (s === 'scale') Object.assign(sub, { group: 'autoscaling', version: 'v1', kind: 'Scale' });
      if (s === 'eviction') Object.assign(sub, { group: 'policy', version: 'v1', kind: 'Eviction' });
      if (s === 'binding') sub.kind = 'Binding';
      if (['exec', 'attach', 'portforward', 'proxy'].includes(s))
        sub.kind =
          s === 'portforward'
            ? 'PodPortForwardOptions'
            : s === 'exec'
              ? 'PodExecOptions'
              : s === 'attach'
                ? 'PodAttachOptions'
                : 'PodProxyOptions';
      if (s === 'log') sub.kind = 'Pod';
      resources.push(sub);
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf({ group, version }),
    resources,
  };
}
