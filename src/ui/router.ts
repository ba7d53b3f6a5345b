import type { ResourceRef } from '../kube/discovery.js';
import type { ReleasePart } from '../model/helm/content.js';
import type { DiffPart } from '../model/helm/revision-diff.js';
import type { Query } from '../store/query.js';

/** Where an object lives, enough to fetch it again. */
export interface ObjectRef {
  ref: ResourceRef;
  namespace?: string;
  name: string;
}

/** One screen on the breadcrumb stack. */
export type Route =
  | {
      view: 'resources';
      /** The name the user typed (`deploy`), resolved through discovery when shown. */
      resource: string;
      /** undefined: the app's current namespace. */
      namespaces?: string[] | 'all';
      labelSelector?: string;
      fieldSelector?: string;
      /** Breadcrumb text when drilled into (`deploy/test`). */
      title?: string;
      filter?: string;
      /** Given by the app: names what the list remembers (cursor, sort, marks) while it is off screen. */
      id?: number;
    }
  | { view: 'containers'; pod: ObjectRef }
  | { view: 'describe'; target: ObjectRef }
  | { view: 'yaml'; target: ObjectRef }
  | {
      view: 'help';
      /** The list help was opened from: its action keys are checked against RBAC. */
      from?: { ref: ResourceRef; namespace?: string };
    }
  | { view: 'contexts' }
  | { view: 'requests' }
  | { view: 'dns' }
  | { view: 'lb' }
  | { view: 'portforwards' }
  | { view: 'config' }
  | { view: 'screendumps' }
  | { view: 'logs'; target: ObjectRef; container?: string }
  /** `:helm`: undefined namespaces follow the app's. */
  | { view: 'helm'; namespaces?: string[] | 'all' }
  | { view: 'helm-history'; release: HelmReleaseRef }
  | { view: 'helm-part'; release: HelmReleaseRef; revision: number; part: ReleasePart }
  | { view: 'helm-diff'; release: HelmReleaseRef; from: number; to: number; part: DiffPart }
  | { view: 'helm-objects'; release: HelmReleaseRef; revision: number };

/** A Helm release by its namespace and name. */
export interface HelmReleaseRef {
  namespace: string;
  name: string;
}

export function crumb(route: Route): string {
  switch (route.view) {
    case 'resources': {
      if (route.title) return route.title;
      // What the list holds, as typed: `pods app=nginx`, `pods kube-system`.
      const ns = route.namespaces === 'all' ? '-A' : route.namespaces?.join(',');
      return [route.resource, ns, route.labelSelector].filter(Boolean).join(' ');
    }
    case 'containers':
      return `${route.pod.name} containers`;
    case 'describe':
      return `describe ${route.target.name}`;
    case 'yaml':
      return `yaml ${route.target.name}`;
    case 'logs':
      return `logs ${route.target.name}${route.container ? `/${route.container}` : ''}`;
    case 'helm-history':
      return `history ${route.release.name}`;
    case 'helm-part':
      return `${route.part} ${route.release.name}#${route.revision}`;
    case 'helm-diff':
      return `diff ${route.release.name}#${route.from}..${route.to}`;
    case 'helm-objects':
      return `objects ${route.release.name}#${route.revision}`;
    default:
      return route.view;
  }
}

/**
 * What a resource list asks the store for: the route's namespaces, else the app's (`all`: every one),
 * its selectors plus any `-l` filter's. The start-up prefetch and the view share it, so they share the watch.
 */
export function resourceQuery(
  route: Extract<Route, { view: 'resources' }>,
  resource: Query['resource'],
  namespace: string,
  filterSelector?: string,
): Query {
  const namespaces = !resource.namespaced
    ? undefined
    : route.namespaces === 'all'
      ? undefined
      : (route.namespaces ?? (namespace === 'all' ? undefined : [namespace]));
  return {
    resource,
    namespaces,
    labelSelector: [route.labelSelector, filterSelector].filter(Boolean).join(',') || undefined,
    fieldSelector: route.fieldSelector,
  };
}
