import type { Key } from 'ink';

/** The key as Ink reports it, reduced to what the panels read. */
export type PanelKey = Partial<
  Pick<
    Key,
    | 'tab'
    | 'return'
    | 'escape'
    | 'upArrow'
    | 'downArrow'
    | 'pageUp'
    | 'pageDown'
    | 'home'
    | 'end'
    | 'backspace'
    | 'delete'
    | 'ctrl'
    | 'meta'
  >
>;

/** A row index kept within a table of `count` rows (0 when it is empty). */
export function clampSelection(selected: number, count: number): number {
  return count === 0 ? 0 : Math.max(0, Math.min(count - 1, selected));
}

/** j/k and arrows, g/G and home/end, page keys: the row they move to (unclamped), or undefined for any other key. */
export function movedSelection(
  selected: number,
  count: number,
  input: string,
  key: PanelKey,
): number | undefined {
  if (input === 'j' || key.downArrow) return selected + 1;
  if (input === 'k' || key.upArrow) return selected - 1;
  if (input === 'g' || key.home) return 0;
  if (input === 'G' || key.end) return count - 1;
  if (key.pageDown) return selected + 10;
  if (key.pageUp) return selected - 10;
  return undefined;
}
