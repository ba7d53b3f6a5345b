import type { KubernetesObject, V1LabelSelector } from '@kubernetes/client-node';
import { formatSelector, selectorFromLabelSelector, selectorFromMap } from './label-selector.js';

/** Where `enter` on an object leads: a pod list narrowed the way kubectl would select them. */
export interface DrillTarget {
  resource: 'pods' | 'containers';
  namespaces: string[] | 'all';
  labelSelector?: string;
  fieldSelector?: string;
  /** Breadcrumb text, e.g. `deploy/test`. */
  title: string;
}

const WORKLOADS = new Set([
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'ReplicationController',
]);

export function drillTarget(obj: KubernetesObject): DrillTarget | undefined {
  const kind = obj.kind ?? '';
  const name = obj.metadata?.name ?? '';
  const ns = obj.metadata?.namespace;
  if (kind === 'Namespace') return { resource: 'pods', namespaces: [name], title: `ns/${name}` };
  if (kind === 'Node')
    return {
      resource: 'pods',
      namespaces: 'all',
      fieldSelector: `spec.nodeName=${name}`,
      title: `node/${name}`,
    };
  if (kind === 'Pod') return { resource: 'containers', namespaces: [ns ?? 'default'], title: `pod/${name}` };
  if (!ns) return undefined;
  if (WORKLOADS.has(kind)) {
    const spec = (obj as { spec?: { selector?: V1LabelSelector | Record<string, string> } }).spec;
    const sel =
      kind === 'ReplicationController'
        ? selectorFromMap(spec?.selector as Record<string, string>)
        : selectorFromLabelSelector(spec?.selector as V1LabelSelector | undefined);
    if (!sel || sel.length === 0) return undefined;
    return {
      resource: 'pods',
      namespaces: [ns],
      labelSelector: formatSelector(sel),
      title: `${kind.toLowerCase()}/${name}`,
    };
  }
  if (kind === 'Service') {
    const selector = (obj as { spec?: { selector?: Record<string, string> } }).spec?.selector;
    if (!selector || Object.keys(selector).length === 0) return undefined;
    return {
      resource: 'pods',
      namespaces: [ns],
      labelSelector: formatSelector(selectorFromMap(selector)),
      title: `svc/${name}`,
    };
  }
  return undefined;
}
