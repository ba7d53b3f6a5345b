import type { KubernetesObject, V1LabelSelector } from '@kubernetes/client-node';
import { formatSelector, selectorFromLabelSelector } from '../../model/label-selector.js';
import { invalid } from './errors.js';
import type { ResourcePath } from './resource-path.js';
import type { ScaleSpec } from './resources.js';
import type { ObjectStore } from './store.js';

function readPath(o: unknown, path: string): unknown {
  let cur = o;
  for (const part of path.split('.').filter(Boolean)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function writePath(o: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.').filter(Boolean);
  let cur = o;
  for (const part of parts.slice(0, -1)) {
    if (typeof cur[part] !== 'object' || cur[part] === null) cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

function selectorOf(o: KubernetesObject, spec: ScaleSpec, custom: boolean): string | undefined {
  if (custom) {
    const v = spec.labelSelectorPath ? readPath(o, spec.labelSelectorPath) : undefined;
    return typeof v === 'string' ? v : undefined;
  }
  const sel = selectorFromLabelSelector((o as { spec?: { selector?: V1LabelSelector } }).spec?.selector);
  return sel ? formatSelector(sel) : undefined;
}

/** The autoscaling/v1 Scale view of a workload (or a CRD with a scale subresource). */
export function getScale(store: ObjectStore, p: ResourcePath): Record<string, unknown> {
  const o = store.mustGet(p.gvr, p.namespace, p.name!);
  const spec = p.type.subresources.scale!;
  const m = o.metadata!;
  const status: Record<string, unknown> = { replicas: Number(readPath(o, spec.statusReplicasPath) ?? 0) };
  const selector = selectorOf(o, spec, Boolean(p.type.custom));
  if (selector) status.selector = selector;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: Number(readPath(o, spec.specReplicasPath) ?? 0) },
    status,
  };
}

/** Writes a Scale's spec.replicas into the workload; a stale Scale resourceVersion is a Conflict. */
export function updateScale(
  store: ObjectStore,
  p: ResourcePath,
  scale: KubernetesObject,
): Record<string, unknown> {
  const replicas = (scale as { spec?: { replicas?: unknown } }).spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw invalid('autoscaling', 'Scale', p.name!, [
      {
        field: 'spec.replicas',
        message: `Invalid value: ${JSON.stringify(replicas)}: must be greater than or equal to 0`,
      },
    ]);
  }
  const cur = structuredClone(store.mustGet(p.gvr, p.namespace, p.name!)) as KubernetesObject &
    Record<string, unknown>;
  writePath(cur, p.type.subresources.scale!.specReplicasPath, replicas);
  const rv = scale.metadata?.resourceVersion;
  if (rv) cur.metadata!.resourceVersion = rv;
  store.update(p.gvr, cur);
  return getScale(store, p);
}
