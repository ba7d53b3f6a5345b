import { useEffect, useState } from 'react';
import type { Column, Row } from '../../model/table.js';
import { useServices } from '../app-context.js';
import { SimpleTable } from '../components/SimpleTable.js';
import { useNow } from '../hooks/use-now.js';

const COLUMNS: Column[] = [
  { name: 'TIME' },
  { name: 'METHOD' },
  { name: 'URL' },
  { name: 'STATUS', align: 'right' },
  { name: 'LATENCY', align: 'right' },
  { name: 'BYTES', align: 'right' },
];

/** Every API call kdeck made, newest first, as `kubectl -v=8` would log them. */
export function RequestsView({ width, height, active }: { width: number; height: number; active: boolean }) {
  const { requestLog, theme } = useServices();
  const [, setRev] = useState(0);
  useEffect(() => {
    let timer: NodeJS.Timeout | undefined;
    const unsub = requestLog.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = undefined;
        setRev((r) => r + 1);
      }, 250);
    });
    return () => {
      clearTimeout(timer);
      unsub();
    };
  }, [requestLog]);
  useNow(1000);
  const records = requestLog.list();
  const rows: Row[] = [...records].reverse().map((r) => ({
    key: String(r.id),
    name: r.url,
    cells: [
      new Date(r.startedAt).toISOString().slice(11, 23),
      r.method,
      r.url,
      r.status === 0 ? (r.error ? 'ERR' : '…') : String(r.status),
      `${r.latencyMs}ms`,
      String(r.bytes),
    ],
    health: r.error || r.status >= 400 ? 'error' : r.streaming && r.status > 0 ? 'pending' : 'neutral',
  }));
  const failed = records.filter((r) => r.error || r.status >= 400).length;
  return (
    <SimpleTable
      title={`API requests (${records.length}, ${failed} failed; streams stay open)`}
      columns={COLUMNS}
      rows={rows}
      width={width}
      height={height}
      active={active}
      theme={theme}
    />
  );
}
