import type { V1Container, V1Pod, V1PodCondition } from '@kubernetes/client-node';
import { quantityToScalar } from '@kubernetes/client-node/dist/util.js';
import { wireTime } from './wire-time.js';

/** A resource quantity as a number (cores, bytes); unparsable quantities count as zero. */
export function quantity(q: string | number | undefined): number {
  if (q === undefined) return 0;
  if (typeof q === 'number') return q;
  try {
    return Number(quantityToScalar(q));
  } catch {
    return Number.parseFloat(q) || 0;
  }
}

/** What a pod asks the scheduler for: the larger of its containers' sum and its biggest init container. */
export function podRequests(pod: V1Pod): Record<string, number> {
  const sum: Record<string, number> = {};
  const requestsOf = (c: V1Container) => ({
    ...(c.resources?.limits ?? {}),
    ...(c.resources?.requests ?? {}),
  });
  for (const c of pod.spec?.containers ?? []) {
    for (const [k, v] of Object.entries(requestsOf(c))) sum[k] = (sum[k] ?? 0) + quantity(v);
  }
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [k, v] of Object.entries(requestsOf(c))) sum[k] = Math.max(sum[k] ?? 0, quantity(v));
  }
  return sum;
}

/** Whether a pod has finished for good (its resources are free again). */
export function isTerminal(pod: V1Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Whether the pod's Ready condition is True. */
export function isPodReady(pod: V1Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Whether the pod has been Ready for at least minReadySeconds. */
export function isPodAvailable(pod: V1Pod, minReadySeconds: number, now: number = Date.now()): boolean {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
  if (!ready) return false;
  if (minReadySeconds <= 0) return true;
  const since = new Date(ready.lastTransitionTime ?? 0).getTime();
  return since + minReadySeconds * 1000 <= now;
}

/** Sets a condition, keeping lastTransitionTime when the status did not change. */
export function setCondition<C extends { type: string; status: string; lastTransitionTime?: Date }>(
  conditions: C[] | undefined,
  next: C,
): C[] {
  const list = [...(conditions ?? [])];
  const i = list.findIndex((c) => c.type === next.type);
  const prev = i >= 0 ? list[i] : undefined;
  const merged = {
    ...next,
    lastTransitionTime:
      prev && prev.status === next.status ? prev.lastTransitionTime : (next.lastTransitionTime ?? wireTime()),
  };
  if (i >= 0) list[i] = merged;
  else list.push(merged);
  return list;
}

/** A pod condition with kubelet's shape. */
export function podCondition(type: string, status: boolean, reason?: string): V1PodCondition {
  return { type, status: status ? 'True' : 'False', ...(reason ? { reason } : {}) };
}
