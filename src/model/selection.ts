import type { Row } from './table.js';

/** Which object a row shows: its uid, so a deleted and recreated namesake is another object; the key without one. */
export function rowId(row: Row): string {
  return row.object?.metadata?.uid ?? row.key;
}

/** The rows on screen when the cursor was last placed, and where it was. */
export interface PreviousSelection {
  rows: readonly Row[];
  index: number;
}

/**
 * Where the cursor is in `rows`: on the chosen object wherever it moved; when it is gone, on its
 * namesake (a StatefulSet pod recreated), else on its nearest neighbour in the previous order that is still there (the next one first, as deleting a
 * line in an editor does); else at the same index, clamped. Never silently the first row.
 */
export function resolveSelection(
  rows: readonly Row[],
  chosen: string | undefined,
  previous: PreviousSelection | undefined,
): number {
  if (rows.length === 0) return 0;
  if (chosen !== undefined) {
    const at = rows.findIndex((r) => rowId(r) === chosen);
    if (at >= 0) return at;
  }
  if (!previous || previous.rows.length === 0) return 0;
  const fallback = Math.max(0, Math.min(previous.index, rows.length - 1));
  // Only when the chosen row is gone: index the new rows once, then walk outwards from where it was.
  const where = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) where.set(rowId(rows[i]!), i);
  const prev = previous.rows;
  const was = prev[previous.index];
  if (was) {
    const namesake = rows.findIndex((r) => r.key === was.key);
    if (namesake >= 0) return namesake;
  }
  for (let d = 0; d < prev.length; d++) {
    for (const i of d === 0 ? [previous.index] : [previous.index + d, previous.index - d]) {
      const row = prev[i];
      if (!row) continue;
      const found = where.get(rowId(row));
      if (found !== undefined) return found;
    }
    if (previous.index + d >= prev.length && previous.index - d < 0) break;
  }
  return fallback;
}

/**
 * What a resource list keeps while it is off screen (under a dialog, behind describe or YAML), so
 * coming back finds the cursor, sort, marks and wide mode as they were.
 */
export interface ListMemory {
  chosen?: string;
  previous?: PreviousSelection;
  sort?: { column: number; descending: boolean };
  marks?: ReadonlySet<string>;
  wide?: boolean;
  faulty?: boolean;
}
