import type { CoreV1Event, KubernetesObject } from '@kubernetes/client-node';
import { annotationsMultiline, events, labelsMultiline } from './format.js';
import { PrefixWriter } from './tab-writer.js';

const ACRONYMS = new Set(['API', 'URL', 'UID', 'GUID']);

type CharClass = 'lower' | 'upper' | 'digit' | 'other';
function classOf(c: string): CharClass {
  if (c >= 'a' && c <= 'z') return 'lower';
  if (c >= 'A' && c <= 'Z') return 'upper';
  if (c >= '0' && c <= '9') return 'digit';
  return 'other';
}

/** fatih/camelcase.Split: runs of one character class; an upper run before lowercase gives its last letter away. */
function splitCamel(s: string): string[] {
  const runs: string[] = [];
  let last: CharClass | undefined;
  for (const c of s) {
    const k = classOf(c);
    if (k === last) runs[runs.length - 1] += c;
    else runs.push(c);
    last = k;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    const a = runs[i]!;
    const b = runs[i + 1]!;
    if (a.length > 0 && classOf(a[0]!) === 'upper' && classOf(b[0]!) === 'lower') {
      runs[i] = a.slice(0, -1);
      runs[i + 1] = a.slice(-1) + b;
    }
  }
  return runs.filter((r) => r.length > 0);
}

/** smartLabelFor: `creationTimestamp` → `Creation Timestamp`, `apiVersion` → `API Version`. */
export function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  const parts = splitCamel(field);
  const merged: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const next = parts[i + 1];
    if (p.length >= 2 && p === p.toUpperCase() && next && classOf(next[0]!) === 'upper') {
      merged.push(p + next);
      i++;
    } else {
      merged.push(p);
    }
  }
  return merged
    .filter((p) => p !== '_')
    .map((p) => {
      if (ACRONYMS.has(p.toUpperCase())) return p.toUpperCase();
      return p === p.toLowerCase() ? p.charAt(0).toUpperCase() + p.slice(1) : p;
    })
    .join(' ');
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (v instanceof Date) return `${v.toISOString().replace(/\.000Z$/, 'Z')}`;
  return String(v);
}

const SKIP = new Set([
  '.metadata.managedFields',
  '.metadata.name',
  '.metadata.namespace',
  '.metadata.labels',
  '.metadata.annotations',
]);

/** printUnstructuredContent: every field, sorted, as `Label: value` with nesting by indentation. */
export function unstructured(
  w: PrefixWriter,
  level: number,
  content: Record<string, unknown>,
  prefix: string,
): void {
  for (const field of Object.keys(content).sort()) {
    const value = content[field];
    const path = `${prefix}.${field}`;
    if (SKIP.has(path) || value === undefined) continue;
    if (Array.isArray(value)) {
      w.write(level, `${smartLabel(field)}:\n`);
      for (const child of value) {
        if (child !== null && typeof child === 'object' && !(child instanceof Date)) {
          unstructured(w, level + 1, child as Record<string, unknown>, path);
        } else {
          w.write(level + 1, `${scalar(child)}\n`);
        }
      }
    } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      w.write(level, `${smartLabel(field)}:\n`);
      unstructured(w, level + 1, value as Record<string, unknown>, path);
    } else {
      w.write(level, `${smartLabel(field)}:\t${scalar(value)}\n`);
    }
  }
}

/** The generic describer kubectl uses for kinds without their own: metadata, then every field. */
export function describeGeneric(obj: KubernetesObject, evs: CoreV1Event[], now: number): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${obj.metadata?.name ?? ''}\n`);
  w.write(0, `Namespace:\t${obj.metadata?.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', obj.metadata?.labels);
  annotationsMultiline(w, 'Annotations', obj.metadata?.annotations);
  unstructured(w, 0, obj as unknown as Record<string, unknown>, '');
  events(w, evs, now);
  return w.toString();
}
