import type { Row } from './table.js';

/** What the table on screen depends on, for deciding whether a changed row can be swapped in without redrawing. */
export interface RowChangeContext {
  /** The chosen sort column; undefined: kubectl's namespace/name order. */
  sortColumn?: number;
  /** A text filter is on: its cached row texts must stay true, so the cells may not change. */
  textFilter: boolean;
  /** The widest cell of each column among the rows the widths are measured on. */
  widths: readonly number[];
  /** The row may be in the window on screen. */
  onScreen: boolean;
  /** Age columns: drawn from the sort value (creation time) at the moment of drawing, not from the cell. */
  ageColumns: readonly boolean[];
}

function sameValue(a: Row, b: Row, i: number, age: boolean): boolean {
  const av = a.sortValues?.[i];
  const bv = b.sortValues?.[i];
  if (av !== bv) return false;
  return (age && av !== undefined) || a.cells[i] === b.cells[i];
}

/** Whether two renderings of a row draw the same: cells (ages by their creation time) and colour. */
export function sameLook(a: Row, b: Row, ageColumns: readonly boolean[]): boolean {
  if (a.health !== b.health || a.cells.length !== b.cells.length) return false;
  for (let i = 0; i < a.cells.length; i++) if (!sameValue(a, b, i, ageColumns[i] === true)) return false;
  return true;
}

/**
 * Whether `next` can take `prev`'s place in the sorted, filtered rows as it is: same place in the order, same
 * filter result, no column wider, and nothing on screen different. Most watch events (status heartbeats,
 * labels, resourceVersion bumps) are such changes: they cost a row render, not a frame.
 */
export function absorbable(prev: Row, next: Row, ctx: RowChangeContext): boolean {
  if (prev.key !== next.key || prev.name !== next.name || prev.namespace !== next.namespace) return false;
  const look = sameLook(prev, next, ctx.ageColumns);
  if ((ctx.onScreen || ctx.textFilter) && !look) return false;
  if (look) return true;
  const c = ctx.sortColumn;
  if (c !== undefined && !sameValue(prev, next, c, ctx.ageColumns[c] === true)) return false;
  for (let i = 0; i < next.cells.length; i++)
    if ((next.cells[i]?.length ?? 0) > (ctx.widths[i] ?? 0)) return false;
  return true;
}

/** The widest cell of each column. */
export function cellWidths(columnCount: number, rows: readonly Row[]): number[] {
  const widths = new Array<number>(columnCount).fill(0);
  for (const row of rows)
    for (let i = 0; i < columnCount; i++) {
      const len = row.cells[i]?.length ?? 0;
      if (len > widths[i]!) widths[i] = len;
    }
  return widths;
}
