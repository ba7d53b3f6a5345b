import type { IModes } from '@xterm/headless';

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';
const CURSOR_KEY = /\u001b\[([ABCDHF])/g;

/**
 * Adapts raw keystrokes from the user's terminal (normal cursor mode, bracketed paste on) to the
 * modes the program in the pane asked for: vim wants `ESC O A` for arrows once it sets DECCKM, and a
 * shell that never enabled bracketed paste must not see the paste markers.
 */
export function encodeInput(
  raw: string,
  modes: Pick<IModes, 'applicationCursorKeysMode' | 'bracketedPasteMode'>,
): string {
  let out = raw;
  if (modes.applicationCursorKeysMode) out = out.replace(CURSOR_KEY, '\x1bO$1');
  if (!modes.bracketedPasteMode) out = out.split(PASTE_START).join('').split(PASTE_END).join('');
  return out;
}
