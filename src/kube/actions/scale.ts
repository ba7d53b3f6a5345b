import type { ActionContext } from './gate.js';
import { ActionError, type ActionOptions, type ActionOutcome } from './outcome.js';
import { runAction } from './run-action.js';
import { isKind, kinds, type Target } from './target.js';

/** Kinds `s` scales; any kind with a scale subresource would work, these are the ones the table offers it on. */
export const scalableKinds = [kinds.deployment, kinds.statefulSet, kinds.replicaSet];

interface Scale {
  spec?: { replicas?: number };
  status?: { replicas?: number };
}

export function canScale(t: Target): boolean {
  return scalableKinds.some((k) => isKind(t, k));
}

/** Desired and current replicas from the scale subresource, for the dialog to show. */
export async function currentScale(
  ctx: ActionContext,
  target: Target,
  signal?: AbortSignal,
): Promise<{ desired: number; current: number }> {
  const s = await ctx.read.get<Scale>(target, { subresource: 'scale', signal });
  return { desired: s.spec?.replicas ?? 0, current: s.status?.replicas ?? 0 };
}

/** Validates the dialog's input: a whole number from 0 to 10000, or the reason it is not. */
export function parseReplicas(text: string): number | string {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return 'replicas must be a whole number ≥ 0';
  const n = Number(t);
  if (n > 10_000) return 'replicas above 10000 look like a typo';
  return n;
}

/** `kubectl scale --replicas=N` for every target, through the scale subresource. */
export function scale(
  ctx: ActionContext,
  targets: readonly Target[],
  replicas: number,
  opts: ActionOptions = {},
): Promise<ActionOutcome> {
  return runAction(ctx, `scale to ${replicas}`, targets, opts, async (t, signal) => {
    if (!Number.isInteger(replicas) || replicas < 0) {
      throw new ActionError(`invalid replica count ${replicas}`, 'Invalid', 'enter a whole number ≥ 0');
    }
    const before = await ctx.read.get<Scale>(t, { subresource: 'scale', signal });
    await ctx.mutate.patch(t, 'merge', { spec: { replicas } }, { subresource: 'scale', signal });
    return `scaled ${before.spec?.replicas ?? 0} → ${replicas}`;
  });
}
