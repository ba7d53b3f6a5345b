import { parseQuantity } from './quantity.js';
import type { Column, Row } from './table.js';

export interface SortSpec {
  /** Column name (as in Column.name) or index into the columns. */
  column: string | number;
  descending?: boolean;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function numericKey(row: Row, i: number, kind: Column['sort']): number | undefined {
  const v = row.sortValues?.[i];
  if (typeof v === 'number') return v;
  const cell = row.cells[i] ?? '';
  if (kind === 'quantity') return parseQuantity(cell);
  if (kind === 'number') {
    const n = Number.parseFloat(cell);
    return Number.isNaN(n) ? undefined : n;
  }
  return undefined;
}

/**
 * Rows ordered by one column, stable: ages youngest first, numbers and quantities by value, text in natural
 * order (`web-2` before `web-10`). Values that are missing sort last; `descending` reverses the whole order.
 */
export function sortRows(rows: readonly Row[], columns: readonly Column[], spec: SortSpec): Row[] {
  const i = typeof spec.column === 'number' ? spec.column : columns.findIndex((c) => c.name === spec.column);
  const col = columns[i];
  if (!col) return rows.slice();
  const sign = spec.descending ? -1 : 1;
  const kind = col.sort ?? 'text';
  if (kind === 'text') {
    const keyed = rows.map((row) => {
      const v = row.sortValues?.[i];
      return { row, key: typeof v === 'string' ? v : (row.cells[i] ?? '') };
    });
    keyed.sort((a, b) => sign * collator.compare(a.key, b.key));
    return keyed.map((k) => k.row);
  }
  // Ages sort by creation time, newest (youngest) first.
  const direction = kind === 'age' ? -1 : 1;
  const keyed = rows.map((row) => ({ row, key: numericKey(row, i, kind) }));
  keyed.sort((a, b) => {
    if (a.key === undefined || b.key === undefined) {
      const missing = (a.key === undefined ? 1 : 0) - (b.key === undefined ? 1 : 0);
      return sign * missing;
    }
    return sign * direction * (a.key - b.key);
  });
  return keyed.map((k) => k.row);
}
