import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parse, stringify } from 'yaml';
import { KubeError } from '../kube-error.js';
import type { ActionContext } from './gate.js';
import { ActionError, type ActionOptions, type ActionOutcome, throwIfAborted } from './outcome.js';
import { runAction } from './run-action.js';
import { describeTarget, type Target } from './target.js';

/** Opens a file in an editor and resolves when the editor exits; the UI's version suspends Ink around it. */
export type EditorRunner = (file: string, signal?: AbortSignal) => Promise<void>;

/** `$KUBE_EDITOR`, then `$EDITOR`, then vi, as kubectl picks it. */
export function editorCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.KUBE_EDITOR?.trim() || env.EDITOR?.trim() || 'vi';
}

/**
 * Runs the editor as a local process on the terminal (stdio inherited). The command may carry
 * arguments (`code --wait`), so it goes through sh with the file as "$1", never pasted into the string.
 */
export function spawnEditor(command = editorCommand(), env: NodeJS.ProcessEnv = process.env): EditorRunner {
  return (file, signal) =>
    new Promise((resolve, reject) => {
      const child = spawn('sh', ['-c', `${command} "$1"`, 'kdeck-edit', file], {
        stdio: 'inherit',
        env,
        signal,
      });
      child.once('error', (e) =>
        reject(
          new ActionError(
            `cannot start editor ${command}: ${e.message}`,
            'EditorFailed',
            'set KUBE_EDITOR or EDITOR',
          ),
        ),
      );
      child.once('exit', (code, sig) => {
        if (code === 0) resolve();
        else
          reject(
            new ActionError(
              `editor ${command} exited with ${sig ?? `code ${code}`}`,
              'EditorFailed',
              'your text is kept in the file named in the message',
            ),
          );
      });
    });
}

export interface EditOptions extends ActionOptions {
  runEditor: EditorRunner;
  /** Where the temporary files go; the OS temp dir by default. */
  tmpDir?: string;
}

const banner = [
  '# Edit the object below and save to apply it (an update: if someone changed it since, you are told).',
  "# Lines starting with '#' at the top are kdeck's and are dropped. Save it unchanged, or empty, to cancel.",
];

/** The comment block kdeck puts above the YAML; errors from the last try come first. */
export function header(errors: readonly string[]): string {
  const errLines = errors.flatMap((e) => e.split('\n')).map((l) => `# ${l}`.trimEnd());
  const lead = errLines.length ? ['# The change was not applied:', ...errLines, '#'] : [];
  return `${[...lead, ...banner].join('\n')}\n`;
}

/** The user's text without kdeck's leading comment block (their own comments further down stay). */
export function stripHeader(text: string): string {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && lines[i].startsWith('#')) i++;
  return lines.slice(i).join('\n');
}

/** The object as `kubectl edit` shows it: managedFields left out, the rest as it is. */
export function editableYaml(obj: KubernetesObject): string {
  const copy = structuredClone(obj);
  if (copy.metadata) delete copy.metadata.managedFields;
  return stringify(copy);
}

type Attempt =
  | { kind: 'cancelled'; why: string }
  | { kind: 'invalid'; error: string }
  | { kind: 'object'; obj: KubernetesObject };

