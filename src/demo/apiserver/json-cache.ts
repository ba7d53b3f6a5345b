import type { KubernetesObject } from '@kubernetes/client-node';

const cache = new WeakMap<object, string>();

/** JSON of a stored (frozen, never changed) object, serialised once however often it is listed. */
export function objectJson(o: KubernetesObject): string {
  let s = cache.get(o);
  if (s === undefined) {
    s = JSON.stringify(o);
    if (Object.isFrozen(o)) cache.set(o, s);
  }
  return s;
}
