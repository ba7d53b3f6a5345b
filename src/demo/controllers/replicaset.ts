import type { V1Pod, V1ReplicaSet, V1ReplicaSetStatus } from '@kubernetes/client-node';
import type { DemoController, DemoObjectStore } from '../controller.js';
import { ignoreRace } from './api-error.js';
import { observe } from './informer.js';
import { matchesSelector } from './label-selector.js';
import { controllerOf, controllerRef, isControlledBy, isDeleting, keyOf, splitKey } from './owner-refs.js';
import { isPodAvailable, isPodReady, isTerminal } from './pod-facts.js';
import { deletionOrder, podFromTemplate } from './pod-template.js';
import { gvr } from './resources.js';
import { WorkQueue } from './work-queue.js';

const component = 'replicaset-controller';

/** The pods a ReplicaSet counts: its own, after adopting matching orphans and releasing pods that stopped matching. */
function claimPods(store: DemoObjectStore, rs: V1ReplicaSet): V1Pod[] {
  const out: V1Pod[] = [];
  for (const pod of store.list<V1Pod>(gvr.pods, rs.metadata!.namespace)) {
    const matches = matchesSelector(rs.spec?.selector, pod.metadata?.labels);
    if (isControlledBy(pod, rs)) {
      if (matches) out.push(pod);
      else {
        const refs = (pod.metadata?.ownerReferences ?? []).filter((r) => r.uid !== rs.metadata!.uid);
        ignoreRace(() =>
          store.update(gvr.pods, { ...pod, metadata: { ...pod.metadata, ownerReferences: refs } }),
        );
      }
    } else if (matches && !controllerOf(pod) && !isDeleting(pod) && !isDeleting(rs)) {
      const refs = [...(pod.metadata?.ownerReferences ?? []), controllerRef(rs)];
      const adopted = ignoreRace(() =>
        store.update(gvr.pods, { ...pod, metadata: { ...pod.metadata, ownerReferences: refs } }),
      );
      if (adopted) out.push(adopted);
    }
  }
  return out;
}

/** Brings a ReplicaSet's pods to spec.replicas, as kube-controller-manager's replicaset controller does. */
export function syncReplicaSet(store: DemoObjectStore, rs: V1ReplicaSet): void {
  const pods = claimPods(store, rs);
  const active = pods.filter((p) => !isTerminal(p) && !isDeleting(p));
  const want = rs.spec?.replicas ?? 1;
  if (!isDeleting(rs)) {
    if (active.length < want) {
      for (let i = active.length; i < want; i++) {
        const pod = store.create(
          gvr.pods,
          podFromTemplate(rs.spec?.template, rs, { generateName: `${rs.metadata!.name}-` }),
        );
        active.push(pod);
        store.recordEvent(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata!.name}`, component);
      }
    } else if (active.length > want) {
      const doomed = [...active].sort(deletionOrder).slice(0, active.length - want);
      for (const pod of doomed) {
        ignoreRace(() => store.delete(gvr.pods, pod.metadata!.namespace, pod.metadata!.name!));
        store.recordEvent(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata!.name}`, component);
      }
      const gone = new Set(doomed);
      active.splice(0, active.length, ...active.filter((p) => !gone.has(p)));
    }
  }
  const minReady = rs.spec?.minReadySeconds ?? 0;
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  const status: V1ReplicaSetStatus = {
    replicas: active.length,
    fullyLabeledReplicas: active.filter((p) =>
      Object.entries(templateLabels).every(([k, v]) => p.metadata?.labels?.[k] === v),
    ).length,
    readyReplicas: active.filter(isPodReady).length,
    availableReplicas: active.filter((p) => isPodAvailable(p, minReady)).length,
    observedGeneration: rs.metadata?.generation ?? 1,
  };
  const cur: Partial<V1ReplicaSetStatus> = rs.status ?? {};
  const same =
    cur.replicas === status.replicas &&
    (cur.fullyLabeledReplicas ?? 0) === status.fullyLabeledReplicas &&
    (cur.readyReplicas ?? 0) === status.readyReplicas &&
    (cur.availableReplicas ?? 0) === status.availableReplicas &&
    cur.observedGeneration === status.observedGeneration;
  if (!same) store.updateStatus(gvr.replicasets, { ...rs, status: { ...cur, ...status } });
}

/** The ReplicaSet controller: one reconcile per ReplicaSet whenever it or one of its pods changes. */
export function replicaSetController(): DemoController {
  return ({ store, signal, log }) => {
    const queue = new WorkQueue(
      (key) => {
        const [ns, name] = splitKey(key);
        const rs = store.get<V1ReplicaSet>(gvr.replicasets, ns, name);
        if (rs) syncReplicaSet(store, rs);
        // Pods become available minReadySeconds after Ready without any event to say so.
        const minReady = rs?.spec?.minReadySeconds ?? 0;
        return minReady > 0 && (rs?.status?.availableReplicas ?? 0) < (rs?.status?.readyReplicas ?? 0)
          ? 1000
          : undefined;
      },
      signal,
      log,
    );
    observe(store, gvr.replicasets, signal, (type, obj) => {
      if (type !== 'DELETED') queue.add(keyOf(obj));
    });
    observe(store, gvr.pods, signal, (_type, obj) => {
      const ref = controllerOf(obj);
      const ns = obj.metadata?.namespace;
      if (ref?.kind === 'ReplicaSet') {
        queue.add(`${ns}/${ref.name}`);
        return;
      }
      if (ref) return;
      // An orphan may be adopted by any ReplicaSet of its namespace whose selector matches it.
      for (const rs of store.list<V1ReplicaSet>(gvr.replicasets, ns)) {
        if (matchesSelector(rs.spec?.selector, obj.metadata?.labels)) queue.add(keyOf(rs));
      }
    });
  };
}
