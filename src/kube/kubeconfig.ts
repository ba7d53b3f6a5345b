import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

export interface KubeconfigRequest {
  /** --kubeconfig: one file, taking the place of KUBECONFIG as in kubectl. */
  file?: string;
  /** --context */
  context?: string;
  env: NodeJS.ProcessEnv;
}

export type KubeconfigResult =
  | { kind: 'loaded'; kc: KubeConfig; files: string[] }
  | { kind: 'none'; searched: string[] }
  | { kind: 'invalid'; files: string[]; message: string };

/** Which files kubectl would read: --kubeconfig, else every KUBECONFIG entry, else ~/.kube/config. */
export function kubeconfigFiles(req: KubeconfigRequest): string[] {
  if (req.file) return [req.file];
  const fromEnv = (req.env.KUBECONFIG ?? '').split(delimiter).filter((f) => f !== '');
  if (fromEnv.length > 0) return fromEnv;
  return [join(req.env.HOME ?? homedir(), '.kube', 'config')];
}

/** Loads and merges kubeconfig files like kubectl: the first file to define a name wins. */
export function loadKubeconfig(req: KubeconfigRequest): KubeconfigResult {
  const candidates = kubeconfigFiles(req);
  const files = req.file ? candidates : candidates.filter((f) => existsSync(f));
  if (req.file && !existsSync(req.file)) {
    return { kind: 'invalid', files, message: `kubeconfig ${req.file} does not exist` };
  }
  if (files.length === 0) return { kind: 'none', searched: candidates };
  const kc = new KubeConfig();
  for (const [i, file] of files.entries()) {
    const part = new KubeConfig();
    try {
      part.loadFromFile(file);
    } catch (err) {
      return { kind: 'invalid', files, message: `cannot read kubeconfig ${file}: ${firstLine(err)}` };
    }
    if (i === 0) {
      kc.loadFromOptions({
        clusters: part.clusters,
        contexts: part.contexts,
        users: part.users,
        currentContext: part.currentContext,
      });
    } else {
      mergeFirstWins(kc, part);
    }
  }
  if (req.context) {
    if (!kc.getContextObject(req.context)) {
      return { kind: 'invalid', files, message: `context "${req.context}" is not in ${files.join(', ')}` };
    }
    kc.setCurrentContext(req.context);
  }
  if (kc.contexts.length === 0)
    return { kind: 'invalid', files, message: `no contexts in ${files.join(', ')}` };
  if (!kc.getCurrentContext() || !kc.getContextObject(kc.getCurrentContext())) {
    return {
      kind: 'invalid',
      files,
      message: `current-context is not set (or names no context) in ${files.join(', ')}; pass --context`,
    };
  }
  return { kind: 'loaded', kc, files };
}

function mergeFirstWins(into: KubeConfig, from: KubeConfig): void {
  const has = <T extends { name: string }>(list: T[], name: string) => list.some((x) => x.name === name);
  const clusters = [...into.clusters, ...from.clusters.filter((c) => !has(into.clusters, c.name))];
  const users = [...into.users, ...from.users.filter((u) => !has(into.users, u.name))];
  const contexts = [...into.contexts, ...from.contexts.filter((c) => !has(into.contexts, c.name))];
  into.loadFromOptions({
    clusters,
    users,
    contexts,
    currentContext: into.currentContext || from.currentContext,
  });
}

/** A copy of kc pointed at another context, so switching never mutates the one in use. */
export function withContext(kc: KubeConfig, context: string): KubeConfig {
  const copy = new KubeConfig();
  copy.loadFromOptions({
    clusters: kc.clusters,
    users: kc.users,
    contexts: kc.contexts,
    currentContext: context,
  });
  return copy;
}

/** The namespace a context points at, as kubectl uses it when -n is not given. */
export function contextNamespace(kc: KubeConfig): string {
  return kc.getContextObject(kc.getCurrentContext())?.namespace || 'default';
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0] ?? msg;
}
