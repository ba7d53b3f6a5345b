import type { V1DaemonSet, V1DaemonSetStatus, V1Node, V1Pod, V1Toleration } from '@kubernetes/client-node';
import type { DemoController, DemoObjectStore } from '../controller.js';
import { ignoreRace } from './api-error.js';
import { currentRevision, trimRevisions } from './controller-revision.js';
import { observe } from './informer.js';
import { intOrPercent } from './int-or-percent.js';
import { matchesNodeSelector, untoleratedTaint } from './node-fit.js';
import { controllerOf, isControlledBy, isDeleting, keyOf, splitKey } from './owner-refs.js';
import { isPodAvailable, isPodReady, isTerminal } from './pod-facts.js';
import { podFromTemplate } from './pod-template.js';
import { gvr } from './resources.js';
import { WorkQueue } from './work-queue.js';

const component = 'daemonset-controller';

/** The tolerations the DaemonSet controller adds to every daemon pod, so node trouble does not evict daemons. */
const daemonTolerations: V1Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

function podOnNode(ds: V1DaemonSet, node: string, hash: string, generation: number): V1Pod {
  const pod = podFromTemplate(ds.spec?.template, ds, {
    generateName: `${ds.metadata!.name}-`,
    labels: { 'controller-revision-hash': hash, 'pod-template-generation': String(generation) },
  });
  const own = pod.spec!.tolerations ?? [];
  const extra = daemonTolerations.filter((t) => !own.some((o) => o.key === t.key && o.effect === t.effect));
  pod.spec = {
    ...pod.spec!,
    tolerations: [...own, ...extra],
    // Daemon pods go through the scheduler pinned to their node, as the real controller does it.
    affinity: {
      ...pod.spec!.affinity,
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
        },
      },
    },
  };
  return pod;
}

function targetNode(pod: V1Pod): string | undefined {
  return (
    pod.spec?.nodeName ??
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.[0]
      ?.matchFields?.[0]?.values?.[0]
  );
}

/** One reconcile of a DaemonSet: a pod on every node it should run on, none elsewhere, rolling updates by maxUnavailable. */
export function syncDaemonSet(store: DemoObjectStore, ds: V1DaemonSet): void {
  if (isDeleting(ds)) return;
  const ns = ds.metadata!.namespace;
  const generation = ds.metadata?.generation ?? 1;
  const rev = currentRevision(store, ds, ds.spec?.template, ds.spec?.selector?.matchLabels ?? {});
  const hash = rev.metadata!.labels!['controller-revision-hash']!;
  const nodes = store.list<V1Node>(gvr.nodes);
  const probe = podOnNode(ds, '', hash, generation);
  const wanted = new Set(
    nodes
      .filter((n) =>
        matchesNodeSelector({ spec: { ...probe.spec!, affinity: ds.spec?.template?.spec?.affinity } }, n),
      )
      .filter((n) => !untoleratedTaint(n, probe.spec!.tolerations))
      .map((n) => n.metadata!.name!),
  );
  const byNode = new Map<string, V1Pod[]>();
  for (const pod of store.list<V1Pod>(gvr.pods, ns)) {
    if (!isControlledBy(pod, ds) || isTerminal(pod)) continue;
    const node = targetNode(pod) ?? '';
    byNode.set(node, [...(byNode.get(node) ?? []), pod]);
  }
  for (const [node, pods] of byNode) {
    const extra = wanted.has(node) ? pods.slice(1) : pods;
    for (const pod of extra) {
      if (isDeleting(pod)) continue;
      ignoreRace(() => store.delete(gvr.pods, ns, pod.metadata!.name!));
      store.recordEvent(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata!.name}`, component);
    }
  }
  for (const node of wanted) {
    if ((byNode.get(node) ?? []).length > 0) continue;
    const pod = store.create(gvr.pods, podOnNode(ds, node, hash, generation));
    byNode.set(node, [pod]);
    store.recordEvent(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata!.name}`, component);
  }

  const daemons = [...wanted].map((n) => byNode.get(n)?.[0]).filter((p): p is V1Pod => p !== undefined);
  const minReady = ds.spec?.minReadySeconds ?? 0;
  const isUpdated = (p: V1Pod) => p.metadata?.labels?.['controller-revision-hash'] === hash;
  if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
    const maxUnavailable = intOrPercent(
      ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable,
      wanted.size,
      true,
      1,
    );
    let budget = maxUnavailable - daemons.filter((p) => !isPodAvailable(p, minReady) || isDeleting(p)).length;
    for (const pod of daemons) {
      if (budget <= 0) break;
      if (isUpdated(pod) || isDeleting(pod) || !isPodAvailable(pod, minReady)) continue;
      ignoreRace(() => store.delete(gvr.pods, ns, pod.metadata!.name!));
      store.recordEvent(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata!.name}`, component);
      budget--;
    }
  }
  const scheduled = daemons.filter((p) => p.spec?.nodeName);
  const available = daemons.filter((p) => isPodAvailable(p, minReady)).length;
  const misscheduled = [...byNode.keys()].filter((n) => n && !wanted.has(n)).length;
  const status: V1DaemonSetStatus = {
    currentNumberScheduled: scheduled.length,
    desiredNumberScheduled: wanted.size,
    numberMisscheduled: misscheduled,
    numberReady: daemons.filter(isPodReady).length,
    updatedNumberScheduled: scheduled.filter(isUpdated).length,
    numberAvailable: available,
    numberUnavailable: wanted.size - available,
    observedGeneration: generation,
  };
  if (status.numberAvailable === 0) delete status.numberAvailable;
  if (status.numberUnavailable === 0) delete status.numberUnavailable;
  if (JSON.stringify(status) !== JSON.stringify(ds.status))
    store.updateStatus(gvr.daemonsets, { ...ds, status });
  const inUse = new Set(
    daemons.map((p) => `${ds.metadata!.name}-${p.metadata?.labels?.['controller-revision-hash']}`),
  );
  inUse.add(rev.metadata!.name!);
  trimRevisions(store, ds, inUse, ds.spec?.revisionHistoryLimit ?? 10);
}

/** The DaemonSet controller: reconciles a set when it, one of its pods, or any node changes. */
export function daemonSetController(): DemoController {
  return ({ store, signal, log }) => {
    const queue = new WorkQueue(
      (key) => {
        const [ns, name] = splitKey(key);
        const ds = store.get<V1DaemonSet>(gvr.daemonsets, ns, name);
        if (ds) syncDaemonSet(store, ds);
      },
      signal,
      log,
    );
    observe(store, gvr.daemonsets, signal, (type, obj) => {
      if (type !== 'DELETED') queue.add(keyOf(obj));
    });
    observe(store, gvr.pods, signal, (_type, obj) => {
      const ref = controllerOf(obj);
      if (ref?.kind === 'DaemonSet') queue.add(`${obj.metadata?.namespace}/${ref.name}`);
    });
    // Heartbeats rewrite nodes often; only a change in labels, taints or the node set matters here.
    const shapes = new Map<string, string>();
    observe(store, gvr.nodes, signal, (type, obj) => {
      const node = obj as V1Node;
      const shape = type === 'DELETED' ? '' : JSON.stringify([node.metadata?.labels, node.spec?.taints]);
      if (shapes.get(node.metadata!.name!) === shape) return;
      shapes.set(node.metadata!.name!, shape);
      for (const ds of store.list(gvr.daemonsets)) queue.add(keyOf(ds));
    });
  };
}
