import type {
  V1ControllerRevision,
  V1PersistentVolumeClaim,
  V1Pod,
  V1StatefulSet,
  V1StatefulSetStatus,
  V1Volume,
} from '@kubernetes/client-node';
import type { DemoController, DemoObjectStore } from '../controller.js';
import { ignoreRace } from './api-error.js';
import { currentRevision, revisionsOf, revisionTemplate, trimRevisions } from './controller-revision.js';
import { observe } from './informer.js';
import { controllerOf, controllerRef, isControlledBy, isDeleting, keyOf, splitKey } from './owner-refs.js';
import { isPodAvailable, isPodReady, isTerminal } from './pod-facts.js';
import { podFromTemplate } from './pod-template.js';
import { gvr } from './resources.js';
import { WorkQueue } from './work-queue.js';

const component = 'statefulset-controller';
const revisionLabel = 'controller-revision-hash';

function ordinalOf(sts: V1StatefulSet, pod: V1Pod): number {
  const m = new RegExp(`^${sts.metadata!.name}-(\\d+)$`).exec(pod.metadata?.name ?? '');
  return m ? Number(m[1]) : -1;
}

function runningAndReady(pod: V1Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod) && !isDeleting(pod);
}

/** The PVCs of ordinal i, named `<template>-<set>-<i>`, created and bound when missing (the demo has no provisioner). */
function ensureClaims(store: DemoObjectStore, sts: V1StatefulSet, podName: string): V1Volume[] {
  const volumes: V1Volume[] = [];
  for (const t of sts.spec?.volumeClaimTemplates ?? []) {
    const claimName = `${t.metadata!.name}-${podName}`;
    volumes.push({ name: t.metadata!.name!, persistentVolumeClaim: { claimName } });
    if (store.get(gvr.persistentvolumeclaims, sts.metadata!.namespace, claimName)) continue;
    const deleteWithSet = sts.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete';
    const pvc = store.create<V1PersistentVolumeClaim>(gvr.persistentvolumeclaims, {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: claimName,
        namespace: sts.metadata!.namespace,
        labels: { ...(sts.spec?.selector?.matchLabels ?? {}), ...(t.metadata?.labels ?? {}) },
        ...(deleteWithSet ? { ownerReferences: [{ ...controllerRef(sts), controller: false }] } : {}),
      },
      spec: {
        ...structuredClone(t.spec!),
        storageClassName: t.spec?.storageClassName ?? 'standard',
        volumeMode: 'Filesystem',
      },
    });
    // The volume binder's part: a volume named after the claim, bound at once.
    const bound = store.update(gvr.persistentvolumeclaims, {
      ...pvc,
      spec: { ...pvc.spec, volumeName: `pvc-${pvc.metadata!.uid}` },
    });
    store.updateStatus(gvr.persistentvolumeclaims, {
      ...bound,
      status: {
        phase: 'Bound',
        accessModes: t.spec?.accessModes,
        capacity: { storage: t.spec?.resources?.requests?.storage ?? '1Gi' },
      },
    });
    store.recordEvent(
      sts,
      'Normal',
      'SuccessfulCreate',
      `create Claim ${claimName} Pod ${podName} in StatefulSet ${sts.metadata!.name} success`,
      component,
    );
  }
  return volumes;
}

function newPod(
  store: DemoObjectStore,
  sts: V1StatefulSet,
  ordinal: number,
  rev: V1ControllerRevision,
): V1Pod {
  const name = `${sts.metadata!.name}-${ordinal}`;
  const template = revisionTemplate(rev) ?? sts.spec?.template;
  const pod = podFromTemplate(template, sts, {
    name,
    labels: {
      [revisionLabel]: rev.metadata!.name!,
      'statefulset.kubernetes.io/pod-name': name,
      'apps.kubernetes.io/pod-index': String(ordinal),
    },
  });
  const claims = ensureClaims(store, sts, name);
  const volumes = (pod.spec!.volumes ?? []).filter((v) => !claims.some((c) => c.name === v.name));
  pod.spec = {
    ...pod.spec!,
    hostname: name,
    ...(sts.spec?.serviceName ? { subdomain: sts.spec.serviceName } : {}),
    volumes: [...volumes, ...claims],
  };
  const made = store.create(gvr.pods, pod);
  store.recordEvent(
    sts,
    'Normal',
    'SuccessfulCreate',
    `create Pod ${name} in StatefulSet ${sts.metadata!.name} successful`,
    component,
  );
  return made;
}

function deletePod(store: DemoObjectStore, sts: V1StatefulSet, pod: V1Pod): void {
  ignoreRace(() => store.delete(gvr.pods, pod.metadata!.namespace, pod.metadata!.name!));
  store.recordEvent(
    sts,
    'Normal',
    'SuccessfulDelete',
    `delete Pod ${pod.metadata!.name} in StatefulSet ${sts.metadata!.name} successful`,
    component,
  );
}

/**
 * One reconcile of a StatefulSet: stable ordinals created in order (OrderedReady waits for each to be Running
 * and Ready) or all at once (Parallel), removed from the highest ordinal down, and updated from the highest
 * ordinal down to the partition (RollingUpdate) or only when someone deletes a pod (OnDelete).
 */
