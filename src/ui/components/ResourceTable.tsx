import { Box, Text } from 'ink';
import { memo, useMemo, useRef } from 'react';
import { since } from '../../model/age.js';
import { type ColumnNeed, fitColumns } from '../../model/column-fit.js';
import type { Column, Row } from '../../model/table.js';
import type { Theme } from '../theme.js';

export interface ResourceTableProps {
  columns: readonly Column[];
  /** Already filtered and sorted. */
  rows: readonly Row[];
  /** Rows the column widths come from (default: rows); the unfiltered ones keep widths steady while filtering. */
  measureRows?: readonly Row[];
  selected: number;
  marks: ReadonlySet<string>;
  width: number;
  /** Lines available, header included. */
  height: number;
  theme: Theme;
  showNamespace: boolean;
  wide: boolean;
  sort?: { column: number; descending: boolean };
  /** Age columns of the rows on screen are recomputed for this time, so ages tick without re-rendering rows. */
  now?: number;
  /** Shown in place of rows when there are none. */
  empty?: string;
}

interface Layout {
  /** Indexes into the row cells, in display order. */
  cols: number[];
  widths: number[];
  nsWidth: number;
}

const GAP = 2;

/** Column widths from the widest cell of every row (not only the visible ones, so scrolling never jitters). */
function layout(
  columns: readonly Column[],
  rows: readonly Row[],
  wide: boolean,
  showNamespace: boolean,
  width: number,
  sortColumn?: number,
): Layout {
  const cols = columns.map((_, i) => i).filter((i) => wide || !columns[i]!.wide);
  // The sorted column's header carries an arrow: room for it, or "LAST SEEN↑" is cut to "LAST SEE…".
  const widths = cols.map((i) => columns[i]!.name.length + (i === sortColumn ? 1 : 0));
  let nsWidth = showNamespace ? 'NAMESPACE'.length : 0;
  for (const row of rows) {
    for (let j = 0; j < cols.length; j++) {
      const len = row.cells[cols[j]!]?.length ?? 0;
      if (len > widths[j]!) widths[j] = len;
    }
    if (showNamespace && (row.namespace?.length ?? 0) > nsWidth) nsWidth = row.namespace!.length;
  }
  // Too wide: what a reader misses least gives way first (model/column-fit.ts), NAME before STATUS or AGE.
  const gaps = (widths.length - 1 + (showNamespace ? 1 : 0)) * GAP + 2;
  const needs: ColumnNeed[] = [
    ...(showNamespace ? [{ natural: nsWidth, role: 'namespace' as const }] : []),
    ...widths.map((natural, j) => ({
      natural,
      role: columns[cols[j]!]!.name === 'NAME' ? ('name' as const) : undefined,
    })),
  ];
  const fitted = fitColumns(needs, width - gaps);
  if (showNamespace) nsWidth = fitted.shift()!;
  for (let j = 0; j < widths.length; j++) widths[j] = fitted[j]!;
  return { cols, widths, nsWidth };
}

function fit(text: string, width: number, align: 'left' | 'right' | undefined): string {
  if (text.length > width) return width <= 1 ? text.slice(0, width) : `${text.slice(0, width - 1)}…`;
  return align === 'right' ? text.padStart(width) : text.padEnd(width);
}

function line(
  row: Row,
  columns: readonly Column[],
  l: Layout,
  showNamespace: boolean,
  marked: boolean,
  now: number | undefined,
): string {
  let s = marked ? '▌ ' : '  ';
  if (showNamespace) s += fit(row.namespace ?? '', l.nsWidth, 'left') + ' '.repeat(GAP);
  for (let j = 0; j < l.cols.length; j++) {
    const i = l.cols[j]!;
    const t = row.sortValues?.[i];
    const cell =
      now !== undefined && columns[i]!.sort === 'age' && typeof t === 'number'
        ? since(t, now)
        : (row.cells[i] ?? '');
    s += fit(cell, l.widths[j]!, columns[i]!.align);
    if (j < l.cols.length - 1) s += ' '.repeat(GAP);
  }
  return s;
}

/** Scroll offset that keeps the selection in view, moving as little as possible. */
export function windowStart(selected: number, count: number, visible: number, previous = 0): number {
  if (count <= visible) return 0;
  let start = Math.min(previous, count - visible);
  if (selected < start) start = selected;
  if (selected >= start + visible) start = selected - visible + 1;
  return Math.max(0, start);
}

/** A windowed table: only the rows on screen are drawn. */
export const ResourceTable = memo(function ResourceTable(p: ResourceTableProps) {
  const measured = p.measureRows ?? p.rows;
  const l = useMemo(
    () => layout(p.columns, measured, p.wide, p.showNamespace, p.width, p.sort?.column),
    [p.columns, measured, p.wide, p.showNamespace, p.width, p.sort?.column],
  );
  const visible = Math.max(1, p.height - 1);
  const startRef = useRef(0);
  const start = windowStart(p.selected, p.rows.length, visible, startRef.current);
  startRef.current = start;
  const header = useMemo(() => {
    const names = l.cols.map((i, j) => {
      const arrow = p.sort?.column === i ? (p.sort.descending ? '↓' : '↑') : '';
      return fit(p.columns[i]!.name + arrow, l.widths[j]!, p.columns[i]!.align);
    });
    return `  ${p.showNamespace ? fit('NAMESPACE', l.nsWidth, 'left') + ' '.repeat(GAP) : ''}${names.join(' '.repeat(GAP))}`;
  }, [l, p.columns, p.sort, p.showNamespace]);
  const shown = p.rows.slice(start, start + visible);
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Text bold color={p.theme.header} wrap="truncate">
        {header}
      </Text>
      {shown.length === 0 ? (
        <Text color={p.theme.dim} wrap="truncate">
          {`  ${p.empty ?? 'No resources'}`}
        </Text>
      ) : (
        shown.map((row, k) => {
          const idx = start + k;
          const isSel = idx === p.selected;
          const marked = p.marks.has(row.key);
          const text = line(row, p.columns, l, p.showNamespace, marked, p.now);
          return (
            <Text
              key={row.key}
              wrap="truncate"
              color={isSel ? p.theme.selectionFg : marked ? p.theme.mark : p.theme.health[row.health]}
              backgroundColor={isSel ? p.theme.selectionBg || undefined : undefined}
              inverse={isSel && !p.theme.selectionBg}
            >
              {text}
            </Text>
          );
        })
      )}
    </Box>
  );
});
