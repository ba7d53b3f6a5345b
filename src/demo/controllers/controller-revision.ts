import type { KubernetesObject, V1ControllerRevision, V1PodTemplateSpec } from '@kubernetes/client-node';
import type { DemoObjectStore } from '../controller.js';
import { controllerRef, isControlledBy } from './owner-refs.js';
import { gvr } from './resources.js';
import { templateHash } from './template-hash.js';

/** The template a ControllerRevision records, as StatefulSets and DaemonSets store it (a patch of spec.template). */
export function revisionTemplate(rev: V1ControllerRevision): V1PodTemplateSpec | undefined {
  return (rev.data as { spec?: { template?: V1PodTemplateSpec } } | undefined)?.spec?.template;
}

/** The owner's revisions, oldest first. */
export function revisionsOf(store: DemoObjectStore, owner: KubernetesObject): V1ControllerRevision[] {
  return store
    .list<V1ControllerRevision>(gvr.controllerrevisions, owner.metadata!.namespace)
    .filter((r) => isControlledBy(r, owner))
    .sort((a, b) => a.revision - b.revision);
}

/**
 * The ControllerRevision for the owner's current template, made (with the next revision number) when missing,
 * or renumbered when an old revision becomes current again. Its name is `<owner>-<hash>`, the hash being
 * what pods carry in their controller-revision-hash label.
 */
export function currentRevision(
  store: DemoObjectStore,
  owner: KubernetesObject,
  template: V1PodTemplateSpec | undefined,
  labels: Record<string, string>,
): V1ControllerRevision {
  const hash = templateHash(template);
  const name = `${owner.metadata!.name}-${hash}`;
  const revisions = revisionsOf(store, owner);
  const max = Math.max(0, ...revisions.map((r) => r.revision));
  const existing = revisions.find((r) => r.metadata?.name === name);
  if (existing) {
    if (existing.revision === max) return existing;
    return store.update(gvr.controllerrevisions, { ...existing, revision: max + 1 });
  }
  return store.create<V1ControllerRevision>(gvr.controllerrevisions, {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name,
      namespace: owner.metadata!.namespace,
      labels: { ...labels, 'controller-revision-hash': hash },
      ownerReferences: [controllerRef(owner)],
    },
    data: { spec: { template: { ...template, $patch: 'replace' } } },
    revision: max + 1,
  });
}

/** Deletes the oldest revisions no pod uses beyond the history limit. */
export function trimRevisions(
  store: DemoObjectStore,
  owner: KubernetesObject,
  live: Set<string>,
  limit: number,
): void {
  const unused = revisionsOf(store, owner).filter((r) => !live.has(r.metadata!.name!));
  for (const r of unused.slice(0, Math.max(0, unused.length - limit))) {
    try {
      store.delete(gvr.controllerrevisions, r.metadata!.namespace, r.metadata!.name!);
    } catch {
      // Already gone.
    }
  }
}
