import { readFileSync } from 'node:fs';
import { useInput } from 'ink';
import { useMemo, useState } from 'react';
import type { Column, Row } from '../../model/table.js';
import { useServices } from '../app-context.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { TextView } from '../components/TextView.js';
import { deleteDump, listDumps } from '../dumps/dump-folder.js';

const COLUMNS: Column[] = [
  { name: 'NAME' },
  { name: 'SIZE', align: 'right', sort: 'number' },
  { name: 'AGE', sort: 'age' },
];

export interface ScreenDumpsViewProps {
  width: number;
  height: number;
  active: boolean;
  /** True while a dump is open: the view takes esc (back to the list) from the app. */
  onSearching(owns: boolean): void;
}

/** `:screendump` (`:sd`): the dumps in the dump folder, newest first; enter opens one, ctrl-d deletes it. */
export function ScreenDumpsView({ width, height, active, onSearching }: ScreenDumpsViewProps) {
  const { config, theme, flash } = useServices();
  const root = config.screenDumpDir ?? process.cwd();
  const [revision, setRevision] = useState(0);
  const [open, setOpen] = useState<{ name: string; lines: string[] } | undefined>();
  const [confirm, setConfirm] = useState<string | undefined>();
  // Read when opened and after each delete (revision counts the deletes).
  const dumps = useMemo(() => (revision >= 0 ? listDumps(root) : []), [root, revision]);
  useInput(
    (_input, key) => {
      if (!key.escape) return;
      setOpen(undefined);
      onSearching(false);
    },
    { isActive: active && open !== undefined },
  );
  const rows: Row[] = dumps.map((d) => ({
    key: d.path,
    name: d.name,
    cells: [d.name, String(d.size), ''],
    sortValues: [undefined, d.size, d.mtimeMs],
    health: 'neutral',
  }));
  if (open)
    return (
      <TextView
        title={open.name}
        lines={open.lines}
        width={width}
        height={height}
        active={active}
        theme={theme}
        hint="esc back to the dumps"
      />
    );
  return (
    <SimpleTable
      title={`screen dumps in ${root}`}
      columns={COLUMNS}
      rows={rows}
      width={width}
      height={height}
      active={active}
      theme={theme}
      now={Date.now()}
      footer={
        confirm
          ? ` delete ${confirm}? y deletes · any other key keeps it`
          : ` ${rows.length} dumps · enter open · ctrl-d delete · esc back`
      }
      onEnter={(row) => {
        try {
          setOpen({ name: row.name, lines: readFileSync(row.key, 'utf8').split(/\r?\n/) });
          onSearching(true);
        } catch (e) {
          flash(`cannot read ${row.key}: ${e instanceof Error ? e.message : String(e)}`, 'error');
        }
      }}
      onKey={(input, key, row) => {
        if (confirm) {
          if (input === 'y') {
            deleteDump(confirm);
            flash(`deleted ${confirm}`);
            setRevision((r) => r + 1);
          }
          setConfirm(undefined);
          return;
        }
        if (key.ctrl && input === 'd' && row) setConfirm(row.key);
      }}
    />
  );
}
