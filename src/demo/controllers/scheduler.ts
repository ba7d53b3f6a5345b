import type { V1Node, V1Pod } from '@kubernetes/client-node';
import type { DemoController } from '../controller.js';
import { observe } from './informer.js';
import { matchesNodeSelector, taintText, untoleratedTaint } from './node-fit.js';
import { type ControllerOptions, scaled } from './options.js';
import { isDeleting, keyOf, splitKey } from './owner-refs.js';
import { isTerminal, podCondition, podRequests, quantity, setCondition } from './pod-facts.js';
import { gvr } from './resources.js';
import { WorkQueue } from './work-queue.js';

const component = 'default-scheduler';

interface Placed {
  node: string;
  requests: Record<string, number>;
}

/** Why one node cannot take the pod, and whether evicting others could change that (for the preemption note). */
interface Rejection {
  reasons: string[];
  resolvable: boolean;
}

/**
 * Filters a node as kube-scheduler's plugins do, in their order; the first failing plugin decides, except
 * NodeResourcesFit, which reports every insufficient resource.
 */
function reject(
  pod: V1Pod,
  node: V1Node,
  used: Record<string, number>,
  count: number,
): Rejection | undefined {
  if (node.spec?.unschedulable) return { reasons: ['node(s) were unschedulable'], resolvable: false };
  const taint = untoleratedTaint(node, pod.spec?.tolerations);
  if (taint) return { reasons: [`node(s) had untolerated taint ${taintText(taint)}`], resolvable: false };
  if (!matchesNodeSelector(pod, node)) {
    return { reasons: ["node(s) didn't match Pod's node affinity/selector"], resolvable: false };
  }
  const alloc = node.status?.allocatable ?? node.status?.capacity ?? {};
  const reasons: string[] = [];
  if (count + 1 > quantity(alloc.pods ?? '110')) reasons.push('Too many pods');
  const want = podRequests(pod);
  for (const [res, amount] of Object.entries(want)) {
    if (amount <= 0) continue;
    const free = quantity(alloc[res]) - (used[res] ?? 0);
    if (amount > free) reasons.push(`Insufficient ${res}`);
  }
  return reasons.length > 0 ? { reasons, resolvable: true } : undefined;
}

/** kube-scheduler's FitError text: sorted reason histogram, then the preemption summary. */
function fitError(nodes: number, rejections: Rejection[]): string {
  const histogram = new Map<string, number>();
  const preemption = new Map<string, number>();
  for (const r of rejections) {
    for (const reason of r.reasons) histogram.set(reason, (histogram.get(reason) ?? 0) + 1);
    const p = r.resolvable
      ? 'No preemption victims found for incoming pod'
      : 'Preemption is not helpful for scheduling';
    preemption.set(p, (preemption.get(p) ?? 0) + 1);
  }
  const sorted = (m: Map<string, number>) =>
    [...m]
      .map(([k, v]) => `${v} ${k}`)
      .sort()
      .join(', ');
  if (nodes === 0) return 'no nodes available to schedule pods';
  return `0/${nodes} nodes are available: ${sorted(histogram)}. preemption: 0/${nodes} nodes are available: ${sorted(preemption)}..`;
}

/**
 * The demo's kube-scheduler: binds Pending pods to the node with the most free memory among those that pass
 * the taint, selector and resource filters; otherwise marks the pod Unschedulable with a FailedScheduling event.
 */
export function scheduler(opts: ControllerOptions = {}): DemoController {
  return ({ store, signal, log }) => {
    const placed = new Map<string, Placed>();
    const lastFailure = new Map<string, string>();
    const retryMs = scaled(opts, 30_000);

    const track = (pod: V1Pod, deleted: boolean) => {
      const key = keyOf(pod);
      if (deleted || !pod.spec?.nodeName || isTerminal(pod)) placed.delete(key);
      else placed.set(key, { node: pod.spec.nodeName, requests: podRequests(pod) });
    };

    const schedule = (key: string) => {
      const [ns, name] = splitKey(key);
      const pod = store.get<V1Pod>(gvr.pods, ns, name);
      if (!pod || pod.spec?.nodeName || isDeleting(pod) || isTerminal(pod)) {
        lastFailure.delete(key);
        return;
      }
      if ((pod.spec?.schedulerName ?? 'default-scheduler') !== 'default-scheduler') return;
      const nodes = store
        .list<V1Node>(gvr.nodes)
        .sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!));
      const used = new Map<string, Record<string, number>>();
      const counts = new Map<string, number>();
      for (const p of placed.values()) {
        const u = used.get(p.node) ?? {};
        for (const [k, v] of Object.entries(p.requests)) u[k] = (u[k] ?? 0) + v;
        used.set(p.node, u);
        counts.set(p.node, (counts.get(p.node) ?? 0) + 1);
      }
      const rejections: Rejection[] = [];
      let best: { node: V1Node; free: number } | undefined;
      for (const node of nodes) {
        const n = node.metadata!.name!;
        const r = reject(pod, node, used.get(n) ?? {}, counts.get(n) ?? 0);
        if (r) {
          rejections.push(r);
          continue;
        }
        // Like the scheduler's LeastAllocated score, pods without requests count as 200Mi so they spread too.
        const alloc = node.status?.allocatable ?? {};
        const free =
          quantity(alloc.memory) - (used.get(n)?.memory ?? 0) - (counts.get(n) ?? 0) * 200 * 2 ** 20;
        if (!best || free > best.free) best = { node, free };
      }
      if (!best) {
        const message = fitError(nodes.length, rejections);
        if (lastFailure.get(key) !== message) {
          lastFailure.set(key, message);
          const status = {
            ...pod.status,
            phase: 'Pending',
            conditions: setCondition(pod.status?.conditions, {
              ...podCondition('PodScheduled', false, 'Unschedulable'),
              message,
            }),
          };
          store.updateStatus(gvr.pods, { ...pod, status });
          store.recordEvent(pod, 'Warning', 'FailedScheduling', message, component);
        }
        return retryMs;
      }
      lastFailure.delete(key);
      const nodeName = best.node.metadata!.name!;
      // Objects from the store are frozen: every change is a new object.
      let bound = store.update(gvr.pods, { ...pod, spec: { ...pod.spec!, nodeName } });
      const status = {
        ...bound.status,
        phase: 'Pending',
        conditions: setCondition(bound.status?.conditions, podCondition('PodScheduled', true)),
      };
      bound = store.updateStatus(gvr.pods, { ...bound, status });
      track(bound, false);
      store.recordEvent(
        bound,
        'Normal',
        'Scheduled',
        `Successfully assigned ${key} to ${nodeName}`,
        component,
      );
    };

    const queue = new WorkQueue(schedule, signal, log);
    observe(store, gvr.pods, signal, (type, obj) => {
      const pod = obj as V1Pod;
      track(pod, type === 'DELETED');
      if (type !== 'DELETED' && !pod.spec?.nodeName) queue.add(keyOf(pod));
    });
    // A new node or a freed slot can make a waiting pod schedulable, as the scheduler's queue flush does.
    const retryWaiting = () => {
      for (const key of lastFailure.keys()) queue.add(key);
    };
    const stopNodes = store.watch(gvr.nodes, retryWaiting);
    const stopFreed = store.watch(gvr.pods, (type) => {
      if (type === 'DELETED' && lastFailure.size > 0) retryWaiting();
    });
    signal.addEventListener('abort', () => {
      stopNodes();
      stopFreed();
    });
  };
}
