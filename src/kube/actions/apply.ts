import { readFile } from 'node:fs/promises';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import type { ActionContext } from './gate.js';
import {
  ActionError,
  type ActionOptions,
  type ActionOutcome,
  readOnlyFailure,
  toFailure,
} from './outcome.js';
import { runAction } from './run-action.js';
import type { ResourceKind, Target } from './target.js';

/** Finds the resource for an apiVersion and kind; the UI builds one from discovery. */
export type KindResolver = (apiVersion: string, kind: string) => ResourceKind | undefined;

/** A resolver over discovery's refs (`Discovery.all()`), matching group, version and kind exactly. */
export function resolverFrom(refs: readonly ResourceKind[]): KindResolver {
  return (apiVersion, kind) => {
    const slash = apiVersion.indexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    return refs.find(
      (r) => r.group === group && r.version === version && r.kind === kind && !r.resource.includes('/'),
    );
  };
}

/** Every object in a multi-document YAML (or JSON) text, `kind: List` flattened; a syntax error names its line. */
export function parseManifests(text: string): KubernetesObject[] {
  const docs = parseAllDocuments(text, { prettyErrors: true });
  const out: KubernetesObject[] = [];
  for (const [i, doc] of docs.entries()) {
    if (doc.errors.length)
      throw new ActionError(`document ${i + 1}: ${doc.errors[0].message}`, 'Invalid', 'fix the YAML');
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ActionError(
        `document ${i + 1} is not an object`,
        'Invalid',
        'each document is one Kubernetes object',
      );
    }
    const obj = value as KubernetesObject & { items?: KubernetesObject[] };
    if (obj.kind?.endsWith('List') && Array.isArray(obj.items)) out.push(...obj.items);
    else out.push(obj);
  }
  return out;
}

export interface ApplyChoice {
  resolve: KindResolver;
  /** Where namespaced objects without a namespace go (the current namespace). */
  namespace: string;
  /** `create` fails on existing objects like `kubectl create -f`; `apply` is server-side apply. */
  mode: 'apply' | 'create';
  /** Takes over fields another manager owns (`--force-conflicts`). */
  force?: boolean;
}

function label(o: KubernetesObject, i: number): string {
  const ns = o.metadata?.namespace ? `${o.metadata.namespace}/` : '';
  return `${(o.kind ?? `document ${i + 1}`).toLowerCase()} ${ns}${o.metadata?.name ?? '(no name)'}`;
}

/** Creates or server-side applies (field manager kdeck) every object of a manifest text. */
export async function applyManifests(
  ctx: ActionContext,
  text: string,
  choice: ApplyChoice,
  opts: ActionOptions = {},
): Promise<ActionOutcome> {
  const action = choice.mode;
  let objects: KubernetesObject[];
  try {
    objects = parseManifests(text);
  } catch (err) {
    return { action, done: [], failures: [toFailure('manifest', 'parse', err)], cancelled: false };
  }
  if (ctx.readOnly) {
    return {
      action,
      done: [],
      failures: objects.map((o, i) => readOnlyFailure(label(o, i), action)),
      cancelled: false,
    };
  }
  const failures: ActionOutcome['failures'] = [];
  const targets: (Target & { obj: KubernetesObject })[] = [];
  for (const [i, o] of objects.entries()) {
    const ref = o.apiVersion && o.kind ? choice.resolve(o.apiVersion, o.kind) : undefined;
    if (!ref || !o.metadata?.name) {
      failures.push({
        object: label(o, i),
        message: !ref
          ? `${action}: unknown kind ${o.kind} in ${o.apiVersion}`
          : `${action}: metadata.name is missing`,
        hint: !ref ? 'is its CRD installed? check apiVersion and kind' : 'give the object a name',
        reason: 'Invalid',
      });
      continue;
    }
    const namespace = ref.namespaced ? (o.metadata.namespace ?? choice.namespace) : undefined;
    const obj = ref.namespaced ? { ...o, metadata: { ...o.metadata, namespace } } : o;
    targets.push({ ref, namespace, name: o.metadata.name, obj });
  }
  const outcome = await runAction(ctx, action, targets, opts, async (t, signal) => {
    const obj = (t as Target & { obj: KubernetesObject }).obj;
    if (choice.mode === 'create') {
      await ctx.mutate.create(t.ref, t.namespace, obj, { signal });
      return 'created';
    }
    const query = choice.force ? { force: true } : undefined;
    // JSON is YAML, so the apply-patch+yaml body can be the object as JSON.
    await ctx.mutate.patch(t, 'apply', JSON.stringify(obj), { signal, query });
    return 'applied (server-side)';
  });
  return { ...outcome, failures: [...failures, ...outcome.failures] };
}

/** Reads a manifest file and creates or applies what it holds. */
export async function applyFile(
  ctx: ActionContext,
  path: string,
  choice: ApplyChoice,
  opts: ActionOptions = {},
): Promise<ActionOutcome> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    return { action: choice.mode, done: [], failures: [toFailure(path, 'read file', err)], cancelled: false };
  }
  return applyManifests(ctx, text, choice, opts);
}
