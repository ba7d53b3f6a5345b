import type { ResourceRef } from '../kube/discovery.js';

/** What a view asks the store for. Empty or missing namespaces means all namespaces. */
export interface Query {
  resource: Pick<ResourceRef, 'group' | 'version' | 'resource' | 'namespaced' | 'kind'>;
  namespaces?: readonly string[];
  labelSelector?: string;
  fieldSelector?: string;
}

/** One list+watch: a single namespace (or all), one selector pair. */
export interface WatchKey {
  resource: Query['resource'];
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export function watchKeyId(k: WatchKey): string {
  const r = k.resource;
  return [
    r.group,
    r.version,
    r.resource,
    k.namespace ?? '*',
    k.labelSelector ?? '',
    k.fieldSelector ?? '',
  ].join('|');
}

/** Splits a query into the watches that serve it: one per namespace, or one cluster-wide. */
export function watchKeys(q: Query): WatchKey[] {
  const base = {
    resource: q.resource,
    labelSelector: q.labelSelector || undefined,
    fieldSelector: q.fieldSelector || undefined,
  };
  if (!q.resource.namespaced || !q.namespaces || q.namespaces.length === 0) return [base];
  return [...new Set(q.namespaces)].sort().map((namespace) => ({ ...base, namespace }));
}

export function queryId(q: Query): string {
  return watchKeys(q).map(watchKeyId).join('+');
}
