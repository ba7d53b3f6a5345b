import { parse } from 'yaml';
import type { DnsInstanceOption } from './dns/config.js';
import type { FileReport } from './k9s/entries.js';
import type { Hotkey } from './k9s/hotkeys.js';
import type { K9sSettings } from './k9s/k9s-config.js';
import type { ViewSetting } from './k9s/views.js';
import { type Plugin, parsePlugins } from './plugins.js';

/** kdeck's own settings, from $XDG_CONFIG_HOME/kdeck/config.yaml; flags win over them. */
export interface Config {
  defaultNamespace?: string;
  theme?: string;
  readOnly?: boolean;
  /** `:alias` → what it stands for, e.g. `dp: deployments`, `sys: pods kube-system`. */
  aliases: Record<string, string>;
  /** Namespaces on keys 1-9 (0 is all namespaces). */
  favoriteNamespaces: string[];
  /** Shell tried in containers, in order. */
  shell: string[];
  /** The DNS panel: external-dns instances kdeck cannot discover (one running outside the cluster), re-read interval. */
  dns?: { instances?: DnsInstanceOption[]; intervalMs?: number };
  /** Local commands on keys, in k9s's plugin schema: `plugins: {name: {shortCut, scopes, command, args…}}`. */
  plugins: Plugin[];
  /** The helm executable for rollback and uninstall (default: `helm` on PATH). */
  helmBinary?: string;
  /** Keys that run a `:` command (k9s's hotkeys.yaml). */
  hotkeys: Hotkey[];
  /** Custom columns per resource, keyed `v1/pods`, `apps/v1/deployments` (k9s's views.yaml). */
  views: Record<string, ViewSetting>;
  /** Where ctrl-s writes list dumps and saved logs. */
  screenDumpDir?: string;
  /** The header and the breadcrumbs off (k9s's ui.headless, ui.crumbsless). */
  ui: { headless?: boolean; crumbsless?: boolean };
  /** Log view defaults (k9s's logger). */
  logs: K9sSettings['logs'];
  /** Every file the settings came from, what each gave and what was ignored: the `:config` view. */
  files: FileReport[];
}

export interface LoadedConfig {
  config: Config;
  file: string;
  /** A broken config is reported, not fatal: defaults are used and this says why. */
  warning?: string;
  /** Each entry left out and why (`plugins.x.shortCut: …`), for `:config`. */
  problems?: string[];
}

export const DEFAULT_CONFIG: Config = {
  aliases: {},
  favoriteNamespaces: [],
  shell: ['bash', 'sh'],
  plugins: [],
  hotkeys: [],
  views: {},
  ui: {},
  logs: {},
  files: [],
};

const KNOWN_KEYS = [
  'defaultNamespace',
  'theme',
  'readOnly',
  'aliases',
  'favoriteNamespaces',
  'shell',
  'dns',
  'plugins',
  'screenDumpDir',
  'helmBinary',
];

/** The config file's text as settings; `file` names it in warnings. Reading the file is the caller's. */
export function parseConfig(text: string, file: string): LoadedConfig {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    return { config: { ...DEFAULT_CONFIG }, file, warning: `${file}: ${firstLine(err)}; using defaults` };
  }
  if (raw === null || raw === undefined) return { config: { ...DEFAULT_CONFIG }, file };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      config: { ...DEFAULT_CONFIG },
      file,
      warning: `${file}: expected a mapping at the top; using defaults`,
    };
  }
  const r = raw as Record<string, unknown>;
  const problems: string[] = [];
  const str = (k: string) => {
    const v = r[k];
    if (v === undefined) return undefined;
    if (typeof v === 'string') return v;
    problems.push(`${k} should be a string`);
    return undefined;
  };
  const strList = (k: string, fallback: string[]) => {
    const v = r[k];
    if (v === undefined) return fallback;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    problems.push(`${k} should be a list of strings`);
    return fallback;
  };
  const aliases: Record<string, string> = {};
  if (r.aliases !== undefined) {
    if (typeof r.aliases === 'object' && r.aliases !== null && !Array.isArray(r.aliases)) {
      for (const [k, v] of Object.entries(r.aliases)) {
        if (typeof v === 'string') aliases[k] = v;
        else problems.push(`aliases.${k} should be a string`);
      }
    } else problems.push('aliases should be a mapping');
  }
  let readOnly: boolean | undefined;
  if (r.readOnly !== undefined) {
    if (typeof r.readOnly === 'boolean') readOnly = r.readOnly;
    else problems.push('readOnly should be true or false');
  }
  let dns: Config['dns'];
  if (r.dns !== undefined) {
    const d = r.dns as { instances?: unknown; intervalMs?: unknown };
    if (typeof d !== 'object' || d === null || Array.isArray(d)) problems.push('dns should be a mapping');
    else if (
      d.instances !== undefined &&
      !(Array.isArray(d.instances) && d.instances.every((i) => typeof i === 'object' && i !== null))
    ) {
      problems.push('dns.instances should be a list of mappings');
    } else if (d.intervalMs !== undefined && typeof d.intervalMs !== 'number')
      problems.push('dns.intervalMs should be a number');
    else
      dns = {
        instances: d.instances as DnsInstanceOption[] | undefined,
        intervalMs: d.intervalMs as number | undefined,
      };
  }
  for (const k of Object.keys(r)) if (!KNOWN_KEYS.includes(k)) problems.push(`${k}: unknown key`);
  const plugins = parsePlugins(r.plugins, 'plugins', file);
  problems.push(...plugins.ignored.map((i) => `${i.entry}: ${i.reason}`));
  const config: Config = {
    defaultNamespace: str('defaultNamespace'),
    theme: str('theme'),
    readOnly,
    aliases,
    favoriteNamespaces: strList('favoriteNamespaces', []),
    shell: strList('shell', DEFAULT_CONFIG.shell),
    dns,
    plugins: plugins.value,
    helmBinary: str('helmBinary'),
    hotkeys: [],
    views: {},
    screenDumpDir: str('screenDumpDir'),
    ui: {},
    logs: {},
    files: [],
  };
  return {
    config,
    file,
    warning: problems.length ? `${file}: ${problems.join('; ')} (ignored)` : undefined,
    problems,
  };
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0] ?? msg;
}
