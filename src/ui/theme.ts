import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ThemeColours } from '../model/k9s/skin.js';
import type { Health } from '../model/table.js';
import { packageRoot } from '../util/package-root.js';

/** Colours by role; values are Ink colour names or #hex. Empty string = terminal default. */
export interface Theme {
  name: string;
  health: Record<Health, string>;
  border: string;
  title: string;
  key: string;
  dim: string;
  highlight: string;
  selectionFg: string;
  selectionBg: string;
  header: string;
  error: string;
  warn: string;
  mark: string;
  yaml: {
    key: string;
    string: string;
    number: string;
    bool: string;
    null: string;
    comment: string;
    punct: string;
  };
}

/** Shipped themes; dracula, nord and solarized-dark are popular k9s skins converted to kdeck's theme keys. */
export const BUILTIN_THEMES = [
  'dark',
  'light',
  'high-contrast',
  'dracula',
  'nord',
  'solarized-dark',
] as const;

export function themesDir(): string {
  return join(packageRoot(), 'themes');
}

/** A theme where every colour is the terminal's own, for NO_COLOR. */
export function monochrome(base: Theme): Theme {
  const blank = (o: Record<string, string>) => Object.fromEntries(Object.keys(o).map((k) => [k, '']));
  return {
    ...base,
    name: `${base.name} (NO_COLOR)`,
    health: blank(base.health) as Theme['health'],
    border: '',
    title: '',
    key: '',
    dim: '',
    highlight: '',
    selectionFg: '',
    selectionBg: '',
    header: '',
    error: '',
    warn: '',
    mark: '',
    yaml: blank(base.yaml) as Theme['yaml'],
  };
}

/** Loads a built-in theme by name or a user's theme file by path; a broken file names itself. */
export function loadTheme(nameOrPath: string): Theme {
  const isBuiltin = (BUILTIN_THEMES as readonly string[]).includes(nameOrPath);
  const file = isBuiltin ? join(themesDir(), `${nameOrPath}.json`) : nameOrPath;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`theme ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const base = isBuiltin || nameOrPath === 'dark' ? undefined : loadTheme('dark');
  return mergeTheme(base, parsed, file);
}

function mergeTheme(base: Theme | undefined, raw: unknown, file: string): Theme {
  if (typeof raw !== 'object' || raw === null) throw new Error(`theme ${file}: expected a JSON object`);
  const t = raw as Partial<Theme>;
  if (!base) {
    if (!t.health || !t.yaml) throw new Error(`theme ${file}: needs "health" and "yaml" colours`);
    return t as Theme;
  }
  return { ...base, ...t, health: { ...base.health, ...t.health }, yaml: { ...base.yaml, ...t.yaml } };
}

/** A theme with a k9s skin's colours over it (the skin sets what k9s has a colour for; the rest stays). */
export function withColours(base: Theme, colours: ThemeColours, name: string): Theme {
  return {
    ...base,
    ...(Object.fromEntries(
      Object.entries(colours).filter(([k]) => k !== 'health' && k !== 'yaml'),
    ) as Partial<Theme>),
    name,
    health: { ...base.health, ...colours.health },
    yaml: { ...base.yaml, ...colours.yaml },
  };
}
