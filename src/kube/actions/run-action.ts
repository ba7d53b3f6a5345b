import type { ActionContext } from './gate.js';
import { type ActionOptions, type ActionOutcome, forEachTarget, readOnlyFailure } from './outcome.js';
import { describeTarget, type Target } from './target.js';

/**
 * Runs a mutating action over its targets. A read-only session refuses here, before the action's
 * first read; the Mutator refuses again, so an action that skipped this would still send nothing.
 */
export function runAction(
  ctx: ActionContext,
  action: string,
  targets: readonly Target[],
  opts: ActionOptions,
  fn: (t: Target, signal: AbortSignal | undefined) => Promise<string>,
): Promise<ActionOutcome> {
  if (ctx.readOnly) {
    return Promise.resolve({
      action,
      done: [],
      failures: targets.map((t) => readOnlyFailure(describeTarget(t), action)),
      cancelled: false,
    });
  }
  return forEachTarget(action, targets, opts, fn);
}
