import type { Config } from '../config.js';
import type { Plugin } from '../plugins.js';
import { expandAliasChains } from './aliases.js';
import type { FileReport } from './entries.js';
import type { Hotkey } from './hotkeys.js';
import type { K9sSettings } from './k9s-config.js';
import type { ThemeColours } from './skin.js';
import type { ViewSetting } from './views.js';

/** What k9s's files say, read and parsed, global and for the current context. */
export interface K9sSetup {
  dir: string;
  aliases: Record<string, string>;
  hotkeys: Hotkey[];
  plugins: Plugin[];
  views: Record<string, ViewSetting>;
  /** config.yaml, then the context's config.yaml over it. */
  settings: K9sSettings;
  skin?: { name: string; file: string; colours: ThemeColours };
  /** The skin named is not in skins/ but kdeck ships it converted (dracula, nord…). */
  builtinSkin?: string;
  files: FileReport[];
}

/** Why a key cannot be bound: kdeck's own use of it, or undefined when it is free. */
export type KeyTaken = (key: string, scopes: readonly string[]) => string | undefined;

/**
 * kdeck's config with k9s's files filling in what it does not say (kdeck's config is the first word). Entries
 * that lose (a key kdeck or an earlier entry holds) are added to their file's report as ignored, with the reason.
 */
export function mergeK9s(config: Config, k9s: K9sSetup, taken: KeyTaken): Config {
  const files = k9s.files.map((f) => ({ ...f, read: [...f.read], ignored: [...f.ignored] }));
  const report = (source: string) => files.find((f) => f.file === source);
  /** An entry that loses the merge moves from its file's read lines to its ignored ones. */
  const drop = (source: string, line: string, entry: string, reason: string) => {
    const f = report(source);
    if (!f) return;
    f.read = f.read.filter((r) => !r.startsWith(line));
    f.ignored.push({ entry, reason });
  };
  const s = k9s.settings;

  const plugins = [...config.plugins];
  for (const p of k9s.plugins) {
    const clash = plugins.find((q) => q.key === p.key && overlaps(q.scopes, p.scopes));
    const why = clash
      ? `key ${p.key} already runs plugin ${clash.name} (${clash.source})`
      : taken(p.key, p.scopes);
    if (why) drop(p.source, `plugin ${p.name} on `, `plugins.${p.name}`, why);
    else plugins.push(p);
  }
  const hotkeys: Hotkey[] = [];
  for (const h of k9s.hotkeys) {
    const plugin = plugins.find((p) => p.key === h.key);
    const earlier = hotkeys.find((x) => x.key === h.key);
    const why = plugin
      ? `key ${h.key} runs plugin ${plugin.name}`
      : earlier
        ? `key ${h.key} is already hotkey ${earlier.name}`
        : taken(h.key, ['all']);
    if (why) drop(h.source, `hotkey ${h.name} on `, `hotKeys.${h.name}`, why);
    else hotkeys.push(h);
  }
  return {
    ...config,
    readOnly: config.readOnly ?? s.readOnly,
    defaultNamespace: config.defaultNamespace ?? s.namespace,
    favoriteNamespaces: config.favoriteNamespaces.length ? config.favoriteNamespaces : (s.favorites ?? []),
    aliases: expandAliasChains({ ...k9s.aliases, ...config.aliases }),
    plugins,
    hotkeys: [...config.hotkeys, ...hotkeys],
    views: { ...k9s.views, ...config.views },
    screenDumpDir: config.screenDumpDir ?? s.screenDumpDir,
    ui: {
      headless: config.ui.headless ?? s.headless,
      crumbsless: config.ui.crumbsless ?? s.crumbsless,
    },
    logs: { ...s.logs, ...config.logs },
    files: [...config.files, ...files],
  };
}

function overlaps(a: readonly string[], b: readonly string[]): boolean {
  return a.includes('all') || b.includes('all') || a.some((x) => b.includes(x));
}
