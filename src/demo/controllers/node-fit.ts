import type { V1Node, V1Pod, V1Taint, V1Toleration } from '@kubernetes/client-node';

/** Whether a toleration tolerates a taint, by the rules of the core API (empty key with Exists tolerates all). */
export function tolerates(t: V1Toleration, taint: V1Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (!t.key) return t.operator === 'Exists';
  if (t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

/** The first NoSchedule/NoExecute taint of the node the pod does not tolerate. */
export function untoleratedTaint(node: V1Node, tolerations: V1Toleration[] | undefined): V1Taint | undefined {
  return (node.spec?.taints ?? []).find(
    (taint) =>
      (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') &&
      !(tolerations ?? []).some((t) => tolerates(t, taint)),
  );
}

/** Whether the node carries every label of the pod's nodeSelector and satisfies required node affinity terms. */
export function matchesNodeSelector(pod: V1Pod, node: V1Node): boolean {
  const labels = node.metadata?.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec?.nodeSelector ?? {})) {
    if (labels[k] !== v) return false;
  }
  const terms =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  const fields: Record<string, string> = { 'metadata.name': node.metadata?.name ?? '' };
  return terms.some(
    (term) =>
      (term.matchFields ?? []).every((f) => {
        const v = fields[f.key];
        const inValues = v !== undefined && (f.values ?? []).includes(v);
        return f.operator === 'In' ? inValues : f.operator === 'NotIn' ? !inValues : false;
      }) &&
      (term.matchExpressions ?? []).every((e) => {
        const has = Object.hasOwn(labels, e.key);
        const v = labels[e.key];
        switch (e.operator) {
          case 'In':
            return has && (e.values ?? []).includes(v!);
          case 'NotIn':
            return !has || !(e.values ?? []).includes(v!);
          case 'Exists':
            return has;
          case 'DoesNotExist':
            return !has;
          case 'Gt':
            return has && Number(v) > Number(e.values?.[0]);
          case 'Lt':
            return has && Number(v) < Number(e.values?.[0]);
          default:
            return false;
        }
      }),
  );
}

/** The scheduler's message for an untolerated taint, e.g. `{node-role.kubernetes.io/master: }`. */
export function taintText(taint: V1Taint): string {
  return `{${taint.key}: ${taint.value ?? ''}}`;
}
