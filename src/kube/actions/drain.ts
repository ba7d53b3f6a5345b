import type { V1Pod } from '@kubernetes/client-node';
import { KubeError } from '../kube-error.js';
import { setUnschedulable } from './cordon.js';
import type { ActionContext } from './gate.js';
import { ActionError, type ActionOptions, type ActionOutcome, sleep, throwIfAborted } from './outcome.js';
import { runAction } from './run-action.js';
import { kinds, type Target } from './target.js';

export interface DrainChoice {
  /** Evict pods no controller would recreate (kubectl --force). */
  force: boolean;
  /** Evict pods with emptyDir volumes, losing that data (kubectl --delete-emptydir-data). */
  deleteEmptyDirData: boolean;
  gracePeriodSeconds?: number;
  /** Gives up waiting for evictions after this long (kubectl --timeout); undefined waits until cancelled. */
  timeoutMs?: number;
  /** How often to check whether an evicted pod is gone. */
  pollMs?: number;
  /** First wait after a 429 (a PodDisruptionBudget said no); doubles up to 16× this. */
  retryMs?: number;
}

export const defaultDrainChoice: DrainChoice = { force: false, deleteEmptyDirData: false };

export interface DrainPlan {
  evict: V1Pod[];
  /** DaemonSet and mirror pods, left where they are, with why. */
  skipped: { pod: V1Pod; why: string }[];
  /** Pods that stop the drain unless a choice allows them, with the reason. */
  blocked: { pod: V1Pod; why: string }[];
}

const mirrorAnnotation = 'kubernetes.io/config.mirror';

function podName(p: V1Pod): string {
  return `${p.metadata?.namespace}/${p.metadata?.name}`;
}

/** Sorts a node's pods the way `kubectl drain` does: what it evicts, what it skips, what stops it. */
export function planDrain(pods: readonly V1Pod[], choice: DrainChoice): DrainPlan {
  const plan: DrainPlan = { evict: [], skipped: [], blocked: [] };
  for (const p of pods) {
    const finished = p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
    const controller = p.metadata?.ownerReferences?.find((o) => o.controller);
    if (p.metadata?.annotations?.[mirrorAnnotation] !== undefined) {
      plan.skipped.push({ pod: p, why: 'mirror pod (static, managed by the kubelet)' });
    } else if (controller?.kind === 'DaemonSet') {
      plan.skipped.push({ pod: p, why: `managed by DaemonSet ${controller.name}` });
    } else if (!finished && !choice.deleteEmptyDirData && p.spec?.volumes?.some((v) => v.emptyDir)) {
      plan.blocked.push({ pod: p, why: 'has local storage (emptyDir); allow deleting emptyDir data' });
    } else if (!finished && !controller && !choice.force) {
      plan.blocked.push({ pod: p, why: 'not managed by a controller, would be lost; use force' });
    } else {
      plan.evict.push(p);
    }
  }
  return plan;
}

/**
 * `kubectl drain`: cordon, then evict every pod through `pods/eviction` so PodDisruptionBudgets
 * hold (429 → wait and retry), skipping DaemonSet and mirror pods, and wait until they are gone.
 */
export function drain(
  ctx: ActionContext,
  targets: readonly Target[],
  choice: DrainChoice = defaultDrainChoice,
  opts: ActionOptions = {},
): Promise<ActionOutcome> {
  return runAction(ctx, 'drain', targets, { signal: opts.signal }, async (node, signal) => {
    await setUnschedulable(ctx, node, true, signal);
    const pods = await ctx.read.list<V1Pod>(kinds.pod, undefined, {
      fieldSelector: `spec.nodeName=${node.name}`,
      signal,
    });
    const plan = planDrain(pods, choice);
    if (plan.blocked.length) {
      const list = plan.blocked.map((b) => `${podName(b.pod)}: ${b.why}`).join('; ');
      throw new ActionError(
        `cordoned, but cannot evict ${list}`,
        'Blocked',
        'choose force / delete emptyDir data, or move those pods first',
      );
    }
    const total = plan.evict.length;
    let done = 0;
    const report = (message: string) => opts.onProgress?.({ done, total, message });
    report(`${node.name}: evicting ${total} pods, skipping ${plan.skipped.length}`);
    const deadline = choice.timeoutMs === undefined ? undefined : AbortSignal.timeout(choice.timeoutMs);
    const stop = deadline && signal ? AbortSignal.any([signal, deadline]) : (deadline ?? signal);
    const results = await Promise.allSettled(
      plan.evict.map(async (p) => {
        await evict(ctx, p, choice, stop, report);
        await waitGone(ctx, p, choice.pollMs ?? 1000, stop);
        done++;
        report(`evicted ${podName(p)}`);
      }),
    );
    throwIfAborted(signal);
    const failed = results.flatMap((r, i) =>
      r.status === 'rejected' ? [`${podName(plan.evict[i])}: ${reasonText(r.reason)}`] : [],
    );
    if (failed.length) {
      const timedOut = deadline?.aborted === true;
      throw new ActionError(
        `${timedOut ? 'timed out evicting' : 'could not evict'} ${failed.join('; ')}`,
        timedOut ? 'Timeout' : 'EvictionFailed',
        'the node stays cordoned; retry the drain, or check the PodDisruptionBudgets',
      );
    }
    return `drained: ${total} evicted, ${plan.skipped.length} skipped`;
  });
}

function reasonText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function evict(
  ctx: ActionContext,
  p: V1Pod,
  choice: DrainChoice,
  signal: AbortSignal | undefined,
  report: (m: string) => void,
): Promise<void> {
  const target: Target = { ref: kinds.pod, namespace: p.metadata?.namespace, name: p.metadata?.name ?? '' };
  const body = {
    apiVersion: 'policy/v1',
    kind: 'Eviction',
    metadata: { name: target.name, namespace: target.namespace },
    deleteOptions:
      choice.gracePeriodSeconds === undefined ? undefined : { gracePeriodSeconds: choice.gracePeriodSeconds },
  };
  const first = choice.retryMs ?? 1000;
  let wait = first;
  for (;;) {
    throwIfAborted(signal);
    try {
      await ctx.mutate.createSubresource(target, 'eviction', body, { signal });
      return;
    } catch (err) {
      if (err instanceof KubeError && err.status === 404) return;
      if (!(err instanceof KubeError && err.status === 429)) throw err;
      report(`${podName(p)}: ${err.message}; retrying in ${Math.round(wait / 1000)}s`);
      await sleep(wait, signal);
      wait = Math.min(wait * 2, first * 16);
    }
  }
}

async function waitGone(
  ctx: ActionContext,
  p: V1Pod,
  pollMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const target: Target = { ref: kinds.pod, namespace: p.metadata?.namespace, name: p.metadata?.name ?? '' };
  for (;;) {
    try {
      const now = await ctx.read.get<V1Pod>(target, { signal });
      // A pod of the same name but another uid is its replacement (StatefulSets), so the old one is gone.
      if (now.metadata?.uid !== p.metadata?.uid) return;
    } catch (err) {
      if (err instanceof KubeError && err.status === 404) return;
      throw err;
    }
    await sleep(pollMs, signal);
  }
}
