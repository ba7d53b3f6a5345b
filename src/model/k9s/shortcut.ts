/** k9s's Shift-<digit> keys are the characters a US keyboard types (k9s's ui/key.go: Shift-1 is `!`). */
const SHIFTED_DIGITS = ')!@#$%^&*(';

/**
 * A k9s `shortCut` (`Ctrl-Y`, `Shift-E`, `Shift-1`, `g`) as kdeck names keys (`ctrl-y`, `shift-e`, `!`, `g`),
 * or why kdeck cannot bind it.
 */
export function shortcutKey(shortCut: string): { key: string } | { error: string } {
  const s = shortCut.trim();
  const m = /^(ctrl|shift|alt)-(.+)$/i.exec(s);
  if (!m) {
    if (s.length === 1 && s !== ':' && s !== '/') return { key: s };
    if (s.toLowerCase() === 'space') return { error: 'space marks rows in kdeck' };
    return { error: `key "${shortCut}" is not one kdeck can bind (a letter, a digit, Ctrl-X, Shift-X)` };
  }
  const mod = m[1]!.toLowerCase();
  const rest = m[2]!;
  if (mod === 'alt') return { error: `Alt keys are not supported (terminals send them as esc + key)` };
  if (rest.length !== 1) return { error: `key "${shortCut}" is not one kdeck can bind` };
  if (mod === 'ctrl') {
    if (!/[a-z]/i.test(rest)) return { error: `key "${shortCut}": Ctrl goes with a letter` };
    return { key: `ctrl-${rest.toLowerCase()}` };
  }
  if (/[0-9]/.test(rest)) return { key: SHIFTED_DIGITS[Number(rest)]! };
  if (/[a-z]/i.test(rest)) return { key: `shift-${rest.toLowerCase()}` };
  return { error: `key "${shortCut}" is not one kdeck can bind` };
}
