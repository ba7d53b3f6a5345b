import type { ActionContext } from './gate.js';
import { ActionError, type ActionOptions, type ActionOutcome } from './outcome.js';
import { runAction } from './run-action.js';
import { isKind, kinds, type Target } from './target.js';

/** `kubectl cordon` (true) / `uncordon` (false): marks nodes (un)schedulable. */
export function cordon(
  ctx: ActionContext,
  targets: readonly Target[],
  unschedulable: boolean,
  opts: ActionOptions = {},
): Promise<ActionOutcome> {
  return runAction(ctx, unschedulable ? 'cordon' : 'uncordon', targets, opts, async (t, signal) => {
    await setUnschedulable(ctx, t, unschedulable, signal);
    return unschedulable ? 'cordoned' : 'uncordoned';
  });
}

export async function setUnschedulable(
  ctx: ActionContext,
  t: Target,
  unschedulable: boolean,
  signal?: AbortSignal,
): Promise<void> {
  if (!isKind(t, kinds.node)) throw new ActionError('only nodes can be cordoned', 'Invalid', 'select a node');
  // null removes the field, which is what uncordon leaves behind in kubectl too.
  await ctx.mutate.patch(t, 'merge', { spec: { unschedulable: unschedulable ? true : null } }, { signal });
}