export function syncStatefulSet(store: DemoObjectStore, sts: V1StatefulSet): void {
  if (isDeleting(sts)) return;
  const ns = sts.metadata!.namespace;
  const replicas = sts.spec?.replicas ?? 1;
  const parallel = sts.spec?.podManagementPolicy === 'Parallel';
  const selectorLabels = sts.spec?.selector?.matchLabels ?? {};
  const update = currentRevision(store, sts, sts.spec?.template, selectorLabels);
  const revisions = revisionsOf(store, sts);
  const currentName = sts.status?.currentRevision ?? update.metadata!.name!;
  const current = revisions.find((r) => r.metadata!.name === currentName) ?? update;

  const pods = new Map<number, V1Pod>();
  const condemned: V1Pod[] = [];
  for (const pod of store.list<V1Pod>(gvr.pods, ns)) {
    if (!isControlledBy(pod, sts)) continue;
    const i = ordinalOf(sts, pod);
    if (i < 0) continue;
    if (i < replicas) pods.set(i, pod);
    else condemned.push(pod);
  }
  const strategy = sts.spec?.updateStrategy?.type ?? 'RollingUpdate';
  const partition =
    strategy === 'RollingUpdate' ? (sts.spec?.updateStrategy?.rollingUpdate?.partition ?? 0) : 0;
  // Which revision a new pod of ordinal i gets: below the partition the old one, as the real controller does.
  const revisionFor = (i: number) => (strategy === 'RollingUpdate' && i < partition ? current : update);

  let blocked = false;
  for (let i = 0; i < replicas && !blocked; i++) {
    const pod = pods.get(i);
    if (!pod) {
      pods.set(i, newPod(store, sts, i, revisionFor(i)));
      if (!parallel) blocked = true;
      continue;
    }
    if (isTerminal(pod) && !isDeleting(pod)) {
      deletePod(store, sts, pod);
      if (!parallel) blocked = true;
      continue;
    }
    if (!parallel && !runningAndReady(pod)) blocked = true;
  }
  if (!blocked) {
    const doomed = condemned.sort((a, b) => ordinalOf(sts, b) - ordinalOf(sts, a));
    for (const pod of parallel ? doomed : doomed.slice(0, 1)) {
      if (!isDeleting(pod)) deletePod(store, sts, pod);
      if (!parallel) blocked = true;
    }
  }
  const all = [...pods.values()];
  if (!blocked && condemned.length === 0 && strategy === 'RollingUpdate' && all.every(runningAndReady)) {
    for (let i = replicas - 1; i >= partition; i--) {
      const pod = pods.get(i);
      if (pod && pod.metadata?.labels?.[revisionLabel] !== update.metadata!.name) {
        deletePod(store, sts, pod);
        break;
      }
    }
  }

  const live = all;
  const revOf = (p: V1Pod) => p.metadata?.labels?.[revisionLabel];
  const updated = live.filter((p) => revOf(p) === update.metadata!.name).length;
  const ready = live.filter(isPodReady).length;
  const minReady = sts.spec?.minReadySeconds ?? 0;
  const allUpdated = updated === replicas && ready === replicas;
  const status: V1StatefulSetStatus = {
    observedGeneration: sts.metadata?.generation ?? 1,
    replicas: live.length + condemned.length,
    readyReplicas: ready,
    currentReplicas: allUpdated ? updated : live.filter((p) => revOf(p) === current.metadata!.name).length,
    updatedReplicas: updated,
    availableReplicas: live.filter((p) => isPodAvailable(p, minReady)).length,
    currentRevision: allUpdated ? update.metadata!.name! : current.metadata!.name!,
    updateRevision: update.metadata!.name!,
    collisionCount: 0,
  };
  for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas'] as const)
    if (status[k] === 0) delete status[k];
  if (JSON.stringify(status) !== JSON.stringify(sts.status))
    store.updateStatus(gvr.statefulsets, { ...sts, status });
  const inUse = new Set([
    status.currentRevision!,
    status.updateRevision!,
    ...live.map((p) => revOf(p) ?? ''),
  ]);
  trimRevisions(store, sts, inUse, sts.spec?.revisionHistoryLimit ?? 10);
}

/** The StatefulSet controller: reconciles a set when it or one of its pods changes. */
export function statefulSetController(): DemoController {
  return ({ store, signal, log }) => {
    const queue = new WorkQueue(
      (key) => {
        const [ns, name] = splitKey(key);
        const sts = store.get<V1StatefulSet>(gvr.statefulsets, ns, name);
        if (sts) syncStatefulSet(store, sts);
      },
      signal,
      log,
    );
    observe(store, gvr.statefulsets, signal, (type, obj) => {
      if (type !== 'DELETED') queue.add(keyOf(obj));
    });
    observe(store, gvr.pods, signal, (_type, obj) => {
      const ref = controllerOf(obj);
      if (ref?.kind === 'StatefulSet') queue.add(`${obj.metadata?.namespace}/${ref.name}`);
    });
  };
}