/** Reads what the user saved: nothing new → cancelled; not YAML, or another object → an error for the next round. */
export function readEdited(body: string, last: string, t: Target): Attempt {
  if (body.trim() === '') return { kind: 'cancelled', why: 'the file was emptied' };
  if (body.trimEnd() === last.trimEnd()) return { kind: 'cancelled', why: 'no changes were saved' };
  let value: unknown;
  try {
    value = parse(body, { prettyErrors: true });
  } catch (err) {
    return { kind: 'invalid', error: `invalid YAML: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { kind: 'invalid', error: 'the file must hold one object (a YAML mapping)' };
  }
  const obj = value as KubernetesObject;
  if (obj.metadata?.name !== t.name) {
    return {
      kind: 'invalid',
      error: `metadata.name must stay ${t.name}; to make a copy, create from a file instead`,
    };
  }
  if (t.namespace && obj.metadata?.namespace !== undefined && obj.metadata.namespace !== t.namespace) {
    return { kind: 'invalid', error: `metadata.namespace must stay ${t.namespace}` };
  }
  return { kind: 'object', obj };
}

function explain(err: unknown): string {
  if (err instanceof KubeError && err.status === 409) {
    return `${err.message}\nSomeone changed the object since you opened it. Your text is below: cancel (save unchanged) and edit again to start from the new version, or set metadata.resourceVersion to the current one to overwrite.`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** The object without what controllers change on their own (status, resourceVersion, managedFields). */
function humanPart(o: KubernetesObject): string {
  const { status: _status, ...rest } = o as KubernetesObject & { status?: unknown };
  const { resourceVersion: _rv, managedFields: _mf, ...meta } = rest.metadata ?? {};
  return JSON.stringify({ ...rest, metadata: meta });
}

/**
 * Sends the update. A conflict caused only by status churn (a rollout in progress updates status
 * many times a second) is retried on the fresh resourceVersion; a conflict with a change a person
 * could have made is returned to the user. Resolves with the object the edit is now based on.
 */
async function updateRebasingStatus(
  ctx: ActionContext,
  t: Target,
  edited: KubernetesObject,
  base: KubernetesObject,
  signal: AbortSignal | undefined,
): Promise<KubernetesObject> {
  let basis = base;
  for (let tries = 0; ; tries++) {
    try {
      return await ctx.mutate.update<KubernetesObject>(t, edited, { signal });
    } catch (err) {
      if (!(err instanceof KubeError && err.status === 409) || tries >= 5) throw err;
      const fresh = await ctx.read.get<KubernetesObject>(t, { signal });
      if (humanPart(fresh) !== humanPart(basis)) throw err;
      basis = fresh;
      edited.metadata = { ...edited.metadata, resourceVersion: fresh.metadata?.resourceVersion };
    }
  }
}

/**
 * `kubectl edit`: each target in the editor as YAML; on save, an update (optimistic concurrency
 * through resourceVersion). A bad save reopens the editor with the error on top and the text as
 * the user left it; an unchanged save sends nothing. If the user gives up after an error, the
 * file is kept and its path given, so nothing typed is lost.
 */
export function edit(
  ctx: ActionContext,
  targets: readonly Target[],
  opts: EditOptions,
): Promise<ActionOutcome> {
  return runAction(ctx, 'edit', targets, opts, async (t, signal) => {
    let current = await ctx.read.get<KubernetesObject>(t, { signal });
    const dir = await mkdtemp(join(opts.tmpDir ?? tmpdir(), 'kdeck-edit-'));
    const file = join(dir, `${(t.ref.kind || t.ref.resource).toLowerCase()}-${t.name}.yaml`);
    let body = editableYaml(current);
    const original = body;
    let errors: string[] = [];
    for (;;) {
      throwIfAborted(signal);
      await writeFile(file, header(errors) + body, { mode: 0o600 });
      await opts.runEditor(file, signal);
      const saved = stripHeader(await readFile(file, 'utf8'));
      const attempt = readEdited(saved, body, t);
      if (attempt.kind === 'cancelled') {
        if (errors.length > 0 && saved.trim() !== '' && saved.trimEnd() !== original.trimEnd()) {
          throw new ActionError(
            `not applied: ${errors.join('; ')}`,
            'EditAbandoned',
            `your text is kept in ${file}`,
          );
        }
        await rm(dir, { recursive: true, force: true });
        return saved.trim() === '' || errors.length > 0 ? 'edit cancelled' : 'unchanged, nothing sent';
      }
      body = saved;
      if (attempt.kind === 'invalid') {
        errors = [attempt.error];
        continue;
      }
      try {
        current = await updateRebasingStatus(ctx, t, attempt.obj, current, signal);
      } catch (err) {
        if (
          signal?.aborted ||
          (err instanceof ActionError && (err.reason === 'ReadOnly' || err.reason === 'Forbidden'))
        ) {
          throw new ActionError(
            err instanceof Error ? err.message : String(err),
            'EditAbandoned',
            `your text is kept in ${file}`,
          );
        }
        errors = [`${describeTarget(t)}: ${explain(err)}`];
        continue;
      }
      await rm(dir, { recursive: true, force: true });
      return 'edited';
    }
  });
}
