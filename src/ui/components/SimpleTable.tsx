import { Box, type Key, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import type { Column, Row } from '../../model/table.js';
import type { Theme } from '../theme.js';
import { ResourceTable } from './ResourceTable.js';

export interface SimpleTableProps {
  title: string;
  columns: Column[];
  rows: Row[];
  width: number;
  height: number;
  active: boolean;
  theme: Theme;
  footer?: string;
  onEnter?: (row: Row) => void;
  /** Other keys with the selected row. */
  onKey?: (input: string, key: Key, row: Row | undefined) => void;
  now?: number;
  /** Keys of marked rows (drawn with the mark bar). */
  marks?: ReadonlySet<string>;
}

const NO_MARKS: ReadonlySet<string> = new Set();

/** A titled table with its own selection, for lists that are not resources (contexts, requests, containers). */
export function SimpleTable(p: SimpleTableProps) {
  const [selected, setSelected] = useState(0);
  const shown = Math.max(0, Math.min(selected, p.rows.length - 1));
  // Keys that arrive together run before the next render: they see the cursor here.
  const cursor = useRef(shown);
  cursor.current = shown;
  const page = Math.max(1, p.height - 4);
  useInput(
    (input, key) => {
      const sel = cursor.current;
      const move = (i: number) => {
        cursor.current = Math.max(0, Math.min(p.rows.length - 1, i));
        setSelected(cursor.current);
      };
      if (key.downArrow || input === 'j') return move(sel + 1);
      if (key.upArrow || input === 'k') return move(sel - 1);
      if (input === 'g' || key.home) return move(0);
      if (input === 'G' || key.end) return move(p.rows.length - 1);
      if (key.pageDown || (key.ctrl && input === 'f')) return move(sel + page);
      if (key.pageUp || (key.ctrl && input === 'b')) return move(sel - page);
      const row = p.rows[sel];
      if (key.return && row) return p.onEnter?.(row);
      p.onKey?.(input, key, row);
    },
    { isActive: p.active },
  );
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <Text bold color={p.theme.title} wrap="truncate">{` ${p.title}`}</Text>
      <ResourceTable
        columns={p.columns}
        rows={p.rows}
        selected={shown}
        marks={p.marks ?? NO_MARKS}
        width={p.width}
        height={Math.max(2, p.height - 2)}
        theme={p.theme}
        showNamespace={false}
        wide
        now={p.now}
      />
      <Text color={p.theme.dim} wrap="truncate">
        {p.footer ?? ` ${p.rows.length} rows`}
      </Text>
    </Box>
  );
}
