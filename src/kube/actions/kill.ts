import type { ActionContext } from './gate.js';
import { ActionError, type ActionOptions, type ActionOutcome } from './outcome.js';
import { runAction } from './run-action.js';
import { isKind, kinds, type Target } from './target.js';

/** k9s's kill: delete the pod now, no grace period; its controller makes a new one. */
export function killPods(
  ctx: ActionContext,
  targets: readonly Target[],
  opts: ActionOptions = {},
): Promise<ActionOutcome> {
  return runAction(ctx, 'kill', targets, opts, async (t, signal) => {
    if (!isKind(t, kinds.pod))
      throw new ActionError('only pods can be killed', 'Invalid', 'use delete (ctrl-d)');
    await ctx.mutate.delete(t, { propagationPolicy: 'Background', gracePeriodSeconds: 0 }, { signal });
    return 'killed';
  });
}
