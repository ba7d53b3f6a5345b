import type { ActionContext } from './gate.js';
import type { ActionOptions, ActionOutcome } from './outcome.js';
import { runAction } from './run-action.js';
import type { Target } from './target.js';

/** `k=v` pairs to set and `k-` keys to remove, as kubectl label/annotate take them. */
export interface MetadataEdits {
  set: Record<string, string>;
  remove: string[];
}

const namePart = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const labelValue = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;

/** Checks a label or annotation key (`prefix/name`) as the API server would; undefined when valid. */
export function keyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !dnsSubdomain.test(prefix))) {
    return `${key}: the prefix must be a DNS subdomain (lower case, dots, ≤ 253)`;
  }
  if (!namePart.test(name))
    return `${key}: a name is ≤ 63 letters, digits, '-', '_', '.', starting and ending alphanumeric`;
  return undefined;
}

/**
 * Parses `a=1 b=two c-` (spaces or commas between). Label values are checked like the API server
 * does; annotation values may be anything without spaces.
 */
export function parseMetadataEdits(text: string, kind: 'label' | 'annotation'): MetadataEdits | string {
  const edits: MetadataEdits = { set: {}, remove: [] };
  const words = text.split(/[\s,]+/).filter(Boolean);
  if (words.length === 0) return `type ${kind}s as key=value, or key- to remove`;
  for (const w of words) {
    const eq = w.indexOf('=');
    const key = eq >= 0 ? w.slice(0, eq) : w.endsWith('-') ? w.slice(0, -1) : w;
    if (eq < 0 && !w.endsWith('-')) return `${w}: write key=value to set, key- to remove`;
    const problem = keyProblem(key);
    if (problem) return problem;
    if (eq < 0) {
      edits.remove.push(key);
      continue;
    }
    const value = w.slice(eq + 1);
    if (kind === 'label' && (value.length > 63 || !labelValue.test(value))) {
      return `${key}=${value}: a label value is ≤ 63 letters, digits, '-', '_', '.', starting and ending alphanumeric`;
    }
    edits.set[key] = value;
  }
  return edits;
}

/** Sets and removes labels or annotations with one merge patch per target (existing keys are overwritten). */
export function editMetadata(
  ctx: ActionContext,
  targets: readonly Target[],
  field: 'labels' | 'annotations',
  edits: MetadataEdits,
  opts: ActionOptions = {},
): Promise<ActionOutcome> {
  const values: Record<string, string | null> = { ...edits.set };
  for (const k of edits.remove) values[k] = null;
  const summary = [
    ...Object.entries(edits.set).map(([k, v]) => `${k}=${v}`),
    ...edits.remove.map((k) => `${k}-`),
  ].join(' ');
  return runAction(ctx, field === 'labels' ? 'label' : 'annotate', targets, opts, async (t, signal) => {
    await ctx.mutate.patch(t, 'merge', { metadata: { [field]: values } }, { signal });
    return summary;
  });
}

/** `kubectl label --overwrite`. */
export function label(
  ctx: ActionContext,
  targets: readonly Target[],
  edits: MetadataEdits,
  opts: ActionOptions = {},
): Promise<ActionOutcome> {
  return editMetadata(ctx, targets, 'labels', edits, opts);
}
