import type { KubernetesObject, V1Pod, V1PodTemplateSpec } from '@kubernetes/client-node';
import { controllerRef } from './owner-refs.js';
import { isPodReady } from './pod-facts.js';

/** A pod from a workload's template, owned by the workload, as the controllers' PodControl makes it. */
export function podFromTemplate(
  template: V1PodTemplateSpec | undefined,
  owner: KubernetesObject,
  meta: { name?: string; generateName?: string; labels?: Record<string, string> },
): V1Pod {
  const tm = template?.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(meta.name ? { name: meta.name } : { generateName: meta.generateName }),
      namespace: owner.metadata!.namespace,
      labels: { ...(tm.labels ?? {}), ...(meta.labels ?? {}) },
      ...(tm.annotations ? { annotations: { ...tm.annotations } } : {}),
      ownerReferences: [controllerRef(owner)],
    },
    spec: structuredClone(template?.spec ?? { containers: [] }),
  };
}

/**
 * Orders pods so the ones to delete first come first, like the ReplicaSet controller's ranking:
 * unscheduled, then pending, then not ready, then most restarts, then youngest.
 */
export function deletionOrder(a: V1Pod, b: V1Pod): number {
  const rank = (p: V1Pod) => [
    p.spec?.nodeName ? 1 : 0,
    p.status?.phase === 'Pending' ? 0 : p.status?.phase === 'Unknown' ? 1 : 2,
    isPodReady(p) ? 1 : 0,
    -Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0)),
    -new Date(p.metadata?.creationTimestamp ?? 0).getTime(),
  ];
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
  return (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');
}
