import type { ResourceRef } from '../kube/discovery.js';
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
  | { view: 'logs'; target: ObjectRef; container?: string };

export function crumb(route: Route): string {
  switch (route.view) {
    case 'resources':
      return route.title ?? route.resource;
    case 'containers':
      return `${route.pod.name} containers`;
    case 'describe':
      return `describe ${route.target.name}`;
    case 'yaml':
      return `yaml ${route.target.name}`;
    case 'logs':
      return `logs ${route.target.name}${route.container ? `/${route.container}` : ''}`;
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
