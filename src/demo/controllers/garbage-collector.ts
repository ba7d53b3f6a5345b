import type { KubernetesObject } from '@kubernetes/client-node';
import type { DemoController, DemoObjectStore, GroupVersionResource } from '../controller.js';
import { ignoreRace } from './api-error.js';
import { observe } from './informer.js';
import { isDeleting, keyOf, splitKey } from './owner-refs.js';
import { dependentResources, ownerKinds } from './resources.js';
import { WorkQueue } from './work-queue.js';

const owners = Object.values(ownerKinds);
const clusterScopedKinds = new Set(['Node', 'Namespace', 'PersistentVolume']);

function withoutFinalizer(obj: KubernetesObject, f: string): KubernetesObject {
  return {
    ...obj,
    metadata: { ...obj.metadata, finalizers: (obj.metadata?.finalizers ?? []).filter((x) => x !== f) },
  };
}

/**
 * The garbage collector: deletes dependents whose owners are gone (background deletion), deletes an owner's
 * dependents before the owner under foregroundDeletion, and strips the owner reference under orphan.
 */
export function garbageCollector(): DemoController {
  return ({ store, signal, log }) => {
    /** Dependents by owner uid, as "resource-index|namespace/name". */
    const dependents = new Map<string, Set<string>>();
    const refsOf = new Map<string, string[]>();

    const index = (i: number, obj: KubernetesObject, deleted: boolean) => {
      const id = `${i}|${keyOf(obj)}`;
      for (const uid of refsOf.get(id) ?? []) dependents.get(uid)?.delete(id);
      refsOf.delete(id);
      if (deleted) return;
      const uids = (obj.metadata?.ownerReferences ?? []).map((r) => r.uid);
      if (uids.length === 0) return;
      refsOf.set(id, uids);
      for (const uid of uids) {
        let set = dependents.get(uid);
        if (!set) {
          set = new Set();
          dependents.set(uid, set);
        }
        set.add(id);
      }
    };

    const ownerExists = (
      obj: KubernetesObject,
      ref: { apiVersion: string; kind: string; name: string; uid: string },
    ) => {
      const r = ownerKinds[`${ref.apiVersion}/${ref.kind}`];
      if (!r) return true;
      const ns = clusterScopedKinds.has(ref.kind) ? undefined : obj.metadata?.namespace;
      const owner = store.get(r, ns, ref.name);
      return owner?.metadata?.uid === ref.uid;
    };

    const checkDependent = (s: DemoObjectStore, r: GroupVersionResource, key: string) => {
      const [ns, name] = splitKey(key);
      const obj = s.get(r, ns, name);
      const refs = obj?.metadata?.ownerReferences ?? [];
      if (!obj || refs.length === 0) return;
      const live = refs.filter((ref) => ownerExists(obj, ref));
      if (live.length === refs.length) {
        // A dependent of an owner in foreground deletion goes first, and takes its own dependents with it.
        const foregroundOwner = live.some((ref) => {
          const or = ownerKinds[`${ref.apiVersion}/${ref.kind}`];
          const owner = or && s.get(or, clusterScopedKinds.has(ref.kind) ? undefined : ns, ref.name);
          return owner?.metadata?.finalizers?.includes('foregroundDeletion');
        });
        if (foregroundOwner && !isDeleting(obj))
          ignoreRace(() => s.delete(r, ns, name, { propagationPolicy: 'Foreground' }));
        return;
      }
      if (live.length === 0) {
        if (!isDeleting(obj)) ignoreRace(() => s.delete(r, ns, name, { propagationPolicy: 'Background' }));
        return;
      }
      ignoreRace(() => s.update(r, { ...obj, metadata: { ...obj.metadata, ownerReferences: live } }));
    };

    const finishOwner = (s: DemoObjectStore, r: GroupVersionResource, key: string) => {
      const [ns, name] = splitKey(key);
      const owner = s.get(r, ns, name);
      if (!owner || !isDeleting(owner)) return undefined;
      const uid = owner.metadata!.uid!;
      const deps = [...(dependents.get(uid) ?? [])];
      const finalizers = owner.metadata?.finalizers ?? [];
      if (finalizers.includes('orphan')) {
        for (const id of deps) {
          const [i, depKey] = id.split('|') as [string, string];
          const dr = dependentResources[Number(i)]!;
          const [dns, dname] = splitKey(depKey);
          const dep = s.get(dr, dns, dname);
          if (!dep) continue;
          const refs = (dep.metadata?.ownerReferences ?? []).filter((x) => x.uid !== uid);
          ignoreRace(() => s.update(dr, { ...dep, metadata: { ...dep.metadata, ownerReferences: refs } }));
        }
        ignoreRace(() => s.update(r, withoutFinalizer(owner, 'orphan')));
        return undefined;
      }
      if (finalizers.includes('foregroundDeletion')) {
        for (const id of deps) {
          const [i, depKey] = id.split('|') as [string, string];
          queue.add(`dep|${i}|${depKey}`);
        }
        if (deps.length > 0) return 200;
        ignoreRace(() => s.update(r, withoutFinalizer(owner, 'foregroundDeletion')));
      }
      return undefined;
    };

    const queue = new WorkQueue(
      (item) => {
        const [what, i, key] = item.split('|') as ['dep' | 'owner', string, string];
        if (what === 'dep') checkDependent(store, dependentResources[Number(i)]!, key);
        else return finishOwner(store, owners[Number(i)]!, key);
        return undefined;
      },
      signal,
      log,
    );

    dependentResources.forEach((r, i) => {
      observe(store, r, signal, (type, obj) => {
        index(i, obj, type === 'DELETED');
        if (type !== 'DELETED' && obj.metadata?.ownerReferences?.length) queue.add(`dep|${i}|${keyOf(obj)}`);
      });
    });
    owners.forEach((r, i) => {
      observe(store, r, signal, (type, obj) => {
        const uid = obj.metadata?.uid ?? '';
        if (type === 'DELETED') {
          for (const id of dependents.get(uid) ?? []) queue.add(`dep|${id}`);
          return;
        }
        if (
          isDeleting(obj) &&
          obj.metadata?.finalizers?.some((f) => f === 'orphan' || f === 'foregroundDeletion')
        ) {
          queue.add(`owner|${i}|${keyOf(obj)}`);
        }
      });
    });
  };
}
