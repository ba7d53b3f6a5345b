import type {
  KubernetesObject,
  V1ControllerRevision,
  V1Deployment,
  V1PodTemplateSpec,
  V1ReplicaSet,
  V1StatefulSet,
} from '@kubernetes/client-node';
import type { ActionContext } from './gate.js';
import { ActionError } from './outcome.js';
import { isKind, kinds, type Target } from './target.js';

export const historyKinds = [kinds.deployment, kinds.statefulSet, kinds.daemonSet];

export const revisionAnnotation = 'deployment.kubernetes.io/revision';
const changeCauseAnnotation = 'kubernetes.io/change-cause';

/** One line of `kubectl rollout history`, with what the picker shows beside it. */
export interface Revision {
  revision: number;
  changeCause?: string;
  images: string[];
  /** The ReplicaSet or ControllerRevision that holds this template. */
  source: string;
  created?: string;
  current: boolean;
  template?: V1PodTemplateSpec;
  /** For ControllerRevisions: the stored patch `kubectl rollout undo` applies as it is. */
  data?: unknown;
}

export function hasHistory(t: Target): boolean {
  return historyKinds.some((k) => isKind(t, k));
}

function ownedBy(o: KubernetesObject, uid: string | undefined): boolean {
  return uid !== undefined && (o.metadata?.ownerReferences ?? []).some((r) => r.controller && r.uid === uid);
}

function imagesOf(template: V1PodTemplateSpec | undefined): string[] {
  return (template?.spec?.containers ?? []).map((c) => c.image ?? '');
}

function toIso(d: Date | string | undefined): string | undefined {
  if (d === undefined) return undefined;
  return d instanceof Date ? d.toISOString() : String(d);
}

/** The revisions of a Deployment (its ReplicaSets) or StatefulSet/DaemonSet (its ControllerRevisions), oldest first. */
export async function rolloutHistory(
  ctx: ActionContext,
  target: Target,
  signal?: AbortSignal,
): Promise<Revision[]> {
  if (!hasHistory(target)) {
    throw new ActionError(
      'no rollout history for this kind',
      'Invalid',
      'select a Deployment, StatefulSet or DaemonSet',
    );
  }
  const owner = await ctx.read.get<V1Deployment | V1StatefulSet>(target, { signal });
  const uid = owner.metadata?.uid;
  if (isKind(target, kinds.deployment)) {
    const current = Number(owner.metadata?.annotations?.[revisionAnnotation] ?? 0);
    const sets = await ctx.read.list<V1ReplicaSet>(kinds.replicaSet, target.namespace, { signal });
    return sets
      .filter((rs) => ownedBy(rs, uid) && rs.metadata?.annotations?.[revisionAnnotation] !== undefined)
      .map((rs) => {
        const revision = Number(rs.metadata?.annotations?.[revisionAnnotation]);
        return {
          revision,
          changeCause: rs.metadata?.annotations?.[changeCauseAnnotation],
          images: imagesOf(rs.spec?.template),
          source: rs.metadata?.name ?? '',
          created: toIso(rs.metadata?.creationTimestamp),
          current: revision === current,
          template: rs.spec?.template,
        };
      })
      .sort((a, b) => a.revision - b.revision);
  }
  const revs = await ctx.read.list<V1ControllerRevision>(kinds.controllerRevision, target.namespace, {
    signal,
  });
  const owned = revs.filter((r) => ownedBy(r, uid));
  const max = Math.max(0, ...owned.map((r) => r.revision));
  const sts = owner as V1StatefulSet;
  const currentName = isKind(target, kinds.statefulSet)
    ? (sts.status?.updateRevision ?? sts.status?.currentRevision)
    : undefined;
  return owned
    .map((r) => {
      const data = r.data as { spec?: { template?: V1PodTemplateSpec } } | undefined;
      return {
        revision: r.revision,
        changeCause: r.metadata?.annotations?.[changeCauseAnnotation],
        images: imagesOf(data?.spec?.template),
        source: r.metadata?.name ?? '',
        created: toIso(r.metadata?.creationTimestamp),
        current: currentName !== undefined ? r.metadata?.name === currentName : r.revision === max,
        template: data?.spec?.template,
        data: r.data,
      };
    })
    .sort((a, b) => a.revision - b.revision);
}
