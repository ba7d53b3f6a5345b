import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../model/config.js';
import type { FileReport, Ignored } from '../model/k9s/entries.js';
import { type K9sSetup, type KeyTaken, mergeK9s } from '../model/k9s/merge.js';
import { allKeys } from '../ui/keys/index.js';
import type { KeyScope } from '../ui/keys/key-binding.js';
import { BUILTIN_THEMES } from '../ui/theme.js';
import type { CliOptions } from './cli-args.js';
import { loadConfig } from './load-config.js';
import { k9sConfigDir, loadK9s } from './load-k9s.js';

export interface SetupConfig {
  config: Config;
  warnings: string[];
  k9s?: K9sSetup;
}

/** The resources a kind-specific key scope covers, by the names plugins use in their scopes. */
const SCOPE_KINDS: Partial<Record<KeyScope, string[]>> = {
  pod: ['pods', 'pod', 'po'],
  container: ['containers', 'container', 'co'],
  workload: [
    'deployments',
    'deployment',
    'deploy',
    'dp',
    'statefulsets',
    'sts',
    'daemonsets',
    'ds',
    'replicasets',
    'rs',
  ],
  node: ['nodes', 'node', 'no'],
  service: ['services', 'service', 'svc'],
  cronjob: ['cronjobs', 'cronjob', 'cj'],
  secret: ['secrets', 'secret', 'sec'],
  namespace: ['namespaces', 'namespace', 'ns'],
};
const EVERY_LIST: KeyScope[] = ['global', 'table', 'any-resource', 'pane'];

/** The kdeck key names a key-table row stands for: `j / down` → j, `1-9` → 1…9, `shift-n`. */
function bindingKeys(key: string): string[] {
  if (key === '1-9') return [...'123456789'];
  return key.split(' / ').map((k) => k.trim());
}

/** A key is taken when kdeck binds it on every list, or on every kind the entry is scoped to. */
export const keyTaken: KeyTaken = (key, scopes) => {
  for (const b of allKeys()) {
    if (!bindingKeys(b.key).includes(key)) continue;
    if (EVERY_LIST.includes(b.scope)) return `kdeck uses ${key} for: ${b.description}`;
    const kinds = SCOPE_KINDS[b.scope];
    if (kinds && !scopes.includes('all') && scopes.every((s) => kinds.includes(s)))
      return `kdeck uses ${key} on ${kinds[0]} for: ${b.description}`;
  }
  return undefined;
};

/** kdeck's config, then k9s's files (unless --no-k9s-config) for what it leaves unsaid, then the flags. */
export function setupConfig(
  opts: CliOptions,
  env: NodeJS.ProcessEnv,
  current?: { cluster: string; context: string },
): SetupConfig {
  const warnings: string[] = [];
  const loaded = loadConfig(env);
  if (loaded.warning) warnings.push(loaded.warning);
  const c = loaded.config;
  const own: FileReport = {
    file: loaded.file,
    kind: 'kdeck config.yaml',
    read: [
      ...Object.entries(c.aliases).map(([a, v]) => `alias ${a} → ${v}`),
      ...c.plugins.map((p) => `plugin ${p.name} on ${p.key} (${p.scopes.join(', ')}): ${p.command}`),
      ...(['defaultNamespace', 'theme', 'readOnly', 'screenDumpDir'] as const)
        .filter((k) => c[k] !== undefined)
        .map((k) => `${k}: ${String(c[k])}`),
    ],
    ignored: (loaded.problems ?? []).map(problemEntry),
    error: loaded.problems === undefined ? loaded.warning : undefined,
  };
  let config: Config = { ...c, files: existsSync(loaded.file) ? [own] : [] };
  let k9s: K9sSetup | undefined;
  if (!opts.noK9sConfig) {
    k9s = loadK9s(opts.k9sConfig ?? k9sConfigDir(env), env, current, BUILTIN_THEMES);
    config = mergeK9s(config, k9s, keyTaken);
    const broken = k9s.files.filter((f) => f.error).map((f) => `${f.file}: ${f.error}`);
    if (broken.length) warnings.push(`${broken.join('; ')} (see :config)`);
  }
  if (opts.write) config = { ...config, readOnly: false };
  // One dump folder for list dumps and saved logs: the flag, the configs, else under XDG state (as k9s's).
  const state = env.XDG_STATE_HOME || join(env.HOME ?? homedir(), '.local', 'state');
  config = {
    ...config,
    screenDumpDir: opts.screenDumpDir ?? config.screenDumpDir ?? join(state, 'kdeck', 'dumps'),
  };
  if (opts.headless || opts.crumbsless)
    config = {
      ...config,
      ui: {
        ...config.ui,
        headless: opts.headless || config.ui.headless,
        crumbsless: opts.crumbsless || config.ui.crumbsless,
      },
    };
  if (opts.refresh !== undefined)
    warnings.push("--refresh has no effect: kdeck's lists follow watches, every change shows at once");
  return { config, warnings, k9s };
}

/** A problem line of kdeck's config (`dns should be a mapping`, `x: unknown key`) as an ignored entry. */
function problemEntry(p: string): Ignored {
  const should = p.indexOf(' should ');
  if (should > 0) return { entry: p.slice(0, should), reason: `bad value:${p.slice(should)}` };
  const colon = p.indexOf(': ');
  return colon > 0
    ? { entry: p.slice(0, colon), reason: p.slice(colon + 2) }
    : { entry: p, reason: 'bad value' };
}
