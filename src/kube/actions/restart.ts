import type { V1Deployment } from '@kubernetes/client-node';
import type { ActionContext } from './gate.js';
import { ActionError, type ActionOptions, type ActionOutcome } from './outcome.js';
import { runAction } from './run-action.js';
import { isKind, kinds, type Target } from './target.js';

export const restartableKinds = [kinds.deployment, kinds.statefulSet, kinds.daemonSet];

export const restartedAtAnnotation = 'kubectl.kubernetes.io/restartedAt';

export function canRestart(t: Target): boolean {
  return restartableKinds.some((k) => isKind(t, k));
}

/** `kubectl rollout restart`: a new restartedAt annotation on the pod template starts a rollout. */
export function restart(
  ctx: ActionContext,
  targets: readonly Target[],
  opts: ActionOptions = {},
  now: () => Date = () => new Date(),
): Promise<ActionOutcome> {
  return runAction(ctx, 'restart', targets, opts, async (t, signal) => {
    if (isKind(t, kinds.deployment)) {
      const d = await ctx.read.get<V1Deployment>(t, { signal });
      if (d.spec?.paused) {
        throw new ActionError('the deployment is paused', 'Paused', 'resume the rollout first, then restart');
      }
    }
    // RFC 3339 without fractions, as kubectl writes it.
    const at = now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    const patch = { spec: { template: { metadata: { annotations: { [restartedAtAnnotation]: at } } } } };
    await ctx.mutate.patch(t, 'strategic', patch, { signal });
    return `restarted at ${at}`;
  });
}
