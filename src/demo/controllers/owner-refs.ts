import type { KubernetesObject, V1OwnerReference } from '@kubernetes/client-node';

/** The controller reference a workload puts on what it creates (controller and blockOwnerDeletion set). */
export function controllerRef(owner: KubernetesObject): V1OwnerReference {
  return {
    apiVersion: owner.apiVersion!,
    kind: owner.kind!,
    name: owner.metadata!.name!,
    uid: owner.metadata!.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The ownerReference marked controller, if any. */
export function controllerOf(obj: KubernetesObject): V1OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

/** Whether obj is controlled by owner (by uid, as the controllers compare). */
export function isControlledBy(obj: KubernetesObject, owner: KubernetesObject): boolean {
  return controllerOf(obj)?.uid === owner.metadata?.uid;
}

/** Whether an object is being deleted. */
export function isDeleting(obj: KubernetesObject): boolean {
  return obj.metadata?.deletionTimestamp !== undefined && obj.metadata.deletionTimestamp !== null;
}

/** "namespace/name" (or "name" for cluster-scoped objects), the key work queues use. */
export function keyOf(obj: KubernetesObject): string {
  const ns = obj.metadata?.namespace;
  return ns ? `${ns}/${obj.metadata?.name}` : (obj.metadata?.name ?? '');
}

/** Splits a work-queue key back into namespace and name. */
export function splitKey(key: string): [string | undefined, string] {
  const i = key.indexOf('/');
  return i < 0 ? [undefined, key] : [key.slice(0, i), key.slice(i + 1)];
}
