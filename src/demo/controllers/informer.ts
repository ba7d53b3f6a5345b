import type { KubernetesObject } from '@kubernetes/client-node';
import type { DemoObjectStore, GroupVersionResource, WatchEventType } from '../controller.js';

/**
 * Calls fn for every object of a collection now (as ADDED) and for every later change; returns the
 * unsubscribe. Watches first and lists second, so no write between the two is missed.
 */
export function observe(
  store: DemoObjectStore,
  resource: GroupVersionResource,
  signal: AbortSignal,
  fn: (type: WatchEventType, obj: KubernetesObject) => void,
): void {
  const stop = store.watch(resource, fn);
  signal.addEventListener('abort', stop, { once: true });
  for (const obj of store.list(resource)) fn('ADDED', obj);
}
