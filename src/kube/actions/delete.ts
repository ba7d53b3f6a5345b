import type { KubernetesObject } from '@kubernetes/client-node';
import type { ActionContext, DeleteOptions } from './gate.js';
import { type ActionOptions, type ActionOutcome, readOnlyFailure, toFailure } from './outcome.js';
import { runAction } from './run-action.js';
import { isKind, kinds, type ResourceKind, type Target } from './target.js';

export type Propagation = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteChoice {
  propagation: Propagation;
  /** Seconds; undefined keeps the object's own default. */
  gracePeriodSeconds?: number;
  /** Skips graceful termination (pods vanish at once, the kubelet may still be running them). */
  force: boolean;
}

export const defaultDeleteChoice: DeleteChoice = { propagation: 'Background', force: false };

/** The DeleteOptions kubectl sends for the same flags: --force means grace 0, a bare grace 0 becomes 1. */
export function deleteOptions(choice: DeleteChoice): DeleteOptions {
  let grace = choice.gracePeriodSeconds;
  if (choice.force) grace = 0;
  else if (grace === 0) grace = 1;
  return { propagationPolicy: choice.propagation, gracePeriodSeconds: grace };
}

/** Deletes every target (`kubectl delete kind name…`); deleting a Namespace deletes all in it. */
export function deleteObjects(
  ctx: ActionContext,
  targets: readonly Target[],
  choice: DeleteChoice = defaultDeleteChoice,
  opts: ActionOptions = {},
): Promise<ActionOutcome> {
  return runAction(ctx, 'delete', targets, opts, async (t, signal) => {
    await ctx.mutate.delete(t, deleteOptions(choice), { signal });
    return isKind(t, kinds.namespace) ? 'deleting (the namespace empties first)' : 'deleted';
  });
}

/** `kubectl delete kind -l selector [-n ns]`: lists what matches, then deletes each, reporting one by one. */
export async function deleteBySelector(
  ctx: ActionContext,
  ref: ResourceKind,
  namespace: string | undefined,
  labelSelector: string,
  choice: DeleteChoice = defaultDeleteChoice,
  opts: ActionOptions = {},
): Promise<ActionOutcome> {
  const action = `delete -l ${labelSelector}`;
  const what = `${ref.resource}${namespace ? ` in ${namespace}` : ''}`;
  if (ctx.readOnly) return { action, done: [], failures: [readOnlyFailure(what, action)], cancelled: false };
  if (labelSelector.trim() === '') {
    return {
      action,
      done: [],
      failures: [
        {
          object: what,
          message: 'an empty selector matches everything',
          hint: 'type a selector',
          reason: 'Invalid',
        },
      ],
      cancelled: false,
    };
  }
  let items: KubernetesObject[];
  try {
    items = await ctx.read.list<KubernetesObject>(ref, namespace, { labelSelector, signal: opts.signal });
  } catch (err) {
    return { action, done: [], failures: [toFailure(what, `list ${what}`, err)], cancelled: false };
  }
  const targets = items.map((o) => ({ ref, namespace: o.metadata?.namespace, name: o.metadata?.name ?? '' }));
  const outcome = await deleteObjects(ctx, targets, choice, opts);
  if (targets.length === 0) outcome.done.push({ object: what, note: `nothing matches ${labelSelector}` });
  return { ...outcome, action };
}
