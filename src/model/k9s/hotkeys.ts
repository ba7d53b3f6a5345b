import { type Ignored, isMapping, type Parsed, unknownKeys } from './entries.js';
import { shortcutKey } from './shortcut.js';

/** A key that runs a `:` command, from k9s's hotkeys.yaml. */
export interface Hotkey {
  name: string;
  key: string;
  shortCut: string;
  description: string;
  /** As typed after `:` (`pods kube-system`, `dp`). */
  command: string;
  /** Push onto the breadcrumbs instead of starting a new trail. */
  keepHistory: boolean;
  source: string;
}

const HOTKEY_KEYS = ['shortCut', 'description', 'command', 'keepHistory', 'override'];

/** k9s's hotkeys.yaml: `hotKeys: {name: {shortCut, description, command, keepHistory}}`. */
export function parseK9sHotkeys(doc: unknown, source: string): Parsed<Hotkey[]> {
  const out: Parsed<Hotkey[]> = { value: [], read: [], ignored: [] };
  if (doc === null || doc === undefined) return out;
  if (!isMapping(doc))
    return { ...out, ignored: [{ entry: '(top)', reason: 'bad value: should be a mapping' }] };
  out.ignored.push(...unknownKeys(doc, ['hotKeys'], ''));
  const raw = doc.hotKeys;
  if (raw === undefined || raw === null) return out;
  if (!isMapping(raw)) {
    out.ignored.push({ entry: 'hotKeys', reason: 'bad value: should be a mapping of name → hotkey' });
    return out;
  }
  for (const [name, h] of Object.entries(raw)) {
    const where = `hotKeys.${name}`;
    if (!isMapping(h)) {
      out.ignored.push({ entry: where, reason: 'bad value: not a mapping' });
      continue;
    }
    if (typeof h.shortCut !== 'string' || typeof h.command !== 'string' || h.command.trim() === '') {
      out.ignored.push({ entry: where, reason: 'needs a shortCut and a command' });
      continue;
    }
    const key = shortcutKey(h.shortCut);
    if ('error' in key) {
      out.ignored.push({ entry: `${where}.shortCut`, reason: key.error });
      continue;
    }
    const extra: Ignored[] = unknownKeys(h, HOTKEY_KEYS, where);
    if (h.override !== undefined)
      extra.push({
        entry: `${where}.override`,
        reason: 'unsupported feature: a hotkey never takes a key kdeck uses',
      });
    out.ignored.push(...extra);
    const command = h.command.trim();
    out.value.push({
      name,
      key: key.key,
      shortCut: h.shortCut,
      description: typeof h.description === 'string' && h.description ? h.description : `:${command}`,
      command,
      keepHistory: h.keepHistory === true,
      source,
    });
    out.read.push(`hotkey ${name} on ${key.key} → :${command}`);
  }
  return out;
}
