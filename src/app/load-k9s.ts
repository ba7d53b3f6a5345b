import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { parse } from 'yaml';
import { parseK9sAliases } from '../model/k9s/aliases.js';
import { type FileReport, firstLine, type Parsed } from '../model/k9s/entries.js';
import { parseK9sHotkeys } from '../model/k9s/hotkeys.js';
import { type K9sSettings, parseK9sConfig } from '../model/k9s/k9s-config.js';
import type { K9sSetup } from '../model/k9s/merge.js';
import { parseK9sPluginFile } from '../model/k9s/plugins-file.js';
import { parseK9sSkin } from '../model/k9s/skin.js';
import { parseK9sViews } from '../model/k9s/views.js';

/** Where k9s keeps its files, as k9s resolves it: $K9S_CONFIG_DIR, else $XDG_CONFIG_HOME/k9s (~/.config/k9s). */
export function k9sConfigDir(env: NodeJS.ProcessEnv): string {
  if (env.K9S_CONFIG_DIR) return env.K9S_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(env.HOME ?? homedir(), '.config'), 'k9s');
}

/** k9s's per-context folders: under the config dir with $K9S_CONFIG_DIR, else under $XDG_DATA_HOME/k9s. */
function contextDirs(dir: string, env: NodeJS.ProcessEnv, cluster: string, context: string): string[] {
  const sub = join(sanitize(cluster), sanitize(context));
  const data = join(env.XDG_DATA_HOME || join(env.HOME ?? homedir(), '.local', 'share'), 'k9s');
  return [...new Set([join(dir, 'clusters', sub), join(data, 'clusters', sub)])];
}

/** k9s's own rule for folder names: `:` and `/` become `-`. */
function sanitize(name: string): string {
  return name.replace(/[:/]+/g, '-');
}

function readYaml(file: string): { doc: unknown } | { error: string } {
  try {
    return { doc: parse(readFileSync(file, 'utf8'), { maxAliasCount: 1000 }) };
  } catch (err) {
    return { error: firstLine(err) };
  }
}

/** Reads one file with its parser; a missing file is skipped, a broken one reported, never thrown. */
function readOne<T>(
  files: FileReport[],
  file: string,
  kind: string,
  parser: (doc: unknown) => Parsed<T>,
): T | undefined {
  if (!existsSync(file)) return undefined;
  const y = readYaml(file);
  if ('error' in y) {
    files.push({ file, kind, read: [], ignored: [], error: y.error });
    return undefined;
  }
  const p = parser(y.doc);
  files.push({ file, kind, read: p.read, ignored: p.ignored });
  return p.value;
}

function yamlFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFilesUnder(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/**
 * k9s's files as k9s reads them: config.yaml, aliases.yaml, hotkeys.yaml, plugins.yaml and plugins/, views.yaml,
 * the skin config.yaml names from skins/, and for the current context clusters/<cluster>/<context>/ over them.
 */
export function loadK9s(
  dir: string,
  env: NodeJS.ProcessEnv,
  current?: { cluster: string; context: string },
  builtinThemes: readonly string[] = [],
): K9sSetup {
  const files: FileReport[] = [];
  const setup: K9sSetup = {
    dir,
    aliases: {},
    hotkeys: [],
    plugins: [],
    views: {},
    settings: { logs: {} },
    files,
  };
  const settingsFrom = (file: string) => readOne(files, file, 'k9s config.yaml', parseK9sConfig);
  const merge = (s: K9sSettings | undefined) => {
    if (!s) return;
    const defined = Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined));
    setup.settings = { ...setup.settings, ...defined, logs: { ...setup.settings.logs, ...s.logs } };
  };
  const addFrom = (base: string) => {
    Object.assign(
      setup.aliases,
      readOne(files, join(base, 'aliases.yaml'), 'k9s aliases.yaml', parseK9sAliases),
    );
    const hk = join(base, 'hotkeys.yaml');
    const hotkeys = readOne(files, hk, 'k9s hotkeys.yaml', (d) => parseK9sHotkeys(d, hk)) ?? [];
    setup.hotkeys = [...setup.hotkeys.filter((h) => !hotkeys.some((x) => x.name === h.name)), ...hotkeys];
    addPlugins(join(base, 'plugins.yaml'), 'k9s plugins.yaml');
  };
  const addPlugins = (file: string, kind: string) => {
    const stem = basename(file, extname(file));
    const plugins = readOne(files, file, kind, (d) => parseK9sPluginFile(d, file, stem)) ?? [];
    // A later file's plugin of the same name replaces the earlier one, as in k9s.
    setup.plugins = [...setup.plugins.filter((p) => !plugins.some((x) => x.name === p.name)), ...plugins];
  };

  merge(settingsFrom(join(dir, 'config.yaml')));
  addFrom(dir);
  const dataPlugins = join(
    env.XDG_DATA_HOME || join(env.HOME ?? homedir(), '.local', 'share'),
    'k9s',
    'plugins',
  );
  for (const pdir of [...new Set([join(dir, 'plugins'), dataPlugins])])
    for (const f of yamlFilesUnder(pdir)) addPlugins(f, 'k9s plugins/');
  setup.views = readOne(files, join(dir, 'views.yaml'), 'k9s views.yaml', parseK9sViews) ?? {};
  if (current)
    for (const cdir of contextDirs(dir, env, current.cluster, current.context)) {
      merge(settingsFrom(join(cdir, 'config.yaml')));
      addFrom(cdir);
    }
  const skinName = setup.settings.skin;
  if (skinName) {
    const file = join(dir, 'skins', `${skinName}.yaml`);
    if (!existsSync(file) && builtinThemes.includes(skinName)) {
      const read = [`skin ${skinName} → kdeck's own ${skinName} theme (a converted k9s skin)`];
      files.push({ file, kind: 'k9s skin', read, ignored: [] });
      setup.builtinSkin = skinName;
    } else if (!existsSync(file))
      files.push({
        file,
        kind: 'k9s skin',
        read: [],
        ignored: [],
        error: `skin "${skinName}" not found in ${join(dir, 'skins')}`,
      });
    else {
      const colours = readOne(files, file, 'k9s skin', parseK9sSkin);
      if (colours) setup.skin = { name: skinName, file, colours };
    }
  }
  return setup;
}
