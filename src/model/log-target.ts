import type { KubernetesObject, V1LabelSelector } from '@kubernetes/client-node';

/** Which pods a log view follows: one pod by name, or whatever a workload's selector picks. */
export interface LogTarget {
  namespace: string;
  /** Shown in the title: `deployment/test`, `pod/web-0`. */
  title: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Only this container (`kubectl logs -c`). */
  container?: string;
}

/** Kinds with logs and how they name their pods. */
export const LOG_KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'Service',
] as const;

type WithSelector = KubernetesObject & {
  spec?: { selector?: V1LabelSelector | Record<string, string> };
};

/** A label selector as the API's query string writes it (`a=b,c in (d,e),!f`). */
export function selectorString(sel: V1LabelSelector): string {
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

/** The log target of an object, or why it has none (a Service without selector selects nothing). */
export function logTargetFor(obj: KubernetesObject, container?: string): LogTarget | { error: string } {
  const kind = obj.kind ?? '';
  const namespace = obj.metadata?.namespace ?? 'default';
  const name = obj.metadata?.name ?? '';
  const title = `${kind.toLowerCase()}/${name}`;
  const base = container === undefined ? { namespace, title } : { namespace, title, container };
  if (kind === 'Pod') return { ...base, fieldSelector: `metadata.name=${name}` };
  if (!(LOG_KINDS as readonly string[]).includes(kind))
    return { error: `${kind} has no logs; pick a pod or a workload` };
  const spec = (obj as WithSelector).spec;
  if (kind === 'Service') {
    const sel = (spec?.selector ?? {}) as Record<string, string>;
    if (Object.keys(sel).length === 0)
      return { error: `service ${namespace}/${name} has no selector, so no pods` };
    return { ...base, labelSelector: selectorString({ matchLabels: sel }) };
  }
  const sel = spec?.selector as V1LabelSelector | undefined;
  const labelSelector = sel === undefined ? '' : selectorString(sel);
  if (labelSelector === '') return { error: `${title} has an empty selector` };
  return { ...base, labelSelector };
}
