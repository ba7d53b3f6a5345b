import type { KubernetesObject } from '@kubernetes/client-node';
import { badRequest } from './errors.js';

interface FieldRequirement {
  path: string;
  op: '=' | '!=';
  value: string;
}

/** A parsed fieldSelector: `metadata.name=x,status.phase!=Running`. */
export type FieldSelector = (obj: KubernetesObject) => boolean;

const COMMON = new Set(['metadata.name', 'metadata.namespace']);
const BY_KIND: Record<string, Set<string>> = {
  Pod: new Set([
    'spec.nodeName',
    'status.phase',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'status.podIP',
    'status.nominatedNodeName',
    'spec.hostNetwork',
  ]),
  Event: new Set([
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
    'regarding.kind',
    'regarding.namespace',
    'regarding.name',
    'regarding.uid',
  ]),
  Secret: new Set(['type']),
  Node: new Set(['spec.unschedulable']),
  Namespace: new Set(['status.phase']),
  ReplicaSet: new Set(['status.replicas']),
  Job: new Set(['status.successful']),
};

function fieldValue(obj: KubernetesObject, field: string): string {
  // events.k8s.io selects on `regarding`, which core Events (the storage) call involvedObject.
  const path = field.startsWith('regarding.') ? `involvedObject.${field.slice('regarding.'.length)}` : field;
  if (path === 'source') {
    const src = (obj as { source?: { component?: string } }).source;
    return src?.component ?? '';
  }
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null)
    return path === 'spec.unschedulable' || path === 'spec.hostNetwork' ? 'false' : '';
  return String(cur);
}

/** Parses a fieldSelector for kind, refusing fields the real server does not index (as it does, with 400). */
export function parseFieldSelector(selector: string, kind: string): FieldSelector {
  const reqs: FieldRequirement[] = [];
  for (const term of selector
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const path = m[1];
    const allowed = COMMON.has(path) || BY_KIND[kind]?.has(path) || (!BY_KIND[kind] && false);
    if (!allowed) throw badRequest(`field label not supported: ${path}`);
    reqs.push({ path, op: m[2] === '!=' ? '!=' : '=', value: m[3] });
  }
  return (obj) => reqs.every((r) => (fieldValue(obj, r.path) === r.value) === (r.op === '='));
}
