import type { Column, Health, Row } from '../table.js';
import { refText } from './source-common.js';
import type { DnsRow, DnsStatus } from './types.js';

const health: Record<DnsStatus, Health> = {
  Synced: 'ok',
  Missing: 'warn',
  Drift: 'warn',
  Foreign: 'error',
  Orphaned: 'warn',
  Pending: 'pending',
  Filtered: 'neutral',
  Unmanaged: 'neutral',
  Unknown: 'neutral',
};

const statusOrder: Record<DnsStatus, number> = {
  Drift: 0,
  Foreign: 1,
  Missing: 2,
  Orphaned: 3,
  Pending: 4,
  Unknown: 5,
  Filtered: 6,
  Unmanaged: 7,
  Synced: 8,
};

/** The `:dns` table: one row per name and type; STATUS early so narrow terminals keep it, reasons last. */
export function dnsTable(
  rows: readonly DnsRow[],
  multiInstance: boolean,
): { columns: Column[]; rows: Row[] } {
  const columns: Column[] = [
    ...(multiInstance ? [{ name: 'INSTANCE' }] : []),
    { name: 'FQDN' },
    { name: 'TYPE' },
    { name: 'STATUS' },
    { name: 'DESIRED' },
    { name: 'ACTUAL' },
    { name: 'TTL', align: 'right', sort: 'number' },
    { name: 'OWNER' },
    { name: 'SOURCE' },
    { name: 'REASON' },
  ];
  const statusIndex = columns.findIndex((c) => c.name === 'STATUS');
  return {
    columns,
    rows: rows.map((r) => {
      const cells = [
        ...(multiInstance ? [r.instance] : []),
        r.fqdn,
        r.type,
        r.status,
        r.desired.join(',') || '-',
        r.actual.join(',') || '-',
        r.ttl,
        r.owner,
        r.source ? refText(r.source) : '',
        r.reason,
      ];
      const sortValues: (number | string | undefined)[] = cells.map(() => undefined);
      sortValues[statusIndex] = statusOrder[r.status];
      return {
        key: r.key,
        name: r.fqdn,
        namespace: r.source?.namespace,
        cells,
        sortValues,
        health: health[r.status],
      };
    }),
  };
}

/** "12 names: 9 Synced, 1 Drift, 2 Pending", for the panel header. */
export function dnsSummary(rows: readonly DnsRow[]): string {
  const counts = new Map<DnsStatus, number>();
  for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const parts = [...counts]
    .sort((a, b) => statusOrder[a[0]] - statusOrder[b[0]])
    .map(([s, n]) => `${n} ${s}`);
  return `${rows.length} row${rows.length === 1 ? '' : 's'}${parts.length ? `: ${parts.join(', ')}` : ''}`;
}
