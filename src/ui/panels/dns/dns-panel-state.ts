import { applyFilter, parseFilter } from '../../../model/filter.js';
import { sortRows } from '../../../model/sort.js';
import type { Column, Row } from '../../../model/table.js';
import { clampSelection, movedSelection, type PanelKey } from '../panel-keys.js';

/** Everything the panel remembers between keys. */
export interface DnsPanelState {
  selected: number;
  filter: string;
  /** The `/` input while it is being typed. */
  editing?: string;
  /** Column index and direction; undefined keeps the model's order (by name). */
  sort?: { column: number; descending: boolean };
  /** Row key whose explanation is open. */
  explaining?: string;
  wide: boolean;
}

export const initialDnsPanelState: DnsPanelState = { selected: 0, filter: '', wide: false };

/** The key as Ink reports it, reduced to what the panel reads. */
export type DnsKey = PanelKey;

/** While this holds, esc closes or clears something of the panel's, so the app must not take it. */
export function ownsEscape(s: DnsPanelState): boolean {
  return s.editing !== undefined || s.explaining !== undefined || s.filter !== '';
}

export function visibleRows(rows: readonly Row[], columns: readonly Column[], s: DnsPanelState): Row[] {
  const filtered = applyFilter(rows, parseFilter(s.filter), { namespace: true });
  return s.sort
    ? sortRows(filtered, columns, { column: s.sort.column, descending: s.sort.descending })
    : filtered;
}

export type DnsIntent = { open: string } | { refresh: true } | undefined;

/** What one key does: the next state, and what to ask of the app (open the source of a row, re-read). */
export function dnsPanelKey(
  s: DnsPanelState,
  input: string,
  key: DnsKey,
  rows: readonly Row[],
  columns: readonly Column[],
): { state: DnsPanelState; intent?: DnsIntent } {
  if (s.editing !== undefined) {
    if (key.escape) return { state: { ...s, editing: undefined } };
    if (key.return) return { state: { ...s, editing: undefined, filter: s.editing, selected: 0 } };
    if (key.backspace || key.delete) return { state: { ...s, editing: s.editing.slice(0, -1) } };
    if (!key.ctrl && !key.meta && input) return { state: { ...s, editing: s.editing + input } };
    return { state: s };
  }
  if (s.explaining !== undefined) {
    if (key.escape || input === 'w' || input === 'q') return { state: { ...s, explaining: undefined } };
    return { state: s };
  }
  const count = rows.length;
  const select = (n: number) => ({ state: { ...s, selected: clampSelection(n, count) } });
  const moved = movedSelection(s.selected, count, input, key);
  if (moved !== undefined) return select(moved);
  if (input === '/') return { state: { ...s, editing: s.filter } };
  if (key.ctrl && input === 'w') return { state: { ...s, wide: !s.wide } };
  if (input === 'w') {
    const row = rows[clampSelection(s.selected, count)];
    return row ? { state: { ...s, explaining: row.key } } : { state: s };
  }
  if (input === 'r') return { state: s, intent: { refresh: true } };
  if (input === '<' || input === '>') {
    const n = columns.length;
    const cur = s.sort?.column ?? -1;
    const column = input === '>' ? (cur + 1) % n : (cur - 1 + n) % n;
    return { state: { ...s, sort: { column, descending: false } } };
  }
  if (key.escape) return s.filter ? { state: { ...s, filter: '', selected: 0 } } : { state: s };
  if (key.return) {
    const row = rows[clampSelection(s.selected, count)];
    return row ? { state: s, intent: { open: row.key } } : { state: s };
  }
  return { state: s };
}
