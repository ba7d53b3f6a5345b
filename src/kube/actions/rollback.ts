import type { V1Deployment, V1PodTemplateSpec } from '@kubernetes/client-node';
import type { ActionContext } from './gate.js';
import { ActionError, type ActionOptions, type ActionOutcome } from './outcome.js';
import { type Revision, revisionAnnotation, rolloutHistory } from './rollout-history.js';
import { runAction } from './run-action.js';
import { isKind, kinds, type Target } from './target.js';

/** Deployment annotations a rollback keeps from the Deployment instead of copying from the ReplicaSet (kubectl's list). */
const annotationsToSkip = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  revisionAnnotation,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

const hashLabel = 'pod-template-hash';

/** kubectl's choice for --to-revision=0: the highest revision below the current one. */
export function pickRevision(history: readonly Revision[], toRevision: number): Revision | undefined {
  if (toRevision > 0) return history.find((r) => r.revision === toRevision);
  const current = history.find((r) => r.current)?.revision ?? Math.max(0, ...history.map((r) => r.revision));
  return history.filter((r) => r.revision < current).sort((a, b) => b.revision - a.revision)[0];
}

function withoutHash(t: V1PodTemplateSpec | undefined): V1PodTemplateSpec | undefined {
  if (!t) return t;
  const labels = { ...t.metadata?.labels };
  delete labels[hashLabel];
  return { ...t, metadata: { ...t.metadata, labels } };
}

/** The JSON patch `kubectl rollout undo` sends a Deployment: the revision's template and annotations. */
export function deploymentRollbackPatch(
  d: V1Deployment,
  rsAnnotations: Record<string, string>,
  template: V1PodTemplateSpec,
): unknown[] {
  const annotations: Record<string, string> = {};
  for (const k of annotationsToSkip) {
    const v = d.metadata?.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  for (const [k, v] of Object.entries(rsAnnotations)) if (!annotationsToSkip.has(k)) annotations[k] = v;
  return [
    { op: 'replace', path: '/spec/template', value: withoutHash(template) },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ];
}

/** `kubectl rollout undo --to-revision=N` (0 = the previous revision) for every target. */
export function rollback(
  ctx: ActionContext,
  targets: readonly Target[],
  toRevision: number,
  opts: ActionOptions = {},
): Promise<ActionOutcome> {
  return runAction(
    ctx,
    toRevision > 0 ? `undo to revision ${toRevision}` : 'undo',
    targets,
    opts,
    async (t, signal) => {
      const history = await rolloutHistory(ctx, t, signal);
      const rev = pickRevision(history, toRevision);
      if (!rev) {
        const have = history.map((r) => r.revision).join(', ') || 'none';
        throw new ActionError(
          toRevision > 0 ? `revision ${toRevision} not found` : 'no previous revision',
          'NotFound',
          `revisions kept: ${have}`,
        );
      }
      if (rev.current) return `already at revision ${rev.revision}`;
      if (isKind(t, kinds.deployment)) {
        const d = await ctx.read.get<V1Deployment>(t, { signal });
        if (d.spec?.paused)
          throw new ActionError('the deployment is paused', 'Paused', 'resume the rollout first, then undo');
        const rs = await ctx.read.get<{ metadata?: { annotations?: Record<string, string> } }>(
          { ref: kinds.replicaSet, namespace: t.namespace, name: rev.source },
          { signal },
        );
        if (!rev.template)
          throw new ActionError(
            `ReplicaSet ${rev.source} has no template`,
            'Invalid',
            'pick another revision',
          );
        await ctx.mutate.patch(
          t,
          'json',
          deploymentRollbackPatch(d, rs.metadata?.annotations ?? {}, rev.template),
          { signal },
        );
      } else {
        // A ControllerRevision's data is the strategic merge patch that restores its template.
        await ctx.mutate.patch(t, 'strategic', rev.data, { signal });
      }
      return `rolled back to revision ${rev.revision}`;
    },
  );
}
