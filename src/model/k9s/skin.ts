import type { Health } from '../table.js';
import { NAMED_COLOURS } from './colour-names.js';
import { isMapping, type Parsed } from './entries.js';

type FlatKey =
  | 'border'
  | 'title'
  | 'key'
  | 'dim'
  | 'highlight'
  | 'selectionFg'
  | 'selectionBg'
  | 'header'
  | 'error'
  | 'warn'
  | 'mark';
type YamlKey = 'key' | 'string' | 'number' | 'bool' | 'null' | 'comment' | 'punct';

/** The theme colours a skin sets; the rest come from the base theme. */
export interface ThemeColours extends Partial<Record<FlatKey, string>> {
  health?: Partial<Record<Health, string>>;
  yaml?: Partial<Record<YamlKey, string>>;
}

/** Which theme key each k9s skin colour fills, in order of preference (the first one present wins). */
const MAPPING: [string, string[]][] = [
  ['health.ok', ['views.table.fgColor', 'body.fgColor']],
  ['health.neutral', ['views.table.fgColor', 'body.fgColor']],
  ['health.error', ['frame.status.errorColor']],
  ['health.warn', ['frame.status.modifyColor']],
  ['health.pending', ['frame.status.pendingColor', 'frame.status.newColor']],
  ['health.done', ['frame.status.completedColor']],
  ['health.deleting', ['frame.status.killColor']],
  ['border', ['frame.border.fgColor']],
  ['title', ['frame.title.fgColor']],
  ['key', ['frame.menu.keyColor', 'help.keyColor']],
  ['dim', ['frame.menu.fgColor']],
  ['highlight', ['frame.title.highlightColor', 'frame.status.highlightColor']],
  ['selectionFg', ['views.table.cursorFgColor']],
  ['selectionBg', ['views.table.cursorBgColor']],
  ['header', ['views.table.header.fgColor', 'info.fgColor']],
  ['error', ['frame.status.errorColor']],
  ['warn', ['frame.status.highlightColor', 'frame.status.modifyColor']],
  ['mark', ['views.table.markColor']],
  ['yaml.key', ['views.yaml.keyColor']],
  ['yaml.string', ['views.yaml.valueColor']],
  ['yaml.number', ['views.yaml.valueColor']],
  ['yaml.bool', ['views.yaml.valueColor']],
  ['yaml.punct', ['views.yaml.colonColor']],
];

/** A k9s colour (`dodgerblue`, `#hex`, `default`, `-`) as kdeck writes it: #rrggbb, or '' for the terminal's own. */
export function k9sColour(c: unknown): string | undefined {
  if (typeof c !== 'string') return undefined;
  const s = c.trim().toLowerCase();
  if (s === 'default' || s === '-' || s === '') return '';
  if (/^#[0-9a-f]{6}$/.test(s)) return s;
  if (/^#[0-9a-f]{3}$/.test(s)) return `#${[...s.slice(1)].map((x) => x + x).join('')}`;
  return NAMED_COLOURS.get(s);
}

function lookup(root: Record<string, unknown>, path: string): unknown {
  let v: unknown = root;
  for (const p of path.split('.')) v = isMapping(v) ? v[p] : undefined;
  return v;
}

/** Every colour path of a skin (`frame.border.fgColor`), to name those kdeck has no place for. */
function colourPaths(v: unknown, prefix: string, out: string[]): void {
  if (!isMapping(v)) return;
  for (const [k, x] of Object.entries(v)) {
    const p = prefix ? `${prefix}.${k}` : k;
    if (isMapping(x)) colourPaths(x, p, out);
    else out.push(p);
  }
}

/** A k9s skin file (`k9s: {body, frame, views…}`) mapped onto kdeck's theme keys. */
export function parseK9sSkin(doc: unknown): Parsed<ThemeColours> {
  const out: Parsed<ThemeColours> = { value: {}, read: [], ignored: [] };
  if (!isMapping(doc) || !isMapping(doc.k9s))
    return { ...out, ignored: [{ entry: 'k9s', reason: 'bad value: a skin has its colours under k9s:' }] };
  const skin = doc.k9s;
  const used = new Set<string>();
  const bad = new Set<string>();
  for (const [target, sources] of MAPPING) {
    for (const src of sources) {
      const raw = lookup(skin, src);
      if (raw === undefined || raw === null) continue;
      const colour = k9sColour(raw);
      if (colour === undefined) {
        bad.add(src);
        continue;
      }
      used.add(src);
      const [a, b] = target.split('.') as [string, string | undefined];
      if (b) {
        const k = a as 'health' | 'yaml';
        out.value[k] = { ...out.value[k], [b]: colour };
      } else out.value[a as FlatKey] = colour;
      out.read.push(`k9s.${src} ${String(raw)} → ${target}`);
      break;
    }
  }
  const all: string[] = [];
  colourPaths(skin, '', all);
  for (const p of all) {
    if (used.has(p)) continue;
    if (bad.has(p))
      out.ignored.push({
        entry: `k9s.${p}`,
        reason: `bad value: "${String(lookup(skin, p))}" is not a colour`,
      });
    else if (!MAPPING.some(([, s]) => s.includes(p)))
      out.ignored.push({ entry: `k9s.${p}`, reason: 'kdeck has no such element' });
  }
  return out;
}
